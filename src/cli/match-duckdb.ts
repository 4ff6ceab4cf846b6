import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { Engine } from "../api.js";
import type { OutcomeValue } from "../engine/decision.js";
import { evaluationDate } from "../engine/evaluation-date.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { RuleSet } from "../engine/rule-set.js";
import { matchInSet, type MatchOptions, type PrecomputedDecisions } from "../match/match.js";
import { BROADER_TYPES } from "../match/profile-check.js";
import { rankMatch } from "../match/rank.js";
import type { InputSpec, RuleKind } from "../schema/rule-file.js";
import { SUBJECT_TYPES } from "../schema/values.js";
import { identifier, textLiteral } from "../sql/dialect.js";
import { openDuckDb, type DuckDbSession } from "../sql/duckdb.js";
import { toSql } from "../sql/to-sql.js";
import { batchFailure, writeJsonError, type BatchFormat } from "./batch-duckdb.js";
import { csvRow } from "./batch-io.js";
import { ByteSink } from "./byte-sink.js";
import { PROFILE_COLUMNS, profileOfRow, setInputTypes } from "./csv-cells.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./io.js";
import { EXIT_SOME_LINES_FAILED, MAX_ERROR_MESSAGES, describeLineError, jsonLine } from "./jsonl.js";
import { MATCH_CSV_COLUMNS, matchCsvErrorRow, matchCsvRows, withNearestChanges } from "./match-ranked.js";
import { printable } from "./limits.js";

/*
 * `match --batch <file> --engine duckdb` (issue #19): the profiles of a whole file matched with every
 * measure's decision computed in an embedded DuckDB, by the rules compiled to SQL. DuckDB reads the file
 * (CSV, Parquet, JSON Lines), numbers its rows, and for each version in force on the date computes the
 * decision of every row that may concern it (its subject types and places) and gives every input it needs;
 * the rows come back in file order, each with the decisions of its versions. Node parses each profile and
 * runs the match itself (which measures concern the profile, what is missing, the ranking, the texts),
 * taking a measure's `applicable` and outcome from the SQL only when the SQL read exactly the facts the
 * match gives that measure (`sameFacts`, by type, value for value) and raised no error; in any other case
 * (a fact the SQL read otherwise, a refused row, a profile with a date of its own) the engine decides, so
 * the output is the JS path's byte for byte (tests/sql/match-duckdb.test.ts).
 */

/**
 * The memory DuckDB may use in `match --batch --engine duckdb` (its buffer of the profiles' table and the
 * streams); the table itself is on disk, in a temporary directory removed at the end.
 *
 * @example
 * MATCH_MEMORY_LIMIT //=> "512MB"
 */
export const MATCH_MEMORY_LIMIT = "512MB";

/** What {@link runDuckDbMatch} needs. */
export interface DuckDbMatchOptions {
  file: string;
  format: BatchFormat;
  /** The date of `--on`; without it each profile's own `on`, then today (only today's decisions come from SQL). */
  on?: string | undefined;
  kind?: readonly RuleKind[] | undefined;
  document?: readonly string[] | undefined;
  /** `--why-not`: the nearest changes of every decided measure, computed by the engine. */
  whyNot: boolean;
  engine: Engine;
  io: CliIo;
  /** Counts, for tests and the curious: measures decided from the SQL, and by the engine (every other decided measure). */
  stats?: { sql: number; engine: number };
}

/** One version's decision of one row, as the query gives it. */
interface SqlDecision {
  error: string | null;
  applicable: boolean | null;
  out: (string | null)[];
  ins: (string | null)[];
}

/** The file as rows of text cells (CSV, Parquet) or of JSON objects (`jjj_json`), and how to read a profile field or fact from them. */
interface ProfileSource {
  sql: string;
  json: boolean;
  header: boolean;
}

async function profileSource(db: DuckDbSession, file: string, set: RuleSet): Promise<ProfileSource> {
  const path = textLiteral(file);
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return { sql: `SELECT * FROM read_csv(${path}, header = true, all_varchar = true)`, json: false, header: true };
  if (ext === ".jsonl" || ext === ".ndjson") {
    // The line for Node, and what the versions read from it in columns of their own, extracted once (one
    // parse of each line for all paths: a path each would hold a parse each): a version's stream then
    // reads its few columns, not every profile's JSON.
    const texts = ["type", "city"];
    const lists = ["fields"];
    for (const [name, isList] of factInputs(set)) (isList ? lists : texts).push(`facts.${name}`);
    const paths = (keys: string[]) => `[${keys.map((k) => textLiteral(`$.${k}`)).join(", ")}]`;
    const cols = [
      "jjj_json",
      ...texts.map((k, i) => `jjj_texts[${i + 1}] AS ${identifier(`jjj_${k}`)}`),
      ...lists.map((k, i) => `CASE WHEN json_type(jjj_lists[${i + 1}]) = 'ARRAY' THEN json_transform(jjj_lists[${i + 1}], '["VARCHAR"]') END AS ${identifier(`jjj_${k}`)}`),
    ];
    const read = `SELECT json AS jjj_json, json_extract_string(json, ${paths(texts)}) AS jjj_texts, json_extract(json, ${paths(lists)}) AS jjj_lists FROM read_ndjson_objects(${path})`;
    return { sql: `SELECT ${cols.join(", ")} FROM (${read})`, json: true, header: false };
  }
  if (ext === ".parquet") {
    // Each column as the text of a CSV cell: a list comma-separated (`[]` when empty), anything else cast.
    const described = await db.all(`DESCRIBE SELECT * FROM read_parquet(${path})`);
    const cells = described.map((r) => {
      const name = identifier(String(r["column_name"]));
      return String(r["column_type"]).endsWith("[]") ? `CASE WHEN len(${name}) = 0 THEN '[]' ELSE array_to_string(${name}, ',') END AS ${name}` : `CAST(${name} AS VARCHAR) AS ${name}`;
    });
    return { sql: `SELECT ${cells.join(", ")} FROM read_parquet(${path})`, json: false, header: false };
  }
  throw new UsageError(`--engine duckdb reads .csv, .parquet, .jsonl or .ndjson files, got "${printable(file)}" / --engine duckdb 只读取 .csv、.parquet、.jsonl 或 .ndjson 文件`);
}

/** Every fact input of the set (not read from the profile's type, city or fields), and whether some rule takes it as a list. */
function factInputs(set: RuleSet): Map<string, boolean> {
  const inputs = new Map<string, boolean>();
  for (const v of set.list()) {
    for (const [name, spec] of Object.entries(v.file.inputs)) if (!spec.fromProfile) inputs.set(name, (inputs.get(name) ?? false) || spec.type === "enumList");
  }
  return inputs;
}

/** A comma-separated cell as a list (`[]` the empty list), as the CSV reader of the JS path splits it. */
const cellList = (cell: string) => `CASE WHEN trim(${cell}) = '[]' THEN CAST([] AS VARCHAR[]) ELSE list_transform(string_split(${cell}, ','), s -> trim(s)) END`;

/**
 * How one version's inputs are read from the profile rows: SQL giving each input as text (a list for
 * enumList), the way the compiled rule reads a fact. Only a first guess at the match's facts: `sameFacts`
 * checks it row by row, and the engine decides wherever the guess was wrong.
 */
function inputTexts(version: LoadedRuleVersion, src: ProfileSource, columns: readonly string[]): string[] {
  const cell = (name: string) => (columns.includes(name) ? `NULLIF(${identifier(name)}, '')` : "NULL");
  return Object.entries(version.file.inputs).map(([name, spec]) => {
    if (spec.fromProfile === "type" || spec.fromProfile === "city") return src.json ? `jjj_${spec.fromProfile}` : cell(spec.fromProfile);
    if (spec.fromProfile === "fields") return mappedFields(src.json ? "jjj_fields" : `CASE WHEN ${cell("fields")} IS NOT NULL THEN ${cellList(cell("fields"))} END`, spec);
    if (src.json) return identifier(`jjj_facts.${name}`);
    // The later of `facts.<name>` and `<name>` (a profile column is never a fact) wins, as in factsOfRow.
    const named = columns.filter((c) => c === `facts.${name}` || (c === name && !(PROFILE_COLUMNS as readonly string[]).includes(c)));
    const text = named.length === 0 ? "NULL" : `COALESCE(${named.map(cell).reverse().join(", ")})`;
    return spec.type === "enumList" ? `CASE WHEN ${text} IS NOT NULL THEN ${cellList(text)} END` : text;
  });
}

/** The profile's fields as the rule reads them (match.ts `profileValue`): unknown ones as `other` when the rule has it, else dropped; each once, first place kept. */
function mappedFields(list: string, spec: InputSpec): string {
  const known = Object.keys(spec.values ?? {});
  const other = known.includes("other") ? "'other'" : "NULL";
  const keep = known.length > 0 ? `f IN (${known.map(textLiteral).join(", ")})` : "FALSE";
  const mapped = `list_filter(list_transform(${list}, f -> CASE WHEN ${keep} THEN f ELSE ${other} END), x -> x IS NOT NULL)`;
  return `list_filter(${mapped}, (x, i) -> list_position(${mapped}, x) = i)`;
}

/** The profile types a version may concern (its own, and the narrower types that count as one of them). */
function concernedTypes(version: LoadedRuleVersion): string[] {
  const wanted = new Set<string>(version.file.subjects.types);
  return (SUBJECT_TYPES as readonly string[]).filter((t) => wanted.has(t) || (BROADER_TYPES[t] ?? []).some((b) => wanted.has(b)));
}

/**
 * Whether the SQL read, for one version, exactly the facts the match gives it: same inputs present, each
 * of the JSON type the engine takes that the SQL's text stands for (integers and booleans as such, money
 * as text or a number written in at most 15 digits, lists of text), and the same value.
 */
export function sameFacts(version: LoadedRuleVersion, facts: Readonly<Record<string, unknown>>, texts: readonly (string | null)[]): boolean {
  let i = 0;
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    const text = texts[i++];
    const value = Object.prototype.hasOwnProperty.call(facts, name) ? facts[name] : undefined;
    if (value === undefined || text === null || text === undefined) {
      if (value !== undefined || (text !== null && text !== undefined)) return false;
      continue;
    }
    if (!sameValue(spec.type, value, text)) return false;
  }
  return i === texts.length;
}

const PLAIN_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

function sameValue(type: InputSpec["type"], value: unknown, text: string): boolean {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value) && String(value) === text;
    case "boolean":
      return typeof value === "boolean" && String(value) === text;
    case "money":
    case "decimal":
    case "rate":
      if (typeof value === "string") return value === text;
      // A JSON number is read by the engine as a JS number: the same only where its shortest text is the SQL's.
      return typeof value === "number" && String(value) === text && PLAIN_NUMBER.test(text) && text.replace(/[^0-9]/g, "").length <= 15;
    case "enumList": {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return false;
      let list: unknown;
      try {
        list = JSON.parse(text);
      } catch {
        return false;
      }
      return Array.isArray(list) && list.length === value.length && list.every((v, j) => v === value[j]);
    }
    default:
      return typeof value === "string" && value === text;
  }
}

/** An outcome field's text from the SQL as the decision holds it, or undefined when it cannot be read back exactly. */
function outcomeValue(type: string, text: string | null): OutcomeValue | undefined {
  if (text === null) return null;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : undefined;
  if (type === "integer") {
    const n = Number(text);
    return Number.isSafeInteger(n) && String(n) === text ? n : undefined;
  }
  return text;
}

/** The query of one version's decisions: a row per profile row it may concern, with its inputs' texts. */
function versionQuery(engine: Engine, version: LoadedRuleVersion, k: number, on: string, src: ProfileSource, columns: readonly string[]): { view: string; query: string } {
  const names = Object.keys(version.file.inputs);
  const texts = inputTexts(version, src, columns);
  const typeOf = src.json ? "jjj_type" : columns.includes("type") ? identifier("type") : "NULL";
  const cityOf = src.json ? "jjj_city" : columns.includes("city") ? identifier("city") : "NULL";
  const where = [`jjj_type IN (${concernedTypes(version).map(textLiteral).join(", ") || "NULL"})`];
  if (version.file.subjects.places) where.push(`jjj_city IN (${version.file.subjects.places.map(textLiteral).join(", ") || "NULL"})`);
  // A required input the row lacks: the match asks for it, and decides nothing.
  names.forEach((n, i) => {
    if (version.file.inputs[n]!.default === undefined) where.push(`jjj_in${i} IS NOT NULL`);
  });
  const view = `jjj_v${k}`;
  const read = texts.map((t, i) => `, ${t} AS jjj_in${i}`).join("");
  const named = names.map((n, i) => `, jjj_in${i} AS ${identifier(n)}`).join("");
  const query = toSql(version.file.id, { engine, on, version: version.file.version, dialect: "duckdb", table: view, keep: ["jjj_row", ...names.map((_, i) => `jjj_in${i}`)] });
  const outs = version.outcome.map((o) => `CAST(${identifier(`outcome.${o.name}`)} AS VARCHAR)`);
  const ins = names.map((n, i) => (version.file.inputs[n]!.type === "enumList" ? `CAST(to_json(jjj_in${i}) AS VARCHAR)` : `CAST(jjj_in${i} AS VARCHAR)`));
  const list = (xs: string[]) => (xs.length === 0 ? "CAST([] AS VARCHAR[])" : `[${xs.join(", ")}]`);
  return {
    view: `CREATE VIEW ${identifier(view)} AS SELECT *${named} FROM (SELECT jjj_row, ${typeOf} AS jjj_type, ${cityOf} AS jjj_city${read} FROM jjj_profiles) WHERE ${where.join(" AND ")}`,
    query: `SELECT jjj_row, error, applicable, ${list(outs)} AS out, ${list(ins)} AS ins FROM (${query.sql})`,
  };
}

/**
 * Match every profile of a file, each measure's decision computed in DuckDB, and print what `match --batch`
 * prints (JSON Lines or CSV). Resolves to the exit code: 0, or {@link EXIT_SOME_LINES_FAILED} when some
 * rows failed.
 *
 * @example
 * await runDuckDbMatch({ file: "enterprises.parquet", format: "jsonl", on: "2025-06-01", whyNot: false, engine, io });
 */
export async function runDuckDbMatch(options: DuckDbMatchOptions): Promise<number> {
  const { file, format, engine, io } = options;
  const set = engine.ruleSet;
  const on = evaluationDate(options.on);
  const matchOptions: MatchOptions = { ...(options.on !== undefined && { on: options.on }), ...(options.kind && { kind: options.kind }), ...(options.document && { document: options.document }) };
  const versions = set.ruleIds().flatMap((id) => {
    const v = set.versionOn(id, on);
    if (!v || (options.kind && !options.kind.includes(v.file.kind)) || (options.document && !options.document.includes(v.file.document))) return [];
    return [v];
  });
  const index = new Map(versions.map((v, k) => [v, k]));
  // The numbered profiles are a table: in a database file of its own, so that the pages DuckDB does not
  // hold in its memory (at most MATCH_MEMORY_LIMIT) stay on disk, whatever the size of the input.
  const work = mkdtempSync(join(tmpdir(), "jjj-policy-rules-match-"));
  const db = await openDuckDb(join(work, "match.duckdb"));
  const sink = new ByteSink(io);
  const cursors: RowCursor[] = [];
  let failed = 0;
  let line = 0;
  try {
    const src = await profileSource(db, file, set);
    if (src.header) line = 1;
    // One thread: the rows are numbered in file order, and each of the streams below (one per version,
    // read in step) holds a chunk or two, not what parallel workers would buffer ahead.
    await db.run("SET threads = 1");
    await db.run(`SET memory_limit = ${textLiteral(MATCH_MEMORY_LIMIT)}`);
    // (The table's rowid counts rows in insertion order; a window's row_number would hold every row in memory.)
    await db.run(`CREATE TABLE jjj_rows AS ${src.sql}`);
    await db.run(`CREATE VIEW jjj_profiles AS SELECT rowid + 1 AS jjj_row, * FROM jjj_rows`);
    const columns = (await db.all("DESCRIBE jjj_profiles")).map((r) => String(r["column_name"])).filter((c) => c !== "jjj_row");
    const types = setInputTypes(set);
    // One stream per version, each in file order (no sort, no join: memory stays a few chunks a stream),
    // read in step with the profiles.
    for (const [k, v] of versions.entries()) {
      const q = versionQuery(engine, v, k, on, src, columns);
      await db.run(q.view);
      cursors.push(new RowCursor(db.streamApart(q.query)));
    }
    if (format === "csv") sink.utf8(csvRow(MATCH_CSV_COLUMNS) + "\n");
    let expected = 0;
    for await (const rows of db.streamApart(`SELECT jjj_row, ${src.json ? "jjj_json" : columns.map(identifier).join(", ")} FROM jjj_profiles`)) {
      for (const row of rows) {
        line++;
        expected++;
        if (Number(row[0]) !== expected) throw new Error(`DuckDB returned row ${String(row[0])} where row ${expected} was due (the rows must come back in file order)`);
        // Every stream read up to this row, those that need a chunk all at once (each fetch on a thread of its own).
        let behind = cursors.filter((c) => !c.covers(expected));
        while (behind.length > 0) {
          await Promise.all(behind.map((c) => c.fill()));
          behind = behind.filter((c) => !c.covers(expected));
        }
        const precomputed: PrecomputedDecisions = (version, facts, date) => {
          const k = index.get(version);
          const d = k === undefined || date !== on ? undefined : cursors[k]!.take(expected);
          const given = d === undefined ? undefined : fromSql(version, facts, { error: d[1] as string | null, applicable: d[2] as boolean | null, out: d[3] as (string | null)[], ins: d[4] as (string | null)[] });
          if (options.stats) options.stats[given ? "sql" : "engine"]++;
          return given;
        };
        try {
          const profile = src.json ? (JSON.parse(String(row[1])) as unknown) : profileOfRow(cellsOf(columns, row), types);
          const ranked = rankMatch(set, matchInSet(set, profile, matchOptions, precomputed));
          const answer = options.whyNot ? withNearestChanges(ranked, engine, true) : ranked;
          if (format === "csv") for (const r of matchCsvRows(line, answer)) sink.utf8(csvRow(r) + "\n");
          else sink.utf8(jsonLine(answer) + "\n");
        } catch (error) {
          failed++;
          if (failed <= MAX_ERROR_MESSAGES) io.stderr(`jjj-policy-rules match: line ${line}: ${printable(describeLineError(error))}\n`);
          if (format === "csv") {
            const f = batchFailure(error);
            sink.utf8(csvRow(matchCsvErrorRow(line, f.code, f.message)) + "\n");
          } else writeJsonError(sink, line, error);
        }
      }
      if (sink.full) await sink.flush();
      if (sink.closed) break;
    }
    await sink.flush();
  } finally {
    sink.close();
    for (const c of cursors) await c.close();
    db.close();
    rmSync(work, { recursive: true, force: true });
  }
  if (failed > 0) {
    io.stderr(`jjj-policy-rules match: ${failed.toLocaleString("en-US")} of ${line.toLocaleString("en-US")} lines failed\n`);
    return EXIT_SOME_LINES_FAILED;
  }
  return 0;
}

/**
 * The rows of one version's stream, taken in step with the profiles: the row of a profile when the
 * stream has one and the match asks for it, else nothing. A row that comes after its profile was printed
 * is passed over (that profile's measure was decided by the engine), so the order DuckDB returns rows in
 * can cost speed, never a wrong answer.
 */
class RowCursor {
  #rows: unknown[][] = [];
  #at = 0;
  #done = false;
  readonly #chunks: AsyncIterator<unknown[][]>;

  constructor(chunks: AsyncIterable<unknown[][]>) {
    this.#chunks = chunks[Symbol.asyncIterator]();
  }

  /** Whether the rows read reach `row` or past it, or the stream has ended (rows before `row` are passed over): then {@link take} can answer. */
  covers(row: number): boolean {
    while (this.#at < this.#rows.length && Number(this.#rows[this.#at]![0]) < row) this.#at++;
    return this.#done || this.#at < this.#rows.length;
  }

  /** Read the next chunk of rows. */
  async fill(): Promise<void> {
    const next = await this.#chunks.next();
    if (next.done) this.#done = true;
    else {
      this.#rows = next.value;
      this.#at = 0;
    }
  }

  /** The stream's row for `row` (once {@link covers} holds), or undefined when it has none. */
  take(row: number): unknown[] | undefined {
    const head = this.#rows[this.#at];
    if (head === undefined || Number(head[0]) !== row) return undefined;
    this.#at++;
    return head;
  }

  /** Stop reading (closes the stream's connection). */
  async close(): Promise<void> {
    await this.#chunks.return?.();
  }
}

/** A version's decision as the SQL computed it, or undefined when it raised an error or read other facts than the match gives. */
function fromSql(version: LoadedRuleVersion, facts: Readonly<Record<string, unknown>>, d: SqlDecision): ReturnType<PrecomputedDecisions> {
  if (d.error !== null || typeof d.applicable !== "boolean" || !sameFacts(version, facts, d.ins)) return undefined;
  const outcome: Record<string, OutcomeValue> = {};
  for (const [j, o] of version.outcome.entries()) {
    const value = outcomeValue(o.spec.type, d.out[j] ?? null);
    if (value === undefined) return undefined;
    outcome[o.name] = value;
  }
  return { applicable: d.applicable, outcome };
}

/** A CSV or Parquet row's cells by column name (an empty or NULL cell as ""). */
function cellsOf(columns: readonly string[], row: readonly unknown[]): Record<string, string> {
  const cells: Record<string, string> = {};
  columns.forEach((c, i) => {
    const v = row[i + 1];
    cells[c] = v === null || v === undefined ? "" : String(v);
  });
  return cells;
}
