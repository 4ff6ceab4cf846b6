import type { PolicyIssue } from "../errors.js";
import { PROFILE_CITY_PATTERN, SUBJECT_TYPES } from "../schema/values.js";
import type { InputSpec } from "../schema/types.js";
import { FORBIDDEN_NAMES } from "../logic/check.js";
import { acceptsFact } from "../types/input-check.js";
import { canonicalJson } from "../engine/hash.js";
import { deepFreeze } from "../engine/freeze.js";
import { jsonShapeProblem } from "./json-shape.js";
import { parseSharedInputsFile } from "./file-validators.js";
import type { SchemaIssue } from "./validator.js";
import type { RuleSource } from "./load.js";

/*
 * Shared inputs: `rules/<document>/inputs.json` declares, once, the inputs several rules of the document
 * declare alike, and a rule file says `"city": { "shared": "city" }`. The loader materialises every
 * reference into the full declaration before anything else reads the file, so the schema check, the logic
 * check, the compiler and the hash see the file exactly as if the declaration were written in it: a rule's
 * hash, decisions and explanations do not depend on whether its inputs are shared.
 */

/** `<document>/inputs.json`: the shared inputs of one document. */
const SHARED_PATH = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/inputs\.json$/;
/** `<document>/<rule>/v<N>.json`, capturing the document. */
const RULE_PATH = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/[a-z0-9]+(?:-[a-z0-9]+)*\/v[1-9]\d*\.json$/;
/** What a reference may hold besides `shared`: it may add these where the declaration leaves them out. */
const OVERRIDABLE = ["description", "default"] as const;

/**
 * What {@link resolveSharedInputs} needs from the loader.
 *
 * @category Catalog
 * @example
 * const options: SharedInputsOptions = { trusted: false, maxNodes: MAX_FILE_NODES, schemaIssues: (path, error) => [], maxIssuesPerFile: 100 };
 */
export interface SharedInputsOptions {
  /** The package's own bundle: the declarations are taken without their schema check. */
  trusted: boolean;
  /** The most JSON values a declarations file may hold (the loader's `maxFileNodes`). */
  maxNodes: number;
  /** The loader's report of a failed schema parse, so both kinds of file word their issues alike. */
  schemaIssues: (path: string, issues: readonly SchemaIssue[]) => PolicyIssue[];
  /** The most reference issues reported for one file (the loader's MAX_SCHEMA_ISSUES_PER_FILE); the rest are counted. */
  maxIssuesPerFile: number;
  /** Whether a file's JSON is known to be plain JSON within the limits already (the loader's own copy), so not walked again. */
  isChecked?: (json: unknown) => boolean;
  /** The size as a tree of a checked file (its JSON values), when known: with `adopt`, a resolved file's size is then counted, not walked. */
  sizeOf?: (json: unknown) => number | undefined;
  /**
   * Called with a resolved file made only of checked parts (a checked file, the checked declarations of its
   * document), within `maxNodes` values: the loader takes it as its own copy, checked, and does not walk it again.
   */
  adopt?: (json: object) => void;
}

/**
 * What resolving may still add to the set. A reference is a few bytes but materialises a whole declaration,
 * so a small hostile set (one large declaration, many references) would make a huge one: all materialised
 * copies together may hold at most `maxNodes` JSON values, as one file may (MAX_FILE_NODES, raised with the
 * `maxFileNodes` option of loadRuleSet). The shipped rules materialise about 6,000.
 */
interface Budget {
  left: number;
  /** The size of each declaration as a tree, counted once. */
  sizes: Map<object, number>;
  /** Set once the budget is spent: later references are not resolved. */
  spent?: true;
}

/** A document's declarations, or `undefined` when its inputs.json is invalid (already reported). */
type Declarations = ReadonlyMap<string, Readonly<InputSpec>> | undefined;

/**
 * Take the `<document>/inputs.json` sources out of `sources`, check them, and return the other sources
 * with every shared-input reference replaced by the declaration it names. Problems are added to `issues`
 * (path `<file>#<JSON pointer>`, as every loader issue); a rule file with a reference that cannot be
 * resolved is left out of the result (its issue says why), a file that is not plain JSON is passed on
 * untouched for the loader to report. Sources without references are returned as they are, so a set
 * that shares nothing loads exactly as before.
 *
 * @category Catalog
 * @example
 * const issues: PolicyIssue[] = [];
 * resolveSharedInputs([
 *   { path: "x/inputs.json", json: { inputs: { city: { type: "string", label: { zh: "城市", en: "city" } } } } },
 *   { path: "x/r/v1.json", json: { inputs: { city: { shared: "city" } } } },
 * ], issues, { trusted: false, maxNodes: 1000, schemaIssues: () => [], maxIssuesPerFile: 100 })[0]!.json
 * //=> { inputs: { city: { type: "string", label: { zh: "城市", en: "city" } } } }
 */
export function resolveSharedInputs(sources: readonly RuleSource[], issues: PolicyIssue[], options: SharedInputsOptions): readonly RuleSource[] {
  if (!Array.isArray(sources)) return sources; // the loader reports it
  const declarations = new Map<string, Declarations>();
  /** The documents whose inputs.json is a checked file (the loader's own copy). */
  const checkedDeclarations = new Set<string>();
  const rest: RuleSource[] = [];
  for (const source of sources) {
    const m = typeof source?.path === "string" ? SHARED_PATH.exec(source.path) : null;
    if (!m) {
      rest.push(source);
      continue;
    }
    if (declarations.has(m[1]!)) {
      issues.push(issue(source.path, "", "duplicate_file", `${source.path} is given twice`));
      continue;
    }
    declarations.set(m[1]!, readDeclarations(source, issues, options));
    if (options.isChecked?.(source.json) === true) checkedDeclarations.add(m[1]!);
  }
  let changed = rest.length !== sources.length;
  const budget: Budget = { left: options.maxNodes, sizes: new Map() };
  const out = rest.map((source) => {
    const resolved = resolveFile(source, declarations, checkedDeclarations, issues, options, budget);
    if (resolved !== source) changed = true;
    return resolved;
  });
  return changed ? out.filter((s): s is RuleSource => s !== undefined) : sources;
}

/** Check one inputs.json and return its declarations, deeply frozen, by name. */
function readDeclarations(source: RuleSource, issues: PolicyIssue[], options: SharedInputsOptions): Declarations {
  const { path } = source;
  const before = issues.length;
  const shape = options.trusted ? undefined : jsonShapeProblem(source.json, options.maxNodes);
  if (shape) {
    issues.push(issue(path, shape.pointer, shape.code, shape.message));
    return undefined;
  }
  if (!options.trusted) {
    // The checks of SharedInputsFileSchema, without zod (catalog/file-validators.ts).
    const parsed = parseSharedInputsFile(source.json);
    if (!parsed.success) {
      issues.push(...options.schemaIssues(path, parsed.issues));
      return undefined;
    }
  }
  // The raw declarations (not the parse's copy): a reference then materialises to exactly what the file says.
  const inputs = deepFreeze((source.json as { inputs: Record<string, InputSpec> }).inputs);
  const map = new Map<string, Readonly<InputSpec>>();
  for (const name of Object.keys(inputs)) {
    const spec = inputs[name]!;
    const at = `/inputs/${name}`;
    if (FORBIDDEN_NAMES.has(name)) issues.push(issue(path, at, "forbidden_name", `"${name}" is a name of Object.prototype and may not be used`));
    else if ((spec.type === "enum" || spec.type === "enumList") && Object.keys(spec.values ?? {}).length === 0) {
      issues.push(issue(path, `${at}/values`, "missing_values", `${spec.type} input "${name}" must list its values`));
    } else if (spec.default !== undefined && !acceptsFact(spec, spec.default)) {
      issues.push(issue(path, `${at}/default`, "invalid_default", `the default of input "${name}" is not a valid ${spec.type}`));
    } else {
      const mismatch = profileMismatch(spec);
      if (mismatch) issues.push(issue(path, `${at}/fromProfile`, "profile_mismatch", mismatch));
    }
    map.set(name, spec);
  }
  return issues.length > before ? undefined : map;
}

/**
 * Why a shared input filled from a subject profile could not take every profile value, or undefined: the
 * profile's `type` is one of the subject types, its `city` matches {@link PROFILE_CITY_PATTERN}, and a
 * shared declaration is the profile's vocabulary, so it must say the same.
 */
function profileMismatch(spec: Readonly<InputSpec>): string | undefined {
  if (spec.fromProfile === "type") {
    // As sets: the order of the keys is not part of a file (its hash is over sorted keys).
    const values = spec.type === "enum" ? Object.keys(spec.values ?? {}).sort() : [];
    const types = [...SUBJECT_TYPES].sort();
    if (values.join("\n") !== types.join("\n")) return `a shared input filled from the profile's type must be an enum of exactly the subject types: ${SUBJECT_TYPES.join(", ")}`;
  }
  if (spec.fromProfile === "city" && (spec.type !== "string" || spec.pattern !== PROFILE_CITY_PATTERN)) {
    return `a shared input filled from the profile's city must be a string with the pattern ${PROFILE_CITY_PATTERN}, as the profile's city`;
  }
  return undefined;
}

/** The source with its references resolved; the same source when it has none; undefined when one fails. */
function resolveFile(
  source: RuleSource,
  declarations: ReadonlyMap<string, Declarations>,
  checkedDeclarations: ReadonlySet<string>,
  issues: PolicyIssue[],
  options: SharedInputsOptions,
  budget: Budget,
): RuleSource | undefined {
  const m = typeof source?.path === "string" ? RULE_PATH.exec(source.path) : null;
  if (!m) return source;
  const json = source.json;
  let inputs: Record<string, unknown>;
  let names: string[];
  try {
    const found = plainObject(json) ? (json as { inputs?: unknown }).inputs : undefined;
    if (!plainObject(found)) return source;
    inputs = found;
    names = Object.keys(inputs);
    if (!names.some((name) => isReference(inputs[name]))) return source;
  } catch {
    return source; // not JSON data (a getter that throws): the loader's shape check reports it
  }
  // A file with a reference is checked whole first: resolving walks into it.
  if (!options.trusted && !options.isChecked?.(json) && jsonShapeProblem(json, options.maxNodes)) return source;
  const document = m[1]!;
  const path = source.path;
  const before = issues.length;
  if (budget.spent) return undefined; // reported once, where the budget ran out
  let unresolved = false;
  let reported = 0;
  const entries = names.map((name): [string, unknown] => {
    const spec = inputs[name];
    if (!isReference(spec)) return [name, spec];
    const report = (pointer: string, code: string, message: string) => {
      if (reported++ < options.maxIssuesPerFile) issues.push(issue(path, `/inputs/${name}${pointer}`, code, message));
    };
    const resolved = resolveReference(name, spec, document, declarations, report);
    if (resolved === undefined) unresolved = true;
    else if (!budget.spent) {
      budget.left -= sizeOf(resolved as object, budget.sizes);
      if (budget.left < 0) {
        budget.spent = true;
        report(
          "",
          "too_large",
          `resolving shared inputs would add more than ${options.maxNodes} JSON values to the rule set, all materialised references together (MAX_FILE_NODES; raise it with the maxFileNodes option of loadRuleSet); references after this one are not resolved`,
        );
      }
    }
    return [name, resolved];
  });
  if (reported > options.maxIssuesPerFile) {
    issues.push(issue(path, "/inputs", "too_many_issues", `and ${reported - options.maxIssuesPerFile} more shared-input issues (MAX_SCHEMA_ISSUES_PER_FILE)`));
  }
  if (unresolved || issues.length > before) return undefined;
  // fromEntries defines own properties, so no name (not even "__proto__", refused later) becomes a prototype.
  const resolvedJson = { ...(json as object), inputs: Object.fromEntries(entries) };
  // Made of checked parts only: the loader need not walk it again if its size, counted, is within the limit.
  // (Its depth is theirs: a declaration sits at /inputs/<name> in inputs.json as in the rule file.)
  if (options.adopt && options.isChecked?.(json) === true && checkedDeclarations.has(document)) {
    let size = options.sizeOf?.(json);
    if (size !== undefined) {
      for (const [name, spec] of entries) {
        const ref = inputs[name];
        if (spec !== ref) size += sizeOf(spec as object, budget.sizes) - treeSize(ref);
      }
      if (size <= options.maxNodes) options.adopt(resolvedJson);
    }
  }
  return { path, json: resolvedJson };
}

/**
 * The JSON values of a checked value counted as a tree, as jsonShapeProblem counts them (an undefined object
 * value is an absent field, not counted). Recursive: a checked value is within MAX_FILE_DEPTH.
 */
function treeSize(value: unknown): number {
  if (value === null || typeof value !== "object") return 1;
  let count = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (child !== undefined) count += treeSize(child);
  return count;
}

/** One reference resolved: the declaration itself, or a copy with the reference's additions. */
function resolveReference(
  name: string,
  ref: Record<string, unknown>,
  document: string,
  declarations: ReadonlyMap<string, Declarations>,
  report: (pointer: string, code: string, message: string) => void,
): unknown {
  const file = `${document}/inputs.json`;
  const unknown = Object.keys(ref).filter((k) => k !== "shared" && !(OVERRIDABLE as readonly string[]).includes(k));
  if (unknown.length > 0) {
    report("", "unknown_field", `unknown field(s) ${unknown.join(", ")} in input "${name}": a reference to a shared input takes only shared, ${OVERRIDABLE.join(" and ")}`);
    return undefined;
  }
  const target = ref["shared"];
  if (typeof target !== "string") {
    report("/shared", "schema", `input "${name}": "shared" must be the name of a shared input in ${file}`);
    return undefined;
  }
  if (!declarations.has(document)) {
    report("/shared", "unknown_shared_input", `input "${name}" refers to shared input "${target}", but there is no ${file}`);
    return undefined;
  }
  const declared = declarations.get(document);
  if (declared === undefined) return undefined; // the inputs.json is invalid: its own issues say why
  const spec = declared.get(target);
  if (spec === undefined) {
    report("/shared", "unknown_shared_input", `input "${name}" refers to shared input "${target}", which ${file} does not declare`);
    return undefined;
  }
  const additions: Record<string, unknown> = {};
  for (const key of OVERRIDABLE) {
    if (!Object.hasOwn(ref, key) || ref[key] === undefined) continue;
    if (spec[key] !== undefined && canonicalJson(spec[key]) !== canonicalJson(ref[key])) {
      report(`/${key}`, "conflicting_override", `input "${name}" gives its own ${key}, but shared input "${target}" of ${file} declares another: a reference may only add a ${key} the declaration leaves out`);
      return undefined;
    }
    additions[key] = ref[key];
  }
  return Object.keys(additions).length === 0 ? spec : { ...spec, ...additions };
}

/**
 * The JSON values of a (checked, frozen) declaration counted as a tree, each declaration counted once. An
 * undefined field is counted too: never fewer than jsonShapeProblem counts, so a size made from it errs high.
 */
function sizeOf(spec: object, sizes: Map<object, number>): number {
  const known = sizes.get(spec);
  if (known !== undefined) return known;
  let count = 0;
  const stack: unknown[] = [spec];
  while (stack.length > 0) {
    const v = stack.pop();
    count++;
    if (v !== null && typeof v === "object") for (const child of Object.values(v)) stack.push(child);
  }
  sizes.set(spec, count);
  return count;
}

function isReference(value: unknown): value is Record<string, unknown> {
  return plainObject(value) && Object.hasOwn(value, "shared");
}

function plainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function issue(path: string, pointer: string, code: string, message: string): PolicyIssue {
  return { code, path: `${path}#${pointer}`, message };
}
