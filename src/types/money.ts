/** `money`: yuan as a decimal with at most two decimals (the fen), ≥ 0 unless declared otherwise. */
import { Dec, formatMoney as formatDecMoney, toDec } from "../exact/decimal.js";
import { parseScaled, scaledToMoney } from "../exact/scaled.js";
import { VALUE_WORDS, formatMoney } from "../format/values.js";
import { MONEY_SCALE, decimalHint, decimalParameterProblem, decimalRuntime, exactOverride, numberText, scaledBound } from "./numeric.js";
import { INVALID, NOT_FAST, type ValueTypeRuntime } from "./value-type.js";

/** Money: yuan, at most two decimals (the fen), written plainly. */
const MONEY_LITERAL = /^-?\d{1,15}(\.\d{1,2})?$/;

/**
 * The `money` value type.
 *
 * @example
 * money.expectation({ type: "money", label }).accept("3000000") //=> "3000000.00"
 */
export const money: ValueTypeRuntime<"money"> = {
  name: "money",
  staticType: "decimal",
  needsValues: false,
  totalled: true,
  numeric: true,
  decimalValue: true,
  scaledOutcome: true,
  fastFormat: "money",
  slot: "money",
  inline: "money",
  expectation(spec) {
    const min = spec.min ?? "0";
    return {
      expected: `money in yuan with at most 2 decimals, ${spec.max ? `${min} to ${spec.max}` : `≥ ${min}`}, e.g. "3000000.00"`,
      accept: (v) => {
        const text = numberText(v);
        if (text === undefined || !MONEY_LITERAL.test(text)) return undefined;
        const d = new Dec(text);
        if (d.lt(min) || (spec.max !== undefined && d.gt(spec.max))) return undefined;
        return d.toFixed(2);
      },
      hint: decimalHint,
    };
  },
  slotReader(spec, exp) {
    const lo = scaledBound(spec.min ?? "0", MONEY_SCALE, true);
    const hi = scaledBound(spec.max, MONEY_SCALE, false);
    return {
      kind: "money",
      read: (v) => {
        const text = typeof v === "string" ? v : numberText(v);
        if (text === undefined) return INVALID;
        const n = parseScaled(text, MONEY_SCALE, 15, 2);
        if (n === undefined) return exp.accept(v) === undefined ? INVALID : NOT_FAST; // not a money literal, or more than 2^53 fen
        if (n < lo || n > hi) return INVALID;
        return n === 0 ? 0 : n; // the canonical "0.00" has no sign
      },
    };
  },
  formatOutcome: (raw, where) => (raw === null ? null : formatDecMoney(toDec(raw, where))),
  scaledFormatter: (scale) => (n) => scaledToMoney(n as number, scale),
  explainText: (text) => ({ zh: `${text} ${VALUE_WORDS.yuan.zh}`, en: `${text} ${VALUE_WORDS.yuan.en}` }),
  outcomeText: (text) => formatMoney(text),
  explainMemo: false,
  defaultBounds: { min: "0" },
  boundWords: "money is yuan",
  parameterProblem: (spec) => decimalParameterProblem(spec, "500000"),
  overrideValue: exactOverride,
  runtimeValue: decimalRuntime,
};
