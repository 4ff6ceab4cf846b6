import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { loadRuleSet, type RuleSource } from "../catalog/load.js";
import { parseRuleJson } from "../catalog/parse-json.js";
import type { RuleSet } from "../engine/rule-set.js";
import { RuleFileError, type PolicyIssue } from "../errors.js";
import { UsageError } from "./io.js";
import { MAX_RULE_FILE_BYTES, printable } from "./limits.js";
import { isRulesFolder, readRuleSources } from "./load-dir.js";
import { FileReadProblem, readRegularFileBounded, tooLargeMessage } from "./read-bounded.js";
import { MAX_UNPACKED_BYTES, readTarball, TarError } from "./tar.js";

/** A rule set read from a folder or a package, with a label for people. */
export interface RuleSetFrom {
  label: string;
  ruleSet: RuleSet;
}

const RULE_FILE = /^[^/]+\/(document\.json|inputs\.json|[^/]+\/v\d+\.json)$/;

/** What {@link readRuleSetFrom} reads at most. */
export interface RuleSetReadLimits {
  /** Largest rule file, in bytes (default {@link MAX_RULE_FILE_BYTES}). */
  maxFileBytes?: number;
  /** Largest archive, packed or unpacked, in bytes (default {@link MAX_UNPACKED_BYTES}). */
  maxArchiveBytes?: number;
}

/**
 * The rule sources inside a package tarball: the files under `<top>/rules/` (`package/rules/` for a
 * tarball from `npm pack`), or under `rules/` at the root.
 */
export async function ruleSourcesFromTarball(bytes: Uint8Array, label: string, limits: RuleSetReadLimits = {}): Promise<RuleSource[]> {
  const maxFileBytes = limits.maxFileBytes ?? MAX_RULE_FILE_BYTES;
  let entries;
  try {
    entries = await readTarball(bytes, { maxBytes: limits.maxArchiveBytes ?? MAX_UNPACKED_BYTES });
  } catch (error) {
    if (error instanceof TarError) throw new UsageError(`${printable(label)} is not a readable .tgz: ${error.message}`);
    throw error;
  }
  const files = entries.filter((e) => e.type === "file");
  // The rules prefix: package/rules/ when it holds a rule file, else the first <top>/rules/ or rules/
  // that does, in archive order. One pass over the entries.
  let prefix: string | undefined;
  for (const e of files) {
    const p = /^([^/]+\/)?rules\//.exec(e.path)?.[0];
    if (p === undefined || !RULE_FILE.test(e.path.slice(p.length))) continue;
    if (p === "package/rules/") {
      prefix = p;
      break;
    }
    prefix ??= p;
  }
  if (!prefix) throw new UsageError(`${printable(label)} holds no rules (expected package/rules/<document>/document.json, as npm pack writes it) / 其中没有规则`);
  const sources: RuleSource[] = [];
  const problems: PolicyIssue[] = [];
  for (const e of files) {
    if (!e.path.startsWith(prefix)) continue;
    const path = e.path.slice(prefix.length);
    if (!RULE_FILE.test(path)) continue;
    if (e.data.length > maxFileBytes) {
      problems.push({ code: "file_too_large", path: `${printable(label)}:${printable(e.path)}#`, message: tooLargeMessage(undefined, { max: maxFileBytes, option: "--max-rule-file-bytes" }) });
      continue;
    }
    try {
      sources.push({ path, json: parseRuleJson(e.data, `${label}:${e.path}`, { maxBytes: maxFileBytes }) });
    } catch (error) {
      if (error instanceof RuleFileError) problems.push(...error.issues.map((i) => ({ ...i, path: printable(i.path), message: printable(i.message) })));
      else problems.push({ code: "invalid_json", path: `${printable(label)}:${printable(e.path)}#`, message: printable((error as Error).message) });
    }
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Read a rule set from a rules folder, from a package folder holding `rules/`, or from a package
 * tarball (`.tgz` from `npm pack`, or a plain `.tar`). Files are only read, never extracted.
 */
export async function readRuleSetFrom(location: string, limits: RuleSetReadLimits = {}): Promise<RuleSetFrom> {
  let stat;
  try {
    stat = statSync(location);
  } catch (error) {
    throw new UsageError(`cannot read ${printable(location)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} / 无法读取 ${printable(location)}`);
  }
  const folderOptions = limits.maxFileBytes !== undefined ? { maxFileBytes: limits.maxFileBytes } : {};
  if (stat.isDirectory()) {
    const dir = !isRulesFolder(location) && existsSync(join(location, "rules")) && isRulesFolder(join(location, "rules")) ? join(location, "rules") : location;
    if (!isRulesFolder(dir)) {
      throw new UsageError(`${printable(location)} is not a rules folder (no <document>/document.json inside, nor in rules/) / ${printable(location)} 不是规则文件夹`);
    }
    return { label: location, ruleSet: loadRuleSet(readRuleSources(dir, folderOptions)) };
  }
  // A tarball: a regular file (never a FIFO or a device), read up to the archive limit.
  const maxArchiveBytes = limits.maxArchiveBytes ?? MAX_UNPACKED_BYTES;
  let bytes: Buffer;
  try {
    bytes = readRegularFileBounded(location, { max: maxArchiveBytes, option: "--max-archive-bytes" }, { followLink: true });
  } catch (error) {
    if (error instanceof FileReadProblem) throw new UsageError(`${printable(location)} ${error.message}`);
    throw error;
  }
  return { label: basename(location), ruleSet: loadRuleSet(await ruleSourcesFromTarball(bytes, basename(location), limits)) };
}
