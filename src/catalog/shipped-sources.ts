import { freezeShippedFile } from "../engine/freeze.js";
import type { RuleSource } from "./load-core.js";
import { withRuleDetails } from "./rule-details.js";

/*
 * The package's own files as sources whose JSON is parsed on first read (issue #20). src/generated/rules.ts
 * holds each file's JSON text apart, with what a load needs before reading a file (its path, hash and
 * validity); a source's `json` is parsed, given its lazy detail fields (catalog/rule-details.ts) and frozen
 * deeply on its first read, and is that same frozen object at every read. A trusted load of the whole list
 * (catalog/precompiled.ts) reads no rule file: a single decision parses the files of its rule only, rather
 * than parsing and freezing every shipped file (~5 ms of every start).
 */

/**
 * What src/generated/rules.ts records of one shipped file besides its text.
 *
 * @example
 * const entry: ShippedEntry = { path: "sjz-2025/absorption-subsidy/v1.json", hash: "1b5c…", checked: true, validity: ["2025-01-17", "2028-01-16"] };
 */
export interface ShippedEntry {
  path: string;
  hash: string;
  amends?: number;
  checked?: true;
  /** The first and last day in force as written (rule files only): the load orders versions by them before any file is read. */
  validity?: readonly [string, string | null];
}

const VALIDITY = new WeakMap<RuleSource, readonly [string, string | null]>();

/**
 * The validity a shipped rule file's entry recorded (its first day, its last day or null), without reading
 * its JSON; undefined for any other source.
 *
 * @example
 * shippedValidity(BUNDLED_RULES.find((s) => s.path === "sjz-2025/absorption-subsidy/v1.json")!) //=> ["2025-01-17", "2028-01-16"]
 */
export function shippedValidity(source: RuleSource): readonly [string, string | null] | undefined {
  return VALIDITY.get(source);
}

/**
 * The shipped sources, each frozen, its `json` parsed, given its detail fields and frozen deeply on first
 * read (src/generated/rules.ts calls it once, when imported). The list is frozen.
 *
 * @example
 * const BUNDLED_RULES = shippedSources([{ path: "a/document.json", hash: "…" }], ['{"id":"a"}']);
 */
export function shippedSources(entries: readonly ShippedEntry[], texts: readonly string[]): readonly RuleSource[] {
  return Object.freeze(
    entries.map((entry, i) => {
      let json: object | undefined;
      const text = texts[i]!;
      const source = { path: entry.path, hash: entry.hash } as RuleSource;
      Object.defineProperty(source, "json", {
        enumerable: true,
        get: () => {
          if (json === undefined) {
            const parsed = withRuleDetails(JSON.parse(text) as object, entry.path);
            freezeShippedFile(parsed);
            json = parsed;
          }
          return json;
        },
      });
      if (entry.amends !== undefined) (source as { amends?: number }).amends = entry.amends;
      if (entry.checked !== undefined) (source as { checked?: true }).checked = entry.checked;
      if (entry.validity !== undefined) VALIDITY.set(source, Object.freeze(entry.validity));
      return Object.freeze(source);
    }),
  );
}
