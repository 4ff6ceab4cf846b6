import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ruleSourcesFromTarball } from "../../src/cli/read-rule-set.js";
import { MAX_TAR_ENTRIES, MAX_UNPACKED_BYTES, readTar, readTarball, TarError } from "../../src/cli/tar.js";
import { MAX_RULE_FILE_BYTES } from "../../src/cli/limits.js";
import { hasRawControlBytes, runCli } from "./spawn-cli.js";
import { tarEntry, tarHeader, tarOf } from "../helpers/tar-writer.js";
import { fixturePath } from "../diff/helpers.js";

// Item 7 of issue #11: reading a package tarball is linear in its entries and bounded in entries,
// unpacked bytes and rule-file bytes; errors never print raw control bytes.

const dir = mkdtempSync(join(tmpdir(), "jjj-tar-"));
const TO = fixturePath("release-0.1.0", "rules");
const release = readFileSync(fixturePath("release-0.1.0", "jjj-policy-rules-0.1.0.tgz"));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** `n` empty entries, each under its own top folder with a rules/ path that is not a rule file. */
function manyPrefixes(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => tarHeader(`x${i}/rules/d/r/v1.jsonx`, 0));
}

describe("tar archives: linear and bounded", () => {
  it("40,000 headers (under 300 KB gzipped): exit 2 at MAX_TAR_ENTRIES, at once (it took 28 s, quadratic)", async () => {
    const path = file("many.tgz", gzipSync(tarOf(manyPrefixes(40_000))));
    const r = await runCli(["diff", "--from", path, "--to", TO], { timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("MAX_TAR_ENTRIES");
    expect(r.stderr).not.toContain("internal error");
  }, 30_000);

  it("just under the entry limit, with no rules: 'holds no rules' in one pass over the entries", async () => {
    const bytes = gzipSync(tarOf(manyPrefixes(MAX_TAR_ENTRIES - 1)));
    await expect(ruleSourcesFromTarball(bytes, "p.tgz")).rejects.toThrow(/holds no rules/);
  });

  it("the entry limit counts every entry", async () => {
    await expect(readTar(tarOf(manyPrefixes(11)), { maxEntries: 10 })).rejects.toThrow(TarError);
    expect(await readTar(tarOf(manyPrefixes(10)), { maxEntries: 10 })).toHaveLength(10);
  });

  it("a gzip bomb (300 MB of zeros, 300 KB packed): exit 2 naming --max-archive-bytes, in bounded memory", async () => {
    const path = file("bomb.tgz", gzipSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 }));
    const r = await runCli(["diff", "--from", path, "--to", TO], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-archive-bytes");
    expect(r.stderr).not.toContain("Cannot create a Buffer");
    expect(r.maxRssMb).toBeLessThan(400);
  }, 60_000);

  it("--max-archive-bytes raises the unpacked limit; readTarball stops at the limit it is given", async () => {
    const unpacked = 2 * MAX_UNPACKED_BYTES;
    const path = file("big.tgz", gzipSync(Buffer.alloc(unpacked), { level: 9 }));
    const raised = await runCli(["changelog", "--from", path, "--to", TO, "--max-archive-bytes", String(unpacked + 1)], { timeoutMs: 30_000 });
    expect(raised.code).toBe(2);
    expect(raised.stderr).toContain("holds no rules"); // unpacked in full, then found empty
    await expect(readTarball(gzipSync(Buffer.alloc(4096)), { maxBytes: 4095 })).rejects.toThrow(/--max-archive-bytes/);
    expect(await readTarball(gzipSync(Buffer.alloc(4096)), { maxBytes: 4096 })).toEqual([]);
  }, 60_000);

  it("a 250 MB plain tar (one entry): refused before it is read, exit 2, bounded memory", async () => {
    const path = join(dir, "huge.tar");
    const fd = openSync(path, "w");
    writeSync(fd, tarHeader("package/rules/sjz-2025/document.json", 250 * 1024 * 1024));
    ftruncateSync(fd, 512 + 250 * 1024 * 1024 + 1024); // sparse: costs no disk
    closeSync(fd);
    const r = await runCli(["diff", "--from", path, "--to", TO], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-archive-bytes");
    expect(r.maxRssMb).toBeLessThan(400);
  }, 60_000);

  it("a rule file over MAX_RULE_FILE_BYTES inside the archive: exit 2 naming --max-rule-file-bytes, which raises it", async () => {
    const doc = JSON.parse(new TextDecoder().decode((await readTar(gunzipSync(release))).find((e) => e.path.endsWith("document.json"))!.data));
    const padded = JSON.stringify(doc) + " ".repeat(MAX_RULE_FILE_BYTES);
    const others = (await readTar(gunzipSync(release))).filter((e) => e.type === "file" && !e.path.endsWith("document.json"));
    const path = file("fat.tgz", gzipSync(tarOf([...others.map((e) => tarEntry(e.path, e.data)), tarEntry("package/rules/sjz-2025/document.json", padded)])));
    const r = await runCli(["diff", "--from", path, "--to", TO, "--json", "--no-behaviour"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-rule-file-bytes");
    const raised = await runCli(["diff", "--from", path, "--to", TO, "--json", "--no-behaviour", "--max-rule-file-bytes", String(2 * MAX_RULE_FILE_BYTES)]);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout).changed).toEqual([]);
  }, 60_000);

  it("a rule file of NUL and escape bytes: the error shows them escaped, never raw", async () => {
    const hostile = "\u0000\u0000\u001b[2J\u0007not json";
    const path = file("nul.tgz", gzipSync(tarOf([tarEntry("package/rules/sjz-2025/document.json", hostile)])));
    const r = await runCli(["diff", "--from", path, "--to", TO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("document.json");
    expect(hasRawControlBytes(r.stderr)).toBe(false);
    expect(r.stderr).toContain("\\u0000");
  }, 30_000);
});
