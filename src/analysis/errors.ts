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

/**
 * An analysis met one of its bounds (the regions of a rule, the constraints of a feasibility test):
 * it stops rather than use unbounded time or memory. The error names the limit and the option that
 * raises it.
 *
 * @category Analysis
 * @example
 * try { regionsOf("sjz-2018/transformation-targets", { maxRegions: 10 }) }
 * catch (e) { e instanceof RegionLimitError && e.limit } //=> "MAX_REGIONS"
 */
export class RegionLimitError extends PolicyError {
  override name = "RegionLimitError";
  /** The constant that sets the bound (`MAX_REGIONS`, `MAX_REGION_CONSTRAINTS`). */
  readonly limit: string;
  /** The bound in force. */
  readonly max: number;
  /** The option that raises it. */
  readonly option: string;
  constructor(limit: string, max: number, option: string, what: string, whatZh: string) {
    super("region_limit", `more than ${max} ${what} (${limit}; raise it with the option ${option}) (${whatZh}超过 ${max} 个(${limit};可用 ${option} 选项调高))`);
    this.limit = limit;
    this.max = max;
    this.option = option;
  }
}
