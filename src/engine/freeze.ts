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
 * properties (JSON.parse's output: the shipped files, the loader's parse of a file you read, and its own
 * copies), by `Object.keys` and direct reads rather than property descriptors, which cost most of freezing
 * 10,000 loaded files (issue #20). Stops at a frozen object, as deepFreeze does (the rule modules freeze
 * their data when imported). Never for a value that may hold a getter (a shipped file's lazy details).
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
 * Freeze a shipped file whose top level may hold lazy detail properties (catalog/rule-details.ts), without reading them.
 *
 * @example
 * freezeShippedFile(source.json) // every value but the detail getters, frozen deeply
 */
export function freezeShippedFile(json: object): void {
  if (Object.isFrozen(json)) return;
  for (const key of Object.keys(json)) {
    const own = Object.getOwnPropertyDescriptor(json, key);
    if (own !== undefined && "value" in own) freezeJsonData(own.value);
  }
  Object.freeze(json);
}

/**
 * The parts of a loaded version built from its file: its runtime parameters, facts walk and compiled expressions.
 *
 * @example
 * const parts: VersionParts = { params, factsChecker, applicable, conditions, outcome };
 */
export type VersionParts = Pick<LoadedRuleVersion, "params" | "factsChecker" | "applicable" | "conditions" | "outcome">;

/**
 * Freeze the built parts of a version: its parameter values (decimals included), its lists of compiled
 * conditions and outcome fields, their typed logic trees and what they refer to. The compiled closures and
 * the facts walk (internal, frozen when built; it builds its input checks on first use) are not walked into.
 *
 * @example
 * freezeVersionParts(version) // version.conditions[0].tree is frozen, deeply
 */
export function freezeVersionParts<T extends VersionParts>(parts: T): T {
  deepFreeze(parts.params);
  for (const part of [parts.applicable, ...parts.conditions, ...parts.outcome]) {
    if (!part) continue;
    Object.freeze(part);
    deepFreeze(part.refs);
    deepFreeze(part.tree);
  }
  Object.freeze(parts.conditions);
  Object.freeze(parts.outcome);
  return parts;
}

/** Versions whose file and parts are read on first use (engine/version-on-use.ts), frozen then: the set's freeze leaves them be. */
const PARTS_FROZEN_WHEN_BUILT = new WeakSet<object>();

/**
 * Mark a version whose file and parts are frozen when first read, so that freezing its rule set reads none of them.
 *
 * @example
 * partsFrozenWhenBuilt(version) // then freezeVersion(version) freezes its file and the version, not its parts
 */
export function partsFrozenWhenBuilt(version: LoadedRuleVersion): void {
  PARTS_FROZEN_WHEN_BUILT.add(version);
}

/**
 * Freeze a loaded version: its file, its built parts ({@link freezeVersionParts}; the file and parts of a
 * version read on first use are frozen when read) and the version itself, so that no field of it can be replaced.
 *
 * @example
 * freezeVersion(version); Object.isFrozen(version.file) //=> true
 */
export function freezeVersion(version: LoadedRuleVersion): void {
  if (!PARTS_FROZEN_WHEN_BUILT.has(version)) {
    deepFreeze(version.file);
    freezeVersionParts(version);
  }
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
