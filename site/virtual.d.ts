/** Provided by scripts/build-site.mjs at bundle time: hypothetical rule sets from tests/fixtures, for the versions view. */
declare module "virtual:site-fixtures" {
  import type { RuleSource } from "../src/index.js";
  /** Each fixture's files, paths relative to its rules folder (`sjz-2025/absorption-subsidy/v2.json`). */
  export const HYPOTHETICAL_FIXTURES: readonly { name: string; sources: readonly RuleSource[] }[];
}
