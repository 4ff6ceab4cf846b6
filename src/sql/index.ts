/*
 * The `jjj-policy-rules/sql` entry: a rule version compiled to one exact SQL query (issue #19), for
 * DuckDB and PostgreSQL. It imports no database driver: the DuckDB runner (`openDuckDb`,
 * `evaluateOnDuckDb`) loads `@duckdb/node-api` lazily when called. See docs/sql.md.
 */
export { toSql } from "./to-sql.js";
export type { SqlColumn, SqlQuery, ToSqlOptions } from "./to-sql.js";
export type { SqlDialectName } from "./dialect.js";
export { SqlCompileError } from "./errors.js";
export { DUCKDB_MAX_INPUT_FRACTION_DIGITS, DUCKDB_MAX_INPUT_INTEGER_DIGITS } from "./inputs.js";
export { openDuckDb, evaluateOnDuckDb } from "./duckdb.js";
export type { DuckDbSession, SqlChunk, SqlRow } from "./duckdb.js";
