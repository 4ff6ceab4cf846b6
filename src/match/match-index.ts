import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { isInForce } from "../engine/version-choice.js";

/*
 * The index of a rule set for matching (issue #20): its versions by subject type and place, built once
 * per set (sets are immutable) and kept as long as the set. A match then looks only at the versions
 * listed under the profile's types and city, instead of sorting every rule id and scanning every
 * version: its cost grows with the measures that concern the profile, not with the size of the set.
 * The index only leaves out versions that the full check of match.ts (`concerns`) would refuse; that
 * check still runs on every version it gives, so a match finds exactly what the scan found, in the same
 * order (rule id, then version).
 */

/** The versions of one subject type: those without places, and those of each place. */
interface TypeBucket {
  readonly anywhere: LoadedRuleVersion[];
  readonly byPlace: Map<string, LoadedRuleVersion[]>;
}

/**
 * Every version of a set by subject type (`subjects.types`) and place (`subjects.places`), each list in
 * the order of `RuleSet.list` (rule id, then version).
 *
 * @example
 * const index = matchIndex(defaultEngine().ruleSet);
 * index.order.get(index.byType.get("enterprise")!.anywhere[0]!) //=> its position in set.list()
 */
export interface MatchIndex {
  readonly byType: ReadonlyMap<string, TypeBucket>;
  /** Each version's position in `RuleSet.list()`: merged lists are put back in that order. */
  readonly order: ReadonlyMap<LoadedRuleVersion, number>;
}

const indexes = new WeakMap<RuleSet, MatchIndex>();

/**
 * The match index of a rule set, built on first use and kept with the set.
 *
 * @example
 * matchIndex(set) === matchIndex(set) //=> true
 */
export function matchIndex(set: RuleSet): MatchIndex {
  let index = indexes.get(set);
  if (index === undefined) indexes.set(set, (index = buildMatchIndex(set)));
  return index;
}

function buildMatchIndex(set: RuleSet): MatchIndex {
  const byType = new Map<string, TypeBucket>();
  const order = new Map<LoadedRuleVersion, number>();
  for (const version of set.list()) {
    order.set(version, order.size);
    const subjects = version.file.subjects;
    for (const type of new Set(subjects.types)) {
      let bucket = byType.get(type);
      if (bucket === undefined) byType.set(type, (bucket = { anywhere: [], byPlace: new Map() }));
      if (!subjects.places) {
        bucket.anywhere.push(version);
        continue;
      }
      for (const place of new Set(subjects.places)) {
        const list = bucket.byPlace.get(place);
        if (list === undefined) bucket.byPlace.set(place, [version]);
        else list.push(version);
      }
    }
  }
  return { byType, order };
}

/**
 * The versions in force on `on` that may concern a subject of one of `types` in `city` (undefined: no
 * city given, so only versions without places), in the order of `RuleSet.list({ on })`. A superset of
 * what matching keeps: the caller still checks each (fields, and the reasons it gives).
 *
 * @example
 * candidateVersions(set, new Set(["enterprise"]), "shijiazhuang", "2025-06-01").map((v) => v.file.id)
 */
export function candidateVersions(set: RuleSet, types: ReadonlySet<string>, city: string | undefined, on: string): LoadedRuleVersion[] {
  const index = matchIndex(set);
  const lists: LoadedRuleVersion[][] = [];
  for (const type of types) {
    const bucket = index.byType.get(type);
    if (bucket === undefined) continue;
    if (bucket.anywhere.length > 0) lists.push(bucket.anywhere);
    const here = city === undefined ? undefined : bucket.byPlace.get(city);
    if (here !== undefined) lists.push(here);
  }
  let merged: LoadedRuleVersion[];
  if (lists.length === 1) merged = lists[0]!;
  else {
    // Several lists (a broader type, versions with and without places): one list, in set order, once each.
    const order = index.order;
    merged = [...new Set(lists.flat())].sort((a, b) => order.get(a)! - order.get(b)!);
  }
  return merged.filter((version) => isInForce(version, on));
}
