/*
 * A small validator with zod 4's semantics, for the rule files loadRuleSet reads (issues #15 and #20): the
 * main entry carries no zod (about 40 KB gzipped), and a file is checked several times faster.
 *
 * Hand-written rather than generated from the zod schemas: a generator would read zod's internal
 * definitions (which change between minor versions) and still need this runtime. Instead each combinator
 * here does what the zod schema of the same name does, and tests/catalog/validator-differential.test.ts
 * feeds every shipped file and thousands of seeded mutations of them to both and requires the same
 * output, the same issues (code, path, message) in the same order. The semantics copied from zod 4:
 * - every issue carries `continue`: a type mismatch, an unknown enum value, a failed union or a bad record
 *   key aborts (`continue` unset); a failed length, pattern, range or refinement does not;
 * - a node's checks (min length, pattern, range, refinement) run after it parses, skipped once an aborting
 *   issue was reported, except length checks, which run on anything with a `length` (as zod's `when`);
 * - a strict object checks its fields in declaration order, then reports its unknown keys in one issue;
 *   its output has the declared fields in declaration order (a present `undefined` kept);
 * - a union takes the first option without issues; failing that, the issues of its only option that did
 *   not abort; failing that, one `invalid_union` issue at its own path;
 * - messages are zod's English ones, or the schema's own.
 * Inputs are plain JSON trees (the loader checks the shape first: catalog/json-shape.ts), so recursion is
 * bounded by MAX_FILE_DEPTH.
 */

import { receivedTypeName as received } from "../format/received.js";

/** One problem, as zod reports it: its code, the path inside the file, a message. */
export interface SchemaIssue {
  code: string;
  path: (string | number)[];
  message: string;
  /** `unrecognized_keys`: the unknown keys. */
  keys?: string[];
  /** True when the problem does not stop later checks (zod's `continue`). */
  continue?: boolean;
}

/** The state of one parse: the issues so far and the path of the value being checked. */
export interface ParseContext {
  issues: SchemaIssue[];
  path: (string | number)[];
  /**
   * The value is known plain JSON within the limits (the loader's own copy): its unfrozen objects are this
   * file's alone, and are taken as the output where it would equal them (`jsonValue`, and an object, record or
   * list whose parts all parse to themselves). Frozen ones (a document's shared input declarations, which
   * several files hold) are copied, as without it, so that no two files share an object.
   */
  plainJson?: boolean | undefined;
}

/** A schema: parses a value (pushing its issues) and returns the output, as zod would build it. */
export interface Schema {
  run(value: unknown, ctx: ParseContext): unknown;
  /** `.optional()`: an absent field is no issue. */
  readonly optional?: true;
}

/** What a schema's parse gives: the output, or the issues. */
export type ParseResult<T> = { success: true; data: T } | { success: false; issues: SchemaIssue[] };

/**
 * Parse a value with a schema. With `plainJson`, the value is the loader's own copy (plain JSON within the
 * limits, which nothing else holds): a `jsonValue` inside it is taken as it is rather than copied again.
 *
 * @example
 * safeParse(string({ min: 1 }), "").success //=> false
 */
export function safeParse<T>(schema: Schema, value: unknown, options: { plainJson?: boolean } = {}): ParseResult<T> {
  const ctx: ParseContext = { issues: [], path: [], ...(options.plainJson === true && { plainJson: true }) };
  const data = schema.run(value, ctx);
  return ctx.issues.length === 0 ? { success: true, data: data as T } : { success: false, issues: ctx.issues };
}

function aborted(issues: readonly SchemaIssue[], from: number): boolean {
  for (let i = from; i < issues.length; i++) if (issues[i]!.continue !== true) return true;
  return false;
}


const quoted = (v: unknown) => (typeof v === "string" ? `"${v}"` : `${String(v)}`);

function push(ctx: ParseContext, issue: Omit<SchemaIssue, "path">, key?: string | number): void {
  const path = ctx.path.slice();
  if (key !== undefined) path.push(key);
  ctx.issues.push({ ...issue, path });
}

function typeIssue(ctx: ParseContext, expected: string, value: unknown, key?: string | number, cont?: boolean): void {
  push(ctx, { code: "invalid_type", message: `Invalid input: expected ${expected}, received ${received(value)}`, ...(cont === false && { continue: false }) }, key);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** zod's plain object (a record's input): an object whose constructor, if any, is Object-like. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const proto = (ctor as { prototype?: unknown }).prototype;
  return isObject(proto) && Object.prototype.hasOwnProperty.call(proto, "isPrototypeOf");
}

/** A length check (`min`, `length`): runs on anything with a length, as zod's. */
function lengthCheck(ctx: ParseContext, value: unknown, min: number | undefined, exact: number | undefined): void {
  if (value === null || value === undefined || (value as { length?: unknown }).length === undefined) return;
  const units = (value as { length: number }).length;
  const origin = Array.isArray(value) ? "array" : typeof value === "string" ? "string" : "unknown";
  const unit = origin === "array" ? " items" : origin === "string" ? " characters" : "";
  const verb = unit ? "have" : "be";
  // A code point is one or two UTF-16 units: count code points only where it can matter.
  const count = (n: number, lo: number, hi: number) => (typeof value === "string" && n >= lo && n <= hi ? [...value].length : n);
  if (min !== undefined) {
    if (count(units, min, min * 2 - 1) < min) push(ctx, { code: "too_small", message: `Too small: expected ${origin} to ${verb} >=${min}${unit}`, continue: true });
  }
  if (exact !== undefined) {
    const n = count(units, exact, exact * 2);
    if (n > exact) push(ctx, { code: "too_big", message: `Too big: expected ${origin} to ${verb} exactly ${exact}${unit}`, continue: true });
    else if (n < exact) push(ctx, { code: "too_small", message: `Too small: expected ${origin} to ${verb} exactly ${exact}${unit}`, continue: true });
  }
}

/**
 * `z.string()`, with `.min(n)`, `.regex(re, message)` or `.refine(fn, { message })`.
 *
 * @example
 * const identifier = string({ regex: /^[a-z][A-Za-z0-9]*$/, message: "expected a camelCase identifier" });
 */
export function string(opts: { min?: number; regex?: RegExp; message?: string; refine?: (s: string) => boolean } = {}): Schema {
  const { min, regex, message, refine } = opts;
  return {
    run(value, ctx) {
      if (typeof value !== "string") {
        typeIssue(ctx, "string", value);
        if (min !== undefined) lengthCheck(ctx, value, min, undefined);
        return value;
      }
      if (min !== undefined) lengthCheck(ctx, value, min, undefined);
      if (regex !== undefined) {
        regex.lastIndex = 0;
        if (!regex.test(value)) push(ctx, { code: "invalid_format", message: message ?? `Invalid string: must match pattern ${regex.toString()}`, continue: true });
      }
      if (refine !== undefined && !refine(value)) push(ctx, { code: "custom", message: message ?? "Invalid input", continue: true });
      return value;
    },
  };
}

/**
 * `z.number()`, with `.int()` (a safe integer), `.positive()` or `.nonnegative()`.
 *
 * @example
 * const version = number({ int: true, min: "positive" });
 */
export function number(opts: { int?: boolean; min?: "positive" | "nonnegative" } = {}): Schema {
  return {
    run(value, ctx) {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        typeIssue(ctx, "number", value);
        return value;
      }
      if (opts.int) {
        if (!Number.isInteger(value)) {
          typeIssue(ctx, "int", value, undefined, false);
          return value; // aborts: the range check is skipped
        }
        if (!Number.isSafeInteger(value)) {
          if (value > 0) push(ctx, { code: "too_big", message: `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`, continue: true });
          else push(ctx, { code: "too_small", message: `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`, continue: true });
        }
      }
      if (opts.min === "positive" && !(value > 0)) push(ctx, { code: "too_small", message: "Too small: expected number to be >0", continue: true });
      if (opts.min === "nonnegative" && !(value >= 0)) push(ctx, { code: "too_small", message: "Too small: expected number to be >=0", continue: true });
      return value;
    },
  };
}

/** `z.boolean()`. @example const repaired = boolean(); */
export function boolean(): Schema {
  return {
    run(value, ctx) {
      if (typeof value !== "boolean") typeIssue(ctx, "boolean", value);
      return value;
    },
  };
}

/** `z.null()`. @example const none = nullValue(); */
export function nullValue(): Schema {
  return {
    run(value, ctx) {
      if (value !== null) typeIssue(ctx, "null", value);
      return value;
    },
  };
}

/** `z.unknown()`: any value. @example const facts = record(undefined, unknownValue()); */
export function unknownValue(): Schema {
  return { run: (value) => value };
}

/**
 * `z.enum([...])`.
 *
 * @example
 * const basis = enumOf(["stated", "inferred"]);
 */
export function enumOf(values: readonly string[]): Schema {
  const set = new Set<unknown>(values);
  const message = values.length === 1 ? `Invalid input: expected ${quoted(values[0])}` : `Invalid option: expected one of ${values.map(quoted).join("|")}`;
  return {
    run(value, ctx) {
      if (!set.has(value)) push(ctx, { code: "invalid_value", message });
      return value;
    },
  };
}

/**
 * `schema.optional()`.
 *
 * @example
 * const note = optional(localizedText);
 */
export function optional(schema: Schema): Schema {
  return { optional: true, run: (value, ctx) => (value === undefined ? undefined : schema.run(value, ctx)) };
}

/**
 * `z.array(element)`, with `.min(n)` or `.length(n)`.
 *
 * @example
 * const measures = array(string(), { min: 1 });
 */
export function array(element: Schema, opts: { min?: number; length?: number } = {}): Schema {
  return {
    run(value, ctx) {
      if (!Array.isArray(value)) {
        typeIssue(ctx, "array", value);
        if (opts.min !== undefined || opts.length !== undefined) lengthCheck(ctx, value, opts.min, opts.length);
        return value;
      }
      const start = ctx.issues.length;
      const out = new Array(value.length);
      const path = ctx.path;
      let same = ctx.plainJson === true && !Object.isFrozen(value);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const item = value[i];
        const result = element.run(item, ctx);
        out[i] = result;
        if (result !== item) same = false;
        path.pop();
      }
      // A length check runs unless an element's issue asked to stop everything (none of ours does).
      if (opts.min !== undefined || opts.length !== undefined) {
        if (!ctx.issues.slice(start).some((i) => i.continue === false)) lengthCheck(ctx, value, opts.min, opts.length);
      }
      return same ? value : out;
    },
  };
}

/**
 * `z.object(shape).strict()`, with an optional `.refine(fn, { message })` of the whole object.
 *
 * @example
 * const localizedText = object({ zh: string({ min: 1 }), en: string({ min: 1 }) });
 */
export function object(shape: Record<string, Schema>, refine?: { fn: (value: Record<string, unknown>) => boolean; message: string }): Schema & { readonly keys: readonly string[] } {
  const keys = Object.keys(shape);
  const schemas = keys.map((k) => shape[k]!);
  const known = new Set(keys);
  return {
    keys,
    run(value, ctx) {
      if (!isObject(value)) {
        typeIssue(ctx, "object", value);
        return value;
      }
      const start = ctx.issues.length;
      const out: Record<string, unknown> = {};
      const path = ctx.path;
      // The loader's own copy is taken as the output where the output would equal it (see `reused`).
      let same = ctx.plainJson === true && !Object.isFrozen(value);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        const schema = schemas[k]!;
        const child = value[key];
        const present = key in value;
        if (child === undefined && schema.optional) {
          if (present) out[key] = undefined;
          continue;
        }
        const before = ctx.issues.length;
        path.push(key);
        const result = schema.run(child, ctx);
        path.pop();
        if (!present) {
          if (ctx.issues.length === before) push(ctx, { code: "invalid_type", message: "Invalid input: expected nonoptional, received undefined" }, key);
          continue;
        }
        out[key] = result;
        if (result !== child) same = false;
      }
      let unknown: string[] | undefined;
      for (const key in value) {
        if (!known.has(key)) (unknown ??= []).push(key);
      }
      if (unknown) push(ctx, { code: "unrecognized_keys", keys: unknown, message: `Unrecognized key${unknown.length > 1 ? "s" : ""}: ${unknown.map(quoted).join(", ")}`, continue: true });
      if (refine && !aborted(ctx.issues, start) && !refine.fn(out)) push(ctx, { code: "custom", message: refine.message, continue: true });
      return same && unknown === undefined && sameKeys(value, out) ? value : out;
    },
  };
}

/**
 * Whether an object output has the same keys as its input, in the same order: then, under `plainJson`, with
 * every field's output its input, the output would equal the input as JSON (`JSON.stringify` alike), and the
 * input is taken (issue #20: a parsed file shares its loader's copy rather than being a third tree).
 */
function sameKeys(input: Record<string, unknown>, out: Record<string, unknown>): boolean {
  const a = Object.keys(input);
  const b = Object.keys(out);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `z.record(key, value)`: keys checked by `key` (any string when undefined), in the input's order.
 *
 * @example
 * const values = record(undefined, localizedText);
 */
export function record(key: Schema | undefined, value: Schema): Schema {
  return {
    run(input, ctx) {
      if (!isPlainObject(input)) {
        typeIssue(ctx, "record", input);
        return input;
      }
      const out: Record<string, unknown> = {};
      const path = ctx.path;
      let same = ctx.plainJson === true && !Object.isFrozen(input);
      for (const k of Object.keys(input)) {
        if (k === "__proto__") continue; // zod skips it; the loader's shape check refuses it first
        if (key !== undefined) {
          const keyCtx: ParseContext = { issues: [], path: [] };
          key.run(k, keyCtx);
          if (keyCtx.issues.length > 0) {
            push(ctx, { code: "invalid_key", message: "Invalid key in record" }, k);
            same = false;
            continue;
          }
        }
        path.push(k);
        const child = input[k];
        const result = value.run(child, ctx);
        out[k] = result;
        if (result !== child) same = false;
        path.pop();
      }
      return same ? input : out;
    },
  };
}

/**
 * `z.union([...])`.
 *
 * @example
 * const scalar = union([string(), number(), boolean()]);
 */
export function union(options: readonly Schema[]): Schema {
  return {
    run(value, ctx) {
      const results: { out: unknown; issues: SchemaIssue[] }[] = [];
      for (const option of options) {
        const sub: ParseContext = { issues: [], path: ctx.path, plainJson: ctx.plainJson };
        const out = option.run(value, sub);
        if (sub.issues.length === 0) return out;
        results.push({ out, issues: sub.issues });
      }
      let only: { out: unknown; issues: SchemaIssue[] } | undefined;
      let count = 0;
      for (const r of results) {
        if (!aborted(r.issues, 0)) {
          only = r;
          count++;
        }
      }
      if (count === 1) {
        for (const issue of only!.issues) ctx.issues.push(issue);
        return only!.out;
      }
      push(ctx, { code: "invalid_union", message: "Invalid input" });
      return value;
    },
  };
}

/**
 * `schema.transform(fn)`: the output of `schema` mapped, when it parsed without issues (an unknown key
 * aside, as zod's pipe).
 *
 * @example
 * const description = transform(union([localizedText, string({ min: 1 })]), (t) => (typeof t === "string" ? { zh: t, en: t } : t));
 */
export function transform(schema: Schema, fn: (value: unknown) => unknown): Schema {
  return {
    run(value, ctx) {
      const start = ctx.issues.length;
      const out = schema.run(value, ctx);
      for (let i = start; i < ctx.issues.length; i++) if (ctx.issues[i]!.code !== "unrecognized_keys") return out;
      return fn(out);
    },
  };
}

/**
 * `z.lazy(() => schema)`: a schema that refers to itself.
 *
 * @example
 * const tree: Schema = lazy(() => union([string(), array(tree)]));
 */
export function lazy(get: () => Schema): Schema {
  let schema: Schema | undefined;
  return { run: (value, ctx) => (schema ??= get()).run(value, ctx) };
}

/**
 * Any JSON value, copied (the rule logic): zod's lazy union of null, boolean, number, string, a list of
 * itself and a record of itself. A value that is not JSON anywhere inside makes every option of every
 * enclosing union abort, so zod reports one `invalid_union` at the top: so does this, without trying the
 * options one by one at every node.
 *
 * @example
 * const logic = jsonValue();
 */
export function jsonValue(): Schema {
  const copy = (value: unknown): unknown => {
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : FAIL;
    if (Array.isArray(value)) {
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const c = copy(value[i]);
        if (c === FAIL) return FAIL;
        out[i] = c;
      }
      return out;
    }
    if (!isPlainObject(value)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      if (k === "__proto__") continue;
      const c = copy(value[k]);
      if (c === FAIL) return FAIL;
      out[k] = c;
    }
    return out;
  };
  return {
    run(value, ctx) {
      // The loader's own copy is plain JSON already (catalog/own-sources.ts): the same tree, without a third copy.
      if (ctx.plainJson === true && !Object.isFrozen(value)) return value;
      const out = copy(value);
      if (out !== FAIL) return out;
      push(ctx, { code: "invalid_union", message: "Invalid input" });
      return value;
    },
  };
}

const FAIL = Symbol("not JSON");
