import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readRuleSources } from "../../src/cli/load-dir.js";
import { MAX_RULE_FILE_BYTES } from "../../src/cli/limits.js";
import { RuleFileError } from "../../src/errors.js";
import { fixturePath } from "../diff/helpers.js";
import { hasRawControlBytes, runCli } from "./spawn-cli.js";

// Items 10 and 11 of issue #11: a rules folder is read without following links out of it, without
// opening FIFOs or devices, with a size limit per file; a missing folder or one that holds no rules is
// a usage error (exit 2), not an internal error or "unknown rule".

const RULE = "sjz-2025/absorption-subsidy";
const SHOW = (rules: string, ...more: string[]) => ["show", RULE, "--rules", rules, "--json", ...more];
let root: string;
let rules: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "jjj-rules-"));
  rules = join(root, "rules");
  cpSync(fixturePath("release-0.1.0", "rules"), rules, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("a rules folder is read inside itself, regular files only", () => {
  it("the copied fixture folder loads (the baseline of the cases below)", async () => {
    const r = await runCli(SHOW(rules));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rule.id).toBe(RULE);
  }, 30_000);

  it("a v2.json that is a symbolic link out of the folder (to a non-JSON file): reported as a link, the target never shown", async () => {
    const secret = join(root, "secret.txt");
    writeFileSync(secret, "TOP-SECRET-CONTENT\n");
    symlinkSync(secret, join(rules, RULE, "v2.json"));
    const r = await runCli(SHOW(rules));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("v2.json");
    expect(r.stderr).toContain("symbolic link");
    expect(r.stderr).not.toContain("TOP-SECRET");
  }, 30_000);

  it("a link to a valid rule file elsewhere is refused too (links are never followed)", () => {
    const elsewhere = join(root, "v1-copy.json");
    writeFileSync(elsewhere, readFileSync(join(rules, RULE, "v1.json")));
    rmSync(join(rules, RULE, "v1.json"));
    symlinkSync(elsewhere, join(rules, RULE, "v1.json"));
    expect(() => readRuleSources(rules)).toThrow(RuleFileError);
  });

  it("a rule folder that is a link to a folder outside: reported, not followed", () => {
    const outside = join(root, "outside");
    cpSync(join(rules, RULE), outside, { recursive: true });
    symlinkSync(outside, join(rules, "sjz-2025", "linked-rule"));
    expect(() => readRuleSources(rules)).toThrow(/linked-rule.*symbolic link/s);
  });

  it("a FIFO named v2.json: exit 2 at once, never opened for a blocking read (it used to hang forever)", async () => {
    execFileSync("mkfifo", [join(rules, RULE, "v2.json")]);
    const r = await runCli(SHOW(rules), { timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not a regular file");
  }, 30_000);

  it("v2.json linked to /dev/zero: exit 2 at once, nothing read from the device", async () => {
    symlinkSync("/dev/zero", join(rules, RULE, "v2.json"));
    const r = await runCli(SHOW(rules), { timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.maxRssMb).toBeLessThan(400);
  }, 30_000);

  it("a rule file over MAX_RULE_FILE_BYTES: exit 2 naming --max-rule-file-bytes, which raises the limit", async () => {
    const path = join(rules, RULE, "v1.json");
    writeFileSync(path, readFileSync(path, "utf8") + " ".repeat(MAX_RULE_FILE_BYTES));
    const r = await runCli(SHOW(rules));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-rule-file-bytes");
    const raised = await runCli(SHOW(rules, "--max-rule-file-bytes", String(2 * MAX_RULE_FILE_BYTES)));
    expect(raised.code).toBe(0);
  }, 30_000);

  it("a rule file of control bytes: the JSON error shows them escaped", async () => {
    writeFileSync(join(rules, RULE, "v2.json"), "\u0000\u001b[2J\u0007");
    const r = await runCli(SHOW(rules));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("v2.json");
    expect(hasRawControlBytes(r.stderr)).toBe(false);
  }, 30_000);
});

describe("--rules that is not a rules folder", () => {
  it.each([
    ["a folder that does not exist", () => join(root, "nope"), "does not exist"],
    ["a system folder without rules (/usr)", () => "/usr", "not a rules folder"],
    ["a file", () => join(rules, "sjz-2025", "document.json"), "not a folder"],
  ])("%s: exit 2 with a clear message, in English and Chinese", async (_name, where, says) => {
    const r = await runCli(["list", "--all", "--rules", where()], { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(says);
    expect(r.stderr).toMatch(/规则文件夹/);
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).not.toContain("unknown rule");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
