import type { OutcomeValue } from "../engine/decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { ValueType } from "../schema/rule-file.js";
import { resolveVersion, type AnalysisOptions } from "./curve.js";
import { describeRegion, shownAt, valueView, witnessOf, type RegionDescription, type RegionValueView } from "./region-view.js";
import { executeVersion, wholeSpace, type RegionLimits, type RegionValue } from "./regions.js";

/**
 * Options of {@link regionsOf}: those of every analysis and the bounds of the region analysis.
 *
 * @category Analysis
 * @example
 * const o: RegionsOptions = { on: "2026-06-01", maxRegions: 10_000 };
 */
export interface RegionsOptions extends Omit<AnalysisOptions, "maxPieces">, RegionLimits {}

/**
 * One region of a rule version: where it lies, the value of the applicable test, each condition and
 * each outcome field on it, and a witness (facts inside it) with the engine's decision on them.
 *
 * @category Analysis
 * @example
 * region.fields.amount //=> { kind: "affine", terms: { contractAmount: "0.15" }, constant: "0", rounding: [{ places: 2, mode: "half-up" }] }
 */
export interface RuleRegion extends RegionDescription {
  /** Whether the rule applies (its `applicable` test). */
  applicable: RegionValueView;
  /** Each condition, by id. */
  conditions: Record<string, RegionValueView>;
  /** Each outcome field, by name. */
  fields: Record<string, RegionValueView>;
  /** Facts inside the region (on the inputs' grids), when one is found. */
  witness?: Record<string, unknown>;
  /** Whether the engine's decision on the witness equals the region's values (always, unless the analysis and the engine disagree: a bug). */
  confirmed?: boolean;
}

/**
 * The result of {@link regionsOf}.
 *
 * @category Analysis
 * @example
 * regionsOf("sjz-2025/absorption-subsidy", { on: "2025-06-01" }).regions.length //=> 8
 */
export interface RuleRegions {
  /** The rule. */
  ruleId: string;
  /** Its version. */
  version: number;
  /** The evaluation date. */
  on: string;
  /** The numeric inputs (the regions' constraints are on these) and the finite ones (split into classes). */
  inputs: { numeric: string[]; finite: string[] };
  /** The regions: disjoint, covering every input the engine accepts (a date shift past its dates excepted). */
  regions: RuleRegion[];
}

const REGIONS_OPTIONS: readonly string[] = ["on", "version", "engine", "maxRegions", "maxConstraints"];

/**
 * The regions of a rule version: its inputs' space cut into regions (a class of values of each enum,
 * boolean, text and enum-list input × an interval, or linear constraints, of its money, decimal, rate,
 * integer and date inputs) on each of which every outcome field, condition and the applicable test is a
 * constant or an exact affine function (then the rule's rounding). Each region has a witness, confirmed
 * by the engine. The version is the one asked for, else the one in force on `on`; it is analysed as in force.
 *
 * @category Analysis
 * @throws {NotAnalysableError} when an operation of the rule has no exact form over several inputs (a product of two inputs …)
 * @throws {RegionLimitError} past `maxRegions` regions (default MAX_REGIONS) or `maxConstraints` constraints
 * @example
 * const r = regionsOf("sjz-2025/absorption-subsidy", { on: "2025-06-01" });
 * r.regions.find((x) => x.fields.eligible.kind === "constant" && x.fields.eligible.value === true)?.text.en
 * //=> "contractAmount in [500,000.00, 1,000,000.00]; enterpriseCity = shijiazhuang; transferMode ∈ {transfer, license}; sourceRegion ∈ {beijing, tianjin}"
 */
export function regionsOf(rule: string | LoadedRuleVersion, options: RegionsOptions = {}): RuleRegions {
  const { version, on, engine } = resolveVersion(rule, options, REGIONS_OPTIONS);
  const whole = wholeSpace(version);
  const paths = executeVersion(version, on, whole, options);
  const numeric: string[] = [];
  const finite: string[] = [];
  for (const x of Object.keys(version.file.inputs)) (whole.finite.has(x) ? finite : numeric).push(x);
  const regions = paths.map((p): RuleRegion => {
    const view = (val: RegionValue, type: ValueType, where: string) => valueView(val, type, where);
    const conditions = Object.fromEntries(version.conditions.map((c) => [c.spec.id, view(p.conditions.get(c.spec.id)!, "boolean", `conditions.${c.spec.id}`)]));
    const fields = Object.fromEntries(version.outcome.map((f) => [f.name, view(p.outcome.get(f.name)!, f.spec.type, `outcome.${f.name}`)]));
    const out: RuleRegion = { ...describeRegion(version, p.region, whole), applicable: view(p.applicable!, "boolean", "applicable"), conditions, fields };
    const witness = witnessOf(version.file.inputs, p.region);
    if (witness) {
      out.witness = witness.facts;
      try {
        const d = engine.evaluate(version.file.id, witness.facts, { on, version: version.file.version, explain: false });
        const predicted: Record<string, OutcomeValue> = {};
        for (const f of version.outcome) predicted[f.name] = shownAt(p.outcome.get(f.name)!, f.spec.type, witness, `outcome.${f.name}`);
        out.confirmed = d.applicable === (shownAt(p.applicable!, "boolean", witness, "applicable") === true) && JSON.stringify(predicted) === JSON.stringify(Object.fromEntries(version.outcome.map((f) => [f.name, d.outcome[f.name]])));
      } catch {
        out.confirmed = false;
      }
    }
    return out;
  });
  return { ruleId: version.file.id, version: version.file.version, on, inputs: { numeric, finite }, regions };
}
