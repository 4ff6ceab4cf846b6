import { PolicyError } from "../errors.js";

/**
 * A rule version that cannot be compiled to SQL exactly: the operation (and where it is in the rule)
 * has no SQL form that gives the engine's answer for every row. Nothing is compiled approximately.
 *
 * @category SQL
 * @example
 * try { toSql("some/rule", { on: "2025-06-01", dialect: "duckdb" }) }
 * catch (e) { if (e instanceof SqlCompileError) console.log(e.operation, e.pointer) }
 */
export class SqlCompileError extends PolicyError {
  override name = "SqlCompileError";
  /** The operation that cannot be compiled (its name as written in the rule). */
  readonly operation: string;
  /** Where: `conditions/<id>`, `outcome/<field>` or `applicable`, then the JSON pointer in the expression. */
  readonly pointer: string;
  constructor(ruleId: string, operation: string, pointer: string, reason: string) {
    super(
      "sql_not_compilable",
      `${ruleId}: ${operation} at ${pointer} cannot be compiled to SQL exactly: ${reason} (该运算无法精确编译为 SQL)`,
    );
    this.operation = operation;
    this.pointer = pointer;
  }
}
