import type { InputSpec } from "../schema/rule-file.js";
import { identifier } from "./dialect.js";
import type { SqlQuery } from "./to-sql.js";

/*
 * Running compiled queries on an embedded DuckDB. `@duckdb/node-api` is imported here only, lazily
 * (await import), so the `sql` entry and the core never load it until a query runs.
 */

/**
 * One result row of a compiled query: column name → value (decimals and money as text, lists as arrays).
 *
 * @category SQL
 * @example
 * const row: SqlRow = { in_force: true, applicable: true, "outcome.amount": "200000.00", error: null };
 */
export type SqlRow = Record<string, unknown>;

/**
 * One chunk of a query's result (up to 2048 rows), read column by column: `value(column, row)` gives
 * VARCHAR as a string, BOOLEAN as a boolean, BIGINT as a bigint, a list as an array, NULL as null.
 *
 * @category SQL
 * @example
 * for await (const chunk of db.chunks(sql)) for (let r = 0; r < chunk.rowCount; r++) chunk.value(0, r);
 */
export interface SqlChunk {
  /** How many rows the chunk holds. */
  rowCount: number;
  /** The value of one column (by its position in the query) in one row of the chunk. */
  value(column: number, row: number): unknown;
}

/**
 * A DuckDB connection with the helpers the CLI and the tests use.
 *
 * @category SQL
 * @example
 * const db: DuckDbSession = await openDuckDb();
 */
export interface DuckDbSession {
  /** Create `table` with one column per input (VARCHAR; VARCHAR[] for enumList) and `row_id`, and append the facts. */
  loadFacts(table: string, inputs: Readonly<Record<string, InputSpec>>, facts: readonly Record<string, unknown>[]): Promise<void>;
  /** Run a query and read every row. */
  all(sql: string): Promise<SqlRow[]>;
  /** Run a statement. */
  run(sql: string): Promise<void>;
  /** Run a query and read its rows chunk by chunk (values as JSON: decimals and big integers as text), in order. */
  stream(sql: string): AsyncIterable<unknown[][]>;
  /**
   * Run a query on a connection of its own and read its rows chunk by chunk (values as JSON), so that
   * several results can be read at once (a connection streams one result at a time). The connection
   * sees the database's tables and views, not another connection's temporary ones.
   */
  streamApart(sql: string): AsyncIterable<unknown[][]>;
  /** Run a query and read its result chunk by chunk, in order, without converting whole rows (the batch printer reads only the values it prints). */
  chunks(sql: string): AsyncIterable<SqlChunk>;
  /** Close the connection and the database. */
  close(): void;
}

/**
 * Open an in-memory DuckDB (or a database file).
 *
 * @category SQL
 * @example
 * const db = await openDuckDb();
 * await db.loadFacts("facts", version.file.inputs, [{ contractAmount: "800000.00", … }]);
 * const rows = await db.all(toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", keep: ["row_id"] }).sql);
 * db.close();
 */
export async function openDuckDb(path = ":memory:"): Promise<DuckDbSession> {
  const duckdb = await import("@duckdb/node-api");
  const instance = await duckdb.DuckDBInstance.create(path);
  const connection = await instance.connect();
  // Rows must come out in the order they go in (a batch prints line i for input line i). DuckDB's
  // in_clause optimizer turns an IN list of more than a few values into a hash join that loses the
  // insertion order once the scan runs on several threads (duckdb/duckdb#24398): switched off.
  await connection.run("SET disabled_optimizers = 'in_clause'");
  return {
    async loadFacts(table, inputs, facts) {
      const names = Object.keys(inputs);
      const cols = names.map((n) => `${identifier(n)} ${inputs[n]!.type === "enumList" ? "VARCHAR[]" : "VARCHAR"}`);
      await connection.run(`CREATE OR REPLACE TABLE ${identifier(table)} (row_id BIGINT, ${cols.join(", ")})`);
      const appender = await connection.createAppender(table);
      facts.forEach((f, i) => {
        appender.appendBigInt(BigInt(i));
        for (const n of names) {
          const v = Object.hasOwn(f, n) ? f[n] : undefined;
          if (v === undefined || v === null) appender.appendNull();
          else if (inputs[n]!.type === "enumList") {
            if (Array.isArray(v)) appender.appendList(duckdb.listValue(v.map((x) => (x === null ? null : String(x)))), duckdb.LIST(duckdb.VARCHAR));
            else appender.appendNull();
          } else appender.appendVarchar(String(v));
        }
        appender.endRow();
      });
      appender.closeSync();
    },
    async all(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as SqlRow[];
    },
    async run(sql) {
      await connection.run(sql);
    },
    async *stream(sql) {
      const result = await connection.stream(sql);
      yield* result.yieldRowsJson();
    },
    async *streamApart(sql) {
      const own = await instance.connect();
      try {
        await own.run("SET disabled_optimizers = 'in_clause'");
        const result = await own.stream(sql);
        yield* result.yieldRowsJson();
      } finally {
        own.closeSync();
      }
    },
    async *chunks(sql) {
      const result = await connection.stream(sql);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) return;
        const vectors = Array.from({ length: chunk.columnCount }, (_, i) => chunk.getColumnVector(i));
        yield {
          rowCount: chunk.rowCount,
          value(column, row) {
            const v = vectors[column]!.getItem(row);
            return v instanceof duckdb.DuckDBListValue ? v.items.map((x) => (x === null ? null : String(x))) : v;
          },
        };
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * Evaluate facts through a compiled query on a fresh in-memory DuckDB: one result row per fact, in order.
 *
 * @category SQL
 * @example
 * const rows = await evaluateOnDuckDb(toSql(id, { on, keep: ["row_id"] }), version.file.inputs, facts);
 */
export async function evaluateOnDuckDb(query: SqlQuery, inputs: Readonly<Record<string, InputSpec>>, facts: readonly Record<string, unknown>[]): Promise<SqlRow[]> {
  const db = await openDuckDb();
  try {
    await db.loadFacts("facts", inputs, facts);
    return await db.all(`SELECT * FROM (${query.sql}) ORDER BY row_id`);
  } finally {
    db.close();
  }
}
