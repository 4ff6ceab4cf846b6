import { createReadStream } from "node:fs";
import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { parseCommandArgs, ruleFolderOptions } from "../args.js";
import { formatBytes, parseByteLimit, printable } from "../limits.js";
import { ndjsonLines } from "../../server/batch.js";
import { replayLine, type ReplayDifference } from "../../server/decision-log.js";
import { MAX_BATCH_LINE_BYTES } from "../../server/limits.js";

/** The exit code of `replay` when some logged decisions would now be different (or cannot be replayed). */
export const EXIT_DECISIONS_DIFFER = 3;

/** `replay <decisions.jsonl> [--rules <dir>] [--json]`: re-evaluate a decision log against the rules at hand. */
export const replayCommand: Command = {
  summary: "re-evaluate every decision of a decision log (serve --decision-log) and report those that would now differ",
  usage: `Usage: jjj-policy-rules replay <decisions.jsonl> [--rules <dir>] [--json]

Re-evaluates each decision of a decision log (written by "jjj-policy-rules serve --decision-log") against
the rules at hand: the same rule, facts, parameter overrides and version pin, on the date the logged
decision was made for. Prints each decision that would now differ (version, in force, applicable or
outcome), with what it was and what it would be; the audit trail after an amendment. The file is read
line by line, in bounded memory.

Options:
  --rules <dir>          replay against the rules of this folder (e.g. a proposed amendment)
  --json                 print one JSON line per difference instead of text
  --max-line-bytes <N>   the longest log line (default ${formatBytes(MAX_BATCH_LINE_BYTES)}); a longer one is reported

Exit codes: 0 every decision is the same now; ${EXIT_DECISIONS_DIFFER} some would differ or could not be replayed;
2 bad arguments or an unreadable file.

Example:
  jjj-policy-rules replay decisions.jsonl --rules proposed/rules
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" }, "max-line-bytes": { type: "string" } });
    const [file, ...rest] = positionals;
    if (!file) throw new UsageError("replay needs a decision log, e.g. replay decisions.jsonl");
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    const maxLineBytes = parseByteLimit(values["max-line-bytes"], "--max-line-bytes", MAX_BATCH_LINE_BYTES);
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    let replayed = 0;
    let differ = 0;
    try {
      for await (const l of ndjsonLines(createReadStream(file), maxLineBytes)) {
        if (l.text !== undefined && l.text.trim() === "") continue;
        replayed++;
        const d: ReplayDifference | undefined = l.tooLong
          ? { line: l.line, decisionId: null, ruleId: null, on: null, was: null, now: { error: { code: "line_too_long", message: "the line is longer than --max-line-bytes / 该行超过长度上限" } } }
          : replayLine(engine, l.text!, l.line);
        if (!d) continue;
        differ++;
        io.stdout(values.json ? `${JSON.stringify(d)}\n` : describe(d));
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") throw new UsageError(`cannot read ${printable(file)}: ${code} / 无法读取该文件`);
      throw error;
    }
    io.stderr(`replayed ${replayed} decisions against rule set ${engine.ruleSet.hash}: ${differ} would differ / 重放 ${replayed} 个决策，${differ} 个结果不同\n`);
    return differ > 0 ? EXIT_DECISIONS_DIFFER : 0;
  },
};

function describe(d: ReplayDifference): string {
  const head = `line ${d.line}${d.decisionId ? ` (decision ${d.decisionId})` : ""}${d.ruleId ? `: ${d.ruleId} on ${d.on}` : ""}`;
  const was = d.was ? `v${d.was.version}${d.was.inForce ? "" : " not in force"} ${JSON.stringify(d.was.outcome)}` : "(not a decision)";
  const now = "error" in d.now ? `error ${d.now.error.code}: ${printable(d.now.error.message)}` : `v${d.now.version}${d.now.inForce ? "" : " not in force"} ${JSON.stringify(d.now.outcome)}`;
  return `${head}\n  was: ${was}\n  now: ${now}\n`;
}
