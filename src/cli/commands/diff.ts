import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, languageOf, parseCommandArgs, ruleFolderOptions } from "../args.js";
import { readRuleSetFrom } from "../read-rule-set.js";
import { MAX_UNPACKED_BYTES } from "../tar.js";
import { diffRules, parseRuleVersionRef } from "../../diff/rule-diff.js";
import { diffRuleSets } from "../../diff/set-diff.js";
import { formatRuleDiff, formatRuleSetDiff } from "../../diff/text.js";
import { InvalidArgumentError } from "../../errors.js";
import { MAX_RULE_FILE_BYTES, formatBytes, parseByteLimit, printable } from "../limits.js";
import { exactDiffs } from "../exact-diff.js";

/** Parse a positive count option. */
export function parseCount(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`${option} must be a whole number, got ${printable(JSON.stringify(text))} / ${option} 须为整数`);
  return n;
}

function ref(text: string) {
  try {
    return parseRuleVersionRef(text);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(error.message);
    throw error;
  }
}

/** `diff <ruleId>@<v1> <ruleId>@<v2>` and `diff --from <dir|tgz> --to <dir|tgz> [ruleId]`. */
export const diffCommand: Command = {
  summary: "compare two versions of a rule, or two rule sets: parameters, validity, logic and the cases that change",
  usage: `Usage: jjj-policy-rules diff <ruleId>@<v1> <ruleId>@<v2> [--json] [--no-exact] [--no-behaviour] [--max-cases N]
       jjj-policy-rules diff --from <dir | package.tgz> --to <dir | package.tgz> [<ruleId>] [--json] [--no-exact]

Compares two versions of a rule for a policy analyst: metadata (title, source quote, subjects, responsible
units), validity (dates, stated or inferred), parameters old → new with their units ("cap 500,000 →
800,000 yuan", "lowerBandRate 10% → 15%"), logic changes as paths into the JSON-logic, the exact change
regions (精确变化区域): for every input, the regions where the two versions decide differently, with exact
bounds, each field's change as a formula, and a witness evaluated by both versions; and behaviour:
both versions are evaluated, each on the first day of its own validity, on their worked examples and on
boundary cases generated from the parameters (each threshold and band limit of a numeric input, one fen
either side, and the points where an amount reaches its cap); every case whose outcome differs is listed
with both outcomes.

With --from and --to, compares two whole rule sets (two releases): rules added, removed and changed, each
changed or added version diffed as above. A tarball from "npm pack" is read in place (package/rules/).

Options:
  --from <dir|tgz>    the older rule set: a rules folder, a package folder, or a package .tgz
  --to <dir|tgz>      the newer rule set
                      with two <ruleId>@<v> arguments, the first is read from --from, the second from --to
  --json              print the diff as JSON
  --no-exact          do not compute the exact change regions (a rule the analysis cannot state says why)
  --no-behaviour      do not evaluate the versions on sampled cases (faster; no list of changed cases)
  --max-cases <N>     list at most N changed cases per version in the text (default: all)
  --lang <zh|en>      the text in Chinese or English (default: from LANG; --json carries both)
  --rules <dir>       use the rules of this folder instead of the shipped ones
  --max-archive-bytes <N>    the largest package .tgz, packed or unpacked (default ${formatBytes(MAX_UNPACKED_BYTES)})
  --max-rule-file-bytes <N>  the largest rule file, in a folder or a .tgz (default ${formatBytes(MAX_RULE_FILE_BYTES)})

Exit codes: 0 the diff was printed (whether or not anything changed); 2 unknown rule or version, or bad usage.

Examples:
  jjj-policy-rules diff sjz-2025/absorption-subsidy@1 sjz-2025/absorption-subsidy@2 --rules proposed/rules
  jjj-policy-rules diff --from jjj-policy-rules-0.1.0.tgz --to rules
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: "string" },
      to: { type: "string" },
      json: { type: "boolean" },
      "max-archive-bytes": { type: "string" },
      "no-behaviour": { type: "boolean" },
      "no-exact": { type: "boolean" },
      "max-cases": { type: "string" },
    });
    const maxCases = parseCount(values["max-cases"], "--max-cases");
    const lang = languageOf(values, io);
    const limits = { ...ruleFolderOptions(values), maxArchiveBytes: parseByteLimit(values["max-archive-bytes"], "--max-archive-bytes", MAX_UNPACKED_BYTES) };
    const behaviour = !values["no-behaviour"];
    const exact = !values["no-exact"];
    if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError("give both --from and --to");
    const sets = values.from !== undefined ? { from: await readRuleSetFrom(values.from, limits), to: await readRuleSetFrom(values.to!, limits) } : undefined;

    if (positionals.length === 2) {
      const [a, b] = positionals.map(ref) as [ReturnType<typeof ref>, ReturnType<typeof ref>];
      const setA = sets?.from.ruleSet ?? io.engine(values.rules, ruleFolderOptions(values)).ruleSet;
      const setB = sets?.to.ruleSet ?? io.engine(values.rules, ruleFolderOptions(values)).ruleSet;
      const diff = diffRules({ ruleSet: setA, ...a }, { ruleSet: setB, ...b }, { behaviour });
      const exacts = exact ? exactDiffs(setA, setB, lang) : undefined;
      const textOptions = { lang, ...(maxCases !== undefined && { maxCases }), ...(exacts && { beforeBehaviour: exacts.lines }) };
      io.stdout(values.json ? json(exacts ? exacts.rule(diff) : diff) : formatRuleDiff(diff, textOptions));
      return 0;
    }
    if (!sets) {
      throw new UsageError("diff needs two rule versions (<ruleId>@<v1> <ruleId>@<v2>) or two rule sets (--from <dir|tgz> --to <dir|tgz>)");
    }
    if (positionals.length > 1) throw new UsageError(`unexpected arguments: ${positionals.slice(1).join(" ")}`);
    const ruleId = positionals[0];
    if (ruleId !== undefined) {
      if (ruleId.includes("@")) throw new UsageError("with --from/--to give a rule id without @version, or two <ruleId>@<v> arguments");
      if (!sets.to.ruleSet.ruleIds().includes(ruleId)) sets.from.ruleSet.versions(ruleId); // in neither set: UnknownRuleError
    }
    const diff = diffRuleSets(sets.from.ruleSet, sets.to.ruleSet, {
      labels: { from: sets.from.label, to: sets.to.label },
      behaviour,
      ...(ruleId !== undefined && { ruleId }),
    });
    const exacts = exact ? exactDiffs(sets.from.ruleSet, sets.to.ruleSet, lang) : undefined;
    const withExact = exacts?.set(diff); // each version's exact diff, against the right set
    const textOptions = { lang, ...(maxCases !== undefined && { maxCases }), ...(exacts && { beforeBehaviour: exacts.lines }) };
    io.stdout(values.json ? json(withExact ?? diff) : formatRuleSetDiff(diff, textOptions));
    return 0;
  },
};
