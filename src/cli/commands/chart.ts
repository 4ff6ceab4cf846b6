import { writeFileSync } from "node:fs";
import { amountCurve } from "../../analysis/curve.js";
import { curveSvg } from "../../chart/svg.js";
import type { LoadedRuleVersion } from "../../engine/rule-version.js";
import { UnknownRuleError, didYouMean } from "../../errors.js";
import { languageOf, parseCommandArgs, parseJson, ruleFolderOptions } from "../args.js";
import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { MAX_INPUT_BYTES, formatBytes, parseByteLimit, printable } from "../limits.js";
import { parseVersion } from "./eval.js";

/** The input types a chart runs along. */
const CHART_INPUTS = ["money", "decimal", "rate", "integer"];

/** `chart <ruleId> --input <name> [--facts f.json] [--against V] [--svg out.svg]`: the SVG chart of an exact curve. */
export const chartCommand: Command = {
  summary: "draw one outcome field of a rule against a money or decimal input as an SVG chart (exact breakpoints)",
  usage: `Usage: jjj-policy-rules chart <ruleId> --input <name> [--facts <file.json | ->] [--field <name>] [--on YYYY-MM-DD]
                              [--rule-version N] [--against N] [--svg out.svg] [--lang zh|en]

Draws the exact curve of one outcome field (default: amount, else the first money field, else eligible)
along one money, decimal, rate or integer input, the other facts fixed (docs/chart.md, docs/analysis.md):
every piece a straight segment, each breakpoint labelled with the input and the value there, the facts'
own value of the input marked. With --against N, version N is drawn under it (dashed) and the stretches
of the input where the two versions decide differently are shaded.

Options:
  --input <name>        the input along which the curve runs, e.g. contractAmount
  --facts <file|->      the other facts, a JSON object ("-" reads stdin); default: the facts of the rule
                        version's first worked example
  --field <name>        the outcome field drawn
  --on <YYYY-MM-DD>     the evaluation date (default: today in Asia/Shanghai; with --rule-version, the
                        first day of that version)
  --rule-version <N>    draw this version
  --against <N>         also draw version N (evaluated on its first day of validity), the changes shaded
  --svg <file>          write the SVG to this file (default: print it on stdout)
  --lang <zh|en>        the language of the chart's words (default: from LC_ALL/LC_MESSAGES/LANG)
  --rules <dir>         use the rules of this folder instead of the shipped ones
  --max-input-bytes <N> the largest --facts input (default ${formatBytes(MAX_INPUT_BYTES)}); more exits 2

Exit codes: 0 the chart was written; 2 unknown rule, input or field, invalid facts, a rule that cannot be
analysed along the input, or bad arguments; 1 internal error.

Example:
  jjj-policy-rules chart sjz-2025/absorption-subsidy --input contractAmount --on 2025-06-01 --svg subsidy.svg
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      input: { type: "string" },
      facts: { type: "string" },
      field: { type: "string" },
      on: { type: "string" },
      "rule-version": { type: "string" },
      against: { type: "string" },
      svg: { type: "string" },
      "max-input-bytes": { type: "string" },
    });
    const maxInputBytes = parseByteLimit(values["max-input-bytes"], "--max-input-bytes", MAX_INPUT_BYTES);
    const [ruleId, ...rest] = positionals;
    if (!ruleId) throw new UsageError("chart needs a rule id, e.g. sjz-2025/absorption-subsidy / chart 需要规则编号");
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${printable(rest.join(" "))} / 多余的参数`);
    if (values.input === undefined) throw new UsageError("chart needs --input <name>, e.g. --input contractAmount / chart 需要 --input");
    const lang = languageOf(values, io);
    const version = values["rule-version"] === undefined ? undefined : parseVersion(values["rule-version"]);
    const against = values.against === undefined ? undefined : parseVersion(values.against);
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    let versions: readonly LoadedRuleVersion[];
    try {
      versions = engine.ruleSet.versions(ruleId);
    } catch (error) {
      if (!(error instanceof UnknownRuleError)) throw error;
      const hint = error.suggestion;
      throw new UsageError(`${printable(error.message)} (未知规则 ${printable(JSON.stringify(ruleId))}${hint ? `,是否要用 "${hint}"?` : ""}). See "jjj-policy-rules list".`);
    }
    const pick = (n: number) => {
      const found = versions.find((v) => v.file.version === n);
      if (!found) throw new UsageError(`${ruleId} has no version ${n}; versions: ${versions.map((v) => v.file.version).join(", ")} / 没有该版本`);
      return found;
    };
    const main = version !== undefined ? pick(version) : undefined;
    const on = values.on ?? main?.validFrom;
    const template = main ?? versions[versions.length - 1]!;
    const inputs = Object.entries(template.file.inputs).filter(([, spec]) => CHART_INPUTS.includes(spec.type)).map(([name]) => name);
    if (!inputs.includes(values.input)) {
      const hint = didYouMean(values.input, inputs);
      throw new UsageError(
        `${ruleId} has no money, decimal, rate or integer input ${printable(JSON.stringify(values.input))}${hint ? `; did you mean "${hint}"?` : ""}; inputs: ${inputs.join(", ") || "none"} (没有该数值输入${hint ? `,是否要用 "${hint}"?` : ""})`,
      );
    }
    let facts: unknown;
    if (values.facts !== undefined) facts = parseJson(await io.readText(values.facts, maxInputBytes), values.facts === "-" ? "stdin" : values.facts);
    else {
      const example = template.file.examples[0];
      if (!example) throw new UsageError(`${ruleId} has no worked example to take the other facts from: give --facts / 该规则没有算例,请给出 --facts`);
      facts = example.facts;
    }
    const options = { engine, ...(on !== undefined && { on }), ...(version !== undefined && { version }) };
    const curve = amountCurve(ruleId, facts, values.input, options);
    if (values.field !== undefined && !Object.hasOwn(curve.fields, values.field)) {
      const hint = didYouMean(values.field, Object.keys(curve.fields));
      throw new UsageError(`${ruleId} has no outcome field ${printable(JSON.stringify(values.field))}${hint ? `; did you mean "${hint}"?` : ""}; fields: ${Object.keys(curve.fields).join(", ")} (没有该结果字段)`);
    }
    const before = against === undefined ? undefined : amountCurve(ruleId, facts, values.input, { engine, version: against, on: pick(against).validFrom });
    const own = facts !== null && typeof facts === "object" ? (facts as Record<string, unknown>)[values.input] : undefined;
    const mark = typeof own === "string" || typeof own === "number" ? String(own) : undefined;
    const spec = template.file.inputs[values.input]!;
    const svg = curveSvg(curve, {
      lang,
      ...(values.field !== undefined && { field: values.field }),
      ...(before !== undefined && { against: before }),
      ...(mark !== undefined && /^-?\d+(\.\d+)?$/.test(mark) && { mark }),
      ...("label" in spec && spec.label ? { inputLabel: (spec.label as { zh: string; en: string })[lang] } : {}),
    });
    if (values.svg === undefined) {
      io.stdout(svg);
      return 0;
    }
    try {
      writeFileSync(values.svg, svg);
    } catch (error) {
      throw new UsageError(`cannot write ${printable(values.svg)}: ${printable((error as Error).message)} / 无法写入该文件`);
    }
    io.stderr(`chart: wrote ${printable(values.svg)} (${curve.ruleId} v${curve.version}${before ? ` against v${before.version}` : ""}, ${curve.input})\n`);
    return 0;
  },
};
