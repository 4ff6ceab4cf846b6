import { extname } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { Engine } from "../api.js";
import { choose } from "../engine/choice.js";
import type { Decision, OutcomeValue } from "../engine/decision.js";
import { buildDecision, buildProvenance, decisionParts } from "../engine/decision-builder.js";
import { evaluationDate } from "../engine/evaluation-date.js";
import { notInForceDecision } from "../engine/not-in-force.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { identifier, textLiteral } from "../sql/dialect.js";
import { openDuckDb } from "../sql/duckdb.js";
import { toSql, type SqlQuery } from "../sql/to-sql.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./io.js";
import { EXIT_SOME_LINES_FAILED, LineWriter, MAX_ERROR_MESSAGES, describeLineError, jsonLine } from "./jsonl.js";
import { printable } from "./limits.js";

/*
 * `eval --batch <file> --engine duckdb` (issue #19): the whole file evaluated by the rule compiled to
 * SQL, in an embedded DuckDB that reads the file itself (CSV, Parquet, JSON Lines). Node only prints:
 * each decision is the version's constant JSON with the row's computed parts spliced in, the same
 * text `eval --batch --no-explain` prints. A row the SQL refuses (its error column) is handed to the
 * engine, whose error record (or decision) is printed, so refused rows read exactly as on the JS path.
 */

/** The output formats; `csv` uses the column layout shared with the JS path (#18). */
export type BatchFormat = "jsonl" | "csv";

export interface DuckDbBatchOptions {
  ruleId: string;
  file: string;
  format: BatchFormat;
  on?: string | undefined;
  version?: number | undefined;
  engine: Engine;
  io: CliIo;
}

/**
 * The facts of a file as a DuckDB query: one column per input, plus `jjj_guard` (true for a row SQL
 * must not decide: its JSON types are not those the engine takes, or it has other keys) and, for JSON
 * Lines, `jjj_json` (the line as written, for the engine to answer a guarded or refused row exactly).
 */
function source(file: string, version: LoadedRuleVersion): { sql: string; json: boolean } {
  const path = textLiteral(file);
  const ext = extname(file).toLowerCase();
  const names = Object.keys(version.file.inputs);
  if (ext === ".csv") return { sql: `SELECT *, FALSE AS jjj_guard FROM read_csv(${path}, header = true, all_varchar = true)`, json: false };
  if (ext === ".parquet") return { sql: `SELECT *, FALSE AS jjj_guard FROM read_parquet(${path})`, json: false };
  if (ext === ".jsonl" || ext === ".ndjson") {
    const cols: string[] = [];
    const guards: string[] = [`json_type(json) <> 'OBJECT'`, `len(list_filter(json_keys(json), k -> k NOT IN (${names.map(textLiteral).join(", ")}))) > 0`];
    for (const [name, spec] of Object.entries(version.file.inputs)) {
      const at = textLiteral(`$.${name}`);
      const type = `json_type(json, ${at})`;
      const text = `json_extract_string(json, ${at})`;
      if (spec.type === "enumList") {
        cols.push(`CASE WHEN ${type} = 'ARRAY' THEN json_transform(json_extract(json, ${at}), '["VARCHAR"]') END AS ${identifier(name)}`);
        guards.push(`${type} <> 'ARRAY'`);
        continue;
      }
      cols.push(`${text} AS ${identifier(name)}`);
      const numeric = `${type} IN ('UBIGINT', 'BIGINT', 'DOUBLE')`;
      if (spec.type === "integer") guards.push(`${type} NOT IN ('UBIGINT', 'BIGINT')`);
      else if (spec.type === "boolean") guards.push(`${type} <> 'BOOLEAN'`);
      else if (spec.type === "money" || spec.type === "decimal" || spec.type === "rate") {
        // A JSON number is read by the engine as a JS number: exact to 15 significant digits only.
        guards.push(`(${numeric} AND (NOT regexp_full_match(${text}, '-?[0-9]+(\.[0-9]+)?') OR length(regexp_replace(${text}, '[^0-9]', '', 'g')) > 15))`, `${type} NOT IN ('VARCHAR', 'UBIGINT', 'BIGINT', 'DOUBLE')`);
      } else guards.push(`${type} <> 'VARCHAR'`);
    }
    const guard = guards.map((g) => `COALESCE(${g}, FALSE)`).join(" OR ");
    return { sql: `SELECT json AS jjj_json, ${cols.join(", ")}, (${guard}) AS jjj_guard FROM read_ndjson_objects(${path})`, json: true };
  }
  throw new UsageError(`--engine duckdb reads .csv, .parquet, .jsonl or .ndjson files, got "${printable(file)}" / --engine duckdb 只读取 .csv、.parquet、.jsonl 或 .ndjson 文件`);
}

/** A decision's JSON split around its computed parts, so each row is a join of constant text and values. */
interface Template {
  pieces: string[];
}

const MARK = "\u0000jjj\u0000";

function decisionTemplate(decision: Decision): Template {
  return { pieces: jsonLine(decision).split(JSON.stringify(MARK)) };
}

/** The facts of a refused row, as the engine would have read them from a JSON line (integers and booleans typed). */
function factsOf(version: LoadedRuleVersion, names: readonly string[], row: readonly unknown[]): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const v = row[i];
    if (v === null || v === undefined) return;
    const type = version.file.inputs[name]!.type;
    if (type === "integer" && typeof v === "string" && /^-?\d+$/.test(v)) facts[name] = Number(v);
    else if (type === "boolean" && (v === "true" || v === "false")) facts[name] = v === "true";
    else facts[name] = v;
  });
  return facts;
}

/** JSON text of an outcome value read from SQL. */
function outcomeJson(type: string, v: unknown): OutcomeValue {
  if (v === null || v === undefined) return null;
  if (type === "integer") return Number(v);
  return v as OutcomeValue;
}

/**
 * Evaluate a rule over a whole file in DuckDB and print the decisions (JSON Lines or CSV). Resolves to
 * the exit code: 0, or {@link EXIT_SOME_LINES_FAILED} when some rows failed.
 *
 * @example
 * await runDuckDbBatch({ ruleId: "sjz-2025/absorption-subsidy", file: "contracts.parquet", format: "jsonl", engine, io });
 */
export async function runDuckDbBatch(options: DuckDbBatchOptions): Promise<number> {
  const { ruleId, file, format, engine, io } = options;
  const on = evaluationDate(options.on);
  const choice = choose(engine.ruleSet, ruleId, on, options.version);
  const version = choice.chosen ?? choice.template;
  const names = Object.keys(version.file.inputs);
  const db = await openDuckDb();
  const out = new LineWriter(io.stdout);
  let failed = 0;
  let line = 0;
  try {
    const src = source(file, version);
    await db.run(`CREATE VIEW jjj_source AS ${src.sql}`);
    const present = new Set((await db.all("DESCRIBE jjj_source")).map((r) => String(r["column_name"])));
    const columns = names.map((n) => (present.has(n) ? identifier(n) : `NULL AS ${identifier(n)}`));
    const extra = ["jjj_guard", ...(src.json ? ["jjj_json"] : [])];
    await db.run(`CREATE VIEW facts AS SELECT ${[...columns, ...extra].join(", ")} FROM jjj_source`);
    const keep = [...names, ...extra];
    const query = toSql(ruleId, { engine, on, dialect: "duckdb", table: "facts", keep, ...(options.version !== undefined && { version: options.version }) });
    const guardAt = names.length;
    const render = format === "jsonl" ? jsonRenderer(engine, version, on, query) : csvRenderer(version, on, query);
    if (format === "csv") await out.line(render.header!);
    const errorAt = query.columns.findIndex((c) => c.role === "error");
    for await (const rows of db.stream(query.sql)) {
      let text = "";
      for (const row of rows) {
        line++;
        if (row[errorAt] === null && row[guardAt] !== true) {
          text += render.row(row);
          continue;
        }
        // Refused by the SQL, or facts whose JSON the SQL does not read as the engine does: the engine
        // answers (from the line as written, for JSON Lines), exactly as the JS path does.
        const facts = src.json ? (JSON.parse(String(row[guardAt + 1])) as unknown) : factsOf(version, names, row);
        try {
          const decision = engine.evaluate(ruleId, facts, { on, version: version.file.version, explain: false });
          text += render.decision(decision, line);
        } catch (error) {
          failed++;
          const e = error as { code?: string; message?: string; issues?: unknown };
          if (failed <= MAX_ERROR_MESSAGES) io.stderr(`jjj-policy-rules eval: line ${line}: ${printable(describeLineError(error))}\n`);
          text += render.error(line, e);
        }
      }
      await out.line(text.replace(/\n$/, ""));
      if (out.closed) break;
    }
    await out.flush();
  } finally {
    out.close();
    db.close();
  }
  if (failed > 0) {
    io.stderr(`jjj-policy-rules eval: ${failed.toLocaleString("en-US")} of ${line.toLocaleString("en-US")} lines failed\n`);
    return EXIT_SOME_LINES_FAILED;
  }
  return 0;
}

interface Renderer {
  header?: string;
  row(row: readonly unknown[]): string;
  decision(decision: Decision, line: number): string;
  error(line: number, error: { code?: string; message?: string; issues?: unknown }): string;
}

/** The JSON Lines of `eval --batch --no-explain`: decisions, and `{"line", "error"}` records. */
function jsonRenderer(engine: Engine, version: LoadedRuleVersion, on: string, query: SqlQuery): Renderer {
  const parts = decisionParts(version, version.params);
  const provenance = buildProvenance(version, engine.ruleSet.hash, on);
  const at = (name: string) => query.columns.findIndex((c) => c.name === name);
  if (!query.inForce) {
    const constant = jsonLine(notInForceDecision(engine.ruleSet, version, on, parts, provenance, false)) + "\n";
    return { row: () => constant, decision: (d) => jsonLine(d) + "\n", error: jsonError };
  }
  const outcome: Record<string, OutcomeValue> = {};
  for (const o of version.outcome) outcome[o.name] = MARK;
  const conditions = version.conditions.map(({ spec }) => ({ id: spec.id, label: spec.label, holds: MARK as unknown as boolean }));
  const template = decisionTemplate(buildDecision(version, on, parts, true, MARK as unknown as boolean, outcome, conditions, provenance));
  // The order of the marks in the JSON: applicable, the outcome fields, the conditions.
  const slots = [at("applicable"), ...version.outcome.map((o) => at(`outcome.${o.name}`)), ...version.conditions.map((c) => at(`condition.${c.spec.id}`))];
  const types = ["boolean", ...version.outcome.map((o) => o.spec.type), ...version.conditions.map(() => "boolean")];
  const pieces = template.pieces;
  if (pieces.length !== slots.length + 1) throw new Error("the decision template does not have one mark per computed part");
  return {
    row: (row) => {
      let text = pieces[0]!;
      for (let i = 0; i < slots.length; i++) text += JSON.stringify(outcomeJson(types[i]!, row[slots[i]!])) + pieces[i + 1]!;
      return text + "\n";
    },
    decision: (d) => jsonLine(d) + "\n",
    error: jsonError,
  };
}

function jsonError(line: number, e: { code?: string; message?: string; issues?: unknown }): string {
  return jsonLine({ line, error: { code: typeof e.code === "string" ? e.code : "error", message: String(e.message), ...(e.issues !== undefined && { issues: e.issues }) } }) + "\n";
}

/** The CSV layout shared with the JS path: line, ruleId, version, on, inForce, applicable, outcome.<field>…, error.code, error.message. */
function csvRenderer(version: LoadedRuleVersion, on: string, query: SqlQuery): Renderer {
  const fields = version.outcome.map((o) => o.name);
  const header = stringify([["line", "ruleId", "version", "on", "inForce", "applicable", ...fields.map((f) => `outcome.${f}`), "error.code", "error.message"]]).replace(/\n$/, "");
  const cell = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "boolean" ? String(v) : Array.isArray(v) ? JSON.stringify(v) : String(v));
  const at = fields.map((f) => query.columns.findIndex((c) => c.name === `outcome.${f}`));
  const app = query.columns.findIndex((c) => c.role === "applicable");
  let line = 0;
  const head = () => [String(++line), version.file.id, String(version.file.version), on];
  return {
    header,
    row: (row) => stringify([[...head(), String(query.inForce), cell(row[app]), ...at.map((i) => cell(row[i])), "", ""]]),
    decision: (d, n) => {
      line = n - 1;
      return stringify([[...head(), String(d.inForce), String(d.applicable), ...fields.map((f) => cell(d.outcome[f])), "", ""]]);
    },
    error: (n, e) => {
      line = n;
      return stringify([[String(n), version.file.id, String(version.file.version), on, "", "", ...fields.map(() => ""), String(e.code ?? "error"), String(e.message)]]);
    },
  };
}
