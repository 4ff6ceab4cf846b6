import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const src = fileURLToPath(new URL("../../src/", import.meta.url));

/** Every source file the core entry reaches through relative imports, and the packages they import. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(join(src, file), "utf8");
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) todo.push(posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ".ts"));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

it("the core entry does not import the server nor its HTTP framework; the server entry does", () => {
  const core = reach("index.ts");
  expect(core.files.size).toBeGreaterThan(50); // the walk does reach the engine
  expect([...core.files].filter((f) => f.startsWith("server/"))).toEqual([]);
  expect([...core.packages].filter((p) => p === "fastify" || p.startsWith("swagger-ui"))).toEqual([]);
  const server = reach("server/index.ts");
  expect(server.packages.has("fastify")).toBe(true);
});

it("the built core entry has no trace of fastify (when built)", () => {
  const dist = join(dirname(src.replace(/\/$/, "")), "dist");
  for (const file of ["index.js", "index.cjs"]) {
    const path = join(dist, file);
    if (!existsSync(path)) continue;
    expect(readFileSync(path, "utf8").includes("fastify"), file).toBe(false);
  }
  const server = join(dist, "server.js");
  if (existsSync(server)) expect(readFileSync(server, "utf8")).toMatch(/from ["']fastify["']/);
});
