import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OPERATIONS, operation, referenceOperation, type Operation } from "../../src/ops/index.js";

// The registry: every operation described once, with every form its consumers read.

const ops = [...OPERATIONS.values()];

describe("the operation registry", () => {
  it("holds every operation under its own name, once", () => {
    for (const [name, op] of OPERATIONS) expect(op.name).toBe(name);
    expect(new Set(ops.map((o) => o.name)).size).toBe(ops.length);
    // The rule profile (docs/rule-format.md): the standard operations it allows, the ones it rejects, the engine's own.
    const standard = "if ?: and or ! !! === !== < <= > >= in cat substr + - * / % min max merge var".split(" ");
    const rejected = "log method == != missing missing_some filter map reduce all none some".split(" ");
    const engine = ["param", "condition", "outcome", "on", "add", "sub", "mul", "div", "min", "max", "round", "eq", "gt", "gte", "lt", "lte"]
      .concat(["dateEq", "dateLt", "dateLte", "dateGt", "dateGte", "dateAddDays", "dateAddMonths", "dateAddYears"])
      .map((n) => `jjj.${n}`);
    expect(ops.filter((o) => o.profile === "allowed" && !o.name.startsWith("jjj.")).map((o) => o.name).sort()).toEqual([...standard].sort());
    expect(ops.filter((o) => o.profile !== "allowed").map((o) => o.name).sort()).toEqual([...rejected].sort());
    // Every engine operation is here (a new jjj.* operation may be added by its descriptor alone).
    for (const name of engine) expect(operation(name)?.profile, name).toBe("allowed");
  });

  it("gives every operation every required form", () => {
    for (const op of ops) {
      const where = op.name;
      expect(typeof op.family, where).toBe("string");
      expect(op.arity.min, where).toBeGreaterThanOrEqual(0);
      expect(op.arity.max, where).toBeGreaterThanOrEqual(op.arity.min);
      // Exactly one evaluation: eager or lazy.
      expect((op.evaluate === undefined) !== (op.compile === undefined), where).toBe(true);
      expect(typeof op.result === "string" || typeof op.result === "function", where).toBe(true);
      expect(typeof op.growth, where).toBe("function");
      expect(op.text.style, where).toMatch(/^(infix|binary|prefix|call|reference|choice|rounding|shift)$/);
      if (op.profile !== "allowed") expect(op.profile.rejected.length, where).toBeGreaterThan(20);
      if (op.text.style === "reference") expect(op.reference, where).toBeDefined();
      if (op.text.style === "rounding") expect(op.rounding, where).toBeDefined();
    }
  });

  it("gives a scaled form only where the fast path has one: exact arithmetic, exact comparison, the choice", () => {
    for (const op of ops.filter((o) => o.scaled)) {
      const form = op.fast === "if" ? "choice" : op.arithmetic ?? op.relation;
      expect(form, op.name).toMatch(/^(choice|add|sub|mul|min|max|round|eq|gt|gte|lt|lte)$/);
      // Scaled integers are exact: float operations never get one.
      if (op.fast !== "if") expect(op.name.startsWith("jjj."), op.name).toBe(true);
    }
  });

  it("cannot be changed by a module at run time", () => {
    expect(Object.isFrozen(OPERATIONS)).toBe(true);
    expect(() => (OPERATIONS as Map<string, Operation>).set("jjj.evil", operation("jjj.add")!)).toThrow(/read-only/);
    expect(() => (OPERATIONS as Map<string, Operation>).delete("jjj.add")).toThrow(/read-only/);
    expect(Object.isFrozen(operation("jjj.add"))).toBe(true);
    expect(operation("toString")).toBeUndefined();
    expect(operation("__proto__")).toBeUndefined();
  });

  it("names the operation that refers to each kind of reference", () => {
    expect(referenceOperation("parameter")).toBe("jjj.param");
    expect(referenceOperation("input")).toBe("var");
  });
});

/*
 * Nothing outside src/ops lists operations: no string literal in src/ (outside src/ops, the bundled
 * rules in src/generated and comments) is an operation's name. Names that are also ordinary words or
 * symbols in code ("if", "min", "-", "none" …, which are also the descriptors' own form names and
 * CLI words, and "<", ">=" …, which are also SQL's comparison operators written by src/sql) cannot be
 * told apart by text and are left out.
 */
const AMBIGUOUS = new Set(["if", "and", "or", "in", "min", "max", "all", "none", "some", "map", "log", "+", "-", "*", "/", "%", "<", "<=", ">", ">="]);
const root = fileURLToPath(new URL("../..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** String literals of a source text that are operation names, with their lines (comments removed, line numbers kept). */
export function operationLiterals(text: string): { name: string; line: number }[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:])\/\/.*$/gm, "$1");
  const found: { name: string; line: number }[] = [];
  for (const m of code.matchAll(/(["'`])((?:(?!\1)[^\n\\$])*)\1/g)) {
    const name = m[2]!;
    if (OPERATIONS.has(name) && !AMBIGUOUS.has(name)) found.push({ name, line: code.slice(0, m.index).split("\n").length });
  }
  return found;
}

describe("one place for each operation", () => {
  it("finds an operation name written as a literal (the check can fail)", () => {
    expect(operationLiterals(`const x = new Set(["jjj.add", 'var']);\n// "jjj.sub" in a comment\nf(\`===\`);`)).toEqual([
      { name: "jjj.add", line: 1 },
      { name: "var", line: 1 },
      { name: "===", line: 3 },
    ]);
  });

  it("no module outside src/ops lists an operation by name", () => {
    const listed: string[] = [];
    for (const file of sources(join(root, "src"))) {
      const path = relative(root, file).split(sep).join("/");
      if (path.startsWith("src/ops/") || path.startsWith("src/generated/")) continue;
      for (const { name, line } of operationLiterals(readFileSync(file, "utf8"))) listed.push(`${path}:${line} ${JSON.stringify(name)}`);
    }
    expect(listed).toEqual([]);
  });
});
