import type { DocumentFile } from "../schema/document-file.js";
import type { RuleFile } from "../schema/rule-file.js";
import { treeBuilder } from "../logic/rebuild.js";
import { compileTree } from "../engine/compile.js";
import { buildFactsChecker } from "../engine/facts.js";
import { canonicalJson, sha256Hex } from "../engine/hash.js";
import { previousDay } from "../engine/dates.js";
import { runtimeParameters } from "../engine/parameters.js";
import type { CheckedExpression, LoadedRuleVersion } from "../engine/rule-version.js";
import { RuleSet } from "../engine/rule-set.js";
import { freezeJsonData, freezeShippedFile, type VersionParts } from "../engine/freeze.js";
import { versionOnUse } from "../engine/version-on-use.js";
import { shippedValidity } from "./shipped-sources.js";
import { RuleFileError, type PolicyIssue } from "../errors.js";
import type { RuleSource } from "./load-core.js";
import { withRuleDetails } from "./rule-details.js";

/*
 * The precompiled form of the package's own rules (issues #15 and #20). The shipped rule files are fixed
 * when the package is built, and scripts/bundle-rules.mjs loads them then with every check (loadRuleSet,
 * untrusted: schema, logic, references, versions, growth bounds), records each file's SHA-256 and the
 * rule-set hash, and marks each rule file `checked`. A trusted load of such files checks nothing again: it
 * freezes them and rebuilds each typed logic tree with logic/rebuild.ts (the checker's inference without its
 * checks; tests/catalog/precompiled-trees.test.ts compares the trees with the checker's for every shipped
 * version). So the engine entry (`loadBundledRules`) carries no checker (logic/check.ts), no schema and no
 * file checks, and loading every shipped rule does not run them. What a trusted load still rejects: a rule
 * whose document is not among the sources, and logic that is not the checked kind (`not_as_built`). The
 * package's own list (BUNDLED_RULES) is read and rebuilt version by version on first use instead (issue #20,
 * engine/version-on-use.ts): its texts cannot change after the build that checked them (shipped-sources.ts).
 */

/** Rule-set hashes computed when the package was built, by the (frozen) list of sources they are the hash of. */
const BUILT_SET_HASHES = new WeakMap<readonly RuleSource[], string>();

/**
 * Record the rule-set hash a frozen list of the package's own sources was given when it was built
 * (scripts/bundle-rules.mjs): a trusted load of exactly that list takes it rather than hashing at load,
 * the SHA-256 that costs most of a cold load. The list is frozen, so it cannot differ from what was hashed.
 *
 * @example
 * export const BUNDLED_RULES = withBuiltSetHash(Object.freeze(sources), "9f86d0…");
 */
export function withBuiltSetHash(sources: readonly RuleSource[], hash: string): readonly RuleSource[] {
  if (Object.isFrozen(sources)) BUILT_SET_HASHES.set(sources, hash);
  return sources;
}

/**
 * The rule-set hash: the one recorded when `given` was built, when the load took all of it, else computed.
 *
 * @example
 * ruleSetHash(BUNDLED_RULES, pairs) // the hash recorded for BUNDLED_RULES when pairs has every file of it
 */
export function ruleSetHash(given: readonly RuleSource[], hashes: [string, string][]): string {
  hashes.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const built = BUILT_SET_HASHES.get(given);
  // The text form: a list of [path, hash] pairs is small, and the byte writer (engine/canonical-bytes.ts,
  // for whole files) would then be in every bundle of the engine entry, which loads only precompiled files.
  return built !== undefined && hashes.length === given.length ? built : sha256Hex(canonicalJson(hashes));
}

/**
 * An open end closes the day before the next version of the rule starts.
 *
 * @example
 * resolveOpenEnds(versions).get("a/b")![0]!.validTo //=> "2025-12-31" when v2 starts on 2026-01-01
 */
export function resolveOpenEnds(versions: Map<string, LoadedRuleVersion[]>): Map<string, LoadedRuleVersion[]> {
  for (const list of versions.values()) {
    const byStart = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    byStart.forEach((v, i) => {
      const next = byStart[i + 1];
      if (v.validTo === null && next) (v as { validTo: string | null }).validTo = previousDay(next.validFrom);
    });
  }
  return versions;
}

const RULE_PATH = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*\/v[1-9]\d*\.json$/;
const DOCUMENT_PATH = /^[a-z0-9]+(?:-[a-z0-9]+)*\/document\.json$/;

/**
 * Whether a trusted load can take these sources in their precompiled form: every one a document or a rule
 * file of the package's own build (a rule file marked `checked`), each with its hash, no path twice.
 *
 * @example
 * isPrecompiled(BUNDLED_RULES) //=> true
 */
export function isPrecompiled(sources: readonly RuleSource[]): boolean {
  // The package's own list, as built (frozen; its files are read on first use: catalog/shipped-sources.ts).
  if (BUILT_SET_HASHES.has(sources)) return true;
  const paths = new Set<string>();
  for (const s of sources) {
    if (s === null || typeof s !== "object" || typeof s.path !== "string" || typeof s.hash !== "string" || paths.has(s.path)) return false;
    if (s.json === null || typeof s.json !== "object") return false;
    if (!(DOCUMENT_PATH.test(s.path) || (RULE_PATH.test(s.path) && s.checked === true))) return false;
    paths.add(s.path);
  }
  return true;
}

/**
 * Load the package's own files in their precompiled form (see {@link isPrecompiled}): frozen, each typed logic
 * tree rebuilt without the checker (logic/rebuild.ts), nothing checked again but that each rule's document is
 * among them. What
 * `loadRuleSet(sources, { trusted: true })` builds from them, without the checker.
 *
 * @throws {RuleFileError} when a rule's document is not among the sources, or its logic is not valid (code `not_as_built`)
 * @example
 * loadPrecompiled(BUNDLED_RULES).ruleIds().length //=> 72
 */
export function loadPrecompiled(sources: readonly RuleSource[]): RuleSet {
  // The package's own list (checked when built; each file parsed and frozen on its first read) has its versions'
  // files and parts read on first use (engine/version-on-use.ts), their ids, numbers and documents taken from
  // their paths (the build checked that they agree); any other list is read and rebuilt now, so that logic not
  // as built is refused here.
  const onUse = BUILT_SET_HASHES.has(sources);
  const documents = new Map<string, DocumentFile>();
  const versions = new Map<string, [number, LoadedRuleVersion][]>();
  const hashes: [string, string][] = [];
  const issues: PolicyIssue[] = [];
  for (const source of sources) {
    if (!DOCUMENT_PATH.test(source.path)) continue;
    freezeJsonData(source.json);
    // A shipped document's notes are read from rule-details.json on first use (catalog/rule-details.ts).
    const document = withRuleDetails(source.json as DocumentFile, source.path);
    Object.freeze(document);
    documents.set(document.id, document);
    hashes.push([source.path, source.hash!]);
  }
  for (const source of sources) {
    if (DOCUMENT_PATH.test(source.path)) continue;
    const validity = onUse ? shippedValidity(source) : undefined;
    const version = validity !== undefined ? shippedVersion(source, validity) : versionOf(source);
    const [id, number, document] = validity !== undefined ? keyOfPath(source.path) : [version.file.id, version.file.version, version.file.document];
    if (!documents.has(document)) {
      issues.push({ code: "unknown_document", path: `${source.path}#/document`, message: `no ${document}/document.json describes document "${document}"` });
      continue;
    }
    hashes.push([source.path, version.hash]);
    const list = versions.get(id) ?? [];
    list.push([number, version]);
    versions.set(id, list);
  }
  if (issues.length > 0) throw new RuleFileError(issues);
  const sorted = new Map<string, LoadedRuleVersion[]>();
  for (const [id, list] of versions) sorted.set(id, list.sort((a, b) => a[0] - b[0]).map(([, v]) => v));
  return new RuleSet(documents, resolveOpenEnds(sorted), ruleSetHash(sources, hashes));
}

/** A shipped rule file's id, version number and document, from its path (`<document>/<rule>/v<n>.json`). */
function keyOfPath(path: string): [string, number, string] {
  const [document, rule, name] = path.split("/") as [string, string, string];
  return [`${document}/${rule}`, Number(name.slice(1, -".json".length)), document];
}

/**
 * A shipped rule file as a version whose file and parts are read on first use (engine/version-on-use.ts):
 * what {@link versionOf} builds, but nothing read or built now.
 */
function shippedVersion(source: RuleSource, [validFrom, validTo]: readonly [string, string | null]): LoadedRuleVersion {
  const base = { path: source.path, hash: source.hash!, ...(source.amends !== undefined && { amends: source.amends }), validFrom, validTo };
  // The source's json is the file with its lazy detail fields, frozen deeply (catalog/shipped-sources.ts).
  return versionOnUse(base, () => source.json as RuleFile, (file): VersionParts => ({
    params: runtimeParameters(file.parameters),
    factsChecker: buildFactsChecker(file.inputs),
    ...rebuiltExpressions(file, source.path),
  }));
}

/** One precompiled rule file as a loaded version, its typed logic trees rebuilt (logic/rebuild.ts) now: what the checked load builds (catalog/load-core.ts, `loadRuleFile`). */
function versionOf(source: RuleSource): LoadedRuleVersion {
  const { path } = source;
  freezeShippedFile(source.json as object);
  // A shipped file's examples, notes and changes are read from rule-details.json on first use (catalog/rule-details.ts).
  const file = withRuleDetails(source.json as RuleFile, path);
  Object.freeze(file);
  return loadedVersion(file, path, source.hash!, source.amends, rebuiltExpressions(file, path));
}

/** The expressions of a valid rule file, their typed logic trees rebuilt (logic/rebuild.ts) and compiled. */
function rebuiltExpressions(file: RuleFile, path: string): Pick<LoadedRuleVersion, "applicable" | "conditions" | "outcome"> {
  const fields = Object.entries(file.outcome);
  const rebuild = treeBuilder({ inputs: file.inputs, parameters: file.parameters, conditions: file.conditions.map((c) => c.id), outcomes: fields.map(([name, spec]) => [name, spec.type] as const) }, path);
  const expression = (logic: unknown, at: string, conditions: number, outcomes: number): CheckedExpression => {
    const { tree, refs } = rebuild(logic, at, { conditions, outcomes });
    return { tree, refs, fn: compileTree(tree) };
  };
  const applicable = file.applicable === undefined ? undefined : expression(file.applicable, "/applicable", 0, 0);
  const conditions = file.conditions.map((spec, i) => ({ spec, ...expression(spec.logic, `/conditions/${i}/logic`, i, 0) }));
  const outcome = fields.map(([name, spec], i) => ({ name, spec, ...expression(spec.logic, `/outcome/${name}/logic`, conditions.length, i) }));
  return { applicable, conditions, outcome };
}

/**
 * The loaded version of a rule file whose expressions are built (by the checker or by the rebuild): its
 * dates, runtime parameters and facts checker beside them. The one place both loads assemble a version.
 *
 * @example
 * loadedVersion(file, "sjz-2025/absorption-subsidy/v1.json", hash, undefined, { applicable, conditions, outcome }).validFrom //=> "2025-01-01"
 */
export function loadedVersion(
  file: RuleFile,
  path: string,
  hash: string,
  amends: RuleSource["amends"],
  expressions: Pick<LoadedRuleVersion, "applicable" | "conditions" | "outcome">,
): LoadedRuleVersion {
  const rest = {
    ...(amends !== undefined && { amends }),
    validFrom: file.validity.from.date,
    validTo: file.validity.to?.date ?? null,
    params: runtimeParameters(file.parameters),
    factsChecker: buildFactsChecker(file.inputs),
    ...expressions,
  };
  return { file, path, hash, ...rest };
}
