import { groupDigits } from "../../format/values.js";
import { decimalInputBound, groupedDelta, groupedPageText, numericJsonSchema } from "../numeric.js";
import { decimal } from "../decimal.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the decimal type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from decimal.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * decimalForms.tsDoc // the doc comment of a decimal input in the generated TypeScript types
 */
export const decimalForms: ValueTypeForms<"decimal"> = {
  peopleText: (text) => groupDigits(text),
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, _lang, _values, unit) => groupedPageText(value, unit),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => groupDigits(text),
  inputBound: decimalInputBound,
  parseAssignment: (text) => text,
  assignmentExpected: () => "a plain decimal, e.g. 1.5",
  tsType: () => "string | number",
  tsDoc: 'An exact decimal, e.g. "1.5".',
  outcomeTsType: "string",
  factsJsonSchema: (spec) => numericJsonSchema(spec.min, spec.max, {}, decimal.expectation(spec).expected),
  outcomeJsonSchema: { type: "string", description: "an exact decimal" },
};
