// Writes a rule's JSON-logic as readable formulas for the rule catalogue (docs/rules/):
//   {"if":[{"jjj.outcome":"eligible"},{"jjj.min":[{"jjj.param":"cap"}, …]},"0"]}
//   → IF eligible THEN min(cap, …) ELSE 0
// Pure: used by scripts/generate-rule-docs.mjs and tested in tests/docs/.

const DECIMAL = /^-?\d+(\.\d+)?$/;

// Binding strength: a child weaker than its parent is put in parentheses.
const P = { if: 0, or: 1, and: 2, not: 3, cmp: 4, in: 4, add: 5, mul: 6, unary: 7, atom: 9 };

const COMPARE = {
  "===": "=", "!==": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥",
  "jjj.eq": "=", "jjj.gt": ">", "jjj.gte": "≥", "jjj.lt": "<", "jjj.lte": "≤",
  "jjj.dateEq": "=", "jjj.dateGt": "after", "jjj.dateGte": "on or after", "jjj.dateLt": "before", "jjj.dateLte": "on or before",
};
const ARITH = { "+": ["+", P.add], "jjj.add": ["+", P.add], "*": ["×", P.mul], "jjj.mul": ["×", P.mul] };
const BINARY = { "-": ["−", P.add], "jjj.sub": ["−", P.add], "/": ["÷", P.mul], "jjj.div": ["÷", P.mul], "%": ["mod", P.mul] };
const CALLS = { min: "min", max: "max", "jjj.min": "min", "jjj.max": "max", cat: "cat", substr: "substr", merge: "merge", "!!": "truthy" };

/** A name as written in a formula; a name that a rule uses for two things says which one it means. */
function reference(name, kind, names) {
  return names.shared.has(name) ? `${name} (${kind})` : String(name);
}

/** One line of text for an expression, and how strongly it binds. */
function render(node, names) {
  if (node === null) return { text: "null", prec: P.atom };
  if (typeof node === "boolean" || typeof node === "number") return { text: String(node), prec: P.atom };
  if (typeof node === "string") return { text: DECIMAL.test(node) ? node : JSON.stringify(node), prec: P.atom };
  if (Array.isArray(node)) return { text: `[${node.map((n) => render(n, names).text).join(", ")}]`, prec: P.atom };
  const [op] = Object.keys(node);
  const raw = node[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const sub = (n, min) => {
    const r = render(n, names);
    return r.prec < min ? `(${r.text})` : r.text;
  };

  switch (op) {
    case "var": {
      const name = Array.isArray(raw) ? raw[0] : raw;
      const fallback = Array.isArray(raw) && raw.length > 1 ? ` (default ${render(raw[1], names).text})` : "";
      return { text: `${reference(name, "input", names)}${fallback}`, prec: fallback ? P.unary : P.atom };
    }
    case "jjj.param":
      return { text: reference(args[0], "parameter", names), prec: P.atom };
    case "jjj.condition":
      return { text: reference(args[0], "condition", names), prec: P.atom };
    case "jjj.outcome":
      return { text: reference(args[0], "outcome", names), prec: P.atom };
    case "jjj.on":
      return { text: "evaluationDate", prec: P.atom };
    case "and":
    case "or": {
      const prec = op === "and" ? P.and : P.or;
      return { text: args.map((a) => sub(a, prec + 1)).join(op === "and" ? " AND " : " OR "), prec };
    }
    case "!":
      return { text: `NOT ${sub(args[0], P.not)}`, prec: P.not };
    case "in":
      return { text: `${sub(args[0], P.in + 1)} IN ${sub(args[1], P.in + 1)}`, prec: P.in };
    case "if":
    case "?:": {
      const parts = [];
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        parts.push(`${i === 0 ? "IF" : "ELSE IF"} ${sub(args[i], P.if + 1)} THEN ${sub(args[i + 1], P.if + 1)}`);
      }
      if (i < args.length) parts.push(`ELSE ${sub(args[i], P.if)}`);
      return { text: parts.join(" "), prec: P.if };
    }
    case "jjj.round": {
      const [value, places = 0, mode = "half-up"] = args;
      return { text: `round(${sub(value, P.if)}, ${render(places, names).text} decimals, ${mode})`, prec: P.atom };
    }
    default:
      break;
  }
  if (op in COMPARE) {
    const symbol = COMPARE[op];
    // `<` and `<=` with three operands read "a < b < c" (between).
    return { text: args.map((a) => sub(a, P.cmp + 1)).join(` ${symbol} `), prec: P.cmp };
  }
  if (op in ARITH) {
    const [symbol, prec] = ARITH[op];
    return { text: args.map((a) => sub(a, prec)).join(` ${symbol} `), prec };
  }
  if (op in BINARY) {
    const [symbol, prec] = BINARY[op];
    if (args.length === 1) return { text: `−${sub(args[0], P.unary)}`, prec: P.unary };
    return { text: `${sub(args[0], prec)} ${symbol} ${sub(args[1], prec + 1)}`, prec };
  }
  const shift = /^jjj\.dateAdd(Days|Months|Years)$/.exec(op);
  if (shift && args.length === 2) {
    // Calendar arithmetic (Civil Code art. 202: no corresponding day → the last day of the month).
    return { text: `${sub(args[0], P.add)} + ${sub(args[1], P.mul)} ${shift[1].toLowerCase()}`, prec: P.add };
  }
  const name = CALLS[op] ?? op.replace(/^jjj\./, "");
  return { text: `${name}(${args.map((a) => sub(a, P.if)).join(", ")})`, prec: P.atom };
}

/**
 * The names a rule declares, for {@link logicText}: `shared` holds those used for more than one thing
 * (an outcome field `met` and a condition `met`, an input and a parameter `city`), which formulas qualify.
 */
export function namesOf(rule) {
  const lists = [
    Object.keys(rule.inputs ?? {}),
    Object.keys(rule.parameters ?? {}),
    (rule.conditions ?? []).map((c) => c.id),
    Object.keys(rule.outcome ?? {}),
  ];
  const seen = new Set();
  const shared = new Set();
  for (const list of lists) {
    for (const name of new Set(list)) (seen.has(name) ? shared : seen).add(name);
  }
  return { shared };
}

/**
 * The expression as one line of readable text.
 *
 * @example logicText({ "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] }) //=> "contractAmount ≥ threshold"
 */
export function logicText(expr, names = namesOf({})) {
  return render(expr, names).text;
}

/**
 * `name = expression`, broken over several lines when long: one operand of a top-level AND/OR per line,
 * or IF / THEN / ELSE on lines of their own. An equality on the right is put in parentheses so that it
 * does not read as a second definition.
 */
export function definitionText(name, expr, names = namesOf({}), width = 100) {
  const r = render(expr, names);
  const rhs = r.prec === P.cmp && /^(=|≠)$/.test(COMPARE[Object.keys(expr ?? {})[0]] ?? "") ? `(${r.text})` : r.text;
  const head = `${name} = `;
  if (head.length + rhs.length <= width || expr === null || typeof expr !== "object" || Array.isArray(expr)) return head + rhs;
  const pad = " ".repeat(head.length);
  const [op] = Object.keys(expr);
  const raw = expr[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === "and" || op === "or") {
    const word = op === "and" ? "AND" : "OR";
    const prec = op === "and" ? P.and : P.or;
    const parts = args.map((a) => {
      const s = render(a, names);
      return s.prec <= prec ? `(${s.text})` : s.text;
    });
    return [head + parts[0], ...parts.slice(1).map((p) => `${pad}${word} ${p}`)].join("\n");
  }
  if (op === "if" || op === "?:") {
    const lines = [];
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      lines.push(`${i === 0 ? "IF" : "ELSE IF"} ${render(args[i], names).text}`);
      lines.push(`  THEN ${render(args[i + 1], names).text}`);
    }
    if (i < args.length) lines.push(`ELSE ${render(args[i], names).text}`);
    return [head + lines[0], ...lines.slice(1).map((l) => pad + l)].join("\n");
  }
  return head + rhs;
}
