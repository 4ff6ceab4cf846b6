import { groupedDelta, plainPageText } from "../numeric.js";
import { hasOwn } from "../enum.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the enum type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from enum.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * enumTypeForms.tsDoc // the doc comment of a enum input in the generated TypeScript types
 */
export const enumTypeForms: ValueTypeForms<"enum"> = {
  peopleText: (text, values) => (values && hasOwn(values, text) ? `${text} (${values[text]!.zh}, ${values[text]!.en})` : text),
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang, values) =>
    typeof value === "string" ? (values && hasOwn(values, value) ? `${values[value]![lang]} (${value})` : value) : plainPageText(value, lang),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  inputBound: (spec) => ({ int: 0, frac: 0, size: Math.max(0, ...Object.keys(spec.values ?? {}).map((k) => k.length)) }),
  parseAssignment: (text) => text,
  assignmentExpected: (spec) => `one of ${Object.keys(spec.values ?? {}).join(", ")}`,
  tsType: (spec) => Object.keys(spec.values ?? {}).map((v) => JSON.stringify(v)).join(" | ") || "never",
  tsDoc: "One of the declared values.",
  outcomeTsType: "string",
  factsJsonSchema: (spec) => ({ type: "string", enum: Object.keys(spec.values ?? {}) }),
  outcomeJsonSchema: { type: "string" },
};
