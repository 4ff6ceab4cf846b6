import { InvalidParameterError } from "../errors.js";
import type { Provenance } from "./decision.js";
import type { EvaluateOptions } from "./evaluate-options.js";
import { overrideSpec, runtimeParameters } from "./parameters.js";
import type { LoadedRuleVersion } from "./rule-version.js";

/*
 * What-if overrides of parameter values (the `parameters` option): checked against the version's
 * declared parameters as a rule file's values are (parameters.ts), merged into its values.
 */

/**
 * The parameter values of `version` with the caller's overrides applied; the version's own values when
 * there are none.
 *
 * @throws {InvalidParameterError} for an unknown parameter or a value its declaration refuses
 * @example
 * withOverrides(version, { cap: "800000" }).cap.toString() //=> "800000"
 * withOverrides(version, undefined) === version.params      //=> true
 */
export function withOverrides(version: LoadedRuleVersion, overrides: EvaluateOptions["parameters"]): Readonly<Record<string, unknown>> {
  if (overrides === undefined) return version.params;
  const specs = version.file.parameters;
  const label = `${version.file.id} v${version.file.version}`;
  const merged = { ...specs };
  for (const name of Object.keys(overrides)) {
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) {
      throw new InvalidParameterError(name, `unknown parameter "${name}" for ${label} (parameters: ${Object.keys(specs).join(", ") || "none"}) (规则没有参数 ${name})`);
    }
    merged[name] = overrideSpec(label, name, spec, overrides[name]);
  }
  return runtimeParameters(merged);
}

/**
 * Check the what-if overrides of the options against the chosen version, before any facts are read
 * (a batch reports a bad override once, not once per item).
 *
 * @throws {InvalidParameterError}
 * @example
 * checkOverrides(choice.template, { parameters: { cap: "-1" } }) // throws InvalidParameterError naming cap
 */
export function checkOverrides(template: LoadedRuleVersion, options: EvaluateOptions): void {
  withOverrides(template, options.parameters);
}

/**
 * The overrides as given, lists copied: each decision owns its own.
 *
 * @example
 * copyOverrides({ modes: ["transfer"] }).modes !== overrides.modes //=> true
 */
export function copyOverrides(overrides: NonNullable<EvaluateOptions["parameters"]>): NonNullable<Provenance["overrides"]> {
  const out: NonNullable<Provenance["overrides"]> = {};
  for (const name of Object.keys(overrides)) {
    const value = overrides[name]!;
    Object.defineProperty(out, name, { value: Array.isArray(value) ? [...value] : value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
