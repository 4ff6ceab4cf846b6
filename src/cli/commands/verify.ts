import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, parseCommandArgs, ruleFolderOptions } from "../args.js";
import { parseCount } from "./diff.js";
import { parseVersion } from "./eval.js";
import { printable } from "../limits.js";
import type { PropertyResult, VerifyReport, Witness } from "../../verify/index.js";

/** `verify [ruleId…] [--json]`: proven properties of rules, for every input (issue #14). */
export const verifyCommand: Command = {
  summary: "prove each rule's declared properties and that none of its logic is dead, for every input",
  usage: `Usage: jjj-policy-rules verify [ruleId…] [--rule-version N] [--json] [--timeout-ms N]

Proves, for every input rather than samples, the properties a rule declares (bounds of amounts, amounts
that do not fall as an input grows, shortfalls that are zero exactly when met) and that none of its logic
is dead (every condition both true and false, every branch and min/max side reachable); its versions
never overlap (checked when rules load). Every rule when no id is given. A refuted property is shown with
a counterexample: facts and a date on which the engine's own decision breaks it.
对每条规则,对所有输入(而非抽样)证明其声明的性质(金额上下界、金额随输入不减、差额为零当且仅当达标),
以及没有无效逻辑(每个条件可真可假,每个分支和 min/max 的每一侧都可达)。被否证的性质附反例:引擎对该事实和日期的判定。

Options:
  --rule-version <N>  verify this version only (with one rule id)
  --json              print the reports as JSON
  --timeout-ms <N>    milliseconds the solver may spend per question (default 30000); past it: unknown
  --rules <dir>       use the rules of this folder instead of the shipped ones

Exit codes: 0 every property proven; 3 a property refuted or undecided; 2 bad usage or unknown rule;
1 the verifier failed (a bug: the engine did not confirm a solver's model).
退出码:0 全部证明;3 有性质被否证或未能判定;2 用法错误或规则不存在;1 验证器自身出错。

Example:
  jjj-policy-rules verify sjz-2025/absorption-subsidy
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { "rule-version": { type: "string" }, json: { type: "boolean" }, "timeout-ms": { type: "string" } });
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    const ids = positionals.length > 0 ? positionals : engine.ruleSet.ruleIds();
    if (values["rule-version"] !== undefined && ids.length !== 1) throw new UsageError("--rule-version needs exactly one rule id / --rule-version 须且仅须一个规则 id");
    const version = values["rule-version"] === undefined ? undefined : parseVersion(values["rule-version"]);
    const timeoutMs = parseCount(values["timeout-ms"], "--timeout-ms");
    if (timeoutMs === 0) throw new UsageError("--timeout-ms must be at least 1 / --timeout-ms 至少为 1");
    for (const id of ids) engine.ruleSet.versions(id); // an unknown id fails before z3 starts
    // z3 (WebAssembly, ~35 MB) loads only when a proof is asked for.
    const { verifyRule, UnconfirmedModelError } = await import("../../verify/index.js");
    const reports: VerifyReport[] = [];
    try {
      for (const id of ids) reports.push(await verifyRule(id, { engine, ...(version !== undefined && { version }), ...(timeoutMs !== undefined && { timeoutMs }) }));
    } catch (error) {
      if (!(error instanceof UnconfirmedModelError)) throw error;
      io.stderr(`jjj-policy-rules verify: ${printable(error.message)}\n`);
      return 1;
    }
    const failed = reports.some((r) => r.refuted > 0 || r.unknown > 0);
    if (values.json) {
      io.stdout(json(reports.length === 1 ? reports[0] : reports));
      return failed ? 3 : 0;
    }
    io.stdout(reports.map(reportText).join("") + totals(reports));
    return failed ? 3 : 0;
  },
};

function facts(w: Witness): string {
  return `${JSON.stringify(w.facts)} on ${w.on} → ${JSON.stringify(w.shows)}`;
}

function propertyLines(p: PropertyResult): string {
  const head = `  ${p.status === "refuted" ? "REFUTED 否证" : "UNKNOWN 未判定"}: ${p.text.en} / ${p.text.zh}\n`;
  if (p.status === "unknown") return head + `    reason 原因: ${p.reason ?? ""}\n`;
  if (p.counterexample) return head + p.counterexample.map((w) => `    counterexample 反例: ${facts(w)}\n`).join("");
  return head + `    never reached: no input reaches it (dead logic) / 无任何输入可达(无效逻辑)${p.witness ? `; instead 例如: ${facts(p.witness)}` : ""}\n`;
}

function reportText(r: VerifyReport): string {
  let out = `${r.ruleId}: ${r.proven} proven 已证明, ${r.refuted} refuted 否证${r.unknown ? `, ${r.unknown} unknown 未判定` : ""} (${r.ms} ms)\n`;
  for (const v of r.versions) {
    if (v.notAnalysable) {
      out += `  v${v.version}: not analysable 无法精确分析 at ${v.notAnalysable.pointer}${v.notAnalysable.op ? ` (${v.notAnalysable.op})` : ""}: ${v.notAnalysable.reason}\n`;
      continue;
    }
    const bad = v.properties.filter((p) => p.status !== "proven");
    if (bad.length > 0) out += `  v${v.version}:\n` + bad.map(propertyLines).join("");
  }
  return out;
}

function totals(reports: readonly VerifyReport[]): string {
  const sum = (f: (r: VerifyReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const na = sum((r) => r.notAnalysable);
  return `\n${reports.length} rules 条规则: ${sum((r) => r.proven)} proven 已证明, ${sum((r) => r.refuted)} refuted 否证, ${sum((r) => r.unknown)} unknown 未判定${na ? `; ${na} versions not analysable 个版本无法精确分析` : ""}\n`;
}
