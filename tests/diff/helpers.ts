import { fileURLToPath } from "node:url";
import { loadRuleSetFromDir } from "../../src/cli/load-dir.js";
import { createEngine } from "../../src/api.js";

/** The folder of a fixture under tests/fixtures. */
export function fixturePath(...parts: string[]): string {
  return fileURLToPath(new URL(`../fixtures/${parts.join("/")}`, import.meta.url));
}

/** The rule set of tests/fixtures/<name>/rules. Fixtures are test data, never the shipped rules. */
export function fixtureSet(name: "amendment" | "gap" | "release-0.1.0") {
  return loadRuleSetFromDir(fixturePath(name, "rules"));
}

export function fixtureEngine(name: "amendment" | "gap" | "release-0.1.0") {
  return createEngine(fixtureSet(name));
}

export const SUBSIDY = "sjz-2025/absorption-subsidy";
export const LICENCE = { transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;
