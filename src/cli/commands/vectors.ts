import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { parseCommandArgs, ruleFolderOptions } from "../args.js";
import { spreadsheetSafe } from "../batch-io.js";
import { boundaryVectors, type BoundaryVector } from "../../analysis/vectors.js";
import { exampleVectors, type TestVector } from "../../testing/index.js";
import { ENGINE_ID } from "../../version.js";

const KINDS = ["hand", "generated", "all"] as const;
const FORMATS = ["json", "jsonl", "csv"] as const;

/** The `$schema` a `--format json` document points to: the schema shipped beside the package's vectors.json. */
export const VECTORS_SCHEMA = "https://unpkg.com/jjj-policy-rules/vectors.schema.json";

/** `vectors [--rule id…] [--kind hand|generated|all] [--format json|jsonl|csv]`: the test vectors as data. */
export const vectorsCommand: Command = {
  summary: "export the test vectors (hand-computed examples and generated boundary vectors) as JSON, JSON Lines or CSV",
  usage: `Usage: jjj-policy-rules vectors [--rule ID …] [--kind hand|generated|all] [--format json|jsonl|csv]

Prints the test vectors of the rules (default: all), so a suite in any language can check its own
implementation without Node. "hand" vectors are the worked examples, computed by hand from the source
text; "generated" ones are boundary vectors (each exact breakpoint ± one step, each validity edge) whose
expected results are this engine's decisions, marked "generated": true with the engine's version.
The JSON document follows vectors.schema.json, shipped in the package beside vectors.json.

Options:
  --rule <ID>         only this rule (repeat for several)
  --kind <KIND>       hand (default) | generated | all
  --format <FORMAT>   json (default): one document; jsonl: one vector a line; csv: one row a vector,
                      facts, expected and rejects as JSON in their cells
  --rules <dir>       use the rules of this folder instead of the shipped ones
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      rule: { type: "string", multiple: true },
      kind: { type: "string" },
      format: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")} (give rules with --rule)`);
    const kind = oneOf(values.kind ?? "hand", KINDS, "--kind");
    const format = oneOf(values.format ?? "json", FORMATS, "--format");
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    const set = engine.ruleSet;
    const ids = values.rule ?? set.ruleIds();
    const vectors: (TestVector | BoundaryVector)[] = [];
    for (const id of ids) {
      if (kind !== "generated") for (const v of set.versions(id)) vectors.push(...exampleVectors(v.file));
      if (kind !== "hand") vectors.push(...boundaryVectors(id, { engine }));
    }
    if (format === "json") io.stdout(JSON.stringify({ $schema: VECTORS_SCHEMA, engine: ENGINE_ID, ruleSetHash: `sha256:${set.hash}`, kind, count: vectors.length, vectors }, null, 1) + "\n");
    else if (format === "jsonl") io.stdout(vectors.map((v) => JSON.stringify(v) + "\n").join(""));
    else io.stdout(csv(vectors));
    return 0;
  },
};

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(", ")}, got "${value}" (${option} 只能取 ${allowed.join("、")})`);
  return value as T;
}

const COLUMNS = ["id", "ruleId", "version", "generated", "engine", "on", "description", "facts", "expected", "rejects"] as const;

/** RFC 4180: every cell quoted, quotes doubled, CRLF between rows; text made spreadsheet-safe as in every CSV of the CLI. */
function csv(vectors: readonly (TestVector | BoundaryVector)[]): string {
  const cell = (v: unknown) => `"${spreadsheetSafe(v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v)).replace(/"/g, '""')}"`;
  const rows = vectors.map((v) => {
    const r = v as unknown as Record<string, unknown>;
    return COLUMNS.map((c) => (c === "generated" ? cell(r.generated === true ? "true" : "false") : cell(r[c]))).join(",");
  });
  return [COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}
