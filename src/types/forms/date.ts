import { groupedDelta, plainPageText } from "../numeric.js";
import { date } from "../date.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the date type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from date.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * dateForms.tsDoc // the doc comment of a date input in the generated TypeScript types
 */
export const dateForms: ValueTypeForms<"date"> = {
  peopleText: (text) => text,
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang) => plainPageText(value, lang),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  inputBound: () => ({ int: 0, frac: 0, size: 10 }),
  parseAssignment: (text) => text,
  assignmentExpected: () => "a date YYYY-MM-DD",
  tsType: () => "string",
  tsDoc: "A calendar date, YYYY-MM-DD.",
  outcomeTsType: "string",
  factsJsonSchema: () => ({ type: "string", format: "date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "a calendar date YYYY-MM-DD" }),
  outcomeJsonSchema: { type: "string", format: "date" },
};
