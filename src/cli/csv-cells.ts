import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { ValueType } from "../schema/rule-file.js";
import { VALUE_TYPES } from "../types/index.js";

/*
 * How a CSV cell (always text) becomes a fact, by the input's declared type: the conversion `--set` uses
 * for a parameter (each value type's `parseAssignment`, src/types/), so the CLI reads text one way:
 * - an empty cell: the input is absent (as a key left out of a JSON object; its default applies);
 * - money, decimal, date, enum, string: the text as it is, never through a float ("1800000.10" stays that
 *   string, so the engine sees exactly what the spreadsheet holds);
 * - rate: as written ("0.15"), or a percentage ("15%" → "0.15", exactly);
 * - integer: digits (with an optional minus) become a number; anything else stays text and is rejected
 *   by the engine with the usual message;
 * - boolean: `true` or `false` (exactly, lower case); anything else stays text and is rejected;
 * - list (enumList): comma-separated values, `a,b` (the cell quoted in the file: `"a,b"`); `[]` is the
 *   empty list.
 * A column that names no input is passed as text, so the engine rejects it ("not an input of this rule"),
 * as it does a key of a JSON line.
 */

/**
 * The value of one cell for an input of this type, or `undefined` for an empty cell (the input is absent).
 *
 * @example
 * cellValue("money", "1800000.10") //=> "1800000.10"
 * cellValue("boolean", "true")     //=> true
 * cellValue("enumList", "a,b")     //=> ["a", "b"]
 * cellValue("integer", "")         //=> undefined
 */
export function cellValue(type: ValueType | undefined, text: string): unknown {
  if (text === "") return undefined;
  if (type === undefined) return text;
  if (type === "enumList" && text.trim() === "[]") return [];
  return VALUE_TYPES[type].parseAssignment(text);
}

/**
 * The declared type of every input of a rule, by name: the version given first, then the others (an input
 * that only another version declares keeps that version's type).
 *
 * @example
 * ruleInputTypes(set, "sjz-2025/absorption-subsidy", template).get("contractAmount") //=> "money"
 */
export function ruleInputTypes(set: RuleSet, ruleId: string, first?: LoadedRuleVersion): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  for (const v of [...(first ? [first] : []), ...set.versions(ruleId)]) {
    for (const [name, spec] of Object.entries(v.file.inputs)) if (!types.has(name)) types.set(name, spec.type);
  }
  return types;
}

/**
 * The type of every fact input of the rule set, by name, for `match` (whose facts serve many rules): an
 * input declared with two different types by two rules gets none (its cell stays text, and each rule's
 * check decides).
 *
 * @example
 * setInputTypes(set).get("contractAmount") //=> "money"
 */
export function setInputTypes(set: RuleSet): Map<string, ValueType | undefined> {
  const types = new Map<string, ValueType | undefined>();
  for (const v of set.list()) {
    for (const [name, spec] of Object.entries(v.file.inputs)) {
      if (spec.fromProfile) continue;
      if (!types.has(name)) types.set(name, spec.type);
      else if (types.get(name) !== spec.type) types.set(name, undefined);
    }
  }
  return types;
}

/**
 * The facts of one CSV row: each non-empty cell converted by its input's type.
 *
 * @example
 * factsOfRow({ contractAmount: "1800000.10", isCooperationBase: "true" }, types)
 * //=> { contractAmount: "1800000.10", isCooperationBase: true }
 */
export function factsOfRow(cells: Record<string, string>, types: ReadonlyMap<string, ValueType | undefined>, skip: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const name of Object.keys(cells)) {
    if (skip.has(name)) continue;
    const key = name.startsWith("facts.") ? name.slice(6) : name;
    const value = cellValue(types.get(key), cells[name]!);
    if (value !== undefined) facts[key] = value;
  }
  return facts;
}

/** Profile columns of a `match --batch` CSV: every other column is a fact (or `facts.<name>`, always a fact). */
export const PROFILE_COLUMNS = ["type", "city", "fields", "on"] as const;

/**
 * The profile of one `match --batch` CSV row: `type`, `city`, `fields` (comma-separated), `on`, and every
 * other non-empty cell a fact, converted by the type the rule set declares for it.
 *
 * @example
 * profileOfRow({ type: "enterprise", city: "shijiazhuang", contractAmount: "1800000" }, setInputTypes(set))
 * //=> { type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "1800000" } }
 */
export function profileOfRow(cells: Record<string, string>, types: ReadonlyMap<string, ValueType | undefined>): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const key of PROFILE_COLUMNS) {
    const text = cells[key];
    if (text === undefined || text === "") continue;
    profile[key] = key === "fields" ? (text.trim() === "[]" ? [] : text.split(",").map((s) => s.trim())) : text;
  }
  const facts = factsOfRow(cells, types, new Set(PROFILE_COLUMNS));
  if (Object.keys(facts).length > 0) profile["facts"] = facts;
  return profile;
}
