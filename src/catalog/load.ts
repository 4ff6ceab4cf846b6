import type { z } from "zod";
import { DocumentFileSchema, type DocumentFile } from "../schema/document-file.js";
import { RuleFileSchema, type ParameterSpec, type RuleFile, type ValueType } from "../schema/rule-file.js";
import { checkLogic, FORBIDDEN_NAMES, type LogicScope } from "../engine/check-logic.js";
import { compile } from "../engine/compile.js";
import { Dec } from "../engine/decimal.js";
import { buildFactsSchema } from "../engine/facts.js";
import { canonicalJson, sha256Hex } from "../engine/hash.js";
import { previousDay } from "../engine/dates.js";
import { RuleFileError, type PolicyIssue } from "../errors.js";
import type { LoadedRuleVersion, References } from "./rule-version.js";
import { RuleSet } from "./rule-set.js";
import { jsonShapeProblem } from "./json-shape.js";
import { parameterValueProblem } from "./parameters.js";
import { ownSources } from "./freeze.js";

export { parameterValueProblem } from "./parameters.js";

/**
 * One file of a rule set: its path relative to the rules folder, and its parsed JSON.
 *
 * @category Catalog
 * @example
 * const source: RuleSource = { path: "sjz-2025/absorption-subsidy/v1.json", json: JSON.parse(text) };
 */
export interface RuleSource {
  /** `sjz-2025/document.json`, `sjz-2025/absorption-subsidy/v1.json` … */
  path: string;
  /** The file's parsed JSON, checked by the loader. */
  json: unknown;
  /** SHA-256 of the file's canonical JSON, computed when it was bundled; used only by a trusted load. */
  hash?: string;
}

/**
 * Options of {@link loadRuleSet}.
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources);                      // files you read: every check
 * loadRuleSet(BUNDLED_RULES, { trusted: true }); // the package's own bundle only
 */
export interface LoadOptions {
  /**
   * The sources are the package's own bundle, checked when it was built (a test loads the same bundle
   * untrusted and compares): skip the schema parse and the shape check, and take the bundled hashes.
   * The logic, the references and the versions are still checked. Never set it for files you read.
   */
  trusted?: boolean;
}

const RULE_PATH = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/v([1-9]\d*)\.json$/;
const DOCUMENT_PATH = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/document\.json$/;

/**
 * Load a rule set from files already read: parse every file with its zod schema, check the rule
 * profile of every expression, compile it, and check the versions of each rule against each other.
 * Every problem in every file is collected before throwing, each naming the file and the field.
 *
 * @category Catalog
 * @throws {RuleFileError} when any file is invalid
 * @example
 * const set = loadRuleSet([{ path: "sjz-2025/document.json", json: doc }, { path: "sjz-2025/absorption-subsidy/v1.json", json: rule }]);
 * set.ruleIds() //=> ["sjz-2025/absorption-subsidy"]
 */
export function loadRuleSet(sources: readonly RuleSource[], options: LoadOptions = {}): RuleSet {
  const trusted = options.trusted === true;
  const hashOf = (source: RuleSource) => (trusted && source.hash !== undefined ? source.hash : sha256Hex(canonicalJson(source.json)));
  const issues: PolicyIssue[] = [];
  const documents = new Map<string, DocumentFile>();
  const versions = new Map<string, LoadedRuleVersion[]>();
  const hashes: [string, string][] = [];

  const ruleSources: RuleSource[] = [];
  if (!Array.isArray(sources)) throw new RuleFileError([fileIssue("", "", "not_a_list", "loadRuleSet takes a list of { path, json } sources")]);
  if (!trusted) sources = ownSources(sources); // copies: the set is frozen, the caller's objects are not
  for (const source of sources) {
    if (typeof source?.path !== "string") {
      issues.push(fileIssue(String(source?.path), "", "invalid_source", "a source is { path: string, json }"));
      continue;
    }
    // A cycle, a non-JSON value or absurd nesting would overflow the recursive checks below: reject it first.
    const shape = trusted ? undefined : jsonShapeProblem(source.json);
    if (shape) {
      issues.push(fileIssue(source.path, shape.pointer, shape.code, shape.message));
      continue;
    }
    const docMatch = DOCUMENT_PATH.exec(source.path);
    if (docMatch) {
      if (trusted) deepFreeze(source.json);
      const parsed = trusted ? { success: true as const, data: source.json as DocumentFile } : DocumentFileSchema.safeParse(source.json);
      if (!parsed.success) {
        issues.push(...zodIssues(source.path, parsed.error));
        continue;
      }
      if (parsed.data.id !== docMatch[1]) {
        issues.push(fileIssue(source.path, "/id", "id_mismatch", `document id "${parsed.data.id}" does not match its folder "${docMatch[1]}"`));
      }
      documents.set(parsed.data.id, parsed.data);
      hashes.push([source.path, hashOf(source)]);
    } else if (RULE_PATH.test(source.path)) {
      ruleSources.push(source);
    } else {
      issues.push(fileIssue(source.path, "", "unexpected_file", "expected <document>/document.json or <document>/<rule>/v<N>.json"));
    }
  }

  for (const source of ruleSources) {
    const loaded = loadRuleFile(source, documents, issues, trusted, hashOf(source));
    if (!loaded) continue;
    hashes.push([source.path, loaded.hash]);
    const list = versions.get(loaded.file.id) ?? [];
    list.push(loaded);
    versions.set(loaded.file.id, list);
  }

  for (const [id, list] of versions) {
    list.sort((a, b) => a.file.version - b.file.version);
    checkVersions(id, list, issues);
  }

  if (issues.length > 0) throw new RuleFileError(issues);
  hashes.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const setHash = sha256Hex(canonicalJson(hashes));
  return new RuleSet(documents, resolveOpenEnds(versions), setHash);
}

function loadRuleFile(
  source: RuleSource,
  documents: ReadonlyMap<string, DocumentFile>,
  issues: PolicyIssue[],
  trusted: boolean,
  hash: string,
): LoadedRuleVersion | undefined {
  const { path } = source;
  if (trusted) deepFreeze(source.json);
  const parsed = trusted ? { success: true as const, data: source.json as RuleFile } : RuleFileSchema.safeParse(source.json);
  if (!parsed.success) {
    issues.push(...zodIssues(path, parsed.error));
    return undefined;
  }
  const file = parsed.data;
  const before = issues.length;
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

  for (const [section, names] of [
    ["inputs", Object.keys(file.inputs)],
    ["parameters", Object.keys(file.parameters)],
    ["outcome", Object.keys(file.outcome)],
  ] as const) {
    for (const key of names) {
      if (FORBIDDEN_NAMES.has(key)) issues.push(fileIssue(path, `/${section}/${key}`, "forbidden_name", `"${key}" is a name of Object.prototype and may not be used`));
    }
  }
  for (const [key, spec] of Object.entries(file.inputs)) {
    if ((spec.type === "enum" || spec.type === "enumList") && Object.keys(spec.values ?? {}).length === 0) {
      issues.push(fileIssue(path, `/inputs/${key}/values`, "missing_values", `${spec.type} input "${key}" must list its values`));
    } else if (spec.default !== undefined && !buildFactsSchema({ [key]: spec }).safeParse({ [key]: spec.default }).success) {
      issues.push(fileIssue(path, `/inputs/${key}/default`, "invalid_default", `the default of input "${key}" is not a valid ${spec.type}`));
    }
  }
  for (const [key, spec] of Object.entries(file.parameters)) {
    const problem = parameterValueProblem(spec);
    if (problem) issues.push(fileIssue(path, `/parameters/${key}/value`, "invalid_parameter", problem));
  }

  const conditionIds = new Set<string>();
  const outcomeTypes = new Map<string, ValueType>();
  const scope = (): LogicScope => ({ inputs: file.inputs, parameters: file.parameters, conditions: new Set(conditionIds), outcomes: new Map(outcomeTypes) });
  const check = (logic: unknown, pointer: string): References => {
    const result = checkLogic(logic, scope());
    for (const p of result.problems) issues.push(fileIssue(path, pointer + p.pointer, p.code, p.message));
    return { inputs: [...result.inputs], parameters: [...result.parameters] };
  };

  const applicable = file.applicable === undefined ? undefined : { fn: compile(file.applicable), refs: check(file.applicable, "/applicable") };
  const conditions = file.conditions.map((spec, i) => {
    if (FORBIDDEN_NAMES.has(spec.id)) issues.push(fileIssue(path, `/conditions/${i}/id`, "forbidden_name", `"${spec.id}" may not be used`));
    if (conditionIds.has(spec.id)) issues.push(fileIssue(path, `/conditions/${i}/id`, "duplicate_condition", `condition "${spec.id}" is defined twice`));
    const refs = check(spec.logic, `/conditions/${i}/logic`);
    conditionIds.add(spec.id);
    return { spec, fn: compile(spec.logic), refs };
  });
  const outcome = Object.entries(file.outcome).map(([name, spec]) => {
    const refs = check(spec.logic, `/outcome/${name}/logic`);
    outcomeTypes.set(name, spec.type);
    return { name, spec, fn: compile(spec.logic), refs };
  });
  if (issues.length > before) return undefined;

  return {
    file,
    path,
    hash,
    validFrom: file.validity.from.date,
    validTo: file.validity.to?.date ?? null,
    params: runtimeParameters(file.parameters),
    factsSchema: buildFactsSchema(file.inputs),
    applicable,
    conditions,
    outcome,
  };
}

/** Parameter values as the operations use them: decimals for money, rates and decimals. */
export function runtimeParameters(parameters: Readonly<Record<string, ParameterSpec>>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, spec] of Object.entries(parameters)) {
    out[name] = spec.type === "money" || spec.type === "decimal" || spec.type === "rate" ? new Dec(spec.value as string) : spec.value;
  }
  return out;
}

function checkVersions(id: string, list: LoadedRuleVersion[], issues: PolicyIssue[]): void {
  const numbers = new Set(list.map((v) => v.file.version));
  for (const v of list) {
    if (v.file.supersedes !== undefined && !numbers.has(v.file.supersedes)) {
      issues.push(fileIssue(v.path, "/supersedes", "unknown_version", `supersedes version ${v.file.supersedes}, which does not exist`));
    }
  }
  const byStart = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  for (let i = 0; i < byStart.length; i++) {
    for (let j = i + 1; j < byStart.length; j++) {
      const a = byStart[i]!;
      const b = byStart[j]!;
      // An open end closes the day before the next version starts, so only stated ends can overlap.
      const aEnd = a.validTo ?? previousDay(byStart[i + 1]!.validFrom);
      if (b.validFrom <= aEnd || a.validFrom === b.validFrom) {
        issues.push(
          fileIssue(b.path, "/validity", "overlapping_versions", `validity of ${id} v${b.file.version} (from ${b.validFrom}) overlaps v${a.file.version} (${a.validFrom} to ${a.validTo ?? "open"})`),
        );
      }
    }
  }
}

function resolveOpenEnds(versions: Map<string, LoadedRuleVersion[]>): Map<string, LoadedRuleVersion[]> {
  for (const list of versions.values()) {
    const byStart = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    byStart.forEach((v, i) => {
      const next = byStart[i + 1];
      if (v.validTo === null && next) (v as { validTo: string | null }).validTo = previousDay(next.validFrom);
    });
  }
  return versions;
}

/** Freeze a bundled file in place, so that the objects handed to callers cannot change the shipped rules. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function fileIssue(path: string, pointer: string, code: string, message: string): PolicyIssue {
  return { code, path: `${path}#${pointer}`, message };
}

function zodIssues(path: string, error: z.ZodError): PolicyIssue[] {
  return error.issues.map((i) => ({
    code: i.code === "unrecognized_keys" ? "unknown_field" : "schema",
    path: `${path}#/${i.path.map(String).join("/")}`,
    message: i.code === "unrecognized_keys" ? `unknown field(s) ${i.keys.join(", ")}` : i.message,
  }));
}
