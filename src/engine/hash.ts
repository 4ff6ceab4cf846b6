import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { withCanonicalJsonBytes } from "./canonical-bytes.js";

/** The part of node:crypto used here. */
interface NodeCrypto {
  createHash(algorithm: "sha256"): { update(data: string | Uint8Array, encoding?: "utf8"): { digest(encoding: "hex"): string } };
}

/**
 * Node's native SHA-256 where there is one (issue #20: loading 10,000 rules hashed them in pure JS for a sixth
 * of the time), found through `process.getBuiltinModule` (Node ≥ 20.16, Deno, Bun) rather than an import, so
 * that no bundler sees a `node:` module and the core entry still bundles for browsers (scripts/bundle-size.mjs).
 * Elsewhere (a browser, an older Node) @noble/hashes (audited, synchronous). Both hash the same UTF-8 bytes
 * (a lone surrogate becomes U+FFFD in both): tests/engine/sha256.test.ts compares them.
 */
let nodeCrypto: NodeCrypto | null | undefined;

/** node:crypto, looked up on the first hash: a trusted load hashes nothing, and loading the module costs ~1.5 ms of a start (issue #20). */
function findNodeCrypto(): NodeCrypto | null {
  if (nodeCrypto !== undefined) return nodeCrypto;
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const crypto = proc?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
    nodeCrypto = typeof crypto?.createHash === "function" ? crypto : null;
  } catch {
    nodeCrypto = null;
  }
  return nodeCrypto;
}

/**
 * SHA-256 of a UTF-8 string in pure JavaScript (@noble/hashes), as lowercase hex: what {@link sha256Hex}
 * computes where Node's crypto is missing.
 *
 * @example
 * sha256HexPortable("abc") //=> "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256HexPortable(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * SHA-256 of a UTF-8 string, as lowercase hex: the hash of a rule file's canonical JSON. Node's native
 * hash in Node, @noble/hashes elsewhere; the same hex either way.
 *
 * @example
 * sha256Hex("abc") //=> "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Hex(text: string): string {
  const crypto = findNodeCrypto();
  return crypto !== null ? crypto.createHash("sha256").update(text, "utf8").digest("hex") : sha256HexPortable(text);
}

/** SHA-256 of bytes as lowercase hex, with the SHA-256 {@link sha256Hex} uses. */
function sha256HexOfBytes(bytes: Uint8Array): string {
  const crypto = findNodeCrypto();
  return crypto !== null ? crypto.createHash("sha256").update(bytes).digest("hex") : bytesToHex(sha256(bytes));
}

/**
 * `sha256Hex(canonicalJson(value))`, the hash of a rule file and of a rule set, without making the text:
 * the canonical JSON's UTF-8 bytes are written into a reused buffer and hashed (engine/canonical-bytes.ts;
 * issue #20: loading 10,000 rules and reading the set hash spent 0.9 s making, flattening and encoding the
 * texts). A value the byte writer leaves to canonicalJson (a function or undefined in a list …) is hashed
 * from canonicalJson's text. The same hex either way (tests/engine/canonical-bytes.test.ts).
 *
 * @example
 * canonicalJsonHash({ b: 1, a: 2 }) //=> sha256Hex('{"a":2,"b":1}')
 */
export function canonicalJsonHash(value: unknown): string {
  const hash = withCanonicalJsonBytes(value, sha256HexOfBytes);
  return hash !== undefined ? hash : sha256Hex(canonicalJson(value));
}

/**
 * Which SHA-256 {@link sha256Hex} uses here: `node:crypto` or `@noble/hashes`.
 *
 * @example
 * sha256Implementation() //=> "node:crypto" (in Node 20.16 and later)
 */
export function sha256Implementation(): "node:crypto" | "@noble/hashes" {
  return findNodeCrypto() !== null ? "node:crypto" : "@noble/hashes";
}

/**
 * JSON with object keys sorted at every level, so a hash does not depend on formatting or key order.
 * One string built by appending (no array per object or list): loading 10,000 rules hashes every file,
 * and the arrays of the `map`/`join` form it replaces were most of the cost; leaves are written by type and
 * each key's `"key":` is remembered (about a fifth faster again, issue #20). The text is the same as that
 * form's, byte for byte, including its corner cases (tests/engine/canonical-json.test.ts): an undefined
 * object value is left out, a list element that JSON cannot write (undefined, a function, a hole) is
 * written as nothing, and such an object value (a function) as `undefined`.
 *
 * @example
 * canonicalJson({ b: [1, "x"], a: { d: null, c: true } }) //=> '{"a":{"c":true,"d":null},"b":[1,"x"]}'
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null"; // as JSON.stringify writes it (-0 as 0)
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return "null";
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
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = "{";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? "" : ",") + keyText(key) + String(canonicalJson(v));
    first = false;
  }
  return out + "}";
}

/** `"key":` of the keys met so far: rule files repeat a few hundred keys (zh, en, label, type …) thousands of times. */
const KEY_TEXTS = new Map<string, string>();
/** The most keys remembered, so that a file of a million distinct keys cannot grow the cache without bound. */
const MAX_KEY_TEXTS = 10_000;

function keyText(key: string): string {
  let text = KEY_TEXTS.get(key);
  if (text === undefined) {
    text = JSON.stringify(key) + ":";
    if (KEY_TEXTS.size < MAX_KEY_TEXTS) KEY_TEXTS.set(key, text);
  }
  return text;
}

/**
 * The rule-set hash, computed on its first read: SHA-256 of the canonical JSON of every file's `[path, hash]`,
 * sorted by path. The files' hashes are computed in the load (catalog/load-core.ts says why); sorting and
 * hashing the pairs is left to the first read (~30 ms for 10,000 rules).
 *
 * @example
 * const setHash = lazySetHash([["x/document.json", "ab…"]]);
 * setHash() //=> sha256Hex('[["x/document.json","ab…"]]')
 */
export function lazySetHash(files: readonly (readonly [string, string])[]): () => string {
  let held: readonly (readonly [string, string])[] | undefined = files;
  let hash: string | undefined;
  return () => {
    if (hash === undefined) {
      const pairs = [...held!];
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      hash = canonicalJsonHash(pairs);
      held = undefined;
    }
    return hash;
  };
}
