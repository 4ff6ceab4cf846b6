/*
 * `JSON.stringify(value)`, the same text byte for byte, written with less work for the CLI's batch
 * output, where every answer of a rule version has the same shape and shares most of its parts.
 *
 * Two caches do it, neither knows any rule:
 * - the text of a deeply frozen object (a decision's title, source, parameters, validity, provenance,
 *   condition results: shared by every decision of a rule version) is computed once per object;
 * - a *plan* per shape of object: its keys in order with their `"key":` text, and the values seen when
 *   the plan was made that can never change their text (primitives, deeply frozen objects). A later
 *   object with the same keys is written from the plan: a run of keys whose values are those same values
 *   (`===`) is one precomputed string; another value is written as usual. So a decision of the shipped
 *   subsidy rule is five or six string pieces instead of a walk over ~60 values.
 *
 * Where a plan cannot tell (a key's value is `undefined`, a function, a `toJSON`, a prototype other than
 * Object's), the value is written the general way, which is `JSON.stringify`'s rules spelled out.
 * tests/cli/batch-bytes.test.ts compares with `JSON.stringify` on decisions, error records and random
 * JSON values.
 */

/** Plans are made for objects this deep at most (the answer and its members); deeper ones are walked. */
const PLAN_DEPTH = 2;
/** Plans are made for objects with at most this many keys. */
const PLAN_MAX_KEYS = 64;
/** Plans kept per place in the output (a place sees few shapes: a decision, an error record). */
const PLANS_PER_SITE = 4;
/** Deeper than this, `JSON.stringify` itself writes the value (as before: it is not a shape we plan). */
const MAX_WALK_DEPTH = 64;

/** A place in the output (the top, a member of a planned object, the elements of an array there): the plans seen there. */
interface Site {
  plans: Plan[];
  /** The next plan to replace when the site is full. */
  next: number;
  /** The site of the elements of an array found here. */
  elements: Site | undefined;
}

/** The plan of one shape of object. */
interface Plan {
  keys: string[];
  /** `"key":` with the comma before it (none for the first key). */
  heads: string[];
  /** Per key: whether the value seen when the plan was made has a text that never changes. */
  fixed: boolean[];
  /** Per key: that value. */
  values: unknown[];
  /** Per key with a fixed value: the text of the run of fixed keys that starts there (heads and values). */
  runs: string[];
  /** Per key with a fixed value: the index after that run. */
  runEnds: number[];
  /** Per key: the site of its value. */
  sites: (Site | undefined)[];
  /** `runs` encoded as UTF-8, made on first use (by {@link jsonLineInto}). */
  runBytes?: (Buffer | undefined)[];
}

const newSite = (): Site => ({ plans: [], next: 0, elements: undefined });
const TOP: Site = newSite();

const frozenJson = new WeakMap<object, string | null>();

/** Whether a value is deeply frozen (so its JSON text can never change). */
function deeplyFrozen(value: object, depth = 0): boolean {
  if (!Object.isFrozen(value) || depth > 64) return false;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "object" && v !== null && !deeplyFrozen(v, depth + 1)) return false;
  }
  return true;
}

/** Whether `value` is written by walking it: a plain object or array without `toJSON`. */
function walkable(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  const plain = proto === Object.prototype || proto === null || (Array.isArray(value) && proto === Array.prototype);
  return plain && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/** The text of a deeply frozen plain value (computed once per object), or `null` when it is not one. */
function frozenText(value: object): string | null {
  if (!Object.isFrozen(value)) return null;
  let text = frozenJson.get(value);
  if (text === undefined) {
    text = deeplyFrozen(value) ? JSON.stringify(value) : null;
    frozenJson.set(value, text);
  }
  return text;
}

/**
 * `JSON.stringify(value)`: the same text (or `undefined` where it gives `undefined`), with the constant
 * parts of decisions computed once.
 *
 * @example
 * jsonText({ a: 1, b: [true, "x"] }); // '{"a":1,"b":[true,"x"]}'
 */
export function jsonText(value: unknown): string | undefined {
  return write(value, 0, TOP);
}

function write(value: unknown, depth: number, site: Site | undefined): string | undefined {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (depth > MAX_WALK_DEPTH || !walkable(value)) return JSON.stringify(value);
  const frozen = frozenText(value);
  if (frozen !== null) return frozen;
  if (Array.isArray(value)) {
    const elements = site !== undefined && depth < PLAN_DEPTH ? (site.elements ??= newSite()) : undefined;
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += write(value[i], depth + 1, elements) ?? "null";
    }
    return out + "]";
  }
  if (site !== undefined && depth <= PLAN_DEPTH) {
    const plan = planFor(value as Record<string, unknown>, site, depth);
    if (plan !== undefined) {
      const text = writePlanned(readValues, plan, depth);
      if (text !== undefined) return text;
    }
  }
  return writeObject(value as Record<string, unknown>, depth);
}

/** An object written key by key, as `JSON.stringify` does. */
function writeObject(value: Record<string, unknown>, depth: number): string {
  let out = "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const text = write(value[key], depth + 1, undefined);
    if (text === undefined) continue; // undefined, functions and symbols are left out, as JSON.stringify does
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + text;
    first = false;
  }
  return out + "}";
}

/**
 * The values of the object that {@link planFor} last found a plan for, in the plan's key order: each read
 * once, in the same loop that checks the keys (V8 reads a value in a `for…in` over its own object by the
 * enumeration cache, where a keyed read per key is a lookup). The writers take them from here at once.
 */
let readValues: unknown[] = [];

/**
 * `value`'s values in the plan's key order when it has exactly the plan's keys, in its order (for…in: own
 * keys in order, then inherited ones, which make it differ); else `undefined`.
 */
function fits(value: Record<string, unknown>, plan: Plan): unknown[] | undefined {
  const keys = plan.keys;
  const n = keys.length;
  let i = 0;
  for (const key in value) {
    if (i === n || key !== keys[i]) return undefined;
    i++;
  }
  if (i !== n) return undefined;
  // Read only once the shape fits: a getter is read once, as JSON.stringify reads it.
  const out: unknown[] = new Array(n);
  i = 0;
  for (const key in value) out[i++] = value[key];
  return out;
}

/**
 * The site's plan for the shape of `value`, made if there is none (and the shape can have one); its values
 * are left in {@link readValues}.
 */
function planFor(value: Record<string, unknown>, site: Site, depth: number): Plan | undefined {
  const plans = site.plans;
  for (let i = 0; i < plans.length; i++) {
    const read = fits(value, plans[i]!);
    if (read !== undefined) {
      readValues = read;
      return plans[i];
    }
  }
  const plan = makePlan(value, depth);
  if (plan === undefined) return undefined;
  readValues = plan.values;
  if (plans.length < PLANS_PER_SITE) plans.push(plan);
  else {
    plans[site.next] = plan;
    site.next = (site.next + 1) % PLANS_PER_SITE;
  }
  return plan;
}

function makePlan(value: Record<string, unknown>, depth: number): Plan | undefined {
  const keys = Object.keys(value);
  if (keys.length > PLAN_MAX_KEYS) return undefined;
  // Inherited enumerable keys (a polluted prototype) would make `fits` refuse every object: no plan.
  let count = 0;
  for (const _key in value) count++;
  if (count !== keys.length) return undefined;
  const heads = keys.map((key, i) => (i > 0 ? "," : "") + JSON.stringify(key) + ":");
  const values = keys.map((key) => value[key]);
  const texts = values.map((v) => (typeof v === "object" && v !== null ? (walkable(v) ? frozenText(v) : null) : typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)) ? JSON.stringify(v) : null));
  const fixed = texts.map((t) => t !== null);
  const runs: string[] = [];
  const runEnds: number[] = [];
  for (let i = keys.length - 1; i >= 0; i--) {
    if (!fixed[i]) continue;
    const end = i + 1 < keys.length && fixed[i + 1] ? runEnds[i + 1]! : i + 1;
    runEnds[i] = end;
    runs[i] = heads[i]! + texts[i]! + (end > i + 1 ? runs[i + 1]! : "");
  }
  const sites = keys.map((_, i) => (fixed[i] || depth >= PLAN_DEPTH ? undefined : newSite()));
  return { keys, heads, fixed, values, runs, runEnds, sites };
}

/** An object written from its plan and its values (in the plan's order), or `undefined` when a value is left out (then it is written key by key). */
function writePlanned(value: readonly unknown[], plan: Plan, depth: number): string | undefined {
  const { keys, heads, fixed, values, runs, runEnds, sites } = plan;
  let out = "{";
  let i = 0;
  while (i < keys.length) {
    if (fixed[i]) {
      const end = runEnds[i]!;
      let same = true;
      for (let k = i; k < end; k++) {
        if (value[k] !== values[k]) {
          same = false;
          break;
        }
      }
      if (same) {
        out += runs[i];
        i = end;
        continue;
      }
    }
    const text = write(value[i], depth + 1, sites[i]);
    if (text === undefined) return undefined;
    out += heads[i] + text;
    i++;
  }
  return out + "}";
}

/** Text collected in a {@link ByteBlock} before it is encoded (UTF-16 units): a few hundred short answers. */
const PENDING_UNITS = 1 << 14;
/**
 * An answer whose JSON text is at most this long is written by `JSON.stringify` itself: its plan would
 * have no constant part worth copying, and the native call costs the same whether V8 has optimised the
 * caller yet or not (most of a 50,000-line batch runs before it has).
 */
const NATIVE_MAX_UNITS = 256;

/**
 * A growing buffer of UTF-8 output: the batch writes a chunk's answers into one, copying the bytes of
 * the constant parts (encoded once per plan) rather than encoding their text again for every answer:
 * most of a decision is Chinese text, whose encoding was the largest single cost of the batch. Text is
 * collected and encoded in one call when bytes follow it, when it is long, or when the bytes are read.
 *
 * @example
 * const block = new ByteBlock();
 * jsonLineInto({ a: 1 }, block);
 * block.take().toString(); // '{"a":1}\n'
 */
export class ByteBlock {
  #buf: Buffer;
  #length = 0;
  /** Text appended and not yet encoded (it follows the bytes held). */
  #pending = "";
  /** Whether the bytes last taken may still be read (by a stream): the next bytes then go to a new buffer. */
  #held = false;

  constructor(capacity = 1 << 16) {
    this.#buf = Buffer.allocUnsafe(capacity);
  }

  /** The bytes held (text not yet encoded is encoded first). */
  get length(): number {
    this.#encode();
    return this.#length;
  }

  /**
   * About the bytes held, without encoding the text collected: the bytes, plus that text's UTF-16 units
   * (fewer than its bytes when it is not ASCII; at most {@link PENDING_UNITS} of it). For bounds on memory.
   */
  get size(): number {
    return this.#length + this.#pending.length;
  }

  /** Append text, as UTF-8 (consecutive text is encoded as one: a surrogate pair split between two calls is one character). */
  text(text: string): void {
    this.#pending += text;
    if (this.#pending.length >= PENDING_UNITS) this.#encode();
  }

  /** Append bytes. */
  bytes(bytes: Uint8Array): void {
    this.#encode();
    this.#room(bytes.length);
    this.#buf.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  /** Drop what was appended after `length` (an answer that could not be written from its plan). */
  truncate(length: number): void {
    this.#encode();
    this.#length = Math.min(this.#length, length);
  }

  /**
   * The bytes held, handed over: the block writes its next bytes into a new buffer, unless {@link release}
   * says that these are no longer read (a stream may keep them until they are written).
   */
  take(): Buffer {
    this.#encode();
    const out = this.#buf.subarray(0, this.#length);
    this.#length = 0;
    this.#held = true;
    return out;
  }

  /** The bytes last taken were written and are read no more: the block writes over them (fresh memory costs page faults). */
  release(): void {
    this.#held = false;
  }

  /** The text collected, encoded after the bytes held (one call of the encoder for many short pieces). */
  #encode(): void {
    const text = this.#pending;
    const n = text.length;
    if (n === 0) return;
    this.#pending = "";
    this.#room(n * 3); // at most 3 bytes per UTF-16 unit
    this.#length += this.#buf.write(text, this.#length, "utf8");
  }

  #room(n: number): void {
    if (this.#held) {
      this.#buf = Buffer.allocUnsafe(Math.max(this.#buf.length, n));
      this.#held = false;
    }
    if (this.#length + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#length + n));
    this.#buf.copy(next, 0, 0, this.#length);
    this.#buf = next;
  }
}

const frozenBytes = new WeakMap<object, Buffer>();

/**
 * Whether the last answer written was short (at most {@link NATIVE_MAX_UNITS}): the next is then written
 * by `JSON.stringify` at once, without looking for its plan; a longer one turns this off again.
 */
let shortAnswers = false;

/**
 * Append `JSON.stringify(value)` (`null` where it gives `undefined`) and a newline to `block`: the same
 * bytes as `jsonText(value) + "\n"` encoded, with the constant parts of a planned answer copied.
 *
 * @example
 * jsonLineInto(decision, block);
 */
export function jsonLineInto(value: unknown, block: ByteBlock): void {
  if (shortAnswers) {
    const text = JSON.stringify(value) ?? "null";
    if (text.length > NATIVE_MAX_UNITS) shortAnswers = false; // a long answer: look for plans again from the next one
    block.text(text);
    block.text("\n");
    return;
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value) && walkable(value) && frozenText(value) === null) {
    const plan = planFor(value as Record<string, unknown>, TOP, 0);
    if (plan !== undefined) {
      const mark = block.length;
      if (writePlannedInto(readValues, plan, block)) {
        if (block.length - mark <= NATIVE_MAX_UNITS) shortAnswers = true;
        return;
      }
      block.truncate(mark);
    }
  }
  const text = write(value, 0, TOP) ?? "null";
  if (text.length <= NATIVE_MAX_UNITS) shortAnswers = true;
  block.text(text);
  block.text("\n");
}

/**
 * {@link writePlanned} into bytes, with its newline: a run of constant keys as its bytes, encoded once
 * (the opening brace folded into a run that starts the object, the closing one and the newline into a run
 * that ends it), the rest as text; `false` when a key's value is left out (the caller drops what was
 * appended).
 */
function writePlannedInto(value: readonly unknown[], plan: Plan, block: ByteBlock): boolean {
  const { keys, heads, fixed, values, runs, runEnds, sites } = plan;
  const n = keys.length;
  const runBytes = (plan.runBytes ??= []);
  let i = 0;
  let open = true;
  while (i < n) {
    const v = value[i];
    if (fixed[i]) {
      const end = runEnds[i]!;
      let same = true;
      for (let k = i; k < end; k++) {
        if (value[k] !== values[k]) {
          same = false;
          break;
        }
      }
      if (same) {
        block.bytes((runBytes[i] ??= Buffer.from((i === 0 ? "{" : "") + runs[i]! + (end === n ? "}\n" : ""), "utf8")));
        open = false;
        i = end;
        if (i === n) return true;
        continue;
      }
    }
    if (open) {
      block.text("{");
      open = false;
    }
    if (typeof v === "object" && v !== null && walkable(v)) {
      const text = frozenText(v);
      if (text !== null) {
        // Another shared part (another pattern of condition results): its bytes, encoded once.
        let bytes = frozenBytes.get(v);
        if (bytes === undefined) frozenBytes.set(v, (bytes = Buffer.from(text, "utf8")));
        block.text(heads[i]!);
        block.bytes(bytes);
        i++;
        continue;
      }
    }
    const text = write(v, 1, sites[i]);
    if (text === undefined) return false;
    block.text(heads[i]!);
    block.text(text);
    i++;
  }
  block.text(open ? "{}\n" : "}\n");
  return true;
}
