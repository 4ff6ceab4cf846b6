import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The rule ids shipped in rules/, read from the folder names (not from the engine): `<document>/<rule>`. */
const rules = fileURLToPath(new URL("../../rules", import.meta.url));
export const RULE_IDS: readonly string[] = readdirSync(rules)
  .filter((d) => statSync(join(rules, d)).isDirectory())
  .flatMap((d) => readdirSync(join(rules, d)).filter((r) => statSync(join(rules, d, r)).isDirectory()).map((r) => `${d}/${r}`));
