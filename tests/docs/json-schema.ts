// A small JSON Schema (draft 2020-12) checker for the keywords our generated schemas use, so that a test
// can validate every rule file against rules/rule.schema.json without a new dependency. It throws on a
// keyword it does not know, so a schema that starts using one makes the test fail rather than pass blindly.

type Schema = boolean | { [keyword: string]: unknown };

/** One problem: a JSON pointer into the checked value and what is wrong there. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "$defs", "default", "examples", "$comment"]);
const KNOWN = new Set([
  ...ANNOTATIONS,
  "$ref", "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "minItems", "maxItems", "items", "properties", "required", "additionalProperties",
  "propertyNames", "anyOf", "oneOf", "allOf", "not", "format",
]);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Check a value against a schema; returns every problem found (empty when valid). */
export function checkJsonSchema(root: Schema, value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    const defs = (root as { $defs?: Record<string, Schema> }).$defs ?? {};
    if (!m || !(m[1]! in defs)) throw new Error(`unsupported or unknown $ref ${ref}`);
    return defs[m[1]!]!;
  };
  const visit = (schema: Schema, v: unknown, pointer: string, out: SchemaProblem[]): void => {
    if (schema === true) return;
    if (schema === false) {
      out.push({ pointer, message: "no value is allowed here" });
      return;
    }
    for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`checkJsonSchema: unsupported keyword "${k}"`);
    const s = schema as Record<string, any>;
    if (s.$ref) visit(resolve(s.$ref), v, pointer, out);
    const t = typeOf(v);
    if (s.type !== undefined) {
      const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((x) => x === t || (x === "number" && t === "integer"))) {
        out.push({ pointer, message: `expected ${types.join(" or ")}, got ${t}` });
        return;
      }
    }
    if (s.enum && !s.enum.some((e: unknown) => equal(e, v))) out.push({ pointer, message: `expected one of ${JSON.stringify(s.enum)}, got ${JSON.stringify(v)}` });
    if ("const" in s && !equal(s.const, v)) out.push({ pointer, message: `expected ${JSON.stringify(s.const)}` });
    if (typeof v === "string") {
      if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(v)) out.push({ pointer, message: `does not match ${s.pattern}` });
      const length = [...v].length;
      if (s.minLength !== undefined && length < s.minLength) out.push({ pointer, message: `shorter than ${s.minLength}` });
      if (s.maxLength !== undefined && length > s.maxLength) out.push({ pointer, message: `longer than ${s.maxLength}` });
    }
    if (typeof v === "number") {
      if (s.minimum !== undefined && v < s.minimum) out.push({ pointer, message: `less than ${s.minimum}` });
      if (s.maximum !== undefined && v > s.maximum) out.push({ pointer, message: `more than ${s.maximum}` });
      if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) out.push({ pointer, message: `not more than ${s.exclusiveMinimum}` });
      if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) out.push({ pointer, message: `not less than ${s.exclusiveMaximum}` });
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) out.push({ pointer, message: `fewer than ${s.minItems} items` });
      if (s.maxItems !== undefined && v.length > s.maxItems) out.push({ pointer, message: `more than ${s.maxItems} items` });
      if (s.items !== undefined) v.forEach((item, i) => visit(s.items, item, `${pointer}/${i}`, out));
    }
    if (t === "object") {
      const obj = v as Record<string, unknown>;
      for (const key of s.required ?? []) if (!(key in obj)) out.push({ pointer, message: `missing required property "${key}"` });
      for (const [key, child] of Object.entries(obj)) {
        const here = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (s.propertyNames !== undefined) visit(s.propertyNames, key, `${here} (name)`, out);
        if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, key)) visit(s.properties[key], child, here, out);
        else if (s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) out.push({ pointer: here, message: "property not allowed" });
          else visit(s.additionalProperties, child, here, out);
        }
      }
    }
    const branch = (b: Schema) => {
      const o: SchemaProblem[] = [];
      visit(b, v, pointer, o);
      return o;
    };
    if (s.allOf) for (const b of s.allOf) visit(b, v, pointer, out);
    if (s.anyOf && !s.anyOf.some((b: Schema) => branch(b).length === 0)) out.push({ pointer, message: "matches none of anyOf" });
    if (s.oneOf) {
      const n = s.oneOf.filter((b: Schema) => branch(b).length === 0).length;
      if (n !== 1) out.push({ pointer, message: `matches ${n} of oneOf, expected exactly 1` });
    }
    if (s.not !== undefined && branch(s.not).length === 0) out.push({ pointer, message: "matches a schema it must not" });
  };
  visit(root, value, "", problems);
  return problems;
}
