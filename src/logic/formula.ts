import { NAMESPACE, PRECEDENCE as P, type Words } from "../ops/index.js";
import type { LogicNode } from "./tree.js";
import { childNodes, operationName, treeOf } from "./walk.js";

/*
 * A rule's logic as readable formulas for the rule catalogue (docs/rules/), read from its typed logic
 * tree (tree.ts) and each operation's text form (its descriptor's `text`, src/ops/):
 *   {"if":[{"jjj.outcome":"eligible"},{"jjj.min":[{"jjj.param":"cap"}, …]},"0"]}
 *   → IF eligible THEN min(cap, …) ELSE 0
 * scripts/generate-rule-docs.mjs renders each loaded version's trees (through scripts/generate-logic-text.mjs);
 * tests in tests/docs/ and tests/ops/.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;
const NAMESPACE_PREFIX = new RegExp(`^${NAMESPACE}\\.`);

/** The language of the words of a formula: English, or Chinese where an operation has Chinese words. */
export type FormulaLanguage = "en" | "zh";

/** The names a rule declares that it uses for more than one thing: formulas say which one they mean. */
export interface FormulaNames {
  shared: ReadonlySet<string>;
}

/** Words of the formulas' own structure (IF … THEN … ELSE, rounding, a default). */
const WORDS: Readonly<Record<string, Words>> = {
  if: { en: "IF", zh: "如果" },
  elseIf: { en: "ELSE IF", zh: "否则如果" },
  then: { en: "THEN", zh: "则" },
  else: { en: "ELSE", zh: "否则" },
  round: { en: "round" },
  decimals: { en: "decimals", zh: "位小数" },
  default: { en: "default" },
  evaluationDate: { en: "evaluationDate" },
};

const REFERENCE_WORDS = { input: "input", parameter: "parameter", condition: "condition", outcome: "outcome" } as const;

const say = (w: Words, lang: FormulaLanguage) => (lang === "zh" && w.zh !== undefined ? w.zh : w.en);

/** A name as written in a formula; a name that a rule uses for two things says which one it means. */
function reference(name: unknown, kind: keyof typeof REFERENCE_WORDS, names: FormulaNames): string {
  return names.shared.has(name as string) ? `${String(name)} (${REFERENCE_WORDS[kind]})` : String(name);
}

interface Rendered {
  text: string;
  prec: number;
}

/** A node that is not there (an operation written with too few operands), as JavaScript writes it. */
const MISSING: Rendered = { text: String(undefined), prec: P.atom };

/** One line of text for an expression, and how strongly it binds. */
function render(node: LogicNode | undefined, names: FormulaNames, lang: FormulaLanguage): Rendered {
  if (node === undefined) return MISSING;
  const name = operationName(node);
  if (name === undefined) return literal(node, names, lang);
  const args = node.args!;
  const operands = childNodes(node);
  const sub = (i: number, min: number) => {
    const r = render(operands[i], names, lang);
    return r.prec < min ? `(${r.text})` : r.text;
  };
  const all = (min: number) => operands.map((_, i) => sub(i, min));
  const op = node.op;
  const form = op?.text ?? { style: "call" as const, name: { en: name.replace(NAMESPACE_PREFIX, "") } };
  switch (form.style) {
    case "reference": {
      const kind = node.reference?.kind ?? op!.reference!;
      if (kind === "evaluationDate") return { text: say(WORDS.evaluationDate!, lang), prec: P.atom };
      // The name the reference resolved to (the one written, when it names nothing declared).
      const target = node.reference?.name ?? args[0];
      if (kind === "input") {
        const fallback = args.length > 1 ? ` (${say(WORDS.default!, lang)} ${render(operands[1], names, lang).text})` : "";
        return { text: `${reference(target, kind, names)}${fallback}`, prec: fallback ? P.unary : P.atom };
      }
      return { text: reference(target, kind, names), prec: P.atom };
    }
    case "infix": {
      const min = form.operands === "tighter" ? form.prec + 1 : form.prec;
      return { text: all(min).join(` ${say(form.symbol, lang)} `), prec: form.prec };
    }
    case "binary":
      if (args.length === 1 && form.unary) return { text: `${say(form.unary, lang)}${sub(0, P.unary)}`, prec: P.unary };
      if (args.length >= 2) {
        const left = sub(0, form.leftTighter ? form.prec + 1 : form.prec);
        return { text: `${left} ${say(form.symbol, lang)} ${sub(1, form.prec + 1)}`, prec: form.prec };
      }
      break;
    case "prefix":
      return { text: `${say(form.symbol, lang)} ${sub(0, form.prec)}`, prec: form.prec };
    case "choice": {
      const parts: string[] = [];
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        parts.push(`${say(i === 0 ? WORDS.if! : WORDS.elseIf!, lang)} ${sub(i, P.if + 1)} ${say(WORDS.then!, lang)} ${sub(i + 1, P.if + 1)}`);
      }
      if (i < args.length) parts.push(`${say(WORDS.else!, lang)} ${sub(i, P.if)}`);
      return { text: parts.join(" "), prec: P.if };
    }
    case "rounding": {
      // The places and mode the engine uses: the literal ones, or the defaults when the rule gives none.
      const defaults = op!.rounding?.([args[0]]);
      const places = args[1] === undefined ? String(defaults?.places) : render(operands[1], names, lang).text;
      const mode = args[2] === undefined ? defaults?.mode : String(args[2]);
      return { text: `${say(WORDS.round!, lang)}(${sub(0, P.if)}, ${places} ${say(WORDS.decimals!, lang)}, ${mode})`, prec: P.atom };
    }
    case "shift":
      // Calendar arithmetic (Civil Code art. 202: no corresponding day → the last day of the month).
      if (args.length === 2) return { text: `${sub(0, P.add)} + ${sub(1, P.mul)} ${say(form.unit, lang)}`, prec: P.add };
      break;
    case "call":
      return { text: `${say(form.name, lang)}(${all(P.if).join(", ")})`, prec: P.atom };
  }
  // A form written with the wrong number of operands: as a call of the operation's own name.
  return { text: `${name.replace(NAMESPACE_PREFIX, "")}(${all(P.if).join(", ")})`, prec: P.atom };
}

/** A literal, a list of expressions, or a literal object (which the checker rejects) as JSON. */
function literal(node: LogicNode, names: FormulaNames, lang: FormulaLanguage): Rendered {
  const value = node.source;
  if (value === null) return { text: "null", prec: P.atom };
  if (typeof value === "boolean" || typeof value === "number") return { text: String(value), prec: P.atom };
  if (typeof value === "string") return { text: DECIMAL.test(value) ? value : JSON.stringify(value), prec: P.atom };
  if (Array.isArray(value)) return { text: `[${childNodes(node).map((n) => render(n, names, lang).text).join(", ")}]`, prec: P.atom };
  if (typeof value === "object") return { text: JSON.stringify(value), prec: P.atom };
  return { text: String(value), prec: P.atom };
}

/**
 * The names a rule declares, for {@link logicText}: `shared` holds those used for more than one thing
 * (an outcome field `met` and a condition `met`, an input and a parameter `city`), which formulas qualify.
 *
 * @example
 * namesOf({ inputs: { city: {} }, parameters: { city: {} } }).shared.has("city") //=> true
 */
export function namesOf(rule: { inputs?: object; parameters?: object; conditions?: readonly { id: string }[]; outcome?: object }): FormulaNames {
  const lists = [Object.keys(rule.inputs ?? {}), Object.keys(rule.parameters ?? {}), (rule.conditions ?? []).map((c) => c.id), Object.keys(rule.outcome ?? {})];
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const list of lists) {
    for (const name of new Set(list)) (seen.has(name) ? shared : seen).add(name);
  }
  return { shared };
}

/**
 * An expression's typed logic tree as one line of readable text.
 *
 * @example
 * formulaText(version.conditions[0].tree, namesOf(version.file)) //=> "contractAmount ≥ threshold"
 */
export function formulaText(tree: LogicNode, names: FormulaNames = namesOf({}), lang: FormulaLanguage = "en"): string {
  return render(tree, names, lang).text;
}

/**
 * `name = expression` for an expression's typed logic tree, broken over several lines when long: one
 * operand of a top-level AND/OR per line, or IF / THEN / ELSE on lines of their own. An equality on the
 * right is put in parentheses so that it does not read as a second definition.
 *
 * @example
 * definitionFormula("inCity", version.conditions[0].tree) //=> "inCity = (enterpriseCity = city)"
 */
export function definitionFormula(name: string, tree: LogicNode, names: FormulaNames = namesOf({}), width = 100, lang: FormulaLanguage = "en"): string {
  const r = render(tree, names, lang);
  const head = `${name} = `;
  if (operationName(tree) === undefined) return head + r.text;
  const op = tree.op;
  const equality = r.prec === P.cmp && (op?.relation === "eq" || op?.relation === "ne");
  const rhs = equality ? `(${r.text})` : r.text;
  if (head.length + rhs.length <= width) return head + rhs;
  const pad = " ".repeat(head.length);
  const operands = childNodes(tree);
  const form = op?.text;
  if (form?.style === "infix" && (op!.fast === "and" || op!.fast === "or")) {
    const word = say(form.symbol, lang);
    const parts = operands.map((a) => {
      const s = render(a, names, lang);
      return s.prec <= form.prec ? `(${s.text})` : s.text;
    });
    return [head + parts[0], ...parts.slice(1).map((p) => `${pad}${word} ${p}`)].join("\n");
  }
  if (form?.style === "choice") {
    const lines: string[] = [];
    let i = 0;
    for (; i + 1 < operands.length; i += 2) {
      lines.push(`${say(i === 0 ? WORDS.if! : WORDS.elseIf!, lang)} ${render(operands[i], names, lang).text}`);
      lines.push(`  ${say(WORDS.then!, lang)} ${render(operands[i + 1], names, lang).text}`);
    }
    if (i < operands.length) lines.push(`${say(WORDS.else!, lang)} ${render(operands[i], names, lang).text}`);
    return [head + lines[0], ...lines.slice(1).map((l) => pad + l)].join("\n");
  }
  return head + rhs;
}

/**
 * The expression as one line of readable text: {@link formulaText} of its tree, read without the
 * rule's declarations (for a caller that holds only the JSON-logic).
 *
 * @example
 * logicText({ "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] }) //=> "contractAmount ≥ threshold"
 */
export function logicText(expr: unknown, names: FormulaNames = namesOf({}), lang: FormulaLanguage = "en"): string {
  return formulaText(treeOf(expr), names, lang);
}

/**
 * `name = expression`: {@link definitionFormula} of the expression's tree, read without the rule's declarations.
 *
 * @example
 * definitionText("inCity", { "===": [{ var: "enterpriseCity" }, { "jjj.param": "city" }] }) //=> "inCity = (enterpriseCity = city)"
 */
export function definitionText(name: string, expr: unknown, names: FormulaNames = namesOf({}), width = 100, lang: FormulaLanguage = "en"): string {
  return definitionFormula(name, treeOf(expr), names, width, lang);
}
