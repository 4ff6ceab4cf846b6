import { freezeVersionParts, partsFrozenWhenBuilt, type VersionParts } from "./freeze.js";
import type { LoadedRuleVersion } from "./rule-version.js";

/*
 * A loaded version whose parts (runtime parameters, facts walk, typed trees and compiled expressions) are built
 * on the first read of any of them (issue #20): a trusted load of the package's own rules builds none of the
 * 83 versions' parts, and a single `eval` builds one version's. The parts are read through accessors of the
 * (frozen) version, built once, frozen deeply as soon as they are built (freezeVersionParts, what the set's
 * freeze does to an eager version), and the same objects on every read: what a caller receives can no more
 * be changed than an eager version's. Only for files that cannot change before their first use (the package's
 * own list, frozen deeply when imported: catalog/precompiled.ts) and whose build cannot fail (checked when the
 * package was built): a load that must refuse bad logic builds eagerly.
 */

const PART_NAMES = ["params", "factsChecker", "applicable", "conditions", "outcome"] as const satisfies readonly (keyof VersionParts)[];

/**
 * A loaded version with its fields from `base` and its parts built by `build` on first read.
 *
 * @example
 * const v = versionOnUse({ file, path, hash, validFrom, validTo }, () => partsOf(file, path));
 * v.conditions[0].tree // built now, once; frozen
 */
export function versionOnUse(base: Omit<LoadedRuleVersion, keyof VersionParts>, build: () => VersionParts): LoadedRuleVersion {
  let parts: VersionParts | undefined;
  const built = (): VersionParts => (parts ??= freezeVersionParts(build()));
  const version = { ...base } as LoadedRuleVersion;
  // Enumerable, in the eager version's key order: spreads, Object.keys and deep equality see the same fields.
  for (const name of PART_NAMES) Object.defineProperty(version, name, { enumerable: true, configurable: false, get: () => built()[name] });
  partsFrozenWhenBuilt(version);
  return version;
}
