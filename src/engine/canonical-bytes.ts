/*
 * The UTF-8 bytes of canonicalJson's text (engine/hash.ts), written straight into a byte buffer (issue #20:
 * hashing every file of a 10,000-rule load took 0.9 s, most of it building the text as a rope of small
 * strings, flattening it and encoding it again as UTF-8). Same bytes, byte for byte: strings escaped as
 * JSON.stringify escapes them (`\"`, `\\`, `\b \f \n \r \t`, other controls and lone surrogates as
 * lowercase `\uXXXX`), then UTF-8; keys sorted by UTF-16 code units as `Array.prototype.sort` sorts them;
 * numbers as `String` writes them; an undefined object value left out. What canonicalJson writes in its own
 * odd way (undefined, a function or a symbol in a list or as a value, a bigint) is left to it:
 * tests/engine/canonical-bytes.test.ts compares the two.
 */

/** Thrown inside the writer for a value it leaves to canonicalJson. */
const LEFT_TO_TEXT = Symbol("left to canonicalJson");

/** `0123456789abcdef` as bytes: JSON.stringify writes its `\u` escapes in lowercase. */
const HEX = Uint8Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

/** The bytes written so far. */
class Bytes {
  buf: Uint8Array;
  pos = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }
  /** Room for `need` more bytes. */
  room(need: number): void {
    if (this.pos + need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }
}

/** A JSON string: `"`, the text escaped and as UTF-8, `"`. */
function writeString(out: Bytes, s: string): void {
  const n = s.length;
  out.room(3 * n + 2); // UTF-8 takes at most 3 bytes per UTF-16 unit; escapes ask for their own room
  let b = out.buf;
  let p = out.pos;
  b[p++] = 34;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) {
      b[p++] = c;
    } else if (c >= 0x80 && c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    } else {
      const d = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        // A surrogate pair: one code point, four bytes.
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 63);
        b[p++] = 0x80 | ((cp >> 6) & 63);
        b[p++] = 0x80 | (cp & 63);
        continue;
      }
      // An escape (`"`, `\`, a control, a lone surrogate): up to 6 bytes for one unit.
      out.pos = p;
      out.room(6 + 3 * (n - i));
      b = out.buf;
      b[p++] = 92;
      if (c === 34 || c === 92) b[p++] = c;
      else if (c === 8) b[p++] = 98; // b
      else if (c === 9) b[p++] = 116; // t
      else if (c === 10) b[p++] = 110; // n
      else if (c === 12) b[p++] = 102; // f
      else if (c === 13) b[p++] = 114; // r
      else {
        b[p++] = 117; // u
        b[p++] = HEX[c >> 12]!;
        b[p++] = HEX[(c >> 8) & 15]!;
        b[p++] = HEX[(c >> 4) & 15]!;
        b[p++] = HEX[c & 15]!;
      }
    }
  }
  b[p++] = 34;
  out.pos = p;
}

/** Text known to be ASCII (a number, `true`, `null` …). */
function writeAscii(out: Bytes, s: string): void {
  const n = s.length;
  out.room(n);
  const b = out.buf;
  let p = out.pos;
  for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
  out.pos = p;
}

function writeByte(out: Bytes, c: number): void {
  out.room(1);
  out.buf[out.pos++] = c;
}

/**
 * The keys of the objects being written, one run per object on the path from the root: no keys array per
 * object (loading 10,000 rules hashes over a million objects).
 */
let keyStack: string[] | undefined;

/**
 * Sort `keys[from..to)` in place in `Array.prototype.sort`'s order (UTF-16 code units): an insertion sort,
 * for the few keys of most objects (already in order, or two to swap).
 */
function sortRun(keys: string[], from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const key = keys[i]!;
    let j = i - 1;
    if (keys[j]! < key) continue;
    while (j >= from && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

/** The most keys of one object sorted by insertion; an object with more is sorted by `Array.prototype.sort`. */
const MAX_INSERTION_KEYS = 16;

function writeValue(out: Bytes, value: unknown, keys: string[], top: number): void {
  switch (typeof value) {
    case "string":
      writeString(out, value);
      return;
    case "number":
      writeAscii(out, Number.isFinite(value) ? String(value) : "null"); // as JSON.stringify writes it (-0 as 0)
      return;
    case "boolean":
      writeAscii(out, value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      throw LEFT_TO_TEXT; // undefined, a function, a symbol, a bigint
  }
  if (value === null) {
    writeAscii(out, "null");
    return;
  }
  if (Array.isArray(value)) {
    writeByte(out, 91);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) writeByte(out, 44);
      writeValue(out, value[i], keys, top);
    }
    writeByte(out, 93);
    return;
  }
  const record = value as Record<string, unknown>;
  // A plain object's own enumerable keys are what for…in lists (without a keys array) when nothing
  // enumerable was added to Object.prototype (checked once per call); anything else by Object.keys.
  let end = top;
  const proto = forInIsOwn ? (Object.getPrototypeOf(record) as unknown) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const key in record) keys[end++] = key;
  } else {
    for (const key of Object.keys(record)) keys[end++] = key;
  }
  if (end - top > MAX_INSERTION_KEYS) {
    const sorted = keys.slice(top, end).sort();
    for (let i = 0; i < sorted.length; i++) keys[top + i] = sorted[i]!;
  } else if (end - top > 1) {
    sortRun(keys, top, end);
  }
  writeByte(out, 123);
  let first = true;
  for (let i = top; i < end; i++) {
    const key = keys[i]!;
    const v = record[key];
    if (v === undefined) continue;
    if (!first) writeByte(out, 44);
    first = false;
    writeString(out, key);
    writeByte(out, 58);
    writeValue(out, v, keys, end);
  }
  writeByte(out, 125);
}

/** Whether for…in lists only a plain object's own keys: nothing enumerable on Object.prototype. */
let forInIsOwn = true;

function prototypeClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/** The buffer kept between calls (taken while in use, so a call made inside another gets its own). */
let spare: Bytes | undefined;
/** The largest buffer kept between calls: a rule file is ~10 KB; a huge one should not stay in memory. */
const MAX_KEPT_BYTES = 1 << 20;
/** The longest key stack kept between calls. */
const MAX_KEPT_KEYS = 1 << 16;

/**
 * The UTF-8 bytes of `canonicalJson(value)`, given to `use` (which must not keep them: the buffer is
 * reused), and what `use` returns; or `undefined`, without calling `use`, when the value holds something
 * written by canonicalJson's own rules (undefined or a function in a list …) or too deep for the writer's
 * stack: then canonicalJson's text is the one to use. An error of the value's own (a getter that throws)
 * is thrown.
 *
 * @example
 * withCanonicalJsonBytes({ b: "补", a: 1 }, (bytes) => new TextDecoder().decode(bytes)) //=> '{"a":1,"b":"补"}'
 */
export function withCanonicalJsonBytes<R>(value: unknown, use: (bytes: Uint8Array) => R): R | undefined {
  const out = spare ?? new Bytes(1 << 16);
  spare = undefined;
  out.pos = 0;
  const keys = keyStack ?? [];
  keyStack = undefined; // a call made inside this one (from a getter) gets its own
  try {
    forInIsOwn = prototypeClean();
    writeValue(out, value, keys, 0);
    if (forInIsOwn && !prototypeClean()) throw LEFT_TO_TEXT; // a getter changed Object.prototype meanwhile
    return use(out.buf.subarray(0, out.pos));
  } catch (error) {
    if (error === LEFT_TO_TEXT || error instanceof RangeError) return undefined;
    throw error;
  } finally {
    if (out.buf.length <= MAX_KEPT_BYTES) spare = out;
    if (keys.length <= MAX_KEPT_KEYS) keyStack = keys;
  }
}
