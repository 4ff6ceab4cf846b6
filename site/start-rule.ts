/** The rule the page opens on: the configured one (config.ts) if shipped, else the first calculator-like rule. */
import type { Engine } from "../src/index.js";
import { SITE_CONFIG } from "./config.js";

/**
 * The configured start rule when the rule set has it; else the first benefit rule that takes a money
 * input and grants a money outcome (a subsidy calculator); else the first rule.
 */
export function startRule(engine: Engine, configured: string = SITE_CONFIG.startRule): string | undefined {
  const ids = engine.ruleSet.ruleIds();
  if (ids.includes(configured)) return configured;
  const calculator = ids.find((id) => {
    const file = engine.getRule(id).file;
    return file.kind === "benefit" && Object.values(file.inputs).some((s) => s.type === "money") && Object.values(file.outcome).some((s) => s.type === "money");
  });
  return calculator ?? ids[0];
}
