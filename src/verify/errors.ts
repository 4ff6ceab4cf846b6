import { PolicyError } from "../errors.js";

/**
 * The solver's model and the engine disagree: the encoding (src/verify/encode.ts) is not the rule the
 * engine runs. Never reported as a finding about the rule: it is a bug of this library, thrown so that
 * no unconfirmed counterexample or witness reaches a user.
 *
 * @category Verify
 * @example
 * try { await verifyRule("sjz-2025/absorption-subsidy") }
 * catch (e) { e instanceof UnconfirmedModelError && e.code } //=> "verify_unconfirmed"
 */
export class UnconfirmedModelError extends PolicyError {
  override name = "UnconfirmedModelError";
  /** The rule. */
  readonly ruleId: string;
  constructor(ruleId: string, what: string) {
    super("verify_unconfirmed", `${ruleId}: the engine does not confirm the solver's model (${what}): a bug of the verifier, please report it (引擎未能确认求解器给出的模型:验证器的缺陷,请报告)`);
    this.ruleId = ruleId;
  }
}
