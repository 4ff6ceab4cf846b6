import { jsonShapeProblem } from "./json-shape.js";
import type { RuleSource } from "./load.js";

/**
 * Copies of the caller's sources, to be checked and then frozen: the caller keeps its own objects
 * (and may change them) without changing the loaded set. A source whose JSON is not plain JSON is left
 * as it is, for the loader to report.
 */
export function ownSources(sources: readonly RuleSource[]): readonly RuleSource[] {
  return sources.map((source) => {
    if (source === null || typeof source !== "object" || jsonShapeProblem(source.json) !== undefined) return source;
    const copy: RuleSource = { path: source.path, json: structuredClone(source.json) };
    return copy;
  });
}
