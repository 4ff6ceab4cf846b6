import { groupedDelta } from "../numeric.js";
import { VALUE_WORDS } from "../../format/values.js";
import { hasOwn } from "../enum-list.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the enumList type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from enum-list.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * enumListForms.tsDoc // the doc comment of a enumList input in the generated TypeScript types
 */
export const enumListForms: ValueTypeForms<"enumList"> = {
  peopleText: (text) => text,
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang, values) => {
    if (!Array.isArray(value)) return String(value);
    if (value.length === 0) return VALUE_WORDS.none[lang];
    const label = (v: string) => (values && hasOwn(values, v) ? `${values[v]![lang]} (${v})` : v);
    return value.map((v) => label(String(v))).join(lang === "zh" ? "、" : ", ");
  },
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  inputBound: (spec) => ({ int: 0, frac: 0, size: Object.keys(spec.values ?? {}).reduce((n, k) => n + k.length + 1, 1) }),
  parseAssignment: (text) => (text === "" ? [] : text.split(",").map((s) => s.trim())),
  assignmentExpected: (spec) => `a comma-separated list of ${Object.keys(spec.values ?? {}).join(", ")}`,
  tsType: (spec) => `readonly (${Object.keys(spec.values ?? {}).map((v) => JSON.stringify(v)).join(" | ") || "never"})[]`,
  tsDoc: "A list of the declared values.",
  outcomeTsType: "string[]",
  factsJsonSchema: (spec) => ({ type: "array", items: { type: "string", enum: Object.keys(spec.values ?? {}) } }),
  outcomeJsonSchema: { type: "array", items: { type: "string" } },
};
