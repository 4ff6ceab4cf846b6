import { Dec } from "../../exact/decimal.js";
import { formatPercent, percentDigits } from "../../format/values.js";
import { decimalInputBound } from "../numeric.js";
import { numericJsonSchema } from "../numeric.js";
import { rate } from "../rate.js";
import type { ValueTypeForms } from "../value-type.js";

/**
 * What only the analyses, diffs, generators and CLI read of the rate type (its texts for pages and cases, TypeScript
 * and JSON Schema forms, bounds and assignments): kept apart from rate.ts so that the engine entry does not carry it (issue #15).
 *
 * @example
 * rateForms.tsDoc // the doc comment of a rate input in the generated TypeScript types
 */
export const rateForms: ValueTypeForms<"rate"> = {
  peopleText: (text) => formatPercent(text),
  deltaText: (abs) => formatPercent(abs.toString()),
  defaultUnit: "",
  unitInText: true,
  pageText: (value) => (typeof value === "string" ? `${value} (${percentDigits(value)}%)` : String(value)),
  probe: { minPlaces: 4, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  inputBound: decimalInputBound,
  parseAssignment: (text) => {
    const m = /^(-?\d+(?:\.\d+)?)%$/.exec(text);
    return m ? new Dec(m[1]!).dividedBy(100).toString() : text;
  },
  assignmentExpected: (_spec, { min, max }) => `a fraction or a percentage${min !== undefined && max !== undefined ? ` from ${min} to ${max}` : ""}, e.g. 0.15 or 15%`,
  tsType: () => "string | number",
  tsDoc: 'A rate as a decimal fraction: "0.10" is 10%.',
  outcomeTsType: "string",
  factsJsonSchema: (spec) => numericJsonSchema(spec.min, spec.max, {}, rate.expectation(spec).expected),
  outcomeJsonSchema: { type: "string", description: "a rate as a decimal fraction" },
};
