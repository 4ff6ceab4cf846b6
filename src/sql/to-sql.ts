import { VAR } from "../ops/references.js";
import { defaultEngine, type Engine } from "../api.js";
import { InvalidOptionsError } from "../errors.js";
import { choose } from "../engine/choice.js";
import { evaluationDate } from "../engine/evaluation-date.js";
import { readKnown } from "../engine/options.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { LogicNode } from "../logic/tree.js";
import type { ValueType } from "../schema/rule-file.js";
import type { ExprContext } from "./context.js";
import { dialectOf, identifier, textLiteral, type SqlDialect, type SqlDialectName } from "./dialect.js";
import { SqlCompileError } from "./errors.js";
import { SQL_FORMS } from "./forms.js";
import { inputPlan } from "./inputs.js";
import { formatOutcomeSql, notInForceLiteral } from "./outcome.js";
import { constantValue, firstError, truthySql, type SqlValue } from "./value.js";

/**
 * The options of {@link toSql}.
 *
 * @category SQL
 * @example
 * const options: ToSqlOptions = { on: "2025-06-01", dialect: "postgres", table: "contracts", keep: ["contract_id"] };
 */
export interface ToSqlOptions {
  /** The evaluation date `YYYY-MM-DD` (default: today in Asia/Shanghai): it chooses the version and is a literal of the query. */
  on?: string;
  /** A version number, instead of the one in force on `on`. */
  version?: number;
  /** The SQL dialect (default `duckdb`). */
  dialect?: SqlDialectName;
  /** The table (or CTE, or view) whose columns are the rule's inputs (default `facts`); `schema.table` is quoted part by part. */
  table?: string;
  /** Columns of the table passed through to the result first (e.g. a row id). */
  keep?: readonly string[];
  /** The engine whose rules are compiled (default: the bundled rules). */
  engine?: Engine;
}

/**
 * One column of the compiled query's result.
 *
 * @category SQL
 * @example
 * toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01" }).columns.at(-2) //=> { name: "outcome.amount", role: "outcome", field: "amount", type: "money" }
 */
export interface SqlColumn {
  /** The column name in the result. */
  name: string;
  /** What the column holds: a kept table column, the decision's flags, a condition, an outcome field or the error. */
  role: "keep" | "inForce" | "applicable" | "condition" | "outcome" | "error";
  /** The condition id or outcome field name. */
  field?: string;
  /** For an outcome field: its value type. */
  type?: ValueType;
}

/**
 * A rule version compiled to SQL.
 *
 * @category SQL
 * @example
 * const q: SqlQuery = toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01" });
 * q.inForce //=> true
 */
export interface SqlQuery {
  /** The query: `WITH … SELECT …` over the table, one result row per table row. */
  sql: string;
  /** The rule compiled. */
  ruleId: string;
  /** Its version, chosen for `on` unless given. */
  version: number;
  /** The evaluation date, written into the query as a literal. */
  on: string;
  /** Whether the version is in force on `on` (else every row gets the not-in-force decision). */
  inForce: boolean;
  /** The SQL dialect written: duckdb or postgres. */
  dialect: SqlDialectName;
  /** The result columns, in order. */
  columns: SqlColumn[];
}

const OPTIONS = ["on", "version", "dialect", "table", "keep", "engine"] as const;

/**
 * Compile a rule version to one SQL query over a table whose columns are the rule's inputs. Each result
 * row has `in_force`, `applicable`, `"condition.<id>"` (holds), `"outcome.<field>"` (as the decision
 * prints it: money as text with two decimals) and `error` (the first problem, e.g.
 * `invalid_value: contractAmount: …`; every other column is NULL then). Arithmetic is exact DECIMAL
 * (DuckDB) or NUMERIC (PostgreSQL), rounded only where the rule rounds and when money is printed,
 * half-up to the fen; the date and the parameters are literals; data is read only from columns.
 * Throws a SqlCompileError for an operation that cannot be compiled exactly.
 *
 * @category SQL
 * @example
 * const q = toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", dialect: "duckdb", table: "contracts" });
 * q.sql // WITH facts AS (… FROM "contracts") … SELECT … AS "outcome.amount" …
 */
export function toSql(ruleId: string, rawOptions: ToSqlOptions = {}): SqlQuery {
  const options = readKnown(rawOptions, OPTIONS, '{ on: "2025-06-01", dialect: "duckdb" }') as ToSqlOptions;
  const dialectName = options.dialect ?? "duckdb";
  if (dialectName !== "duckdb" && dialectName !== "postgres") {
    throw new InvalidOptionsError("dialect", `option "dialect" must be "duckdb" or "postgres", got ${String(dialectName).slice(0, 40)} (方言须为 duckdb 或 postgres)`);
  }
  const table = options.table ?? "facts";
  if (typeof table !== "string" || table.length === 0 || table.length > 200) {
    throw new InvalidOptionsError("table", `option "table" must be a table name of 1–200 characters (表名须为 1–200 个字符)`);
  }
  const keep = options.keep ?? [];
  if (!Array.isArray(keep) || keep.some((k) => typeof k !== "string" || k.length === 0 || k.length > 200)) {
    throw new InvalidOptionsError("keep", `option "keep" must be a list of column names (keep 须为列名列表)`);
  }
  const engine = options.engine ?? defaultEngine();
  const on = evaluationDate(options.on);
  const choice = choose(engine.ruleSet, ruleId, on, options.version);
  const version = choice.chosen ?? choice.template;
  return compileVersion(version, on, choice.inForce, dialectOf(dialectName), tableName(table), keep);
}

/** `schema.table` quoted part by part. */
function tableName(table: string): string {
  return table.split(".").map(identifier).join(".");
}

/**
 * A whole rule version: the boundary stages, one stage per expression, the final projection.
 *
 * @example
 * compileVersion(version, "2025-06-01", true, DUCKDB, '"facts"', []).sql
 */
export function compileVersion(version: LoadedRuleVersion, on: string, inForce: boolean, dialect: SqlDialect, table: string, keep: readonly string[]): SqlQuery {
  const file = version.file;
  const ruleId = file.id;
  const refuse = (where: string) => (node: LogicNode, reason: string): never => {
    throw new SqlCompileError(ruleId, node.op?.name ?? JSON.stringify(node.source)?.slice(0, 40) ?? "a literal", `${where}${node.pointer}`, reason);
  };
  const kept = keep.map(identifier);
  const names = Object.keys(file.inputs);
  const plans = names.map((name, i) => {
    const plan = inputPlan(dialect, name, file.inputs[name]!, identifier(name));
    if (typeof plan === "string") throw new SqlCompileError(ruleId, VAR.name, `inputs/${name}`, plan);
    return { ...plan, t: `jjj_t${i}`, e: `jjj_e${i}`, v: `jjj_i${i}` };
  });
  const stages: { name: string; columns: string[] }[] = [];
  stages.push({ name: "jjj_facts", columns: [...kept, ...plans.map((p) => `${p.text} AS ${p.t}`)] });
  stages.push({ name: "jjj_checked", columns: ["*", ...plans.map((p) => `${p.error(p.t)} AS ${p.e}`)] });
  stages.push({ name: "jjj_typed", columns: ["*", ...plans.map((p) => `CASE WHEN ${p.e} IS NULL THEN ${p.value(p.t)} END AS ${p.v}`)] });
  const inputs = new Map<string, SqlValue>(plans.map((p) => [p.name, { sql: p.v, kind: p.kind, ...(p.bound && { bound: p.bound }), nullable: false }]));
  const conditions = new Map<string, SqlValue>();
  const outcomes = new Map<string, SqlValue>();
  // A row's facts problems come first, as the engine reports invalid facts before anything else; a
  // `sql_limit` (a value DuckDB's DECIMAL cannot hold) only when no input is invalid.
  const mayLimit = (p: { kind: string }) => (dialect.maxDecimalDigits !== Infinity && p.kind === "decimal") || p.kind === "date";
  const errors: string[] = [
    ...plans.map((p) => (mayLimit(p) ? `CASE WHEN ${p.e} NOT LIKE 'sql_limit%' THEN ${p.e} END` : p.e)),
    ...plans.filter(mayLimit).map((p) => p.e),
  ];
  // Columns `ctx.bind` asks for, each in a stage of its own before the stage of the expression.
  let bindings: { name: string; sql: string }[] = [];
  let bound = 0;
  const context = (where: string): ExprContext => {
    // Each node compiled once per expression (folding looks at operands before the form compiles them).
    const memo = new Map<LogicNode, SqlValue>();
    const ctx: ExprContext = {
      dialect, ruleId, where, on, params: version.params,
      input: (name) => inputs.get(name)!,
      condition: (id) => conditions.get(id) ?? ctx.refuse({ pointer: "", source: id, type: "boolean", operands: [] }, `condition ${id} is not defined before`),
      outcome: (name) => outcomes.get(name) ?? ctx.refuse({ pointer: "", source: name, type: "any", operands: [] }, `outcome ${name} is not defined before`),
      refuse: refuse(where),
      bind: (sql) => {
        const name = `jjj_b${bound++}`;
        bindings.push({ name, sql });
        return name;
      },
      compile: (node) => {
        let v = memo.get(node);
        if (v === undefined) memo.set(node, (v = compileNode(node, ctx)));
        return v;
      },
    };
    return ctx;
  };
  const stage = (name: string, column: string, value: SqlValue) => {
    for (const b of bindings) stages.push({ name: `${name}_${b.name}`, columns: ["*", `${b.sql} AS ${b.name}`] });
    bindings = [];
    const err = `${column}_error`;
    stages.push({ name, columns: ["*", `${value.sql} AS ${column}`, ...(value.error ? [`${value.error} AS ${err}`] : [])] });
    if (value.error) errors.push(err);
  };

  const columns: SqlColumn[] = keep.map((k) => ({ name: k, role: "keep" as const }));
  columns.push({ name: "in_force", role: "inForce" }, { name: "applicable", role: "applicable" });
  const select: string[] = [];
  if (inForce) {
    if (version.applicable) {
      const ctx = context("applicable");
      const v = ctx.compile(version.applicable.tree);
      stage("jjj_applicable", "jjj_app", { ...v, sql: truthyOf(ctx, version.applicable.tree, v) });
    }
    version.conditions.forEach(({ spec, tree }, i) => {
      const ctx = context(`conditions/${spec.id}`);
      const v = ctx.compile(tree);
      stage(`jjj_condition${i}`, `jjj_c${i}`, { ...v, sql: truthyOf(ctx, tree, v) });
      conditions.set(spec.id, { sql: `jjj_c${i}`, kind: "boolean", nullable: false });
    });
    version.outcome.forEach(({ name, spec, tree }, i) => {
      const ctx = context(`outcome/${name}`);
      const v = ctx.compile(tree);
      stage(`jjj_outcome${i}`, `jjj_o${i}`, v);
      const { error: _e, constant: _c, ...column } = v;
      outcomes.set(name, { ...column, sql: `jjj_o${i}` });
      void _e;
      void _c;
    });
  }
  const errorSql = errors.length === 0 ? "CAST(NULL AS TEXT)" : errors.length === 1 ? errors[0]! : `COALESCE(${errors.join(", ")})`;
  const ok = (sql: string) => `CASE WHEN jjj_error IS NULL THEN ${sql} END`;
  const formatErrors: string[] = [];
  select.push(ok(inForce ? "TRUE" : "FALSE") + " AS in_force");
  select.push(ok(inForce ? (version.applicable ? "jjj_app" : "TRUE") : "FALSE") + " AS applicable");
  version.conditions.forEach(({ spec }, i) => {
    const name = `condition.${spec.id}`;
    columns.push({ name, role: "condition", field: spec.id });
    select.push(`${ok(inForce ? `jjj_c${i}` : "NULL")} AS ${identifier(name)}`);
  });
  version.outcome.forEach(({ name, spec }, i) => {
    const column = `outcome.${name}`;
    columns.push({ name: column, role: "outcome", field: name, type: spec.type });
    let sql: string;
    if (!inForce) {
      sql = name === "granted" ? "FALSE" : notInForceLiteral(dialect, spec.whenNotInForce);
    } else {
      const f = formatOutcomeSql(dialect, spec.type, outcomes.get(name)!, `outcome.${name}`);
      if (typeof f === "string") throw new SqlCompileError(ruleId, "outcome", `outcome/${name}`, f);
      sql = f.sql;
      if (f.error) formatErrors.push(f.error.replaceAll(`jjj_o${i}`, `jjj_o${i}`));
    }
    select.push(`${ok(sql)} AS ${identifier(column)}`);
  });
  columns.push({ name: "error", role: "error" });
  select.push("jjj_error AS error");
  const allErrors = formatErrors.length === 0 ? errorSql : `COALESCE(${[...errors, ...formatErrors].join(", ")})`;
  stages.push({ name: "jjj_decided", columns: ["*", `${allErrors} AS jjj_error`] });

  const sql = render(stages, table, kept, select);
  return { sql, ruleId, version: file.version, on, inForce, dialect: dialect.name, columns };
}

/** A condition's or `applicable`'s truthiness (the engine keeps `truthy` of its value). */
function truthyOf(ctx: ExprContext, node: LogicNode, v: SqlValue): string {
  if (v.decimalText) ctx.refuse(node, "the truthiness of an unrounded quotient (SQL holds it as text)");
  if (v.mixed) ctx.refuse(node, "numbers and decimals mixed: their truthiness differs");
  return truthySql(ctx.dialect, v);
}

/** Compile one node: constants fold (the operation's own evaluation), every other node goes to its SQL form. */
function compileNode(node: LogicNode, ctx: ExprContext): SqlValue {
  const op = node.op;
  if (op === undefined) {
    const c = literal(ctx, node);
    return c ?? ctx.refuse(node, "this literal has no SQL value");
  }
  const form = SQL_FORMS.get(op);
  if (form === undefined) return ctx.refuse(node, "the operation has no SQL form");
  if ("refused" in form) return ctx.refuse(node, form.refused);
  if (op.evaluate !== undefined && op.reference === undefined) {
    const folded = fold(node, ctx);
    if (folded !== undefined) return folded;
  }
  return form.compile(node, ctx);
}

/** An operation whose operands are all constants, evaluated at compile time by the engine's own operation. */
function fold(node: LogicNode, ctx: ExprContext): SqlValue | undefined {
  const operands = node.operands;
  if (node.args === undefined || operands.length !== node.args.length) return undefined;
  const values: unknown[] = [];
  for (const operand of operands) {
    let v: SqlValue;
    try {
      v = ctx.compile(operand);
    } catch (error) {
      if (error instanceof SqlCompileError) return undefined; // the form reports it, for the node it belongs to
      throw error;
    }
    if (v.constant === undefined) return undefined;
    values.push(v.constant.value);
  }
  let result: unknown;
  try {
    result = node.op!.evaluate!(values, { params: { ...ctx.params }, conditions: {}, outcome: {}, on: ctx.on }, {});
  } catch {
    return undefined; // fails on every row: left to the form, which reports it at evaluation
  }
  if (node.type === "date" && typeof result === "string") return { sql: `DATE ${textLiteral(result)}`, kind: "date", nullable: false, constant: { value: result } };
  return constantValue(ctx.dialect, result);
}

function literal(ctx: ExprContext, node: LogicNode): SqlValue | undefined {
  const source = node.source;
  if (Array.isArray(source)) {
    const items = node.operands.map((n) => compileNode(n, ctx));
    if (items.every((i) => i.constant !== undefined && typeof i.constant.value === "string")) return constantValue(ctx.dialect, items.map((i) => i.constant!.value));
    return undefined;
  }
  return constantValue(ctx.dialect, source);
}

/** The query text: one CTE per stage, each column on its own line. */
function render(stages: readonly { name: string; columns: string[] }[], table: string, kept: readonly string[], select: readonly string[]): string {
  const ctes = stages.map((s, i) => {
    const from = i === 0 ? table : stages[i - 1]!.name;
    return `${s.name} AS (\n  SELECT\n    ${s.columns.join(",\n    ")}\n  FROM ${from}\n)`;
  });
  const last = stages[stages.length - 1]!.name;
  return `WITH\n${ctes.join(",\n")}\nSELECT\n  ${[...kept, ...select].join(",\n  ")}\nFROM ${last}\n`;
}
