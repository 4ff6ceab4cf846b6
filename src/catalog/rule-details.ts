import { RuleFileError } from "../errors.js";
import { deepFreeze } from "../engine/freeze.js";

/*
 * The shipped rules in two parts (issue #15): what the engine reads (inputs, logic, parameters, validity,
 * labels, source quote …) is bundled with the code; the worked examples, the data-quality notes and the
 * change history, half of the bytes and never read by a decision, are not. They are written once into
 * `rule-details.json` (with a document file's notes and source-text reference; at the package root, and src/generated/ for the sources) and read on first use: a shipped rule
 * file keeps them as lazy properties, so `getRule(id).file.examples` and every reader of the files (the
 * testing entry, the diffs, the vectors) work as before, with the same hashes (computed from the files as
 * published, before the split). In Node the file is read from the package; elsewhere (a browser bundle) a
 * caller provides it with `provideRuleDetails`.
 */

/**
 * The fields of a shipped rule file held in `rule-details.json` rather than in the bundle: a decision reads none of them.
 *
 * @example
 * RULE_DETAIL_FIELDS.includes("examples") //=> true
 */
export const RULE_DETAIL_FIELDS = ["examples", "notes", "changes"] as const;

/**
 * The fields of a shipped document file held in `rule-details.json` likewise: its data-quality notes and the
 * reference to its source text (a sixth of the bundled data gzipped, issue #15; a decision reads neither).
 *
 * @example
 * DOCUMENT_DETAIL_FIELDS.includes("notes") //=> true
 */
export const DOCUMENT_DETAIL_FIELDS = ["notes", "text"] as const;

/**
 * What `rule-details.json` holds: per bundled rule file (by its path), its detail fields.
 *
 * @example
 * const details: RuleDetails = { "sjz-2025/absorption-subsidy/v1.json": { examples: [], changes: [] } };
 */
export type RuleDetails = Readonly<Record<string, Readonly<Partial<Record<(typeof RULE_DETAIL_FIELDS)[number] | (typeof DOCUMENT_DETAIL_FIELDS)[number], unknown>>>>>;

let provided: RuleDetails | undefined;

/**
 * Give the worked examples, notes and change histories of the shipped rules (the package's
 * `rule-details.json`) where the package cannot read the file itself: in a browser bundle. In Node they
 * are read from the package on first use and this is not needed. Until then, reading `examples`, `notes`
 * or `changes` of a shipped rule file there throws a {@link RuleFileError} that says so.
 *
 * @category Catalog
 * @throws {RuleFileError} when `details` is not an object of rule file paths
 * @example
 * import details from "jjj-policy-rules/rule-details.json" with { type: "json" };
 * provideRuleDetails(details);
 * getRule("sjz-2025/absorption-subsidy").file.examples.length //=> 6
 */
export function provideRuleDetails(details: unknown): void {
  if (details === null || typeof details !== "object" || Array.isArray(details)) {
    throw new RuleFileError([{ code: "invalid_rule_details", path: "rule-details.json#", message: "provideRuleDetails takes the package's rule-details.json (an object) / provideRuleDetails 需要本包的 rule-details.json(对象)" }]);
  }
  provided = deepFreeze(details as RuleDetails);
}

/** Where the file is, from this module: the package root above the built chunks (dist/), or src/generated/ when run from the sources. */
const CANDIDATES = ["../rule-details.json", "../generated/rule-details.json"];

function readDetails(): RuleDetails | undefined {
  // Not a static import of node:fs: the module is bundled for browsers too (the fs module is looked up only here, when a detail is read).
  const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.("node:fs") as
    | { readFileSync(url: URL, encoding: "utf8"): string; existsSync(url: URL): boolean }
    | undefined;
  // A bundle in another format may leave no module URL (esbuild's CommonJS output): nowhere to look from.
  const here: unknown = import.meta.url;
  if (!fs || typeof here !== "string") return undefined;
  for (const candidate of CANDIDATES) {
    const url = new URL(candidate, here);
    if (fs.existsSync(url)) return deepFreeze(JSON.parse(fs.readFileSync(url, "utf8")) as RuleDetails);
  }
  return undefined;
}

function detailsOf(path: string, field: string): unknown {
  provided ??= readDetails();
  const entry = provided?.[path];
  if (!entry) {
    throw new RuleFileError([
      {
        code: "rule_details_unavailable",
        path: `${path}#/${field}`,
        message:
          `the ${field} of the shipped rule files are in the package's rule-details.json, which could not be read here: pass it to provideRuleDetails (import details from "jjj-policy-rules/rule-details.json") / ` +
          `内置规则文件的 ${field} 位于本包的 rule-details.json,此处无法读取:请将其传给 provideRuleDetails`,
      },
    ]);
  }
  return entry[field as keyof typeof entry];
}

/**
 * A shipped rule file's JSON with its detail fields (written `null` in the bundle, where they were) made
 * lazy properties read from `rule-details.json` on first use, at the same place in the key order, so that
 * the file serialises and hashes as published. A file without such placeholders is returned as it is.
 * The result is not frozen (the loader freezes it; accessors stay as they are).
 *
 * @example
 * withRuleDetails({ id: "a/b", examples: null }, "a/b/v1.json").examples // the examples of a/b/v1.json
 */
export function withRuleDetails<T extends object>(json: T, path: string): T {
  let copy: Record<string, unknown> | undefined;
  for (const field of path.endsWith("/document.json") ? DOCUMENT_DETAIL_FIELDS : RULE_DETAIL_FIELDS) {
    const own = Object.getOwnPropertyDescriptor(json, field);
    if (!own || !("value" in own) || own.value !== null) continue;
    copy ??= { ...(json as Record<string, unknown>) };
    Object.defineProperty(copy, field, { enumerable: true, configurable: false, get: () => detailsOf(path, field) });
  }
  return (copy ?? json) as T;
}
