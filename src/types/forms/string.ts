import { groupedDelta, plainPageText } from "../numeric.js";
import { string, MAX_STRING_LENGTH } from "../string.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the string type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from string.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * stringForms.tsDoc // the doc comment of a string input in the generated TypeScript types
 */
export const stringForms: ValueTypeForms<"string"> = {
  peopleText: (text) => JSON.stringify(text),
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang) => plainPageText(value, lang),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  inputBound: () => ({ int: 0, frac: 0, size: MAX_STRING_LENGTH }),
  parseAssignment: (text) => text,
  assignmentExpected: () => "text",
  tsType: () => "string",
  tsDoc: "Text.",
  outcomeTsType: "string",
  factsJsonSchema: (spec) => ({ type: "string", maxLength: MAX_STRING_LENGTH, ...(spec.pattern !== undefined && { pattern: spec.pattern }) }),
  outcomeJsonSchema: { type: "string" },
};
