import type { Command } from "../io.js";
import { json, parseCommandArgs, ruleFolderOptions } from "../args.js";
import { conditionCoverage, coverageTotals, type CoverageGoal, type VersionCoverage } from "../../testing/coverage.js";

/** `coverage [ruleId…] [--json]`: condition and branch coverage of the worked examples. */
export const coverageCommand: Command = {
  summary: "condition coverage (MC/DC) and branch coverage of the rules' worked examples",
  usage: `Usage: jjj-policy-rules coverage [ruleId…] [--json]

For every version of the rules named (default: all), over its worked examples: whether each condition
and each comparison inside it is true in some example and false in another, and shown to decide the
outcome alone (MC/DC; masking allowed), and whether each branch of the outcome is reached (below the
threshold, each band, the cap, a rounding tie, not in force). Goals no facts can reach are listed with
the reason and left out of the counts. Exit 0 when every goal is met, 3 when some are not.

Options:
  --json              print the full report as JSON
  --rules <dir>       use the rules of this folder instead of the shipped ones
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    const report = positionals.length === 0 ? conditionCoverage(undefined, engine) : positionals.flatMap((id) => conditionCoverage(id, engine));
    const totals = coverageTotals(report);
    if (values.json) {
      io.stdout(json({ totals, versions: report }));
      return totals.covered === totals.total ? 0 : 3;
    }
    const out: string[] = [];
    for (const v of report) {
      out.push(`${`${v.ruleId}@${v.version}`.padEnd(56)} ${`${v.covered}/${v.total}`.padStart(9)} ${`${v.percent}%`.padStart(5)}`);
      for (const line of gaps(v)) out.push(`    ${line}`);
    }
    out.push(
      `Total: ${totals.covered}/${totals.total} goals (${totals.percent}%), ${totals.complete} of ${totals.versions} rule versions complete` +
        ` (共 ${totals.versions} 个规则版本,${totals.complete} 个达到100%)`,
    );
    io.stdout(out.join("\n") + "\n");
    return totals.covered === totals.total ? 0 : 3;
  },
};

/** The goals not met, and those no facts can reach, one line each with the reason. */
function gaps(v: VersionCoverage): string[] {
  const line = (where: string, g: CoverageGoal) => `${g.unreachable ? "(unreachable) " : "missing: "}${where} ${g.goal}: ${g.why ?? ""}`;
  return [
    ...v.conditions.flatMap((c) => c.goals.filter((g) => !g.covered).map((g) => line(`${c.id}${c.pointer}`, g))),
    ...v.branches.filter((b) => !b.covered).map((b) => line("branch", b)),
  ];
}
