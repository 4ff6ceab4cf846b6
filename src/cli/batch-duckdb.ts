import { extname } from "node:path";
import type { Engine } from "../api.js";
import { choose } from "../engine/choice.js";
import type { Decision, OutcomeValue } from "../engine/decision.js";
import { buildDecision, buildProvenance, decisionParts } from "../engine/decision-builder.js";
import { evaluationDate } from "../engine/evaluation-date.js";
import { notInForceDecision } from "../engine/not-in-force.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { identifier, textLiteral } from "../sql/dialect.js";
import { openDuckDb, type SqlChunk } from "../sql/duckdb.js";
import { toSql, type SqlQuery } from "../sql/to-sql.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./io.js";
import { EXIT_SOME_LINES_FAILED, MAX_ERROR_MESSAGES, describeLineError, jsonLine } from "./jsonl.js";
import { csvRow } from "./batch-io.js";
import { ByteSink } from "./byte-sink.js";
import { csvCell, decisionCsvColumns, decisionCsvErrorRow, decisionCsvRow } from "./decision-csv.js";
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
function source(file: string, version: LoadedRuleVersion): { sql: string; json: boolean; header?: true } {
  const path = textLiteral(file);
  const ext = extname(file).toLowerCase();
  const names = Object.keys(version.file.inputs);
  if (ext === ".csv") return { sql: `SELECT *, FALSE AS jjj_guard FROM read_csv(${path}, header = true, all_varchar = true)`, json: false, header: true };
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

const MARK = "\u0000jjj\u0000";

/** The facts of a refused row, as the engine would have read them from a JSON line (integers and booleans typed). */
function factsOf(version: LoadedRuleVersion, names: readonly string[], chunk: SqlChunk, r: number): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const v = chunk.value(i, r);
    if (v === null || v === undefined) return;
    const type = version.file.inputs[name]!.type;
    if (type === "integer" && typeof v === "string" && /^-?\d+$/.test(v)) facts[name] = Number(v);
    else if (type === "boolean" && (v === "true" || v === "false")) facts[name] = v === "true";
    else facts[name] = v;
  });
  return facts;
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
  const sink = new ByteSink(io);
  let failed = 0;
  let line = 0;
  try {
    const src = source(file, version);
    // Rows are numbered by their line in the file, as the JS path does: a CSV's first record is line 2
    // (a record with a line break inside a quoted cell shifts the later ones: docs/sql.md).
    if (src.header) line = 1;
    await db.run(`CREATE VIEW jjj_source AS ${src.sql}`);
    const present = new Set((await db.all("DESCRIBE jjj_source")).map((r) => String(r["column_name"])));
    const columns = names.map((n) => (present.has(n) ? identifier(n) : `NULL AS ${identifier(n)}`));
    const extra = ["jjj_guard", ...(src.json ? ["jjj_json"] : [])];
    await db.run(`CREATE VIEW facts AS SELECT ${[...columns, ...extra].join(", ")} FROM jjj_source`);
    const keep = [...names, ...extra];
    const query = toSql(ruleId, { engine, on, dialect: "duckdb", table: "facts", keep, ...(options.version !== undefined && { version: options.version }) });
    const guardAt = names.length;
    const render = format === "jsonl" ? jsonRenderer(engine, version, on, query) : csvRenderer(version, on, query);
    if (render.header !== undefined) sink.utf8(render.header);
    const errorAt = query.columns.findIndex((c) => c.role === "error");
    for await (const chunk of db.chunks(query.sql)) {
      for (let r = 0; r < chunk.rowCount; r++) {
        line++;
        if (chunk.value(errorAt, r) === null && chunk.value(guardAt, r) !== true) {
          render.row(sink, chunk, r, line);
          continue;
        }
        // Refused by the SQL, or facts whose JSON the SQL does not read as the engine does: the engine
        // answers (from the line as written, for JSON Lines), exactly as the JS path does.
        const facts = src.json ? (JSON.parse(String(chunk.value(guardAt + 1, r))) as unknown) : factsOf(version, names, chunk, r);
        try {
          const decision = engine.evaluate(ruleId, facts, { on, version: version.file.version, explain: false });
          render.decision(sink, decision, line);
        } catch (error) {
          failed++;
          if (failed <= MAX_ERROR_MESSAGES) io.stderr(`jjj-policy-rules eval: line ${line}: ${printable(describeLineError(error))}\n`);
          render.error(sink, line, error);
        }
      }
      if (sink.full) await sink.flush();
      if (sink.closed) break;
    }
    await sink.flush();
  } finally {
    sink.close();
    db.close();
  }
  if (failed > 0) {
    io.stderr(`jjj-policy-rules eval: ${failed.toLocaleString("en-US")} of ${line.toLocaleString("en-US")} lines failed\n`);
    return EXIT_SOME_LINES_FAILED;
  }
  return 0;
}


/** Prints one row of the result: a row SQL decided (read from the chunk), a decision or an error of the engine. */
interface Renderer {
  header?: string;
  row(sink: ByteSink, chunk: SqlChunk, r: number, line: number): void;
  decision(sink: ByteSink, decision: Decision, line: number): void;
  error(sink: ByteSink, line: number, error: unknown): void;
}

const bytes = (s: string): Buffer => Buffer.from(s, "utf8");
const TRUE = bytes("true");
const FALSE = bytes("false");
const NULL = bytes("null");

/** Value types whose SQL text is ASCII digits, sign and point: written as they come, without escaping. */
const NUMERIC_TEXT = new Set(["money", "decimal", "rate"]);

/** Texts of a segment kept per combination of its flags (at most 3^flags, and at most this many). */
const MAX_CACHED_SEGMENTS = 4096;
/** Flags in one segment at most: its key, a base-3 number, stays an exact integer. */
const MAX_FLAGS_PER_SEGMENT = 20;

/**
 * A stretch of the decision's JSON: constant text with boolean slots (applicable, conditions, boolean
 * outcomes) in it, up to the next value that is not a boolean. Its bytes depend only on those flags,
 * so they are built once per combination: a row is a few copies, whatever the number of conditions.
 */
interface Segment {
  flags: number[];
  cache: Map<number, Buffer>;
  render(key: number): Buffer;
  value?: { column: number; type: string };
}

function segmentsOf(pieces: readonly string[], slots: readonly number[], types: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  let texts: string[] = [pieces[0]!];
  let flags: number[] = [];
  const close = (value?: { column: number; type: string }) => {
    const parts = texts;
    const n = flags.length;
    segments.push({
      flags,
      cache: new Map(),
      render: (key) => {
        const digits: number[] = [];
        for (let i = 0; i < n; i++, key = Math.floor(key / 3)) digits.unshift(key % 3);
        let text = parts[0]!;
        for (let i = 0; i < n; i++) text += (digits[i] === 1 ? "true" : digits[i] === 0 ? "false" : "null") + parts[i + 1]!;
        return bytes(text);
      },
      ...(value && { value }),
    });
    texts = [];
    flags = [];
  };
  slots.forEach((column, i) => {
    if (types[i] === "boolean") {
      if (flags.length === MAX_FLAGS_PER_SEGMENT) {
        close(); // keys stay exact integers (3^20 < 2^53)
        texts.push("");
      }
      flags.push(column);
      texts.push(pieces[i + 1]!);
    } else {
      close({ column, type: types[i]! });
      texts.push(pieces[i + 1]!);
    }
  });
  texts[texts.length - 1] += "\n";
  close();
  return segments;
}

/** One computed value as the decision's JSON writes it. */
function writeJsonValue(sink: ByteSink, type: string, v: unknown): void {
  if (v === null || v === undefined) sink.bytes(NULL);
  else if (typeof v === "boolean") sink.bytes(v ? TRUE : FALSE);
  else if (NUMERIC_TEXT.has(type) && typeof v === "string") sink.ascii(`"${v}"`);
  else if (type === "integer" && (typeof v === "bigint" || typeof v === "number")) sink.ascii(String(v));
  else sink.utf8(JSON.stringify(v));
}

/** The JSON Lines of `eval --batch --no-explain`: decisions, and `{"line", "error"}` records. */
function jsonRenderer(engine: Engine, version: LoadedRuleVersion, on: string, query: SqlQuery): Renderer {
  const parts = decisionParts(version, version.params);
  const provenance = buildProvenance(version, engine.ruleSet.hash, on);
  const at = (name: string) => query.columns.findIndex((c) => c.name === name);
  const decision = (sink: ByteSink, d: Decision) => sink.utf8(jsonLine(d) + "\n");
  if (!query.inForce) {
    const constant = bytes(jsonLine(notInForceDecision(engine.ruleSet, version, on, parts, provenance, false)) + "\n");
    return { row: (sink) => sink.bytes(constant), decision, error: writeJsonError };
  }
  // The version's decision with a mark in each computed part, split at the marks into constant bytes.
  const outcome: Record<string, OutcomeValue> = {};
  for (const o of version.outcome) outcome[o.name] = MARK;
  const conditions = version.conditions.map(({ spec }) => ({ id: spec.id, label: spec.label, holds: MARK as unknown as boolean }));
  const pieces = jsonLine(buildDecision(version, on, parts, true, MARK as unknown as boolean, outcome, conditions, provenance)).split(JSON.stringify(MARK));
  // The order of the marks in the JSON: applicable, the outcome fields, the conditions.
  const slots = [at("applicable"), ...version.outcome.map((o) => at(`outcome.${o.name}`)), ...version.conditions.map((c) => at(`condition.${c.spec.id}`))];
  const types = ["boolean", ...version.outcome.map((o) => o.spec.type as string), ...version.conditions.map(() => "boolean")];
  if (pieces.length !== slots.length + 1) throw new Error("the decision template does not have one mark per computed part");
  const segments = segmentsOf(pieces, slots, types);
  return {
    row: (sink, chunk, r) => {
      for (const seg of segments) {
        let key = 0;
        for (const c of seg.flags) {
          const v = chunk.value(c, r);
          key = key * 3 + (v === true ? 1 : v === false ? 0 : 2);
        }
        let text = seg.cache.get(key);
        if (text === undefined) {
          text = seg.render(key);
          if (seg.cache.size < MAX_CACHED_SEGMENTS) seg.cache.set(key, text);
        }
        sink.bytes(text);
        if (seg.value !== undefined) writeJsonValue(sink, seg.value.type, chunk.value(seg.value.column, r));
      }
    },
    decision: (sink, d) => decision(sink, d),
    error: writeJsonError,
  };
}

/**
 * The `{"line", "error"}` record of a failed row, as the JSON Lines batch writes it.
 *
 * @example
 * writeJsonError(sink, 3, new Error("no")); // {"line":3,"error":{"code":"error","message":"no"}}
 */
export function writeJsonError(sink: ByteSink, line: number, error: unknown): void {
  const e = error as { code?: string; message?: string; issues?: unknown };
  sink.utf8(jsonLine({ line, error: { code: typeof e.code === "string" ? e.code : "error", message: String(e.message), ...(e.issues !== undefined && { issues: e.issues }) } }) + "\n");
}

/**
 * The error code and one-line message of a failed row, as the JS path's CSV writes them.
 *
 * @example
 * batchFailure(new Error("a\n  b")) //=> { code: "error", message: "a b" }
 */
export function batchFailure(error: unknown): { code: string; message: string } {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const flat = error instanceof Error && (error as { issues?: unknown }).issues === undefined ? error.message.split("\n").map((l) => l.trim()).filter(Boolean).join(" ") : describeLineError(error);
  return { code: typeof code === "string" ? code : "error", message: flat };
}

/** The CSV layout shared with the JS path (src/cli/decision-csv.ts). */
function csvRenderer(version: LoadedRuleVersion, on: string, query: SqlQuery): Renderer {
  const fields = version.outcome.map((o) => o.name);
  const types = version.outcome.map((o) => o.spec.type as string);
  const header = csvRow(decisionCsvColumns(fields)) + "\n";
  const at = fields.map((f) => query.columns.findIndex((c) => c.name === `outcome.${f}`));
  const app = query.columns.findIndex((c) => c.role === "applicable");
  // After the line number: ruleId, version, on and inForce, the same on every row.
  const lead = bytes("," + csvRow([version.file.id, String(version.file.version), on, String(query.inForce)]) + ",");
  const tail = bytes(",,\n");
  const COMMA = bytes(",");
  const cell = (sink: ByteSink, type: string, v: unknown) => {
    if (v === null || v === undefined) return;
    if (typeof v === "boolean") sink.bytes(v ? TRUE : FALSE);
    else if ((NUMERIC_TEXT.has(type) && typeof v === "string") || typeof v === "bigint") sink.ascii(String(v));
    else sink.utf8(csvRow([csvCell(v)]));
  };
  return {
    header,
    row: (sink, chunk, r, line) => {
      sink.ascii(String(line));
      sink.bytes(lead);
      cell(sink, "boolean", chunk.value(app, r));
      for (let i = 0; i < at.length; i++) {
        sink.bytes(COMMA);
        cell(sink, types[i]!, chunk.value(at[i]!, r));
      }
      sink.bytes(tail);
    },
    decision: (sink, d, line) => sink.utf8(csvRow(decisionCsvRow(line, d, fields)) + "\n"),
    error: (sink, line, error) => {
      const f = batchFailure(error);
      sink.utf8(csvRow(decisionCsvErrorRow(line, fields, f.code, f.message)) + "\n");
    },
  };
}
