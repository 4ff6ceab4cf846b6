import { InvalidArgumentError, type PolicyIssue } from "../errors.js";
import type { AmendmentFile } from "../schema/types.js";
import { AMENDMENT_FIELD_NAMES, parseAmendmentFile } from "./file-validators.js";
import type { SchemaIssue } from "./validator.js";
import type { RuleSource } from "./load.js";

/*
 * Amendments: a rule version written as the changes to an earlier version (`"extends": 1`), so that changing
 * a cap takes a small file rather than a copy of the whole v1.json. Before any other check, the loader turns
 * each amendment into the full version it describes ("materialises" it); that full version is then checked
 * exactly like a full file, and hashed as published: the SHA-256 of its canonical JSON, so a full copy and
 * an amendment describing the same version have the same hash (decisions carry it as `ruleHash`).
 *
 * How each field merges is the doc comment of AmendmentFileSchema (src/schema/rule-file.ts).
 */

/**
 * The most amendments in a row: v3 extends v2 extends v1 is a chain of 2. A long chain is hard to read
 * (each version is spread over every file before it); write a full version file to start a new chain, or
 * raise it with the `maxExtendsChain` option of `loadRuleSet`. Beyond it the amendment gets a
 * `RuleFileError` issue with code `extends_chain_too_long`.
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources, { maxExtendsChain: 2 * MAX_EXTENDS_CHAIN });
 */
export const MAX_EXTENDS_CHAIN = 32;

/**
 * The most JSON values (counted as a tree, like MAX_FILE_NODES) that the full versions materialised from
 * amendments may hold together in one load. A small amendment of a large version stands for a whole large
 * version: without this bound, a thousand three-line files extending one very large version would make the
 * loader build and check a thousand very large versions. Shipped rule versions hold under 700 values, so
 * the default allows well over a thousand amendments; raise it with the `maxMaterialisedNodes` option of
 * `loadRuleSet`. Beyond it the amendment that would exceed it gets a `RuleFileError` issue with code
 * `too_many_materialised_nodes` and is not built.
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources, { maxMaterialisedNodes: 4 * MAX_MATERIALISED_NODES });
 */
export const MAX_MATERIALISED_NODES = 1_000_000;

/**
 * Options of {@link loadRuleSet} about amendments (part of its `LoadOptions`).
 *
 * @category Catalog
 * @example
 * loadRuleSet(sources, { maxExtendsChain: 64, maxMaterialisedNodes: 5_000_000 });
 */
export interface AmendmentOptions {
  /** The most amendments in a row. Default {@link MAX_EXTENDS_CHAIN}. */
  maxExtendsChain?: number;
  /** The most JSON values all materialised amendments of one load may hold. Default {@link MAX_MATERIALISED_NODES}. */
  maxMaterialisedNodes?: number;
}

/**
 * What the loader lends to the materialisation: its issue list, its node limit and its schema issue formatter.
 *
 * @example
 * const context: MaterialiseContext = { issues: [], maxFileNodes: MAX_FILE_NODES, schemaIssues };
 */
export interface MaterialiseContext {
  /** The loader's issue list; problems of amendments are added to it. */
  issues: PolicyIssue[];
  /** The most JSON values one file may hold (the loader's `maxFileNodes`): the materialised version is a file. */
  maxFileNodes: number;
  /** How the loader reports the schema issues of one file. */
  schemaIssues: (path: string, issues: readonly SchemaIssue[]) => PolicyIssue[];
}

/** The fields an amendment may set (AmendmentFileSchema's): the rest of a rule file is the base's. */
const AMENDMENT_FIELDS = new Set(AMENDMENT_FIELD_NAMES);
/** Fields of a full rule file that an amendment may not set: what the rule is about and how it decides. */
const FULL_FILE_ONLY = new Set(["clause", "measures", "kind", "title", "subjects", "responsibleUnits", "inputs", "applicable", "conditions", "outcome", "combination", "properties"]);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * Whether a rule file is written as an amendment: a JSON object with an own `extends` field.
 *
 * @category Catalog
 * @example
 * isAmendment({ id: "sjz-2025/absorption-subsidy", version: 2, extends: 1 }) //=> true
 */
export function isAmendment(json: unknown): boolean {
  return isObject(json) && hasOwn(json, "extends");
}

function option(options: AmendmentOptions, name: keyof AmendmentOptions, fallback: number): number {
  const v = options[name];
  if (v === undefined) return fallback;
  if (v === Infinity || (Number.isSafeInteger(v) && v > 0)) return v;
  throw new InvalidArgumentError(`the ${name} option of loadRuleSet must be a positive integer or Infinity (default ${fallback})`);
}

/**
 * JSON values in a value, counted as a tree like MAX_FILE_NODES counts them (iterative, so any depth is safe).
 *
 * @example
 * countJsonNodes({ a: [1, 2], b: "x" }) //=> 5
 */
export function countJsonNodes(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    count++;
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (isObject(v)) for (const key of Object.keys(v)) stack.push(v[key]);
  }
  return count;
}

/** The version number in a rule file's path (`…/v2.json` → 2); the loader took only paths of that form. */
const versionOfPath = (path: string) => Number(/v([1-9]\d*)\.json$/.exec(path)?.[1] ?? NaN);
const pathOfVersion = (path: string, version: number) => path.replace(/v[1-9]\d*\.json$/, `v${version}.json`);

/** A materialised version, or why there is none (its issues are already reported). */
type Built = { json: Json; chain: number; nodes: number } | { failed: true };

/**
 * The rule sources with every amendment replaced by the full version it describes (a new object, sharing
 * nothing with the base or the amendment, and carrying `amends`: the version it extends). An amendment that
 * cannot be materialised is left out and its problems are added to `context.issues`, each with the file,
 * a JSON pointer, a code and a message, like the loader's other issues. Sources that are not amendments are
 * returned as they are, so a set without amendments (the trusted bundle) costs one key lookup per file.
 *
 * Bounded: each amendment is built once, in version order (a base before what extends it), from its base's
 * materialised copy, so a chain costs its length and never recurses; `extends` must name an earlier version,
 * so there are no cycles; chains and the values built are limited by {@link MAX_EXTENDS_CHAIN} and
 * {@link MAX_MATERIALISED_NODES}.
 *
 * @category Catalog
 * @example
 * const sources = materialiseAmendments(ruleSources, {}, { issues, maxFileNodes: MAX_FILE_NODES, schemaIssues });
 * sources.find((s) => s.path.endsWith("v2.json"))?.amends //=> 1
 */
export function materialiseAmendments(sources: readonly RuleSource[], options: AmendmentOptions, context: MaterialiseContext): RuleSource[] {
  const maxChain = option(options, "maxExtendsChain", MAX_EXTENDS_CHAIN);
  const maxNodes = option(options, "maxMaterialisedNodes", MAX_MATERIALISED_NODES);
  const amendments = sources.filter((s) => isAmendment(s.json));
  if (amendments.length === 0) return [...sources];

  const byPath = new Map(sources.map((s) => [s.path, s]));
  const built = new Map<string, Built>(); // by path, for the amendments that extend it
  const results = new Map<RuleSource, Built>(); // by source, for the output (a path given twice stays two sources)
  const baseNodes = new Map<string, number>();
  let used = 0;
  const issue = (path: string, pointer: string, code: string, message: string) => context.issues.push({ code, path: `${path}#${pointer}`, message });

  // Bases before the versions that extend them: extends must be lower than the version, so path order
  // within a rule and version order agree.
  const ordered = [...amendments].sort((a, b) => versionOfPath(a.path) - versionOfPath(b.path));
  for (const source of ordered) {
    const result = build(source);
    built.set(source.path, result);
    results.set(source, result);
  }

  function build(source: RuleSource): Built {
    const { path } = source;
    const json = source.json as Json;
    const failed = { failed: true } as const;

    // Fields first, with a code that says why: a field of a full file that an amendment may not change is
    // not a typo.
    let fieldProblems = false;
    for (const key of Object.keys(json)) {
      if (AMENDMENT_FIELDS.has(key)) continue;
      fieldProblems = true;
      if (FULL_FILE_ONLY.has(key)) {
        issue(path, `/${key}`, "not_amendable", `an amendment may not change "${key}": inputs, logic and what the rule is about stay those of the version it extends; write a full version file to change them`);
      } else {
        issue(path, `/${key}`, "unknown_field", `unknown field ${key} of an amendment (it may set ${[...AMENDMENT_FIELDS].join(", ")})`);
      }
    }
    if (fieldProblems) return failed;
    // The checks of AmendmentFileSchema, without zod (catalog/file-validators.ts).
    const parsed = parseAmendmentFile(json);
    if (!parsed.success) {
      for (const i of context.schemaIssues(path, parsed.issues)) context.issues.push(i);
      return failed;
    }
    // Merged from the file as written (the schema only vouched for it): the parse's output is a re-built copy
    // that drops an own "__proto__" key, which would then vanish without a word.
    const amendment = json as AmendmentFile;

    const own = versionOfPath(path);
    const baseVersion = amendment.extends;
    if (baseVersion >= own) {
      issue(path, "/extends", "extends_not_earlier", `extends version ${baseVersion}, which is not earlier than this version ${own}: an amendment extends an earlier version of its rule`);
      return failed;
    }
    const basePath = pathOfVersion(path, baseVersion);
    const base = byPath.get(basePath);
    if (!base) {
      issue(path, "/extends", "unknown_base", `extends version ${baseVersion}, but there is no ${basePath} (or it could not be read: see its own issues)`);
      return failed;
    }
    let baseJson: unknown;
    let chain: number;
    let nodesOfBase: number;
    if (isAmendment(base.json)) {
      const b = built.get(basePath);
      if (!b || "failed" in b) {
        issue(path, "/extends", "invalid_base", `extends version ${baseVersion} (${basePath}), an amendment that could not be materialised: see its own issues`);
        return failed;
      }
      baseJson = b.json;
      chain = b.chain + 1;
      nodesOfBase = b.nodes;
    } else {
      baseJson = base.json;
      chain = 1;
      nodesOfBase = baseNodes.get(basePath) ?? countJsonNodes(base.json);
      baseNodes.set(basePath, nodesOfBase);
    }
    if (!isObject(baseJson) || !isObject(baseJson["parameters"]) || !Array.isArray(baseJson["conditions"]) || !Array.isArray(baseJson["changes"])) {
      issue(path, "/extends", "invalid_base", `extends version ${baseVersion} (${basePath}), which is not a rule file with parameters, conditions and changes: see its own issues`);
      return failed;
    }
    if (chain > maxChain) {
      issue(
        path,
        "/extends",
        "extends_chain_too_long",
        `this version is the ${chain}th amendment in a row, more than ${maxChain} (MAX_EXTENDS_CHAIN): write a full version file to start a new chain, or raise it with the maxExtendsChain option of loadRuleSet`,
      );
      return failed;
    }
    // The full version holds at most the base's values and the amendment's: check the budget before building.
    const bound = nodesOfBase + countJsonNodes(json);
    if (used + bound > maxNodes) {
      issue(
        path,
        "",
        "too_many_materialised_nodes",
        `materialising this amendment would bring the versions built from amendments to more than ${maxNodes} JSON values (MAX_MATERIALISED_NODES; raise it with the maxMaterialisedNodes option of loadRuleSet)`,
      );
      return failed;
    }

    const full = merge(path, baseJson, amendment);
    if (!full) return failed;
    const nodes = countJsonNodes(full);
    if (nodes > context.maxFileNodes) {
      issue(path, "", "too_large", `the full version this amendment describes holds ${nodes} JSON values, more than ${context.maxFileNodes} (MAX_FILE_NODES; raise it with the maxFileNodes option of loadRuleSet)`);
      return failed;
    }
    used += nodes;
    return { json: full, chain, nodes };
  }

  /** The base with the amendment's changes: a deep copy, so nothing is shared with either. */
  function merge(path: string, base: Json, amendment: AmendmentFile): Json | undefined {
    // structuredClone keeps an own "__proto__" key as data (an assignment would set the prototype).
    const full = structuredClone(base);
    const copy = <T>(v: T): T => structuredClone(v);
    let ok = true;
    const problem = (pointer: string, code: string, message: string) => {
      ok = false;
      issue(path, pointer, code, message);
    };
    full["id"] = amendment.id;
    full["version"] = amendment.version;
    full["document"] = amendment.document;
    delete full["supersedes"];
    if (amendment.supersedes !== undefined) full["supersedes"] = amendment.supersedes;
    if (amendment.source !== undefined) full["source"] = copy(amendment.source);
    full["validity"] = copy(amendment.validity);
    if (amendment.notes !== undefined) full["notes"] = copy(amendment.notes);
    full["examples"] = copy(amendment.examples);
    if (amendment.changes !== undefined) full["changes"] = [...(full["changes"] as unknown[]), ...copy(amendment.changes)];

    const parameters = full["parameters"] as Json;
    for (const [name, override] of Object.entries(amendment.parameters ?? {})) {
      const spec = hasOwn(parameters, name) ? parameters[name] : undefined;
      if (!isObject(spec)) {
        problem(`/parameters/${name}`, "unknown_parameter", `"${name}" is not a parameter of the version this amends: an amendment changes existing parameters; a new one needs a full version file`);
        continue;
      }
      if (override.type !== undefined && override.type !== spec["type"]) {
        problem(`/parameters/${name}/type`, "type_change", `an amendment may not change the type of parameter "${name}" (${String(spec["type"])} → ${override.type}): the logic was checked against it; write a full version file`);
        continue;
      }
      // Defined, not assigned: an own "__proto__" field (possible only when called without the loader's shape
      // check) stays data instead of replacing the parameter's prototype.
      for (const [field, value] of Object.entries(override)) Object.defineProperty(spec, field, { value: copy(value), enumerable: true, writable: true, configurable: true });
    }
    const conditions = full["conditions"] as unknown[];
    for (const [id, label] of Object.entries(amendment.conditionLabels ?? {})) {
      const condition = conditions.find((c) => isObject(c) && c["id"] === id);
      if (!isObject(condition)) {
        problem(`/conditionLabels/${id}`, "unknown_condition", `"${id}" is not a condition of the version this amends`);
        continue;
      }
      condition["label"] = copy(label);
    }
    return ok ? full : undefined;
  }

  const out: RuleSource[] = [];
  for (const source of sources) {
    const b = results.get(source);
    if (b === undefined) out.push(source);
    else if (!("failed" in b)) out.push({ path: source.path, json: b.json, amends: (source.json as { extends: number }).extends });
  }
  return out;
}
