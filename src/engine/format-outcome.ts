import type { ValueType } from "../schema/rule-file.js";
import { RUNTIME_VALUE_TYPES as VALUE_TYPES } from "../types/runtime.js";
import type { OutcomeValue } from "./decision.js";

/** Convert an outcome value to its declared type's public form (the value type's module, src/types/). */
export function formatOutcome(raw: unknown, type: ValueType, where: string): OutcomeValue {
  return VALUE_TYPES[type].formatOutcome(raw, where);
}
