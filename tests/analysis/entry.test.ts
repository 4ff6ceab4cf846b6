import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as analysis from "../../src/analysis/index.js";

// The analysis is its own entry (jjj-policy-rules/analysis): the core entry, which browsers bundle,
// must not reach it through any chain of imports.
const src = fileURLToPath(new URL("../../src", import.meta.url));

function reachable(from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) todo.push(normalize(join(dirname(file), m[1]!.replace(/\.js$/, ".ts"))));
  }
  return seen;
}

describe("the analysis entry", () => {
  it("is not reached from the core entry", () => {
    const files = [...reachable(join(src, "index.ts"))].map((f) => relative(src, f).split("\\").join("/"));
    expect(files.length).toBeGreaterThan(20); // the walk follows the imports
    expect(files.filter((f) => f.startsWith("analysis/"))).toEqual([]);
  });

  it("exports the analysis functions", () => {
    expect(Object.keys(analysis).sort()).toEqual(["DECIMAL_BOUNDARY_STEP", "MAX_LINE_PIECES", "MAX_REGIONS", "MAX_REGION_CONSTRAINTS", "NotAnalysableError", "RegionLimitError", "amountCurve", "analysability", "boundaryVectors", "exactDiff", "nearestChangesForMatch", "regionsOf", "whatWouldChange"]);
  });
});
