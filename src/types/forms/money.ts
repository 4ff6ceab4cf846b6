import { Dec } from "../../exact/decimal.js";
import { VALUE_WORDS, formatMoney, groupDigits } from "../../format/values.js";
import { numericJsonSchema } from "../numeric.js";
import { money } from "../money.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the money type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from money.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * moneyForms.tsDoc // the doc comment of a money input in the generated TypeScript types
 */
export const moneyForms: ValueTypeForms<"money"> = {
  peopleText: (text) => groupDigits(text),
  deltaText: (abs) => groupDigits(abs.toFixed(2)),
  defaultUnit: "yuan",
  unitInText: false,
  pageText: (value, lang) => (typeof value === "string" || typeof value === "number" ? `${formatMoney(String(value))} ${VALUE_WORDS.yuan[lang]}` : String(value)),
  probe: { fixedStep: "0.01", minPlaces: 2, words: "one fen", wordsZh: "1分", wholeUnit: "yuan", wholeUnitZh: "元" },
  inputMin: "0",
  factOf: (d) => d.toString(),
  caseText: (text) => groupDigits(new Dec(text).isInteger() ? new Dec(text).toFixed(0) : new Dec(text).toFixed(2)),
  inputBound: () => ({ int: 15, frac: 2, size: 19 }),
  parseAssignment: (text) => text,
  assignmentExpected: () => "yuan as a plain decimal, e.g. 800000",
  tsType: () => "string | number",
  tsDoc: 'Money in yuan: a decimal string with at most 2 decimals, e.g. "3000000.00" (a number is accepted too).',
  outcomeTsType: "string",
  factsJsonSchema: (spec) => ({ ...numericJsonSchema(spec.min ?? "0", spec.max, { int: 15, frac: 2 }, money.expectation(spec).expected), examples: ["3000000.00"] }),
  outcomeJsonSchema: { type: "string", pattern: "^-?[0-9]+\\.[0-9]{2}$", description: "money in yuan, two decimals" },
};
