import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { loadRuleSet, type RuleSource } from "../catalog/load.js";
import { parseRuleJson } from "../catalog/parse-json.js";
import type { RuleSet } from "../catalog/rule-set.js";
import { RuleFileError, type PolicyIssue } from "../errors.js";
import { UsageError } from "./io.js";
import { readRuleSources } from "./load-dir.js";
import { readTarball, TarError } from "./tar.js";

/** A rule set read from a folder or a package, with a label for people. */
export interface RuleSetFrom {
  label: string;
  ruleSet: RuleSet;
}

const RULE_FILE = /^[^/]+\/(document\.json|[^/]+\/v\d+\.json)$/;

/** Whether a folder looks like a rules folder: some `<document>/document.json` directly inside. */
function isRulesFolder(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && existsSync(join(dir, e.name, "document.json")));
}

/**
 * The rule sources inside a package tarball: the files under `<top>/rules/` (`package/rules/` for a
 * tarball from `npm pack`), or under `rules/` at the root.
 */
export function ruleSourcesFromTarball(bytes: Uint8Array, label: string): RuleSource[] {
  let entries;
  try {
    entries = readTarball(bytes);
  } catch (error) {
    if (error instanceof TarError) throw new UsageError(`${label} is not a readable .tgz: ${error.message}`);
    throw error;
  }
  const files = entries.filter((e) => e.type === "file");
  const prefixes = ["package/rules/", ...new Set(files.map((e) => /^([^/]+\/)?rules\//.exec(e.path)?.[0]).filter((p): p is string => p !== undefined))];
  const prefix = prefixes.find((p) => files.some((e) => e.path.startsWith(p) && RULE_FILE.test(e.path.slice(p.length))));
  if (!prefix) throw new UsageError(`${label} holds no rules (expected package/rules/<document>/document.json, as npm pack writes it)`);
  const sources: RuleSource[] = [];
  const problems: PolicyIssue[] = [];
  for (const e of files) {
    if (!e.path.startsWith(prefix)) continue;
    const path = e.path.slice(prefix.length);
    if (!RULE_FILE.test(path)) continue;
    try {
      sources.push({ path, json: parseRuleJson(e.data, `${label}:${e.path}`) });
    } catch (error) {
      problems.push(...(error instanceof RuleFileError ? error.issues : [{ code: "invalid_json", path: `${label}:${e.path}#`, message: (error as Error).message }]));
    }
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Read a rule set from a rules folder, from a package folder holding `rules/`, or from a package
 * tarball (`.tgz` from `npm pack`, or a plain `.tar`). Files are only read, never extracted.
 */
export function readRuleSetFrom(location: string): RuleSetFrom {
  let stat;
  try {
    stat = statSync(location);
  } catch (error) {
    throw new UsageError(`cannot read ${location}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (stat.isDirectory()) {
    const dir = !isRulesFolder(location) && existsSync(join(location, "rules")) && isRulesFolder(join(location, "rules")) ? join(location, "rules") : location;
    if (!isRulesFolder(dir)) throw new UsageError(`${location} is not a rules folder (no <document>/document.json inside, nor in rules/)`);
    return { label: location, ruleSet: loadRuleSet(readRuleSources(dir)) };
  }
  const bytes = readFileSync(location);
  return { label: basename(location), ruleSet: loadRuleSet(ruleSourcesFromTarball(bytes, basename(location))) };
}
