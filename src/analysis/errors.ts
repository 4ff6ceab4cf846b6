import { PolicyError } from "../errors.js";

/**
 * The analysis cannot state this rule exactly along this input: an operation with no exact symbolic
 * form (its descriptor has no `symbolic`), an operand it cannot follow (a product of two varying
 * values, a divisor that varies, a quotient the engine rounds to 40 significant digits), or an
 * argument it does not analyse. Never a guess: the analysis stops and says where.
 *
 * @category Analysis
 * @example
 * try { amountCurve("hd-2018/contract-growth-review", facts, "previousYearContractValue") }
 * catch (e) { e instanceof NotAnalysableError && e.pointer } //=> "outcome.growthRate#/jjj.div/1"
 */
export class NotAnalysableError extends PolicyError {
  override name = "NotAnalysableError";
  /** The rule. */
  readonly ruleId: string;
  /** The operation that stops the analysis, when one does (`jjj.div`). */
  readonly op: string | undefined;
  /** Where: the expression (`applicable`, `conditions.<id>`, `outcome.<field>`) and the JSON pointer in it. */
  readonly pointer: string;
  /** Why, in English. */
  readonly reason: string;
  constructor(ruleId: string, op: string | undefined, pointer: string, reason: string, reasonZh: string) {
    super("not_analysable", `${ruleId}: not analysable: ${op ? `operation ${op} ` : ""}at ${pointer}: ${reason} (无法精确分析:${reasonZh})`);
    this.ruleId = ruleId;
    this.op = op;
    this.pointer = pointer;
    this.reason = reason;
  }
}
