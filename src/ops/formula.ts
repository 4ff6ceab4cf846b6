import { OPERATIONS } from "./index.js";
import { NAMESPACE, PRECEDENCE as P, type Words } from "./operation.js";

/*
 * A rule's JSON-logic as readable formulas for the rule catalogue (docs/rules/), from each operation's
 * text form (its descriptor's `text`):
 *   {"if":[{"jjj.outcome":"eligible"},{"jjj.min":[{"jjj.param":"cap"}, …]},"0"]}
 *   → IF eligible THEN min(cap, …) ELSE 0
 * scripts/generate-logic-text.mjs imports it for scripts/generate-rule-docs.mjs; tests in tests/docs/.
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

/** One line of text for an expression, and how strongly it binds. */
function render(node: unknown, names: FormulaNames, lang: FormulaLanguage): Rendered {
  if (node === null) return { text: "null", prec: P.atom };
  if (typeof node === "boolean" || typeof node === "number") return { text: String(node), prec: P.atom };
  if (typeof node === "string") return { text: DECIMAL.test(node) ? node : JSON.stringify(node), prec: P.atom };
  if (Array.isArray(node)) return { text: `[${node.map((n) => render(n, names, lang).text).join(", ")}]`, prec: P.atom };
  if (typeof node !== "object") return { text: String(node), prec: P.atom };
  const name = Object.keys(node)[0]!;
  const raw = (node as Record<string, unknown>)[name];
  const args = Array.isArray(raw) ? raw : [raw];
  const sub = (n: unknown, min: number) => {
    const r = render(n, names, lang);
    return r.prec < min ? `(${r.text})` : r.text;
  };
  const op = OPERATIONS.get(name);
  const form = op?.text ?? { style: "call" as const, name: { en: name.replace(NAMESPACE_PREFIX, "") } };
  switch (form.style) {
    case "reference": {
      const kind = op!.reference!;
      if (kind === "evaluationDate") return { text: say(WORDS.evaluationDate!, lang), prec: P.atom };
      if (kind === "input") {
        const target = Array.isArray(raw) ? raw[0] : raw;
        const fallback = Array.isArray(raw) && raw.length > 1 ? ` (${say(WORDS.default!, lang)} ${render(raw[1], names, lang).text})` : "";
        return { text: `${reference(target, kind, names)}${fallback}`, prec: fallback ? P.unary : P.atom };
      }
      return { text: reference(args[0], kind, names), prec: P.atom };
    }
    case "infix": {
      const min = form.operands === "tighter" ? form.prec + 1 : form.prec;
      return { text: args.map((a) => sub(a, min)).join(` ${say(form.symbol, lang)} `), prec: form.prec };
    }
    case "binary":
      if (args.length === 1 && form.unary) return { text: `${say(form.unary, lang)}${sub(args[0], P.unary)}`, prec: P.unary };
      if (args.length >= 2) {
        const left = sub(args[0], form.leftTighter ? form.prec + 1 : form.prec);
        return { text: `${left} ${say(form.symbol, lang)} ${sub(args[1], form.prec + 1)}`, prec: form.prec };
      }
      break;
    case "prefix":
      return { text: `${say(form.symbol, lang)} ${sub(args[0], form.prec)}`, prec: form.prec };
    case "choice": {
      const parts: string[] = [];
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        parts.push(`${say(i === 0 ? WORDS.if! : WORDS.elseIf!, lang)} ${sub(args[i], P.if + 1)} ${say(WORDS.then!, lang)} ${sub(args[i + 1], P.if + 1)}`);
      }
      if (i < args.length) parts.push(`${say(WORDS.else!, lang)} ${sub(args[i], P.if)}`);
      return { text: parts.join(" "), prec: P.if };
    }
    case "rounding": {
      // The places and mode the engine uses: the literal ones, or the defaults when the rule gives none.
      const defaults = op!.rounding?.([args[0]]);
      const places = args[1] === undefined ? String(defaults?.places) : render(args[1], names, lang).text;
      const mode = args[2] === undefined ? defaults?.mode : String(args[2]);
      return { text: `${say(WORDS.round!, lang)}(${sub(args[0], P.if)}, ${places} ${say(WORDS.decimals!, lang)}, ${mode})`, prec: P.atom };
    }
    case "shift":
      // Calendar arithmetic (Civil Code art. 202: no corresponding day → the last day of the month).
      if (args.length === 2) return { text: `${sub(args[0], P.add)} + ${sub(args[1], P.mul)} ${say(form.unit, lang)}`, prec: P.add };
      break;
    case "call":
      return { text: `${say(form.name, lang)}(${args.map((a) => sub(a, P.if)).join(", ")})`, prec: P.atom };
  }
  // A form written with the wrong number of operands: as a call of the operation's own name.
  return { text: `${name.replace(NAMESPACE_PREFIX, "")}(${args.map((a) => sub(a, P.if)).join(", ")})`, prec: P.atom };
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
 * The expression as one line of readable text.
 *
 * @example
 * logicText({ "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] }) //=> "contractAmount ≥ threshold"
 */
export function logicText(expr: unknown, names: FormulaNames = namesOf({}), lang: FormulaLanguage = "en"): string {
  return render(expr, names, lang).text;
}

/**
 * `name = expression`, broken over several lines when long: one operand of a top-level AND/OR per line,
 * or IF / THEN / ELSE on lines of their own. An equality on the right is put in parentheses so that it
 * does not read as a second definition.
 *
 * @example
 * definitionText("inCity", { "===": [{ var: "enterpriseCity" }, { "jjj.param": "city" }] }) //=> "inCity = (enterpriseCity = city)"
 */
export function definitionText(name: string, expr: unknown, names: FormulaNames = namesOf({}), width = 100, lang: FormulaLanguage = "en"): string {
  const r = render(expr, names, lang);
  const head = `${name} = `;
  if (expr === null || typeof expr !== "object" || Array.isArray(expr)) return head + r.text;
  const [key] = Object.keys(expr);
  const op = key === undefined ? undefined : OPERATIONS.get(key);
  const equality = r.prec === P.cmp && (op?.relation === "eq" || op?.relation === "ne");
  const rhs = equality ? `(${r.text})` : r.text;
  if (head.length + rhs.length <= width) return head + rhs;
  const pad = " ".repeat(head.length);
  const raw = (expr as Record<string, unknown>)[key!];
  const args = Array.isArray(raw) ? raw : [raw];
  const form = op?.text;
  if (form?.style === "infix" && (op!.fast === "and" || op!.fast === "or")) {
    const word = say(form.symbol, lang);
    const parts = args.map((a) => {
      const s = render(a, names, lang);
      return s.prec <= form.prec ? `(${s.text})` : s.text;
    });
    return [head + parts[0], ...parts.slice(1).map((p) => `${pad}${word} ${p}`)].join("\n");
  }
  if (form?.style === "choice") {
    const lines: string[] = [];
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      lines.push(`${say(i === 0 ? WORDS.if! : WORDS.elseIf!, lang)} ${render(args[i], names, lang).text}`);
      lines.push(`  ${say(WORDS.then!, lang)} ${render(args[i + 1], names, lang).text}`);
    }
    if (i < args.length) lines.push(`${say(WORDS.else!, lang)} ${render(args[i], names, lang).text}`);
    return [head + lines[0], ...lines.slice(1).map((l) => pad + l)].join("\n");
  }
  return head + rhs;
}
