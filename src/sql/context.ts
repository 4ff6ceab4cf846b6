import type { LogicNode } from "../logic/tree.js";
import type { SqlDialect } from "./dialect.js";
import type { SqlValue } from "./value.js";

/** What compiling one expression of a rule version sees. */
export interface ExprContext {
  readonly dialect: SqlDialect;
  readonly ruleId: string;
  /** Where the expression is: `applicable`, `conditions/<id>`, `outcome/<field>`. */
  readonly where: string;
  /** The version's parameter values (numeric ones as decimals). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The evaluation date, `YYYY-MM-DD`. */
  readonly on: string;
  /** The typed value of an input, a condition or an earlier outcome field (columns of earlier stages). */
  input(name: string): SqlValue;
  condition(id: string): SqlValue;
  outcome(name: string): SqlValue;
  /** Compile a node (an operand). */
  compile(node: LogicNode): SqlValue;
  /**
   * Compute `sql` once per row in a stage of its own, before the expression's stage, and name its
   * column (for a value a form reads several times, such as the steps of a long division). It is
   * computed on every row, whatever the expression's `if`s decide: it must not fail (guard divisors).
   */
  bind?(sql: string): string;
  /** Refuse the node: throws a SqlCompileError naming its operation and pointer. */
  refuse(node: LogicNode, reason: string): never;
}
