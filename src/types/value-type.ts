/*
 * What a value type is: one module per type (money.ts, rate.ts, …) implements ValueTypeModule, and the
 * registry (index.ts) lists them, typed over ValueType so that a type without a module does not compile.
 * Everything the engine, the CLI, the diff, the catalogue and the page need to know about a type is here:
 * how a fact is read and checked (slow and fast, from the same module), how a value is written for
 * people and for explanations, its static type for the checker, its scale for the fast path, the digit
 * bound of its values, and how a parameter of that type is checked and overridden.
 */
import type { LocalizedText } from "../schema/common.js";
import type { InputSpec, ParameterSpec, ValueType } from "../schema/rule-file.js";

/**
 * The static type of a value of a declared type, as the logic checker (logic/check.ts) reads it.
 *
 * @example
 * const t: ValueStaticType = "decimal"; // money, decimal and rate
 */
export type ValueStaticType = "number" | "decimal" | "string" | "date" | "boolean" | "array";

/**
 * How an input's value sits in a slot of the compiled facts validator: money as fen, decimals scaled
 * by 10^6, integers as numbers, anything else ("plain") in its canonical form.
 *
 * @example
 * const kind: SlotKind = "money";
 */
export type SlotKind = "money" | "decimal" | "integer" | "plain";

/**
 * Which check the compiled validator inlines for an input (one function, no call per input): money
 * literals, short enums, booleans and texts whose validity depends on the text alone; "other" calls
 * the module's slot reader.
 *
 * @example
 * const inline: InlineKind = "text"; // string and date
 */
export type InlineKind = "money" | "enum" | "boolean" | "text" | "other";

/**
 * What a fact of an input must be: the words for "expected …", the check (returning the canonical
 * form, or undefined when the value is not accepted) and a hint for a common mistake.
 *
 * @example
 * const e: Expectation = { expected: "true or false", accept: (v) => (typeof v === "boolean" ? v : undefined) };
 */
export interface Expectation {
  /** The words after "expected", e.g. `a calendar date YYYY-MM-DD`. */
  readonly expected: string;
  /** Converts an accepted value to its canonical form, or returns undefined when it is not accepted. */
  readonly accept: (value: unknown) => unknown;
  /** Why a rejected value was probably written wrong, e.g. "remove the thousands separators". */
  readonly hint?: (value: unknown) => string | undefined;
}

/**
 * A value the fast slot reader could not read: valid, but only for the reference path (e.g. money of
 * more than 2^53 fen).
 *
 * @example
 * reader.read("1e400") === NOT_FAST
 */
export const NOT_FAST: unique symbol = Symbol("not-fast");
/**
 * A value the fast slot reader does not take: the input's check (input-check.ts) then decides, and
 * gives the issue with {@link Expectation}'s words when the value is invalid. A reader never has the
 * last word on a rejection, so one stricter than its type's check costs time, never a wrong verdict.
 *
 * @example
 * reader.read(true) === INVALID // for a money input
 */
export const INVALID: unique symbol = Symbol("invalid");

/**
 * The fast reader of one input: its slot kind and `read`, which returns the slot value, {@link NOT_FAST}
 * or {@link INVALID}. It accepts exactly what the input's {@link Expectation} accepts.
 *
 * @example
 * const r: SlotReader = { kind: "plain", read: (v) => (typeof v === "boolean" ? v : INVALID) };
 */
export interface SlotReader {
  readonly kind: SlotKind;
  readonly read: (value: unknown) => unknown;
}

/**
 * The size of the values an expression can take: integer digits, decimals, and the size of any value
 * (engine/growth-bound.ts proves that logic cannot build values beyond the engine's limits).
 *
 * @example
 * const money: DigitBound = { int: 15, frac: 2, size: 19 };
 */
export interface DigitBound {
  readonly int: number;
  readonly frac: number;
  readonly size: number;
}

/**
 * What is wrong with a parameter's value, and the bound it broke if any.
 *
 * @example
 * const p: ParameterProblem = { message: "a rate is a fraction (0.15 is 15%), by default ≤ 1, got 2", bound: "≤ 1" };
 */
export interface ParameterProblem {
  /** In English, e.g. `a rate parameter is within 0 and 1 (≥ 0), got "-1"`. */
  message: string;
  /** The bound broken, e.g. `≥ 0`. */
  bound?: string;
}

/**
 * An outcome value in its public form (the same union as the engine's `OutcomeValue`).
 *
 * @example
 * const v: PublicValue = "200000.00";
 */
export type PublicValue = string | number | boolean | null | string[];

/**
 * A language of the texts for people.
 *
 * @example
 * const lang: Lang = "zh";
 */
export type Lang = "zh" | "en";

/**
 * One value type: everything the library knows about it, in one module.
 *
 * @example
 * VALUE_TYPES.money.staticType //=> "decimal"
 */
export interface ValueTypeModule<K extends ValueType = ValueType> {
  /** The type's name in rule files. */
  readonly name: K;
  /** Its static type for the logic checker. */
  readonly staticType: ValueStaticType;
  /** Whether an input or parameter of this type must list its `values` (enum, enumList). */
  readonly needsValues: boolean;
  /** Whether an outcome of this type is an amount of money that reports total (the CLI's impact). */
  readonly totalled: boolean;
  /** Whether inputs and parameters of this type take `min`/`max` (a decimal bound). */
  readonly numeric: boolean;
  /** Whether a parameter's value is a decimal string, used by the operations as an exact decimal. */
  readonly decimalValue: boolean;
  /** Whether an outcome of this type is computed in scaled integers on the fast path. */
  readonly scaledOutcome: boolean;
  /**
   * The fast path's inline formatter of an outcome of this type, when one gives exactly the text of
   * {@link scaledFormatter} (or, for `boolean`, of {@link formatOutcome}): `money` (two decimals),
   * `decimal` (plain digits), `integer` (a whole number at scale 0), `boolean`; `call` for none, so
   * the fast path calls the module's formatter. A new type is never formatted as another by mistake.
   */
  readonly fastFormat: "money" | "decimal" | "integer" | "boolean" | "call";
  /** How the compiled facts validator holds an input's value, and which check it inlines. */
  readonly slot: SlotKind;
  readonly inline: InlineKind;

  /** What a fact of this input must be: the acceptance, words and hints of its check (input-check.ts). */
  expectation(spec: InputSpec): Expectation;
  /** The fast reader of a fact: the same acceptance as {@link expectation}, reading straight into slots. */
  slotReader(spec: InputSpec, expectation: Expectation): SlotReader;

  /** An outcome value computed by the reference path, in its public form. Throws on a value of the wrong kind. */
  formatOutcome(raw: unknown, where: string): PublicValue;
  /**
   * For a {@link scaledOutcome} type: the formatter of a scaled integer at `scale`; it throws the fast
   * path's FALLBACK where only the reference path can answer (e.g. a fraction for an integer).
   */
  scaledFormatter(scale: number): (n: unknown) => PublicValue;

  /** A value (not null, boolean, list or labelled enum value) in an explanation: `0.1(10%)`, `500000 元`. */
  explainText(text: string): LocalizedText;
  /** A value for people in one line of a report (diff): money grouped, a rate as a percentage. */
  peopleText(text: string, values?: Readonly<Record<string, LocalizedText>>): string;
  /** An outcome value for people in a report: money as yuan with two decimals, otherwise {@link peopleText}. */
  outcomeText(text: string): string;
  /** The magnitude of a signed difference for people, from the exact absolute value. */
  deltaText(abs: { toFixed(decimals: number): string; toString(): string }): string;
  /** The unit a parameter's value is shown with when it declares none ("yuan" for money), "" for none. */
  readonly defaultUnit: string;
  /** Whether the value's text carries its unit (a rate printed as a percentage): no unit is appended. */
  readonly unitInText: boolean;
  /**
   * A value on the calculator page in the reader's language: money with 元/yuan, a rate with its
   * percentage, yes/no, enum labels; `unit` is a parameter's declared unit. Text only (format/values.ts).
   */
  pageText(value: unknown, lang: Lang, values?: Readonly<Record<string, LocalizedText>>, unit?: string): string;

  /**
   * How the behavioural diff (diff/behaviour.ts) probes a numeric input around a threshold: a fixed step
   * (a fen, one) or one unit of the finer of the value's decimals and `minPlaces`; the step in words;
   * and the whole unit to try as well when a threshold falls between two (money: the first whole yuan).
   */
  readonly probe: { readonly fixedStep?: string; readonly minPlaces: number; readonly words: string; readonly wordsZh: string; readonly wholeUnit?: string; readonly wholeUnitZh?: string };
  /** The lower bound of an input of this type when it declares none (money: 0). */
  readonly inputMin?: string;
  /** A fact of this type from an exact decimal (an integer as a JS number, others as text). */
  factOf(d: { toString(): string; toNumber(): number }): string | number;
  /** A decimal input value in a case description for people (money grouped, whole yuan without fen). */
  caseText(text: string): string;

  /**
   * Whether the explanation keeps its lines per value of an input of this type: values that repeat from
   * subject to subject (a city, a date, a yes/no) and compare with ===; not amounts, which vary, nor lists.
   */
  readonly explainMemo: boolean;

  /** The digit bound of an input's values (engine/growth-bound.ts). */
  inputBound(spec: InputSpec): DigitBound;

  /** A parameter's bounds when it declares none (money, rates and counts are ≥ 0; a rate ≤ 1). */
  readonly defaultBounds: { readonly min?: string; readonly max?: string };
  /** How a broken bound is introduced: "money is yuan", "a rate is a fraction (0.15 is 15%)". */
  readonly boundWords: string;
  /** Why a parameter's value does not fit the type (its bounds are checked by the caller), or undefined. */
  parameterProblem(spec: ParameterSpec): ParameterProblem | undefined;
  /**
   * A what-if override as the parameter check takes it: e.g. a JS number for a decimal type becomes its
   * exact text; undefined when it cannot be taken (the number is not exactly a decimal).
   */
  overrideValue(raw: number): unknown;
  /** A parameter value as the operations use it (an exact decimal for decimal types). */
  runtimeValue(value: unknown): unknown;
  /** The text after `--set name=` as a value of this type (`15%` for a rate, `a,b` for a list). */
  parseAssignment(text: string): string | number | boolean | string[];
  /** What `--set` expected, in words, e.g. "a comma-separated list of a, b". */
  assignmentExpected(spec: ParameterSpec, bounds: { min: string | undefined; max: string | undefined }): string;

  /** The TypeScript type of a fact of this input (scripts/generate-rule-types.mjs). */
  tsType(spec: InputSpec): string;
  /** One sentence describing a fact of this type (the generated doc comments). */
  readonly tsDoc: string;
  /**
   * The TypeScript type of an outcome value of this type, when it is not null (what `formatOutcome`
   * returns): the typed outcomes of scripts/generate-rule-types.mjs (`RuleOutcomes`).
   */
  readonly outcomeTsType: string;
  /**
   * The JSON Schema (2020-12, as OpenAPI 3.1 takes it) of a fact of this input: the HTTP service's
   * OpenAPI document (src/server/openapi.ts). It documents; the engine's check above still decides.
   */
  factsJsonSchema(spec: InputSpec): JsonSchema;
  /** The JSON Schema of an outcome value of this type, when it is not null (the OpenAPI decision schemas). */
  readonly outcomeJsonSchema: JsonSchema;
}

/**
 * A JSON Schema, as a plain JSON object.
 *
 * @example
 * const s: JsonSchema = { type: "boolean" };
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * The fields of a value type that only the analyses, diffs, generators and CLI read (texts for pages and cases,
 * TypeScript and JSON Schema forms, input bounds, assignments): each type's are in `types/forms/`, which the
 * engine entry does not import (issue #15: a bundle of the engine carries only what decisions read).
 *
 * @example
 * VALUE_FORM_FIELDS.includes("tsType") //=> true
 */
export const VALUE_FORM_FIELDS = [
  "peopleText",
  "deltaText",
  "defaultUnit",
  "unitInText",
  "pageText",
  "probe",
  "inputMin",
  "factOf",
  "caseText",
  "inputBound",
  "parseAssignment",
  "assignmentExpected",
  "tsType",
  "tsDoc",
  "outcomeTsType",
  "factsJsonSchema",
  "outcomeJsonSchema",
] as const;

/**
 * What the engine reads of a value type (reading facts, formatting outcomes, explanations, parameters): the
 * object each type's module (money.ts, rate.ts, …) exports. {@link ValueTypeModule} is it with its {@link ValueTypeForms}.
 *
 * @example
 * const reader: ValueTypeRuntime<"money"> = RUNTIME_VALUE_TYPES.money;
 */
export type ValueTypeRuntime<K extends ValueType = ValueType> = Omit<ValueTypeModule<K>, (typeof VALUE_FORM_FIELDS)[number]>;

/**
 * What only the analyses, diffs, generators and CLI read of a value type (see {@link VALUE_FORM_FIELDS}).
 *
 * @example
 * const forms: ValueTypeForms<"money"> = moneyForms;
 */
export type ValueTypeForms<K extends ValueType = ValueType> = Pick<ValueTypeModule<K>, (typeof VALUE_FORM_FIELDS)[number]>;
