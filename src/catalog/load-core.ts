import type { DocumentFile } from "../schema/document-file.js";
import type { RuleFile, ValueType } from "../schema/rule-file.js";
import { VALUE_TYPES } from "../types/index.js";
import { checkLogic, FORBIDDEN_NAMES, type LogicScope } from "../logic/check.js";
import { referencesOf } from "../logic/walk.js";
import { compileTree } from "../engine/compile.js";
import type { GrowthExpressions } from "../engine/growth-bound.js";
import { acceptsFact } from "../types/input-check.js";
import { canonicalJsonHash, lazySetHash } from "../engine/hash.js";
import { previousDay } from "../engine/dates.js";
import { InvalidArgumentError, RuleFileError, type PolicyIssue } from "../errors.js";
import type { CheckedExpression, LoadedRuleVersion } from "../engine/rule-version.js";
import { RuleSet } from "../engine/rule-set.js";
import { MAX_FILE_NODES } from "./json-shape.js";
import { parameterValueProblem } from "../engine/parameters.js";
import { deepFreeze, freezeJsonData } from "../engine/freeze.js";
import type { AmendmentOptions } from "./extends.js";
import { withRuleDetails } from "./rule-details.js";
import { isPrecompiled, loadedVersion, loadPrecompiled, resolveOpenEnds, ruleSetHash } from "./precompiled.js";

/*
 * The loader without zod (issue #15): everything loadRuleSet does except parsing a file with its schema,
 * resolving shared inputs and materialising amendments, which it takes from `checks` (catalog/load.ts
 * passes the zod-based ones). With no checks the sources must be the package's own bundle (src/generated/,
 * dist/rules/): checked when they were built, with shared inputs resolved and amendments materialised.
 * `loadBundledRules` (catalog/bundled.ts, the `jjj-policy-rules/engine` entry) loads them so, and an
 * application that loads one shipped rule carries no zod.
 */

/** The schema checks of untrusted files, which need zod; catalog/load.ts gives them. */
export interface SourceChecks {
  /** `<document>/inputs.json` resolved into the rules that refer to it. */
  resolveSharedInputs(sources: readonly RuleSource[], issues: PolicyIssue[], trusted: boolean, maxNodes: number): readonly RuleSource[];
  /** Amendments (`"extends": N`) made the full versions they describe. */
  materialiseAmendments(sources: readonly RuleSource[], options: AmendmentOptions, issues: PolicyIssue[], maxNodes: number): RuleSource[];
  /** A document file parsed with its schema, or undefined with its issues reported. */
  parseDocument(path: string, json: unknown, issues: PolicyIssue[]): DocumentFile | undefined;
  /** A rule file parsed with its schema, or undefined with its issues reported. */
  parseRule(path: string, json: unknown, issues: PolicyIssue[]): RuleFile | undefined;
  /** Copies of the caller's sources (catalog/own-sources.ts): the set is frozen, the caller's objects are not. */
  ownSources(sources: readonly RuleSource[]): readonly RuleSource[];
  /** A cycle, a non-JSON value or absurd nesting (catalog/json-shape.ts), which would overflow the recursive checks. */
  shapeProblem(json: unknown, maxNodes: number): { pointer: string; code: string; message: string } | undefined;
  /** Logic that could build values beyond the engine's limits for valid facts (engine/growth-bound.ts). */
  growthProblems(file: RuleFile, expressions: GrowthExpressions): Iterable<{ pointer: string; code: string; message: string }>;
  /** The names a rule's `properties` (what `verify` proves) refers to: its inputs, outcome fields, parameters, conditions. */
  propertiesProblems(file: RuleFile): Iterable<{ pointer: string; code: string; message: string }>;
}

/**
 * One file of a rule set: its path relative to the rules folder, and its parsed JSON.
 *
 * @category Catalog
 * @example
 * const source: RuleSource = { path: "sjz-2025/absorption-subsidy/v1.json", json: JSON.parse(text) };
 */
export interface RuleSource {
  /** `sjz-2025/document.json`, `sjz-2025/inputs.json` (the shared inputs of the document), `sjz-2025/absorption-subsidy/v1.json` … */
  path: string;
  /** The file's parsed JSON, checked by the loader. */
  json: unknown;
  /** SHA-256 of the file's canonical JSON, computed when it was bundled; used only by a trusted load. */
  hash?: string;
  /**
   * The version this one amends: set by the loader on the full version it materialises from an amendment
   * (`"extends"`, catalog/extends.ts), and by the bundle, which carries materialised versions; taken from the
   * caller only by a trusted load.
   */
  amends?: number;
  /**
   * Set by the package's build on its own rule files, loaded then with every check (catalog/precompiled.ts):
   * a trusted load takes such a file without checking it again. Never set it on files you read.
   */
  checked?: true;
}

/**
 * Options of {@link loadRuleSet}.
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources);                      // files you read: every check
 * loadRuleSet(BUNDLED_RULES, { trusted: true }); // the package's own bundle only
 */
export interface LoadOptions extends AmendmentOptions {
  /**
   * The sources are the package's own bundle, checked when it was built (a test loads the same bundle
   * untrusted and compares): skip the schema parse and the shape check, and take the bundled hashes.
   * The logic, the references and the versions are still checked. Never set it for files you read.
   */
  trusted?: boolean;
  /** The most JSON values one file may hold, counted as a tree. Default {@link MAX_FILE_NODES}. */
  maxFileNodes?: number;
  /** The most conditions one rule version may have. Default {@link MAX_CONDITIONS}. */
  maxConditions?: number;
  /** The most outcome fields one rule version may have. Default {@link MAX_OUTCOME_FIELDS}. */
  maxOutcomeFields?: number;
  /** The most versions one rule may have. Default {@link MAX_VERSIONS_PER_RULE}. */
  maxVersionsPerRule?: number;
}

/**
 * The most conditions one rule version may have (shipped rules have at most a dozen). Loading is linear
 * in it; raise it with the `maxConditions` option of {@link loadRuleSet}. Beyond it the file gets a
 * `RuleFileError` with code `too_many_conditions`.
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources, { maxConditions: 2 * MAX_CONDITIONS });
 */
export const MAX_CONDITIONS = 20_000;

/**
 * The most outcome fields one rule version may have (shipped rules have at most a dozen). Raise it with the
 * `maxOutcomeFields` option of {@link loadRuleSet}. Beyond it the file gets a `RuleFileError` with code
 * `too_many_outcome_fields`.
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources, { maxOutcomeFields: 2 * MAX_OUTCOME_FIELDS });
 */
export const MAX_OUTCOME_FIELDS = 20_000;

/**
 * The most versions (files `v<N>.json`) one rule may have. Raise it with the `maxVersionsPerRule` option
 * of {@link loadRuleSet}. Beyond it the rule gets a `RuleFileError` issue with code `too_many_versions`
 * (on its first file), and none of its versions is loaded.
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources, { maxVersionsPerRule: 2 * MAX_VERSIONS_PER_RULE });
 */
export const MAX_VERSIONS_PER_RULE = 1_000;

/** A limit from the options, or its default: a positive integer or Infinity, anything else is a mistake. */
function limit(options: LoadOptions, name: "maxFileNodes" | "maxConditions" | "maxOutcomeFields" | "maxVersionsPerRule", fallback: number): number {
  const v = options[name];
  if (v === undefined) return fallback;
  if (v === Infinity || (Number.isSafeInteger(v) && v > 0)) return v;
  throw new InvalidArgumentError(`the ${name} option of loadRuleSet must be a positive integer or Infinity (default ${fallback})`);
}

const RULE_PATH = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/v([1-9]\d*)\.json$/;
const DOCUMENT_PATH = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/document\.json$/;

/**
 * Record the rule-set hash a frozen list of the package's own sources was given when it was built (now in
 * catalog/precompiled.ts, with the trusted load that takes it).
 */
export { withBuiltSetHash } from "./precompiled.js";

/** loadRuleSet's work (see there); without `checks`, the sources are taken as the package's own bundle. */
export function loadSources(sources: readonly RuleSource[], options: LoadOptions, checks: SourceChecks | undefined): RuleSet {
  const given = sources;
  const trusted = options.trusted === true || checks === undefined;
  const limits = {
    nodes: limit(options, "maxFileNodes", MAX_FILE_NODES),
    conditions: limit(options, "maxConditions", MAX_CONDITIONS),
    outcomeFields: limit(options, "maxOutcomeFields", MAX_OUTCOME_FIELDS),
    versions: limit(options, "maxVersionsPerRule", MAX_VERSIONS_PER_RULE),
  };
  // The package's own files as built (each rule file marked checked): loaded without the checks (catalog/precompiled.ts).
  // Only with the default limits: the build checked the files against those.
  const defaultLimits = options.maxFileNodes === undefined && options.maxConditions === undefined && options.maxOutcomeFields === undefined && options.maxVersionsPerRule === undefined;
  if (trusted && defaultLimits && Array.isArray(sources) && isPrecompiled(sources)) return loadPrecompiled(sources);
  // A file you read is hashed here, just before its parse: its json is the loader's own copy (or the version
  // resolved or materialised from copies), which the caller never holds. Here, not on the first read of a hash
  // (as it was): the hash is the first walk of the copy since it was made, and the parse that follows finds it
  // in cache, so it adds ~0.4 s to loading 10,000 rules, where a first read after the load walked every file
  // again, cold, for 0.9-1.0 s (issue #20; a first decision reads the set hash, so every file's).
  const hashOf = (source: RuleSource): string => (trusted && source.hash !== undefined ? source.hash : canonicalJsonHash(source.json));
  const issues: PolicyIssue[] = [];
  const documents = new Map<string, DocumentFile>();
  const versions = new Map<string, LoadedRuleVersion[]>();
  const hashes: [string, string][] = [];
  const documentPaths = new Set<string>();

  let ruleSources: RuleSource[] = [];
  if (!Array.isArray(sources)) throw new RuleFileError([fileIssue("", "", "not_a_list", "loadRuleSet takes a list of { path, json } sources")]);
  if (!trusted) sources = checks!.ownSources(sources); // copies: the set is frozen, the caller's objects are not
  if (checks) sources = checks.resolveSharedInputs(sources, issues, trusted, limits.nodes); // <document>/inputs.json
  for (const source of sources) {
    if (typeof source?.path !== "string") {
      issues.push(fileIssue(String(source?.path), "", "invalid_source", "a source is { path: string, json }"));
      continue;
    }
    // A cycle, a non-JSON value or absurd nesting would overflow the recursive checks below: reject it first.
    const shape = trusted ? undefined : checks!.shapeProblem(source.json, limits.nodes);
    if (shape) {
      issues.push(fileIssue(source.path, shape.pointer, shape.code, shape.message));
      continue;
    }
    const docMatch = DOCUMENT_PATH.exec(source.path);
    if (docMatch) {
      // A folder reader or an archive may give one path twice: which copy is the document is not ours to guess.
      if (documentPaths.has(source.path)) {
        issues.push(fileIssue(source.path, "", "duplicate_file", `${source.path} is given twice / ${source.path} 重复出现`));
        continue;
      }
      documentPaths.add(source.path);
      if (trusted) deepFreeze(source.json);
      // A shipped document's notes are read from rule-details.json on first use (catalog/rule-details.ts).
      const document = trusted ? deepFreeze(withRuleDetails(source.json as DocumentFile, source.path)) : checks!.parseDocument(source.path, source.json, issues);
      if (!document) continue;
      if (document.id !== docMatch[1]) {
        issues.push(fileIssue(source.path, "/id", "id_mismatch", `document id "${document.id}" does not match its folder "${docMatch[1]}"`));
      }
      documents.set(document.id, document);
      hashes.push([source.path, hashOf(source)]);
    } else if (RULE_PATH.test(source.path)) {
      ruleSources.push(source);
    } else {
      issues.push(fileIssue(source.path, "", "unexpected_file", "expected <document>/document.json, <document>/inputs.json or <document>/<rule>/v<N>.json"));
    }
  }

  // Amendments ("extends": N) become the full versions they describe, checked below like any other file.
  if (checks) ruleSources = checks.materialiseAmendments(ruleSources, options, issues, limits.nodes);

  // Count the files of each rule before loading any, so that a rule with too many versions costs no checks.
  const ruleOf = (path: string) => RULE_PATH.exec(path)!.slice(1, 3).join("/");
  const filesPerRule = new Map<string, number>();
  for (const source of ruleSources) filesPerRule.set(ruleOf(source.path), (filesPerRule.get(ruleOf(source.path)) ?? 0) + 1);
  const tooManyReported = new Set<string>();
  for (const source of ruleSources) {
    const rule = ruleOf(source.path);
    const count = filesPerRule.get(rule)!;
    if (count > limits.versions) {
      // One issue per rule, on its first file, not one per file: the message would be as long as the rule.
      if (!tooManyReported.has(rule)) {
        tooManyReported.add(rule);
        issues.push(
          fileIssue(source.path, "", "too_many_versions", `rule ${rule} has ${count} versions, more than ${limits.versions} (MAX_VERSIONS_PER_RULE; raise it with the maxVersionsPerRule option of loadRuleSet)`),
        );
      }
      continue;
    }
    const hash = hashOf(source);
    const loaded = loadRuleFile(source, documents, issues, trusted ? undefined : checks, hash, limits);
    if (!loaded) continue;
    hashes.push([source.path, hash]);
    const list = versions.get(loaded.file.id) ?? [];
    list.push(loaded);
    versions.set(loaded.file.id, list);
  }

  for (const [id, list] of versions) {
    list.sort((a, b) => a.file.version - b.file.version);
    checkVersions(id, list, issues);
  }

  if (issues.length > 0) throw new RuleFileError(issues);
  // The package's whole bundle, loaded trusted, has the rule-set hash computed when it was built (the same
  // hash of the same list: tests/catalog/bundle.test.ts compares it with an untrusted load's).
  const setHash = trusted ? ruleSetHash(given, hashes) : lazySetHash(hashes);
  return new RuleSet(documents, resolveOpenEnds(versions), setHash);
}

function loadRuleFile(
  source: RuleSource,
  documents: ReadonlyMap<string, DocumentFile>,
  issues: PolicyIssue[],
  checks: SourceChecks | undefined,
  hash: string,
  limits: { conditions: number; outcomeFields: number },
): LoadedRuleVersion | undefined {
  const { path } = source;
  const trusted = checks === undefined;
  if (trusted) deepFreeze(source.json);
  // A shipped file's examples, notes and changes are read from rule-details.json on first use (catalog/rule-details.ts).
  // A parsed file you read is plain data (the parse's output, sharing parts of the loader's copy): frozen here by
  // the quick walk, so the set's deepFreeze stops at it (issue #20).
  const file = trusted ? deepFreeze(withRuleDetails(source.json as RuleFile, path)) : freezeParsed(checks.parseRule(path, source.json, issues));
  if (!file) return undefined;
  const before = issues.length;
  const outcomeCount = Object.keys(file.outcome).length;
  if (file.conditions.length > limits.conditions || outcomeCount > limits.outcomeFields) {
    if (file.conditions.length > limits.conditions) {
      issues.push(
        fileIssue(path, "/conditions", "too_many_conditions", `${file.conditions.length} conditions, more than ${limits.conditions} (MAX_CONDITIONS; raise it with the maxConditions option of loadRuleSet)`),
      );
    }
    if (outcomeCount > limits.outcomeFields) {
      issues.push(
        fileIssue(path, "/outcome", "too_many_outcome_fields", `${outcomeCount} outcome fields, more than ${limits.outcomeFields} (MAX_OUTCOME_FIELDS; raise it with the maxOutcomeFields option of loadRuleSet)`),
      );
    }
    return undefined;
  }
  const m = RULE_PATH.exec(path)!;
  const [, docId, name, n] = m;
  if (file.id !== `${docId}/${name}`) issues.push(fileIssue(path, "/id", "id_mismatch", `id "${file.id}" does not match its path "${docId}/${name}"`));
  if (file.version !== Number(n)) issues.push(fileIssue(path, "/version", "version_mismatch", `version ${file.version} does not match the file name v${n}.json`));
  if (file.document !== docId) issues.push(fileIssue(path, "/document", "document_mismatch", `document "${file.document}" does not match the folder "${docId}"`));
  const document = documents.get(file.document);
  if (!document) {
    issues.push(fileIssue(path, "/document", "unknown_document", `no ${file.document}/document.json describes document "${file.document}"`));
  } else {
    const known = new Set(document.measures.map((m) => m.key));
    file.measures.forEach((key, i) => {
      if (!known.has(key)) issues.push(fileIssue(path, `/measures/${i}`, "unknown_measure", `measure "${key}" is not listed in ${file.document}/document.json`));
    });
  }
  if (file.validity.to && file.validity.to.date < file.validity.from.date) {
    issues.push(fileIssue(path, "/validity/to/date", "empty_validity", `validity ends (${file.validity.to.date}) before it starts (${file.validity.from.date})`));
  }

  // The names as the file has them: the schema parse drops an own "__proto__" key, which would then
  // vanish from the rule without a word.
  const raw = source.json as Pick<RuleFile, "inputs" | "parameters" | "outcome">;
  for (const [section, names] of [
    ["inputs", Object.keys(raw.inputs)],
    ["parameters", Object.keys(raw.parameters)],
    ["outcome", Object.keys(raw.outcome)],
  ] as const) {
    for (const key of names) {
      if (FORBIDDEN_NAMES.has(key)) issues.push(fileIssue(path, `/${section}/${key}`, "forbidden_name", `"${key}" is a name of Object.prototype and may not be used`));
    }
  }
  // `role: "amount"`: the money granted (ranked match, totals), so a money field of a benefit, and one per version.
  const amounts = Object.entries(file.outcome).filter(([, spec]) => spec.role === "amount");
  for (const [key, spec] of amounts) {
    if (spec.type !== "money" || file.kind !== "benefit") {
      issues.push(fileIssue(path, `/outcome/${key}/role`, "invalid_role", `role "amount" marks the money a benefit grants: "${key}" is a ${spec.type} field of a ${file.kind}`));
    }
  }
  if (amounts.length > 1) {
    issues.push(fileIssue(path, `/outcome/${amounts[1]![0]}/role`, "invalid_role", `only one outcome field may have role "amount" (${amounts.map(([k]) => k).join(", ")} do)`));
  }
  for (const [key, spec] of Object.entries(file.inputs)) {
    if (VALUE_TYPES[spec.type].needsValues && Object.keys(spec.values ?? {}).length === 0) {
      issues.push(fileIssue(path, `/inputs/${key}/values`, "missing_values", `${spec.type} input "${key}" must list its values`));
    } else if (spec.default !== undefined && !acceptsFact(spec, spec.default)) {
      issues.push(fileIssue(path, `/inputs/${key}/default`, "invalid_default", `the default of input "${key}" is not a valid ${spec.type}`));
    }
  }
  for (const [key, spec] of Object.entries(file.parameters)) {
    const problem = parameterValueProblem(spec);
    if (problem) issues.push(fileIssue(path, `/parameters/${key}/value`, "invalid_parameter", problem));
  }

  const conditionIds = new Set<string>();
  const outcomeTypes = new Map<string, ValueType>();
  // The live set and map, not copies: each check runs before its own id is added, so it sees exactly the
  // names defined before it (copying them per expression made loading quadratic in the number of conditions).
  const scope: LogicScope = { inputs: file.inputs, parameters: file.parameters, conditions: conditionIds, outcomes: outcomeTypes };
  // Each expression is checked into its typed logic tree, which the compiler compiles (on first use).
  const check = (logic: unknown, pointer: string): CheckedExpression => {
    const result = checkLogic(logic, scope);
    for (const p of result.problems) issues.push(fileIssue(path, pointer + p.pointer, p.code, p.message));
    // What explanations show: the values of the references the tree resolved.
    return { tree: result.tree, refs: referencesOf(result.tree), fn: compileTree(result.tree) };
  };

  const applicable = file.applicable === undefined ? undefined : check(file.applicable, "/applicable");
  const conditions = file.conditions.map((spec, i) => {
    if (FORBIDDEN_NAMES.has(spec.id)) issues.push(fileIssue(path, `/conditions/${i}/id`, "forbidden_name", `"${spec.id}" may not be used`));
    if (conditionIds.has(spec.id)) issues.push(fileIssue(path, `/conditions/${i}/id`, "duplicate_condition", `condition "${spec.id}" is defined twice`));
    const checked = check(spec.logic, `/conditions/${i}/logic`);
    conditionIds.add(spec.id);
    return { spec, ...checked };
  });
  const outcome = Object.entries(file.outcome).map(([name, spec]) => {
    const checked = check(spec.logic, `/outcome/${name}/logic`);
    outcomeTypes.set(name, spec.type);
    return { name, spec, ...checked };
  });
  // Logic that could build a decimal, string or list beyond the engine's limits (limits.ts) for valid facts.
  // A trusted load (the package's own bundle) skips it like the schema parse: tests/catalog/bundle.test.ts
  // loads the same bundle untrusted, which runs it.
  if (!trusted) for (const p of checks.propertiesProblems(file)) issues.push(fileIssue(path, p.pointer, p.code, p.message));
  if (!trusted && issues.length === before) for (const p of checks.growthProblems(file, trees(applicable, conditions, outcome))) issues.push(fileIssue(path, p.pointer, p.code, p.message));
  if (issues.length > before) return undefined;

  return loadedVersion(file, path, hash, source.amends, { applicable, conditions, outcome });
}

const freezeParsed = <T>(file: T | undefined): T | undefined => (file === undefined ? undefined : freezeJsonData(file));

function checkVersions(id: string, list: LoadedRuleVersion[], issues: PolicyIssue[]): void {
  const numbers = new Set(list.map((v) => v.file.version));
  for (const v of list) {
    if (v.file.supersedes !== undefined && !numbers.has(v.file.supersedes)) {
      issues.push(fileIssue(v.path, "/supersedes", "unknown_version", `supersedes version ${v.file.supersedes}, which does not exist`));
    }
  }
  const byStart = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  // One pass in start order: a version overlaps an earlier one when it starts on the same day as the one
  // before it, or on or before the latest end so far. An open end closes the day before the next version
  // starts, so only stated ends can overlap. (Comparing every pair was quadratic in the number of versions.)
  let latest: { version: LoadedRuleVersion; end: string } | undefined;
  byStart.forEach((b, i) => {
    const before = byStart[i - 1];
    const a = before && before.validFrom === b.validFrom ? before : latest && b.validFrom <= latest.end ? latest.version : undefined;
    if (a) {
      issues.push(
        fileIssue(b.path, "/validity", "overlapping_versions", `validity of ${id} v${b.file.version} (from ${b.validFrom}) overlaps v${a.file.version} (${a.validFrom} to ${a.validTo ?? "open"})`),
      );
    }
    const next = byStart[i + 1];
    const end = b.validTo ?? (next ? previousDay(next.validFrom) : "9999-12-31");
    if (!latest || end > latest.end) latest = { version: b, end };
  });
}

export function fileIssue(path: string, pointer: string, code: string, message: string): PolicyIssue {
  return { code, path: `${path}#${pointer}`, message };
}

/** The typed logic trees of a version's checked expressions, for the growth bound. */
function trees(
  applicable: CheckedExpression | undefined,
  conditions: readonly CheckedExpression[],
  outcome: readonly (CheckedExpression & { name: string })[],
): GrowthExpressions {
  return {
    ...(applicable !== undefined && { applicable: applicable.tree }),
    conditions: conditions.map((c) => c.tree),
    outcome: outcome.map((f) => [f.name, f.tree] as const),
  };
}
