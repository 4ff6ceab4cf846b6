import { InvalidOptionsError, InvalidParameterError } from "../errors.js";
import { isIsoDate, RULE_KINDS as KINDS } from "../schema/values.js";
import { describeSafely } from "../exact/describe-safely.js";
import type { EvaluateOptions } from "./evaluate-options.js";

/*
 * The options of evaluate, evaluateMany, matchPolicies and listRules are checked here, each with a
 * typed error naming the option. Each option is read exactly once (a getter or a proxy cannot show one
 * value to the check and another to the evaluation), and what-if overrides are copied, so that a caller
 * changing them afterwards cannot change a decision already returned (nor the next items of a batch).
 */

const RULE_KINDS: readonly string[] = KINDS;
const EVALUATE_OPTIONS = ["on", "version", "parameters", "explain"] as const;
const NO_OPTIONS: EvaluateOptions = Object.freeze({});
const hasOwn = Object.prototype.hasOwnProperty;

/** Whether for…in over `record` can list keys it does not own (its prototype chain has enumerable ones). */
function hasEnumerableInherited(record: object): boolean {
  // for…in over a null prototype visits nothing.
  for (const _ in Object.getPrototypeOf(record) as object) return true;
  return false;
}

function message(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unreadable error";
  }
}

/**
 * The own keys of an options object, each read once: a non-object, an unknown key, or a key that
 * cannot be read is an {@link InvalidOptionsError}. Shared by every API that takes options.
 *
 * @example
 * readKnown({ on: "2025-06-01" }, ["on", "version"], '{ on: "2025-06-01" }') //=> { on: "2025-06-01" }
 */
export function readKnown<K extends string>(options: unknown, known: readonly K[], example: string): Partial<Record<K, unknown>> {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new InvalidOptionsError("", `options must be an object like ${example}, got ${describeSafely(options)} (选项须为对象)`);
  }
  const out: Partial<Record<K, unknown>> = {};
  let keys: string[];
  try {
    keys = Object.keys(options);
  } catch (error) {
    throw new InvalidOptionsError("", `the options could not be read: ${message(error)} (无法读取选项)`);
  }
  for (const key of keys) {
    // A misspelt option ({ date: … } for { on: … }) would otherwise mean "today", quietly.
    if (!(known as readonly string[]).includes(key)) {
      throw new InvalidOptionsError(key, `unknown option "${key.length > 40 ? `${key.slice(0, 40)}…` : key}" (options: ${known.join(", ")}) (未知选项)`);
    }
    try {
      out[key as K] = (options as Record<string, unknown>)[key];
    } catch (error) {
      throw new InvalidOptionsError(key, `option "${key}" could not be read: ${message(error)} (无法读取选项 ${key})`);
    }
  }
  return out;
}

function checkOn(on: unknown): void {
  // The format of the date is checked where it is used (evaluationDate, requireDate), with its cache.
  if (on !== undefined && typeof on !== "string") {
    throw new InvalidOptionsError("on", `option "on" must be a date string YYYY-MM-DD, got ${describeSafely(on)} (日期须为 YYYY-MM-DD 字符串)`);
  }
}

/**
 * Check and copy the options of an evaluation: known keys only; `on` a string, `version` an integer,
 * `explain` a boolean, `parameters` an object (absent when undefined; `null` is an error, not "none").
 *
 * @throws {InvalidOptionsError} naming the option | {InvalidParameterError} for an override that cannot be read
 */
export function readEvaluateOptions(options: unknown): EvaluateOptions {
  if (options === undefined) return NO_OPTIONS;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new InvalidOptionsError("", `options must be an object like { on: "2025-06-01" }, got ${describeSafely(options)} (选项须为对象)`);
  }
  // This runs on every evaluation: one for…in pass, no array of keys, no intermediate record.
  let on: unknown, version: unknown, parameters: unknown, explain: unknown;
  let unknownKey: string | undefined;
  let reading = "";
  try {
    // Checking each key with hasOwnProperty was a fifth of reading the options: only a prototype chain
    // with enumerable properties (a polluted Object.prototype, a class) can put inherited keys here.
    const inherits = hasEnumerableInherited(options);
    for (const key in options) {
      if (inherits && !hasOwn.call(options, key)) continue; // inherited (a polluted prototype): not an option
      reading = key;
      const value = (options as Record<string, unknown>)[key];
      if (key === "on") on = value;
      else if (key === "explain") explain = value;
      else if (key === "version") version = value;
      else if (key === "parameters") parameters = value;
      else {
        unknownKey = key;
        break;
      }
      reading = "";
    }
  } catch (error) {
    throw new InvalidOptionsError(reading, `${reading ? `option "${reading}"` : "the options"} could not be read: ${message(error)} (无法读取选项)`);
  }
  if (unknownKey !== undefined) {
    // A misspelt option ({ date: … } for { on: … }) would otherwise mean "today", quietly.
    const shown = unknownKey.length > 40 ? `${unknownKey.slice(0, 40)}…` : unknownKey;
    throw new InvalidOptionsError(unknownKey, `unknown option "${shown}" (options: ${EVALUATE_OPTIONS.join(", ")}) (未知选项)`);
  }
  checkOn(on);
  if (version !== undefined && (typeof version !== "number" || !Number.isSafeInteger(version))) {
    throw new InvalidOptionsError("version", `option "version" must be an integer, got ${describeSafely(version)} (版本须为整数)`);
  }
  if (explain !== undefined && typeof explain !== "boolean") {
    throw new InvalidOptionsError("explain", `option "explain" must be true or false, got ${describeSafely(explain)} (explain 须为 true 或 false)`);
  }
  if (version === undefined && parameters === undefined) {
    // The common options ({ on }, { on, explain: false }) of a loop: the last such copy, frozen and
    // shared, when it says the same (it holds nothing a caller could change).
    const last = lastPlain;
    if (last !== undefined && last.on === on && last.explain === explain) return last;
    const plain: EvaluateOptions = {};
    if (on !== undefined) plain.on = on as string;
    if (explain !== undefined) plain.explain = explain as boolean;
    return (lastPlain = Object.freeze(plain));
  }
  const out: EvaluateOptions = {};
  if (on !== undefined) out.on = on as string;
  if (version !== undefined) out.version = version as number;
  if (explain !== undefined) out.explain = explain as boolean;
  if (parameters !== undefined) out.parameters = readParameters(parameters);
  return out;
}

/** The last options read without a version or overrides (readEvaluateOptions). */
let lastPlain: Readonly<EvaluateOptions> | undefined;

/** A copy of what-if overrides on a null prototype (so `__proto__` stays a name), each value read once. */
function readParameters(parameters: unknown): NonNullable<EvaluateOptions["parameters"]> {
  let proto: unknown;
  try {
    proto = parameters !== null && typeof parameters === "object" ? Object.getPrototypeOf(parameters) : undefined;
  } catch (error) {
    throw new InvalidOptionsError("parameters", `option "parameters" could not be read: ${message(error)} (无法读取 parameters)`);
  }
  if (parameters === null || typeof parameters !== "object" || Array.isArray(parameters) || (proto !== Object.prototype && proto !== null)) {
    throw new InvalidOptionsError(
      "parameters",
      `option "parameters" must be an object of overrides like { cap: "800000" }, or absent; got ${describeSafely(parameters)} (parameters 须为对象或省略)`,
    );
  }
  const out = Object.create(null) as Record<string, string | number | boolean | string[]>;
  let names: string[];
  try {
    names = Object.keys(parameters);
  } catch (error) {
    throw new InvalidOptionsError("parameters", `option "parameters" could not be read: ${message(error)} (无法读取 parameters)`);
  }
  for (const name of names) {
    let value: unknown;
    try {
      value = (parameters as Record<string, unknown>)[name];
      if (Array.isArray(value)) value = Array.from(value as unknown[]);
    } catch (error) {
      throw new InvalidParameterError(name, `parameter "${name}" could not be read: ${message(error)} (无法读取参数 ${name})`);
    }
    out[name] = value as string;
  }
  return out;
}

/**
 * Check the options of `listRules` / `RuleSet.list`: known keys only, `on` a date, `document` a
 * string, `kind` one of the rule kinds.
 *
 * @throws {InvalidOptionsError} naming the option
 */
export function readListOptions(options: unknown): { on?: string; document?: string; kind?: string } {
  if (options === undefined) return NO_OPTIONS as { on?: string };
  const read = readKnown(options, ["on", "document", "kind"] as const, '{ on: "2025-06-01", kind: "benefit" }');
  checkOn(read.on);
  if (read.on !== undefined && !isIsoDate(read.on)) {
    throw new InvalidOptionsError("on", `option "on" must be a calendar date YYYY-MM-DD, got ${describeSafely(read.on)} (日期须为 YYYY-MM-DD)`);
  }
  if (read.document !== undefined && typeof read.document !== "string") {
    throw new InvalidOptionsError("document", `option "document" must be a document id like "sjz-2025", got ${describeSafely(read.document)} (document 须为字符串)`);
  }
  if (read.kind !== undefined && !(typeof read.kind === "string" && RULE_KINDS.includes(read.kind))) {
    throw new InvalidOptionsError("kind", `option "kind" must be one of ${RULE_KINDS.join(", ")}, got ${describeSafely(read.kind)} (kind 取值无效)`);
  }
  const out: { on?: string; document?: string; kind?: string } = {};
  if (read.on !== undefined) out.on = read.on as string;
  if (read.document !== undefined) out.document = read.document as string;
  if (read.kind !== undefined) out.kind = read.kind as string;
  return out;
}

/**
 * Check the options of `matchPolicies`: known keys only, `on` a calendar date, `kind` rule kinds and
 * `document` document ids (each one value or a list).
 *
 * @throws {InvalidOptionsError} naming the option
 */
export function readMatchOptions(options: unknown): { on?: string; kind?: readonly string[]; document?: readonly string[] } {
  if (options === undefined) return NO_OPTIONS as { on?: string };
  const read = readKnown(options, ["on", "kind", "document"] as const, '{ on: "2025-06-01", kind: "benefit" }');
  checkOn(read.on);
  if (read.on !== undefined && !isIsoDate(read.on)) {
    throw new InvalidOptionsError("on", `option "on" must be a calendar date YYYY-MM-DD, got ${describeSafely(read.on)} (日期须为 YYYY-MM-DD)`);
  }
  const out: { on?: string; kind?: readonly string[]; document?: readonly string[] } = read.on === undefined ? {} : { on: read.on as string };
  // `kind` and `document` filter the measures: one value or a list of them.
  const list = (value: unknown): string[] | undefined => (typeof value === "string" ? [value] : Array.isArray(value) && value.length > 0 && value.length <= 100 && value.every((v) => typeof v === "string") ? [...(value as string[])] : undefined);
  if (read.kind !== undefined) {
    const kinds = list(read.kind);
    if (!kinds || !kinds.every((k) => RULE_KINDS.includes(k as never))) {
      throw new InvalidOptionsError("kind", `option "kind" must be one of ${RULE_KINDS.join(", ")} or a list of them, got ${describeSafely(read.kind)} (kind 取值无效)`);
    }
    out.kind = kinds;
  }
  if (read.document !== undefined) {
    const documents = list(read.document);
    if (!documents) throw new InvalidOptionsError("document", `option "document" must be a document id like "sjz-2025" or a list of them, got ${describeSafely(read.document)} (document 须为字符串)`);
    out.document = documents;
  }
  return out;
}
