import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// README is the package's page on npm, where a relative link resolves against npmjs.com (there is no
// `repository` to resolve it against): every link to a file of the package is absolute, to that file in
// this version's tarball on unpkg, and the file ships (package.json "files"; the packed-tarball smoke test
// checks the tarball itself). Issue #15.
const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string; files: string[] };
const readme = readFileSync(join(root, "README.md"), "utf8");
const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
const base = `https://unpkg.com/jjj-policy-rules@${pkg.version}/`;

/** Whether a path matches one of package.json's "files" patterns (a folder, a file, or `dir/*.ext`). */
function shipped(path: string): boolean {
  return pkg.files.some((pattern) => {
    if (pattern.startsWith("!")) return false;
    if (pattern.includes("*")) return new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}$`).test(path);
    return path === pattern || path.startsWith(`${pattern}/`);
  });
}

describe("README's links", () => {
  it("are anchors or absolute: no link is relative to the page", () => {
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((l) => !l.startsWith("#") && !/^https:\/\//.test(l))).toEqual([]);
  });

  it("to the package's own files name this version on unpkg, and each file exists and ships", () => {
    const own = links.filter((l) => l.startsWith("https://unpkg.com/jjj-policy-rules"));
    expect(own.length).toBeGreaterThan(5);
    for (const link of own) {
      expect(link.startsWith(base), link).toBe(true);
      const path = link.slice(base.length).replace(/#.*$/, "");
      expect(existsSync(join(root, path)), `${path} exists`).toBe(true);
      expect(shipped(path), `${path} is in package.json "files"`).toBe(true);
    }
  });
});
