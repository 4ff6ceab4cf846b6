import { VALUE_WORDS } from "../../format/values.js";
import { groupedDelta } from "../numeric.js";
import { boolean } from "../boolean.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the boolean type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from boolean.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * booleanForms.tsDoc // the doc comment of a boolean input in the generated TypeScript types
 */
export const booleanForms: ValueTypeForms<"boolean"> = {
  peopleText: (text) => text,
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang) => (value === true ? `✓ ${VALUE_WORDS.yes[lang]}` : value === false ? `✗ ${VALUE_WORDS.no[lang]}` : String(value)),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  inputBound: () => ({ int: 1, frac: 0, size: 5 }),
  parseAssignment: (text) => (text === "true" ? true : text === "false" ? false : text),
  assignmentExpected: () => "true or false",
  tsType: () => "boolean",
  tsDoc: "true or false.",
  outcomeTsType: "boolean",
  factsJsonSchema: () => ({ type: "boolean" }),
  outcomeJsonSchema: { type: "boolean" },
};
