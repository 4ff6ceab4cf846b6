/*
 * The registry of value types: one module per type. Typed over ValueType, so that a type added to
 * ValueTypeSchema (schema/rule-file.ts) without a module here does not compile, and every switch over
 * value types elsewhere ends in `satisfies never`.
 */
import type { ValueType } from "../schema/rule-file.js";
import { boolean } from "./boolean.js";
import { date } from "./date.js";
import { decimal } from "./decimal.js";
import { enumList } from "./enum-list.js";
import { enumType } from "./enum.js";
import { integer } from "./integer.js";
import { money } from "./money.js";
import { rate } from "./rate.js";
import { string } from "./string.js";
import type { ValueTypeModule } from "./value-type.js";

export * from "./value-type.js";
export { DECIMAL_INPUT_SCALE, MONEY_SCALE } from "./numeric.js";
export { asciiClassPattern, MAX_STRING_LENGTH } from "./string.js";
export { percentText } from "./rate.js";

/**
 * Every value type's module, by name.
 *
 * @example
 * VALUE_TYPES.rate.explainText("0.1").en //=> "0.1 (10%)"
 */
export const VALUE_TYPES = {
  money,
  decimal,
  rate,
  integer,
  boolean,
  date,
  enum: enumType,
  enumList,
  string,
} as const satisfies { readonly [K in ValueType]: ValueTypeModule<K> };

/**
 * The module of a value type.
 *
 * @example
 * valueType("money").defaultUnit //=> "yuan"
 */
export function valueType(type: ValueType): ValueTypeModule {
  return VALUE_TYPES[type];
}
