import type { RuleFile } from "../schema/rule-file.js";

/*
 * The names a rule's `properties` (schema/rule-file.ts, PropertiesSchema) use, checked at load like
 * every other reference of a rule file: a property about an input, outcome field, parameter or
 * condition the rule does not have would be proven about nothing.
 */

/** The value types a monotone input may have (ordered values). */
const ORDERED_INPUTS = new Set(["money", "decimal", "rate", "integer", "date"]);
/** The value types a bounded or shortfall field may have. */
const NUMERIC_FIELDS = new Set(["money", "decimal", "rate", "integer"]);

/** A problem of a rule's `properties`, at a JSON pointer of the file. */
export interface PropertiesProblem {
  pointer: string;
  code: string;
  message: string;
}

/**
 * The problems of a rule file's `properties` names: each `monotone` entry an ordered input, each
 * `bounds` key a numeric outcome field and each `{ param }` a numeric parameter, each `shortfall` key a
 * numeric outcome field and its value a boolean outcome field or a condition.
 *
 * @example
 * propertiesProblems({ ...file, properties: { monotone: ["nope"] } })[0]?.code //=> "unknown_input"
 */
export function propertiesProblems(file: RuleFile): PropertiesProblem[] {
  const p = file.properties;
  if (p === undefined) return [];
  const out: PropertiesProblem[] = [];
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  (p.monotone ?? []).forEach((name, i) => {
    const at = `/properties/monotone/${i}`;
    if (!has(file.inputs, name)) out.push({ pointer: at, code: "unknown_input", message: `monotone names "${name}", which is not an input of the rule` });
    else if (!ORDERED_INPUTS.has(file.inputs[name]!.type)) out.push({ pointer: at, code: "not_ordered_input", message: `monotone names "${name}", a ${file.inputs[name]!.type} input: only money, decimal, rate, integer and date inputs grow` });
  });
  const numericField = (name: string, at: string, what: string) => {
    if (!has(file.outcome, name)) out.push({ pointer: at, code: "unknown_outcome_field", message: `${what} names "${name}", which is not an outcome field of the rule` });
    else if (!NUMERIC_FIELDS.has(file.outcome[name]!.type)) out.push({ pointer: at, code: "not_numeric_field", message: `${what} names "${name}", a ${file.outcome[name]!.type} field: only money, decimal, rate and integer fields have bounds or shortfalls` });
  };
  for (const [name, ends] of Object.entries(p.bounds ?? {})) {
    numericField(name, `/properties/bounds/${name}`, "bounds");
    ends.forEach((end, i) => {
      if (end === null || typeof end === "string") return;
      const param = file.parameters[end.param];
      if (!has(file.parameters, end.param) || param === undefined) out.push({ pointer: `/properties/bounds/${name}/${i}/param`, code: "unknown_parameter", message: `bound names parameter "${end.param}", which the rule does not have` });
      else if (!NUMERIC_FIELDS.has(param.type)) out.push({ pointer: `/properties/bounds/${name}/${i}/param`, code: "not_numeric_parameter", message: `bound names parameter "${end.param}", a ${param.type} parameter, not a number` });
    });
  }
  const conditions = new Set(file.conditions.map((c) => c.id));
  for (const [name, met] of Object.entries(p.shortfall ?? {})) {
    numericField(name, `/properties/shortfall/${name}`, "shortfall");
    const isBooleanField = has(file.outcome, met) && file.outcome[met]!.type === "boolean";
    if (!isBooleanField && !conditions.has(met)) out.push({ pointer: `/properties/shortfall/${name}`, code: "unknown_condition", message: `shortfall "${name}" is paired with "${met}", which is neither a boolean outcome field nor a condition of the rule` });
  }
  return out;
}
