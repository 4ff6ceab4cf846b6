import type { DocumentFile } from "../schema/document-file.js";
import type { RuleKind } from "../schema/rule-file.js";
import { InvalidArgumentError, UnknownRuleError, UnknownVersionError } from "../errors.js";
import { describe } from "../exact/decimal.js";
import { readListOptions } from "./options.js";
import { freezeRuleSet } from "./freeze.js";
import type { LoadedRuleVersion } from "./rule-version.js";
import { isInForce } from "./version-choice.js";

/**
 * Filters for {@link RuleSet.list}.
 *
 * @category Catalog
 * @example
 * listRules({ on: "2025-06-01", document: "sjz-2025", kind: "benefit" })
 */
export interface ListRulesOptions {
  /** Only versions in force on this date (`YYYY-MM-DD`). */
  on?: string;
  /** Only rules of this document (`sjz-2025`). */
  document?: string;
  /** Only rules of this kind. */
  kind?: RuleKind;
}

/**
 * A loaded, checked set of rules and their documents. Immutable; build one with `loadRuleSet`.
 *
 * @category Catalog
 * @example
 * const set = defaultEngine().ruleSet;
 * set.versionOn("sjz-2025/absorption-subsidy", "2025-06-01")?.file.version //=> 1
 * set.versionOn("sjz-2025/absorption-subsidy", "2030-01-01") //=> undefined
 */
export class RuleSet<R = unknown> {
  /**
   * Type only, never present at run time: what the compiler knows of the set's rules (rule-types.ts).
   * A set of shipped rule modules knows their ids, facts and outcomes; a set of files read at run time, nothing.
   */
  declare readonly "~rules"?: R;
  readonly #hash: string | (() => string);
  readonly #documents: ReadonlyMap<string, DocumentFile>;
  readonly #versions: ReadonlyMap<string, readonly LoadedRuleVersion[]>;

  /** @internal Use `loadRuleSet`. */
  constructor(documents: ReadonlyMap<string, DocumentFile>, versions: ReadonlyMap<string, readonly LoadedRuleVersion[]>, hash: string | (() => string)) {
    // Frozen once here: what callers receive from the set can then be shared, never changed.
    freezeRuleSet(documents, versions);
    this.#documents = documents;
    this.#versions = versions;
    this.#hash = hash;
  }

  /**
   * SHA-256 over every file of the set (path and canonical content): identifies the release of the rules.
   * A set loaded from files you read computes it on first read (from its files' hashes, computed in the load).
   */
  get hash(): string {
    const hash = this.#hash;
    return typeof hash === "string" ? hash : hash();
  }

  /** Every rule id, sorted. */
  ruleIds(): string[] {
    return [...this.#versions.keys()].sort();
  }

  /** Every document's metadata, sorted by id. */
  documents(): DocumentFile[] {
    return [...this.#documents.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** One document's metadata, or undefined. */
  document(id: string): DocumentFile | undefined {
    return this.#documents.get(id);
  }

  /**
   * Every version of a rule, oldest first.
   *
   * @throws {UnknownRuleError} when the id is not in the set
   */
  versions(ruleId: string): readonly LoadedRuleVersion[] {
    const list = typeof ruleId === "string" ? this.#versions.get(ruleId) : undefined;
    if (!list) throw new UnknownRuleError(String(ruleId), this.ruleIds());
    return list;
  }

  /**
   * One version of a rule: the given version, or the latest when none is given.
   *
   * @throws {UnknownRuleError} | {UnknownVersionError}
   */
  version(ruleId: string, version?: number): LoadedRuleVersion {
    const list = this.versions(ruleId);
    if (version === undefined) return list[list.length - 1]!;
    if (typeof version !== "number" || !Number.isSafeInteger(version)) {
      throw new InvalidArgumentError(`a version is an integer, got ${describe(version)} (版本须为整数)`);
    }
    const found = list.find((v) => v.file.version === version);
    if (!found) throw new UnknownVersionError(ruleId, version, list.map((v) => v.file.version));
    return found;
  }

  /** The version of a rule in force on a date, or undefined when none is. */
  versionOn(ruleId: string, on: string): LoadedRuleVersion | undefined {
    return this.versions(ruleId).find((v) => isInForce(v, on));
  }

  /**
   * Rule versions matching the filters: with `on`, the version in force then; otherwise every version.
   *
   * @throws {InvalidOptionsError} for an unknown option, a malformed date, or a kind that is not a rule kind
   */
  list(rawOptions?: ListRulesOptions): LoadedRuleVersion[] {
    const options = readListOptions(rawOptions);
    const out: LoadedRuleVersion[] = [];
    for (const id of this.ruleIds()) {
      for (const v of this.#versions.get(id)!) {
        if (options.document !== undefined && v.file.document !== options.document) continue;
        if (options.kind !== undefined && v.file.kind !== options.kind) continue;
        if (options.on !== undefined && !isInForce(v, options.on)) continue;
        out.push(v);
      }
    }
    return out;
  }
}
