import type { LoadedRuleVersion } from "./rule-version.js";

/*
 * The one place that chooses a version of a rule for a date: the engine (evaluate, evaluateMany, match)
 * and the CLI (the parameters `--set` names) use it, so they cannot disagree.
 */

/**
 * Whether a version is in force on a date; both ends of its validity are inclusive.
 *
 * @category Catalog
 * @example
 * isInForce({ validFrom: "2025-01-17", validTo: "2028-01-16" }, "2028-01-16") //=> true
 * isInForce({ validFrom: "2025-01-17", validTo: null }, "2025-01-16")         //=> false
 */
export function isInForce(version: Pick<LoadedRuleVersion, "validFrom" | "validTo">, on: string): boolean {
  return version.validFrom <= on && (version.validTo === null || on <= version.validTo);
}

/**
 * The version of a rule for a date when none is asked for by number: `chosen` is the version in force
 * then (undefined when none is); `template` is `chosen`, or else the version nearest before the date,
 * or else (a date before every version) the first: its inputs check the facts and its parameters are
 * the ones a what-if override may name.
 *
 * @category Catalog
 * @example
 * // v1 in force 2025-01-17 .. 2025-12-31, v2 from 2027-01-01
 * chooseVersion(versions, "2025-06-01") //=> { chosen: v1, template: v1 }
 * chooseVersion(versions, "2026-06-01") //=> { chosen: undefined, template: v1 }
 * chooseVersion(versions, "2024-06-01") //=> { chosen: undefined, template: v1 }
 */
export function chooseVersion(
  versions: readonly LoadedRuleVersion[],
  on: string,
): { chosen: LoadedRuleVersion | undefined; template: LoadedRuleVersion } {
  const chosen = versions.find((v) => isInForce(v, on));
  return { chosen, template: chosen ?? nearestVersion(versions, on) };
}

function nearestVersion(versions: readonly LoadedRuleVersion[], on: string): LoadedRuleVersion {
  const before = versions.filter((v) => v.validFrom <= on);
  return (before.length > 0 ? before[before.length - 1] : versions[0])!;
}
