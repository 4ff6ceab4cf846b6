import { groupDigits } from "../../format/values.js";
import { groupedDelta, groupedPageText } from "../numeric.js";
import { integer } from "../integer.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the integer type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from integer.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * integerForms.tsDoc // the doc comment of a integer input in the generated TypeScript types
 */
export const integerForms: ValueTypeForms<"integer"> = {
  peopleText: (text) => groupDigits(text),
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, _lang, _values, unit) => groupedPageText(value, unit),
  probe: { fixedStep: "1", minPlaces: 0, words: "one", wordsZh: "1" },
  factOf: (d) => d.toNumber(),
  caseText: (text) => groupDigits(text),
  inputBound: () => ({ int: 16, frac: 0, size: 17 }),
  parseAssignment: (text) => (/^-?\d+$/.test(text) ? Number(text) : text),
  assignmentExpected: () => "an integer",
  tsType: () => "number",
  tsDoc: "An integer.",
  outcomeTsType: "number",
  factsJsonSchema: (spec) => ({ type: "integer", description: integer.expectation(spec).expected, ...(spec.min !== undefined && { minimum: Number(spec.min) }), ...(spec.max !== undefined && { maximum: Number(spec.max) }) }),
  outcomeJsonSchema: { type: "integer" },
};
