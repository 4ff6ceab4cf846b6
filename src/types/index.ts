/*
 * The registry of value types: one module per type, with its forms (types/forms/: what only the analyses,
 * diffs, generators and CLI read; the engine reads types/runtime.ts). Typed over ValueType, so that a type added to
 * ValueTypeSchema (schema/rule-file.ts) without a module here does not compile, and every switch over
 * value types elsewhere ends in `satisfies never`.
 */
import type { ValueType } from "../schema/rule-file.js";
import { booleanForms } from "./forms/boolean.js";
import { dateForms } from "./forms/date.js";
import { decimalForms } from "./forms/decimal.js";
import { enumListForms } from "./forms/enum-list.js";
import { enumTypeForms } from "./forms/enum.js";
import { integerForms } from "./forms/integer.js";
import { moneyForms } from "./forms/money.js";
import { rateForms } from "./forms/rate.js";
import { stringForms } from "./forms/string.js";
import { RUNTIME_VALUE_TYPES as R } from "./runtime.js";
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
  money: { ...R.money, ...moneyForms },
  decimal: { ...R.decimal, ...decimalForms },
  rate: { ...R.rate, ...rateForms },
  integer: { ...R.integer, ...integerForms },
  boolean: { ...R.boolean, ...booleanForms },
  date: { ...R.date, ...dateForms },
  enum: { ...R.enum, ...enumTypeForms },
  enumList: { ...R.enumList, ...enumListForms },
  string: { ...R.string, ...stringForms },
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
