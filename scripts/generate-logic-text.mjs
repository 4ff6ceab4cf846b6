// Writes a rule's JSON-logic as readable formulas for the rule catalogue (docs/rules/):
//   {"if":[{"jjj.outcome":"eligible"},{"jjj.min":[{"jjj.param":"cap"}, …]},"0"]}
//   → IF eligible THEN min(cap, …) ELSE 0
// The renderer is src/ops/formula.ts: it reads each operation's text form from its descriptor
// (src/ops), so an operation's formula is written where the operation is. This module only loads it
// through esbuild (Node 20 cannot import .ts) for scripts/generate-rule-docs.mjs and tests/docs/.
import { importSource } from "./generate-lib.mjs";

const formula = await importSource(`export { definitionText, logicText, namesOf } from "./src/ops/formula.ts";`);

/**
 * The names a rule declares that it uses for more than one thing, which formulas qualify.
 *
 * @example namesOf({ inputs: { city: {} }, parameters: { city: {} } }).shared.has("city") //=> true
 */
export const namesOf = formula.namesOf;

/**
 * The expression as one line of readable text.
 *
 * @example logicText({ "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] }) //=> "contractAmount ≥ threshold"
 */
export const logicText = formula.logicText;

/**
 * `name = expression`, broken over several lines when long.
 *
 * @example definitionText("inCity", { "===": [{ var: "enterpriseCity" }, { "jjj.param": "city" }] }) //=> "inCity = (enterpriseCity = city)"
 */
export const definitionText = formula.definitionText;
