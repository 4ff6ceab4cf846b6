// Writes a rule's logic as readable formulas for the rule catalogue (docs/rules/):
//   {"if":[{"jjj.outcome":"eligible"},{"jjj.min":[{"jjj.param":"cap"}, …]},"0"]}
//   → IF eligible THEN min(cap, …) ELSE 0
// The renderer is src/logic/formula.ts: it reads an expression's typed logic tree (src/logic/tree.ts),
// each node's operation text form from its descriptor (src/ops), so an operation's formula is written
// where the operation is. This module only loads it through esbuild (Node 20 cannot import .ts) for
// scripts/generate-rule-docs.mjs, which renders the trees of the loaded versions, and tests/docs/.
import { importSource } from "./generate-lib.mjs";

const formula = await importSource(`export { definitionFormula, definitionText, logicText, namesOf } from "./src/logic/formula.ts";`);

/**
 * The names a rule declares that it uses for more than one thing, which formulas qualify.
 *
 * @example namesOf({ inputs: { city: {} }, parameters: { city: {} } }).shared.has("city") //=> true
 */
export const namesOf = formula.namesOf;

/**
 * `name = expression` for a checked expression's typed logic tree (a loaded version's
 * `applicable.tree`, `conditions[i].tree`, `outcome[i].tree`), broken over several lines when long.
 *
 * @example definitionFormula("inCity", version.conditions[0].tree, namesOf(version.file)) //=> "inCity = (enterpriseCity = city)"
 */
export const definitionFormula = formula.definitionFormula;

/**
 * The expression as one line of readable text (its tree read without the rule's declarations).
 *
 * @example logicText({ "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] }) //=> "contractAmount ≥ threshold"
 */
export const logicText = formula.logicText;

/**
 * `name = expression`, broken over several lines when long (its tree read without the rule's declarations).
 *
 * @example definitionText("inCity", { "===": [{ var: "enterpriseCity" }, { "jjj.param": "city" }] }) //=> "inCity = (enterpriseCity = city)"
 */
export const definitionText = formula.definitionText;
