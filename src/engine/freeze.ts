import type { DocumentFile } from "../schema/document-file.js";
import type { LoadedRuleVersion } from "./rule-version.js";

/*
 * A rule set is frozen once, when it is built, so that nothing a caller receives from it (rule files,
 * documents, parameters, decisions sharing their parts, match results, explanations) can be changed to
 * change a later decision. Freezing costs nothing per call; copying on every call would.
 */

/**
 * Freeze a value and every object reachable from its own properties. Iterative (no recursion depth to
 * exhaust) and visiting each object once: an object is frozen before its properties are walked, so
 * being frozen marks it visited (a set of seen objects cost a sixth of freezing the bundled rules). Functions are neither frozen nor walked into: a decimal's
 * own `constructor` is the engine's decimal class, which decimal.js adjusts while it computes.
 * An object already frozen is taken as frozen deeply and not walked again (the bundled files, frozen
 * deeply by the loader): the objects given here are the loader's own (zod's output, copies of the
 * caller's JSON), never a caller's object frozen only on the surface.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const key of Reflect.ownKeys(v)) {
      const descriptor = Object.getOwnPropertyDescriptor(v, key);
      if (descriptor && "value" in descriptor) stack.push(descriptor.value);
    }
  }
  return value;
}

/**
 * Freeze plain JSON data deeply: {@link deepFreeze} for values known to hold only own enumerable data
 * properties (the loader's parse of a file you read, and its own copies), by `Object.keys` and direct reads
 * rather than property descriptors, which cost most of freezing 10,000 loaded files (issue #20). Stops at a
 * frozen object, as deepFreeze does. Never for a value that may hold a getter (a shipped file's lazy details).
 *
 * @example
 * freezeJsonData({ a: [1, { b: 2 }] }) // the object, its list and the inner object frozen
 */
export function freezeJsonData<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || Object.isFrozen(v)) continue;
    Object.freeze(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
    else {
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) stack.push((v as Record<string, unknown>)[keys[i]!]);
    }
  }
  return value;
}

/**
 * Freeze a loaded version: its file, its parameter values (decimals included), its lists of compiled
 * conditions and outcome fields, their typed logic trees and what they refer to. The compiled closures and the facts walk
 * (internal, frozen when built; it builds its input checks on first use) are not walked into, but no field of the version can be replaced.
 */
export function freezeVersion(version: LoadedRuleVersion): void {
  deepFreeze(version.file);
  deepFreeze(version.params);
  for (const part of [version.applicable, ...version.conditions, ...version.outcome]) {
    if (!part) continue;
    Object.freeze(part);
    deepFreeze(part.refs);
    deepFreeze(part.tree);
  }
  Object.freeze(version.conditions);
  Object.freeze(version.outcome);
  Object.freeze(version);
}

/** Freeze the documents and the versions of a rule set, and the lists of versions it hands out. */
export function freezeRuleSet(documents: ReadonlyMap<string, DocumentFile>, versions: ReadonlyMap<string, readonly LoadedRuleVersion[]>): void {
  for (const document of documents.values()) deepFreeze(document);
  for (const list of versions.values()) {
    for (const version of list) freezeVersion(version);
    Object.freeze(list);
  }
}
