import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readTar, readTarball, TarError } from "../../src/cli/tar.js";
import { ruleSourcesFromTarball } from "../../src/cli/read-rule-set.js";
import { fixturePath } from "./helpers.js";
import { tarHeader } from "../helpers/tar-writer.js";

// Entries of the shared tar writer, with pax ("x") or GNU ("L") long names on demand.
const header = tarHeader;
function entry(name: string, data: string | Uint8Array, type = "0", prefix = ""): Uint8Array[] {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const padded = new Uint8Array(Math.ceil(bytes.length / 512) * 512);
  padded.set(bytes);
  return [header(name, bytes.length, type, prefix), padded];
}
function pax(path: string): Uint8Array[] {
  const body = (n: number) => `${n} path=${path}\n`;
  let n = body(0).length;
  while (body(n).length !== n) n = body(n).length;
  return entry("PaxHeader", body(n), "x");
}
function tar(...parts: Uint8Array[][]): Uint8Array {
  const all = [...parts.flat(), new Uint8Array(1024)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of all) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe("tar reader", () => {
  it("reads the tarball npm pack wrote (package/rules/…)", async () => {
    const bytes = readFileSync(fixturePath("release-0.1.0", "jjj-policy-rules-0.1.0.tgz"));
    const entries = await readTarball(bytes);
    expect(entries.map((e) => e.path).sort()).toEqual([
      "package/package.json",
      "package/rules/sjz-2025/absorption-subsidy/v1.json",
      "package/rules/sjz-2025/document.json",
    ]);
    const sources = await ruleSourcesFromTarball(bytes, "x.tgz");
    expect(sources.map((s) => s.path)).toEqual(["sjz-2025/absorption-subsidy/v1.json", "sjz-2025/document.json"]);
    expect((sources[0]!.json as { version: number }).version).toBe(1);
  });

  it("reads long names from pax headers, GNU long-name entries and the ustar prefix", async () => {
    const long = `package/rules/${"x".repeat(120)}/document.json`;
    const entries = await readTar(
      tar(pax(long), entry("short-name", "{}"), entry("././@LongLink", `${long}2\0`, "L"), entry("trunc", "[]"), entry("file.json", "1", "0", "package/rules/doc"), entry("dir/", "", "5")),
    );
    expect(entries.map((e) => [e.path, e.type, new TextDecoder().decode(e.data)])).toEqual([
      [long, "file", "{}"],
      [`${long}2`, "file", "[]"],
      ["package/rules/doc/file.json", "file", "1"],
      ["dir/", "directory", ""],
    ]);
  });

  it("rejects a bad checksum and an entry that runs past the end", async () => {
    const good = tar(entry("a.json", "{}"));
    const bad = good.slice();
    bad[0] = "b".charCodeAt(0);
    await expect(readTar(bad)).rejects.toThrow(/checksum/);
    const truncated = tar(entry("a.json", "x".repeat(2000))).slice(0, 1024);
    await expect(readTar(truncated)).rejects.toThrow(TarError);
    await expect(readTarball(gzipSync(good).subarray(0, 10))).rejects.toThrow(/cannot gunzip/);
  });

  it("takes only rule files under rules/, never following links, and reports invalid JSON by path", async () => {
    const bytes = gzipSync(
      tar(
        entry("package/rules/sjz-2025/document.json", "{}"),
        entry("package/rules/sjz-2025/x/v1.json", "{}"),
        entry("package/rules/README.md", "# no"),
        entry("package/rules/sjz-2025/y/v1.json", "", "2"),
        entry("package/dist/index.js", ""),
      ),
    );
    expect((await ruleSourcesFromTarball(bytes, "p.tgz")).map((s) => s.path)).toEqual(["sjz-2025/document.json", "sjz-2025/x/v1.json"]);
    const broken = gzipSync(tar(entry("package/rules/sjz-2025/document.json", "{")));
    await expect(ruleSourcesFromTarball(broken, "p.tgz")).rejects.toThrow(/p\.tgz:package\/rules\/sjz-2025\/document\.json/);
    await expect(ruleSourcesFromTarball(gzipSync(tar(entry("package/x.json", "{}"))), "p.tgz")).rejects.toThrow(/holds no rules/);
  });
});
