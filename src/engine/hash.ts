import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

/**
 * SHA-256 of a UTF-8 string, as lowercase hex: the hash of a rule file's canonical JSON. @noble/hashes
 * (audited, synchronous, no `node:` module) so that the core entry still bundles for browsers.
 *
 * @example
 * sha256Hex("abc") //=> "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * JSON with object keys sorted at every level, so a hash does not depend on formatting or key order.
 * One string built by appending (no array per object or list): loading 10,000 rules hashes every file,
 * and the arrays of the `map`/`join` form it replaces were most of the cost. The text is the same as that
 * form's, byte for byte, including its corner cases (tests/engine/canonical-json.test.ts): an undefined
 * object value is left out, a list element that JSON cannot write (undefined, a function, a hole) is
 * written as nothing, and such an object value (a function) as `undefined`.
 *
 * @example
 * canonicalJson({ b: [1, "x"], a: { d: null, c: true } }) //=> '{"a":{"c":true,"d":null},"b":[1,"x"]}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      const text = canonicalJson(value[i]) as string | undefined;
      if (text !== undefined) out += text;
    }
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + String(canonicalJson(v));
    first = false;
  }
  return out + "}";
}
