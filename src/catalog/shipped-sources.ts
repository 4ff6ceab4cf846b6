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
 * The texts of the shipped files, kept apart from the rest of the files' JSON (issue #15;
 * scripts/bundle-rules.mjs writes them). `zh[n]` and `en[n]` are the n-th bilingual pair, which a file's text
 * marks with the string `"\uE000"` + n in base 36; the Chinese strings that are not half of a pair (source
 * quotes, measure ids) follow the pairs in `zh`, and `"\uE001"` + n marks `zh[en.length + n]`. Each distinct
 * text is written once and each language beside itself, which gzips the bundled rules ~11 KB smaller.
 *
 * @example
 * const table: LocalizedTable = { zh: ["补助", "原文"], en: ["subsidy"] };
 * // in a text, "\uE0000" reads { zh: "补助", en: "subsidy" } and "\uE0010" reads "原文"
 */
export interface LocalizedTable {
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

const PAIR_MARK = 0xe000;
const CHINESE_MARK = 0xe001;

/**
 * A shipped file's text parsed, each marker replaced by its text from `table`: a fresh `{ zh, en }` object or
 * a string. Without a table the text is plain JSON. scripts/build-rule-modules.mjs reads the files back with it.
 *
 * @example
 * parseShippedText('{"title":"\uE0000"}', { zh: ["甲"], en: ["A"] }) //=> { title: { zh: "甲", en: "A" } }
 */
export function parseShippedText(text: string, table: LocalizedTable | undefined): object {
  if (table === undefined) return JSON.parse(text) as object;
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== "string") return value;
    const mark = value.charCodeAt(0);
    if (mark !== PAIR_MARK && mark !== CHINESE_MARK) return value;
    const n = parseInt(value.slice(1), 36);
    const zh = table.zh[mark === PAIR_MARK ? n : table.en.length + n];
    const en = mark === PAIR_MARK ? table.en[n] : "";
    // The build writes only markers it numbered; anything else is a broken bundle, not data to guess at.
    if (zh === undefined || en === undefined) throw new Error(`shipped rules: no text ${JSON.stringify(value)} in the bundle`);
    return mark === PAIR_MARK ? { zh, en } : zh;
  }) as object;
}

/**
 * The shipped sources, each frozen, its `json` parsed, given its detail fields and frozen deeply on first
 * read (src/generated/rules.ts calls it once, when imported). The list is frozen. `table` holds the
 * bilingual texts the files' texts mark (see {@link LocalizedTable}); without it the texts are plain JSON.
 *
 * @example
 * const BUNDLED_RULES = shippedSources([{ path: "a/document.json", hash: "…" }], ['{"id":"a","title":"\uE0000"}'], { zh: ["甲"], en: ["A"] });
 */
export function shippedSources(entries: readonly ShippedEntry[], texts: readonly string[], table?: LocalizedTable): readonly RuleSource[] {
  return Object.freeze(
    entries.map((entry, i) => {
      let json: object | undefined;
      const text = texts[i]!;
      const source = { path: entry.path, hash: entry.hash } as RuleSource;
      Object.defineProperty(source, "json", {
        enumerable: true,
        get: () => {
          if (json === undefined) {
            const parsed = withRuleDetails(parseShippedText(text, table), entry.path);
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
