/**
 * The canonical JSON of the rule and rule-set hashes, written the plain way (the map/join form
 * canonicalJson replaced): keys sorted, undefined values left out, leaves by JSON.stringify. Independent of
 * src/, so tests of canonicalJson (text) and of the canonical bytes hold both to the same reference.
 *
 * @example
 * referenceCanonicalJson({ b: 1, a: [true, "x"] }) //=> '{"a":[true,"x"],"b":1}'
 */
export function referenceCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}
