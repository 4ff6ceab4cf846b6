/*
 * The value types as the engine reads them (issue #15): each type's module without its forms (types/forms/),
 * so that the engine entry's bundle carries no TypeScript, JSON Schema, page or case texts. Everything else
 * reads the full modules of types/index.ts.
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
import type { ValueTypeRuntime } from "./value-type.js";

export * from "./value-type.js";
export { DECIMAL_INPUT_SCALE, MONEY_SCALE } from "./numeric.js";
export { percentText } from "./rate.js";
export { asciiClassPattern } from "./string.js";

/**
 * What the engine reads of every value type, by name (the full modules are VALUE_TYPES of types/index.ts).
 *
 * @example
 * RUNTIME_VALUE_TYPES.rate.explainText("0.1").en //=> "0.1 (10%)"
 */
export const RUNTIME_VALUE_TYPES = {
  money,
  decimal,
  rate,
  integer,
  boolean,
  date,
  enum: enumType,
  enumList,
  string,
} as const satisfies { readonly [K in ValueType]: ValueTypeRuntime<K> };
