/*
 * The `jjj-policy-rules/verify` entry: proven properties of rule versions for every input (issue #14),
 * with z3 (z3-solver, WebAssembly). Kept out of the core and analysis entries: z3 is large and starts
 * asynchronously, and only this entry loads it, on the first proof. See docs/analysis.md.
 */
export { verifyRule, VERIFY_QUERY_TIMEOUT_MS } from "./verify.js";
export type { PropertyResult, VerifyOptions, VerifyReport, VersionReport, Witness } from "./verify.js";
export { UnconfirmedModelError } from "./errors.js";
