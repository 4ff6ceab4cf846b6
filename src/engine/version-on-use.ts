import { freezeVersionParts, partsFrozenWhenBuilt, type VersionParts } from "./freeze.js";
import type { LoadedRuleVersion } from "./rule-version.js";
import type { RuleFile } from "../schema/rule-file.js";

/*
 * A loaded version whose file is read, and whose parts (runtime parameters, facts walk, typed trees and
 * compiled expressions) are built, on first use (issue #20): a trusted load of the package's own rules reads
 * none of the 83 versions' files and builds none of their parts, and a single `eval` those of one rule. The parts are read through accessors of the
 * (frozen) version, built once, frozen deeply as soon as they are built (freezeVersionParts, what the set's
 * freeze does to an eager version), and the same objects on every read: what a caller receives can no more
 * be changed than an eager version's. Only for files that cannot change before their first use (the package's
 * own list: each file's text is fixed when built and its JSON frozen deeply when parsed, catalog/shipped-sources.ts)
 * and whose build cannot fail (checked when the package was built): a load that must refuse bad logic builds eagerly.
 */

const PART_NAMES = ["params", "factsChecker", "applicable", "conditions", "outcome"] as const satisfies readonly (keyof VersionParts)[];

/**
 * A loaded version with its fields from `base`, its file read by `readFile` and its parts built from that
 * file by `build`, both on first read.
 *
 * @example
 * const v = versionOnUse({ path, hash, validFrom, validTo }, () => source.json, (file) => partsOf(file, path));
 * v.conditions[0].tree // built now, once; frozen
 */
export function versionOnUse(
  base: Omit<LoadedRuleVersion, keyof VersionParts | "file">,
  readFile: () => RuleFile,
  build: (file: RuleFile) => VersionParts,
): LoadedRuleVersion {
  let parts: VersionParts | undefined;
  const built = (): VersionParts => (parts ??= freezeVersionParts(build(readFile())));
  const version = {} as LoadedRuleVersion;
  // Enumerable, in the eager version's key order: spreads, Object.keys and deep equality see the same fields.
  Object.defineProperty(version, "file", { enumerable: true, configurable: false, get: readFile });
  Object.assign(version, base);
  for (const name of PART_NAMES) Object.defineProperty(version, name, { enumerable: true, configurable: false, get: () => built()[name] });
  partsFrozenWhenBuilt(version);
  return version;
}
