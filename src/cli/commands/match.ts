import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, parseCommandArgs, parseJson, ruleFolderOptions } from "../args.js";
import type { MatchResult } from "../../match/match.js";
import type { Engine } from "../../api.js";
import { nearestChangesForMatch, type MeasureChange } from "../../analysis/match-changes.js";
import { runJsonlBatch } from "../jsonl.js";
import { MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_RULE_FILE_BYTES, formatBytes, parseByteLimit } from "../limits.js";

/** `match --profile p.json [--on D] [--json]`: every measure in force that concerns a subject. */
export const matchCommand: Command = {
  summary: "list every measure in force that concerns a subject profile, with outcomes and missing inputs",
  usage: `Usage: jjj-policy-rules match --profile <file.json | -> [--on YYYY-MM-DD] [--json]
       jjj-policy-rules match --batch <profiles.jsonl | -> [--on YYYY-MM-DD]

Lists every measure in force on the date that concerns the subject described by the profile, with the
outcome where the profile's facts decide it, and otherwise the inputs still missing (so a form knows what
to ask next). Says how benefits combine only where a text does.

A profile is a JSON object:
  {
    "type": "enterprise",            enterprise | state-owned-enterprise | university | research-institute |
                                     county-government | city-government | government-unit | researcher |
                                     research-project | intermediary | platform
    "city": "shijiazhuang",          lower-case pinyin (optional)
    "fields": ["biomedicine"],       fields of activity (optional)
    "facts": { "contractAmount": "3000000", "transferMode": "license", "sourceRegion": "tianjin" }
  }

Options:
  --profile <file|->   the profile ("-" reads stdin)
  --on <YYYY-MM-DD>    the date (default: today in Asia/Shanghai)
  --json               print the full result as JSON (default: a readable summary)
  --why-not            for each decided measure that does not apply, or leaves the subject not eligible
                       (a target not met), also give the nearest single change that would (exact, with
                       the engine's decision on the changed facts: docs/analysis.md); in JSON, as
                       "nearestChanges": [{ "ruleId", "goal", "field", "nearest", "changes" }]
  --batch <file|->     match every profile of a JSON Lines file: one JSON result per line, streamed;
                       a bad line is answered by {"line": N, "error": …} and reported on stderr
  --rules <dir>        use the rules of this folder instead of the shipped ones
  --max-input-bytes <N>  the largest --profile input (default ${formatBytes(MAX_INPUT_BYTES)}); more exits 2
  --max-line-bytes <N>   the longest --batch line (default ${formatBytes(MAX_LINE_BYTES)}); a longer line gets an
                         error record ("line_too_long") and the run goes on
  --max-rule-file-bytes <N>  the largest rule file under --rules (default ${formatBytes(MAX_RULE_FILE_BYTES)})

Exit codes: 0 matched (even if nothing concerns the subject); 2 invalid profile or usage;
3 (--batch) some lines failed.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      profile: { type: "string" },
      batch: { type: "string" },
      on: { type: "string" },
      json: { type: "boolean" },
      "why-not": { type: "boolean" },
      "max-input-bytes": { type: "string" },
      "max-line-bytes": { type: "string" },
    });
    const maxInputBytes = parseByteLimit(values["max-input-bytes"], "--max-input-bytes", MAX_INPUT_BYTES);
    const maxLineBytes = parseByteLimit(values["max-line-bytes"], "--max-line-bytes", MAX_LINE_BYTES);
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    if (values.batch !== undefined) {
      if (values.profile !== undefined) throw new UsageError("give either --profile or --batch, not both");
      const engine = io.engine(values.rules, ruleFolderOptions(values));
      const options = values.on !== undefined ? { on: values.on } : {};
      const each = (profile: unknown) => withChanges(engine.match(profile, options), values["why-not"], engine);
      return runJsonlBatch({ command: "match", input: values.batch, io, maxLineBytes, each });
    }
    if (values.profile === undefined) throw new UsageError("match needs --profile <file.json | -> or --batch <profiles.jsonl | ->");
    const profile = parseJson(await io.readText(values.profile, maxInputBytes), values.profile === "-" ? "stdin" : values.profile);
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    const result = withChanges(engine.match(profile, values.on !== undefined ? { on: values.on } : {}), values["why-not"], engine);
    io.stdout(values.json ? json(result) : summary(result));
    return 0;
  },
};

type MatchOutput = MatchResult & { nearestChanges?: MeasureChange[] };

/** The match result, with the nearest change of each measure that does not apply when asked (--why-not). */
function withChanges(result: MatchResult, whyNot: boolean | undefined, engine: Engine): MatchOutput {
  return whyNot ? { ...result, nearestChanges: nearestChangesForMatch(result, { engine }) } : result;
}

function summary(r: MatchOutput): string {
  const out: string[] = [];
  const where = [r.profile.type, r.profile.city, r.profile.fields?.join("/")].filter(Boolean).join(", ");
  out.push(`Measures in force on ${r.on} that concern ${where}: ${r.summary.total} (${r.summary.decided} decided, ${r.summary.needsInput} need input, ${r.summary.invalidInput} with invalid input)`);
  for (const m of r.measures) {
    out.push(`\n${m.ruleId}@${m.version}  [${m.kind}]  ${m.title.en}`);
    out.push(`  ${m.title.zh}`);
    out.push(`  why: ${m.reasons.map((x) => x.en).join("; ")}`);
    if (m.status === "decided") {
      out.push(`  outcome: ${Object.entries(m.outcome ?? {}).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(", ")}`);
    } else if (m.status === "needs-input") {
      out.push(`  still needs: ${m.missing.map((x) => `${x.name} (${x.type}${x.askFor === "facts" ? "" : `, profile ${x.askFor}`}: ${x.label.en})`).join("; ")}`);
    } else {
      out.push(`  invalid input: ${m.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    }
    const change = r.nearestChanges?.find((c) => c.ruleId === m.ruleId);
    if (change) {
      const goal = change.goal === "applicable" ? "apply / 适用" : `${change.field} / ${change.field === "met" ? "达标" : "符合条件"}`;
      if (change.nearest) out.push(`  nearest change (${goal}): ${change.nearest.text.en}`, `  最近的改变:${change.nearest.text.zh}`);
      else out.push(`  nearest change (${goal}): no single input's change reaches it / 单项改变均不能达到`);
    }
    if (m.responsibleUnits.length > 0) out.push(`  responsible: ${m.responsibleUnits.map((u) => u.zh).join("、")}`);
  }
  out.push(`\n${r.combinationNote.en}`);
  return out.join("\n") + "\n";
}
