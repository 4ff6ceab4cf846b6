/** `enumList`: a list of the input's declared values (repeats are dropped, the order kept). */
import { describeSafely } from "../exact/describe-safely.js";
import { acceptingReader, groupedDelta, notScaled, same } from "./numeric.js";
import { VALUE_WORDS } from "../format/values.js";
import type { ValueTypeModule } from "./value-type.js";

const hasOwn = (o: object | undefined, key: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, key);

/**
 * The `enumList` value type.
 *
 * @example
 * enumList.expectation({ type: "enumList", label, values: { a: { zh: "甲", en: "A" } } }).accept(["a", "a"]) //=> ["a"]
 */
export const enumList: ValueTypeModule<"enumList"> = {
  name: "enumList",
  staticType: "array",
  needsValues: true,
  totalled: false,
  numeric: false,
  decimalValue: false,
  scaledOutcome: false,
  fastFormat: "call",
  slot: "plain",
  inline: "other",
  expectation(spec) {
    const values = Object.keys(spec.values ?? {});
    return {
      expected: `a list of ${values.map((x) => JSON.stringify(x)).join(" | ")}`,
      accept: (v) => (Array.isArray(v) && v.every((x) => typeof x === "string" && values.includes(x)) ? [...new Set(v as string[])] : undefined),
    };
  },
  slotReader: (_spec, exp) => acceptingReader(exp),
  formatOutcome: (raw) => (Array.isArray(raw) ? raw.map(String) : []),
  scaledFormatter: notScaled,
  explainText: (text) => ({ zh: text, en: text }),
  peopleText: (text) => text,
  outcomeText: (text) => text,
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
  explainMemo: false,
  inputBound: (spec) => ({ int: 0, frac: 0, size: Object.keys(spec.values ?? {}).reduce((n, k) => n + k.length + 1, 1) }),
  defaultBounds: {},
  boundWords: "an enumList",
  parameterProblem: (spec) =>
    Array.isArray(spec.value) && spec.values && spec.value.every((x) => typeof x === "string" && hasOwn(spec.values, x))
      ? undefined
      : { message: `an enumList parameter lists values among ${Object.keys(spec.values ?? {}).join(", ")}, got ${describeSafely(spec.value)}` },
  overrideValue: same,
  runtimeValue: same,
  parseAssignment: (text) => (text === "" ? [] : text.split(",").map((s) => s.trim())),
  assignmentExpected: (spec) => `a comma-separated list of ${Object.keys(spec.values ?? {}).join(", ")}`,
  tsType: (spec) => `readonly (${Object.keys(spec.values ?? {}).map((v) => JSON.stringify(v)).join(" | ") || "never"})[]`,
  tsDoc: "A list of the declared values.",
  outcomeTsType: "string[]",
  factsJsonSchema: (spec) => ({ type: "array", items: { type: "string", enum: Object.keys(spec.values ?? {}) } }),
  outcomeJsonSchema: { type: "array", items: { type: "string" } },
};
