import { buildFactsValidator } from "../../src/engine/facts.js";
import type { InputSpec } from "../../src/schema/rule-file.js";

// Shared by the mutation tests of src/engine/facts.ts (facts-walk, facts-fast-path): a label, enum values
// with that label, and the compiled validator of some inputs (a test fails if it gives up compiling).

export const label = { zh: "测试", en: "test" };
export const values = (...names: string[]) => Object.fromEntries(names.map((n) => [n, label]));

export function validatorOf(inputs: Record<string, InputSpec>) {
  const validator = buildFactsValidator(inputs);
  if (!validator) throw new Error("no validator");
  return validator;
}
