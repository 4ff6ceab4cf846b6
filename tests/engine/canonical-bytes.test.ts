import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withCanonicalJsonBytes } from "../../src/engine/canonical-bytes.js";
import { canonicalJson, canonicalJsonHash } from "../../src/engine/hash.js";
import { referenceCanonicalJson } from "../helpers/canonical-reference.js";

/*
 * Every rule and rule-set hash is SHA-256 of a file's canonical JSON. Since issue #20 the loader hashes the
 * UTF-8 bytes written straight from the value (engine/canonical-bytes.ts) rather than canonicalJson's text:
 * the bytes must be that text's, byte for byte, and the hash the text's hash, for every file and every shape.
 * The reference here is written independently of src/: the map/join form canonicalJson replaced, encoded by
 * Buffer and hashed by node:crypto.
 */

/** The form canonicalJson replaced (tests/helpers/canonical-reference.ts). */
const reference = referenceCanonicalJson;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
/** The bytes the writer gives, copied out of its reused buffer (undefined when it leaves the value to canonicalJson). */
const bytesOf = (value: unknown) => withCanonicalJsonBytes(value, (bytes) => Buffer.from(bytes));

/** The writer's bytes are the reference text's UTF-8, and the hash its hash. */
function expectSame(value: unknown, label = ""): void {
  const text = reference(value);
  expect(bytesOf(value)?.toString("hex"), label).toBe(Buffer.from(text, "utf8").toString("hex"));
  expect(canonicalJsonHash(value), label).toBe(sha256(text));
}

const ROOT = join(import.meta.dirname, "../../rules");

/** A string of any UTF-16 units: lone surrogates, controls, quotes, backslashes, U+2028, astral pairs. */
const anyString = fc.string({ unit: "binary", maxLength: 40 });
/** JSON values whose strings and keys are any UTF-16 units, with -0, huge and tiny numbers. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    anyString,
    fc.double(),
    fc.constantFrom(-0, 0, 1e21, -1e21, 1e-7, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, 123456789012345680000),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.oneof(anyString, fc.constantFrom("__proto__", "constructor", "toString", "10", "9", "01", "", "zh", "en")), tie("value"), { maxKeys: 24 }),
  ),
})).value;

describe("canonicalJsonHash and the canonical bytes", () => {
  it("are canonicalJson's text and its hash, for every shipped file", () => {
    const files = readdirSync(ROOT, { recursive: true }).map(String).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(80);
    for (const f of files) {
      const json: unknown = JSON.parse(readFileSync(join(ROOT, f), "utf8"));
      expectSame(json, f);
      expect(canonicalJsonHash(json), f).toBe(sha256(canonicalJson(json)));
    }
  });

  it("are the same for random JSON, with any UTF-16 text in strings and keys, -0 and extreme numbers", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectSame(value)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(hostileJson, (value) => expectSame(value)),
      { numRuns: 3000 },
    );
  });

  it("escape what JSON.stringify escapes, and encode pairs and lone surrogates as it does", () => {
    const strings = ['"', "\\", "\b\f\n\r\t", "\u0000\u0001\u001f\u007f", "\u2028\u2029", "\ud83d\ude42", "\ud800", "\udfff", "a\ud800b", "\udfff\ud800", "\ud800\ud800\udc00", "每项最高补助50万元", "é"];
    for (const s of strings) {
      expectSame(s, JSON.stringify(s));
      expectSame({ [s]: s, [`${s}k`]: [s] }, JSON.stringify(s));
    }
  });

  it("sort many keys, integer-like ones and keys with escapes as Array.prototype.sort does", () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${(i * 7919) % 1000}`);
    expectSame(Object.fromEntries(keys.map((k, i) => [k, i])));
    expectSame({ "10": 1, "9": 2, "01": 3, "": 4, a: 5, A: 6, "\u0000": 7, "\uffff": 8, "\ud83d\ude42": 9, "\ue000": 10 });
    // `__proto__` as an own key (JSON.parse makes one; the loader refuses it, the hash does not need to).
    expectSame(JSON.parse('{"__proto__": {"b": 1, "a": 2}, "z": [1]}'));
    expectSame(Object.assign(Object.create(null) as object, { b: 1, a: { d: 2, c: 3 } }));
  });

  it("are the same for deep nesting, and throw as canonicalJson throws where the stack runs out", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 2000; i++) deep = i % 2 === 0 ? [deep] : { [`k${i}`]: deep, a: i };
    expectSame(deep);
    let deeper: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deeper = [deeper];
    expect(() => canonicalJson(deeper)).toThrow(RangeError);
    expect(() => canonicalJsonHash(deeper)).toThrow(RangeError);
  });

  it("grow past the reused buffer and give the same bytes afterwards", () => {
    const big = { s: "补".repeat(300_000), e: "\u0001".repeat(200_000), list: Array.from({ length: 50_000 }, (_, i) => ({ i, t: "x\ny" })) };
    expectSame(big);
    const small = { b: "每项", a: [1, -0, 2.5e-7] };
    const first = canonicalJsonHash(small);
    expectSame(small);
    expect(canonicalJsonHash(small)).toBe(first);
  });

  it("leave what canonicalJson writes its own way to it: undefined, functions, symbols, holes, classes", () => {
    const f = () => 1;
    // eslint-disable-next-line no-sparse-arrays
    const cases: unknown[] = [[undefined, 1], [f], [Symbol("s")], [, 1], { a: f }, { a: Symbol("s") }, { a: undefined, b: 1 }, new Date(0), new (class X { y = 1; z = [2] })(), new Map([[1, 2]])];
    for (const c of cases) expect(canonicalJsonHash(c)).toBe(sha256(canonicalJson(c)));
    expect(bytesOf([undefined, 1])).toBeUndefined();
    expect(bytesOf({ a: f })).toBeUndefined();
    expect(() => canonicalJsonHash(10n)).toThrow(TypeError);
    expect(() => canonicalJsonHash(undefined)).toThrow();
  });

  it("see only own keys when something enumerable was added to Object.prototype", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto["polluted"] = 1;
    try {
      expectSame({ b: 1, a: { c: 2 } });
    } finally {
      delete proto["polluted"];
    }
  });

  it("are not disturbed by a hash computed inside another (a getter), nor by a getter that throws", () => {
    const inner = { z: "内", y: [1] };
    let innerHash = "";
    const outer = {
      b: 1,
      get a() {
        innerHash = canonicalJsonHash(inner);
        return { d: "x".repeat(70_000), c: 2 };
      },
    };
    expect(canonicalJsonHash(outer)).toBe(sha256(canonicalJson(outer)));
    expect(innerHash).toBe(sha256(reference(inner)));
    const throwing = {
      get a(): never {
        throw new Error("getter");
      },
    };
    expect(() => canonicalJsonHash(throwing)).toThrow("getter");
    expectSame(inner);
  });
});
