import { readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { loadRuleSet, type RuleSource } from "../catalog/load.js";
import { parseRuleJson } from "../catalog/parse-json.js";
import type { RuleSet } from "../engine/rule-set.js";
import { RuleFileError } from "../errors.js";
import { UsageError } from "./io.js";
import { MAX_RULE_FILE_BYTES, printable } from "./limits.js";
import { FileReadProblem, readRegularFileBounded, type ByteLimit } from "./read-bounded.js";

/** What {@link readRuleSources} reads at most. */
export interface RuleFolderOptions {
  /** The largest rule file, in bytes (default {@link MAX_RULE_FILE_BYTES}). */
  maxFileBytes?: number;
}

/** The paths of rule files inside a rules folder, `/`-separated (`<document>/inputs.json`: its shared inputs). */
const RULE_FILE = /^[^/]+\/(document\.json|inputs\.json|[^/]+\/v\d+\.json)$/;

/**
 * Whether a folder looks like a rules folder: some `<document>/document.json` directly inside (no links followed).
 *
 * @example
 * isRulesFolder("rules"); // true
 * isRulesFolder("/usr"); // false
 */
export function isRulesFolder(dir: string): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) => {
    if (!e.isDirectory()) return false;
    try {
      return readdirSync(join(dir, e.name), { withFileTypes: true }).some((f) => f.name === "document.json");
    } catch {
      return false;
    }
  });
}

/**
 * Check that `dir` is a rules folder, with a clear usage error when it does not exist, is not a folder,
 * or holds no `<document>/document.json`.
 *
 * @example
 * checkRulesFolder("/usr"); // throws UsageError: /usr is not a rules folder: …
 */
export function checkRulesFolder(dir: string): void {
  let stat;
  try {
    stat = statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`rules folder ${printable(dir)} does not exist / 规则文件夹 ${printable(dir)} 不存在`);
    throw new UsageError(`cannot read rules folder ${printable(dir)}: ${code ?? (error as Error).message} / 无法读取规则文件夹 ${printable(dir)}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${printable(dir)} is not a folder (--rules takes a rules folder) / ${printable(dir)} 不是文件夹（--rules 须为规则文件夹）`);
  if (!isRulesFolder(dir)) {
    throw new UsageError(`${printable(dir)} is not a rules folder: no <document>/document.json inside / ${printable(dir)} 不是规则文件夹：其中没有 <文件>/document.json`);
  }
}

/**
 * Read every `<document>/document.json`, `<document>/inputs.json` and `<document>/<rule>/v<N>.json` under a rules folder: the
 * only place besides the CLI that touches the file system.
 *
 * Only regular files inside the folder are read. Symbolic links are never followed (a link where a rule
 * file or a rule folder is expected is reported, so a folder cannot lead the reader out of itself);
 * FIFOs and devices are reported, never opened for reading (the open is non-blocking and checked with
 * fstat, so there is no window to swap one in); at most `maxFileBytes` + 1 bytes of a file are read. The
 * walk goes no deeper than rule files sit (two folders), so a large tree such as `/usr` costs little.
 *
 * @throws {RuleFileError} listing every rule file that is a link, not a regular file, too large or not JSON
 * @example
 * readRuleSources("rules").map((s) => s.path); // ["bth-2025/document.json", …]
 */
export function readRuleSources(dir: string, options: RuleFolderOptions = {}): RuleSource[] {
  const limit: ByteLimit = { max: options.maxFileBytes ?? MAX_RULE_FILE_BYTES, option: "--max-rule-file-bytes" };
  const sources: RuleSource[] = [];
  const problems: { code: string; path: string; message: string }[] = [];
  const files: string[] = [];
  const walk = (rel: string, depth: number) => {
    for (const e of readdirSync(rel === "" ? dir : join(dir, rel), { withFileTypes: true })) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (RULE_FILE.test(path)) files.push(path);
      else if (e.isDirectory() && depth < 2) walk(path, depth + 1);
      else if (e.isSymbolicLink() && depth < 2 && isFolder(join(dir, path))) {
        problems.push({ code: "not_regular_file", path: `${path}#`, message: "is a symbolic link to a folder, which is not followed / 是指向文件夹的符号链接，不予跟随" });
      }
    }
  };
  walk("", 0);
  for (const path of files.sort()) {
    try {
      const bytes = readRegularFileBounded(join(dir, path), limit);
      sources.push({ path, json: parseRuleJson(bytes, path, { maxBytes: limit.max }) });
    } catch (error) {
      if (error instanceof FileReadProblem) problems.push({ code: error.code, path: `${path}#`, message: error.message });
      else if (error instanceof RuleFileError) problems.push(...error.issues.map((i) => ({ ...i, message: printable(i.message) })));
      else problems.push({ code: "invalid_json", path: `${path}#`, message: printable((error as Error).message) });
    }
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return sources;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Load the rule set of a folder (checked to be a rules folder first).
 *
 * @example
 * createEngine(loadRuleSetFromDir("proposed/rules", { maxFileBytes: 8 * 1024 * 1024 }));
 */
export function loadRuleSetFromDir(dir: string, options: RuleFolderOptions = {}): RuleSet {
  checkRulesFolder(dir);
  return loadRuleSet(readRuleSources(dir, options));
}
