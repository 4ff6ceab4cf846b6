/**
 * Policy matching: a subject profile (type, city, fields, known facts) → every measure in force that
 * concerns it, ranked (`engine.rank`: the summary with the total of the amounts first, benefits with an
 * amount first), with outcomes where the facts allow and the inputs still missing. The facts form grows
 * from the inputs the matched measures still ask for: first those of the measures that grant an amount
 * (the contract amount …), then the others.
 */
import { isIsoDate, type MatchOptions, type RankedMatch, type RankedMeasure, type RankGroup, type RuleKind } from "../../src/index.js";
import { SUBJECT_TYPES as SUBJECT_TYPE_IDS } from "../../src/schema/values.js";
import { h, replace, type Child } from "../dom.js";
import { both, CALCULATOR, convert, MATCHING, rawFromFact, renderField, showFieldState, t, type FieldSpec, type RawValue, type RenderedField } from "../fields.js";
import { formatRange, formatValue } from "../format.js";
import { formatMoney } from "../../src/format/values.js";
import { KINDS, SUBJECT_TYPES, type Lang, type Text } from "../i18n.js";
import { lib, routeHash, state } from "../state.js";
import { nearestChangesForMatch, type MeasureChange } from "../../src/analysis/match-changes.js";
import type { ViewContext } from "./calculator.js";

/** Every input that a caller supplies as a fact (not from the profile), by name: the first rule declaring it describes it. */
function factSpecs(): Map<string, FieldSpec> {
  const specs = new Map<string, FieldSpec>();
  for (const rule of lib().listRules()) {
    for (const [name, spec] of Object.entries(rule.file.inputs)) {
      if (spec.fromProfile || specs.has(name)) continue;
      specs.set(name, { name, ...spec });
    }
  }
  return specs;
}

/** The fields of activity the rules name, with labels where a rule gives them. */
export function knownFields(): Map<string, Text | undefined> {
  const fields = new Map<string, Text | undefined>();
  for (const rule of lib().listRules()) {
    for (const f of rule.file.subjects.fields ?? []) if (!fields.has(f)) fields.set(f, undefined);
    for (const spec of Object.values(rule.file.inputs)) {
      if (spec.fromProfile !== "fields") continue;
      for (const [value, label] of Object.entries(spec.values ?? {})) if (value !== "other") fields.set(value, label);
    }
  }
  return fields;
}

function splitFields(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The texts of the ranked match (this view's own). */
const RANKED: Record<string, Text> = {
  total: { zh: "金额合计", en: "Total of the amounts" },
  fromMeasures: { zh: "来自 {n} 项有金额的措施", en: "from {n} measure(s) with an amount" },
  byKind: { zh: "按类别", en: "By kind" },
  amountFacts: { zh: "决定金额的信息", en: "Inputs that decide an amount" },
  otherFacts: { zh: "其他措施尚需的信息", en: "Inputs other measures still need" },
  amount: { zh: "金额", en: "Amount" },
  nearest: { zh: "最近的改变", en: "Nearest change" },
  noNearest: { zh: "单项改变均不能使其适用", en: "no single input's change makes it apply" },
};
const GROUPS: Record<RankGroup, Text> = {
  amount: { zh: "有金额的待遇", en: "Benefits with an amount" },
  qualifies: { zh: "其他符合条件的待遇", en: "Other benefits you qualify for" },
  "invalid-input": { zh: "事实有误的待遇", en: "Benefits whose facts were rejected" },
  "needs-input": { zh: "尚需信息的待遇", en: "Benefits that need more input" },
  "does-not-qualify": { zh: "暂不符合条件的待遇", en: "Benefits you do not qualify for yet" },
  "target-or-obligation": { zh: "目标与义务", en: "Targets and obligations" },
  guidance: { zh: "指导性措施", en: "Guidance" },
};
const say = (text: Text, lang: Lang, vars: Record<string, string | number> = {}) => text[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));

function outcomeRows(m: RankedMeasure, lang: Lang): Child {
  if (!m.outcome) return null;
  const spec = lib().getRule(m.ruleId, m.version).file.outcome;
  return h(
    "table",
    { class: "outcome" },
    h(
      "tbody",
      {},
      Object.entries(m.outcome).map(([name, value]) =>
        h("tr", { "data-outcome": name }, h("th", {}, Object.prototype.hasOwnProperty.call(spec, name) ? spec[name]!.label[lang] : name), h("td", { class: "num" }, formatValue(spec[name]?.type, value, lang))),
      ),
    ),
  );
}

export function renderMatch(ctx: ViewContext): HTMLElement {
  const { lang } = state;
  const ms = state.match;
  const specs = factSpecs();

  // Profile
  const typeSelect = h(
    "select",
    { id: "match-type", "data-profile": "type", onchange: () => ((ms.type = typeSelect.value), update()) },
    SUBJECT_TYPE_IDS.map((ty) => h("option", { value: ty, selected: ms.type === ty }, `${SUBJECT_TYPES[ty] ? both(SUBJECT_TYPES[ty]!, lang) : ty} (${ty})`)),
  );
  typeSelect.value = ms.type;
  const city = h("input", { id: "match-city", type: "text", "data-profile": "city", list: ctx.datalists["city"], value: ms.city, autocomplete: "off", spellcheck: "false", oninput: () => ((ms.city = city.value), update()) });
  const chosenFields = new Set(ms.fields);
  const fieldBoxes = [...knownFields()].map(([value, label]) => {
    const box = h("input", {
      type: "checkbox",
      value,
      "data-profile": "fields",
      checked: chosenFields.has(value),
      onchange: () => {
        if (box.checked) chosenFields.add(value);
        else chosenFields.delete(value);
        ms.fields = [...chosenFields];
        update();
      },
    });
    return h("label", { class: "check" }, box, ` ${label ? both(label, lang) : value}`);
  });
  // Filters of the match (its `kind` and `document` options): none ticked means all.
  const filterBox = (list: string[], value: string, label: string, filter: "kind" | "document") => {
    const box = h("input", {
      type: "checkbox",
      value,
      "data-filter": filter,
      checked: list.includes(value),
      onchange: () => {
        const at = list.indexOf(value);
        if (box.checked && at < 0) list.push(value);
        if (!box.checked && at >= 0) list.splice(at, 1);
        update();
      },
    });
    return h("label", { class: "check" }, box, ` ${label}`);
  };
  const kindBoxes = Object.entries(KINDS).map(([kind, label]) => filterBox(ms.kinds, kind, both(label, lang), "kind"));
  const documentBoxes = lib()
    .ruleSet.documents()
    .map((d) => filterBox(ms.documents, d.id, `${d.id} ${d.title[lang]}`, "document"));
  const otherFields = h("input", { id: "match-other-fields", type: "text", value: ms.otherFields, autocomplete: "off", spellcheck: "false", oninput: () => ((ms.otherFields = otherFields.value), update()) });
  const asOf = h("input", {
    id: "match-on",
    type: "date",
    value: state.on,
    oninput: () => setDate(asOf.value),
    onchange: () => setDate(asOf.value),
  });
  const profileMessages = h("div", { class: "messages", "data-error-for": "@profile", "aria-live": "polite" });

  // Known facts: a field for every input a matched measure still asks for, kept once shown; the inputs of
  // measures that grant an amount first (the contract amount before 20 inputs of other measures).
  const amountFacts = h("div", { class: "facts-fields", "data-facts": "amount" });
  const otherFacts = h("div", { class: "facts-fields", "data-facts": "other" });
  const amountHead = h("h4", { class: "facts-group" }, say(RANKED["amountFacts"]!, lang));
  const otherHead = h("h4", { class: "facts-group" }, say(RANKED["otherFacts"]!, lang));
  const factsBox = h("div", {}, amountHead, amountFacts, otherHead, otherFacts);
  /** The inputs of the matched measures that grant an amount (whatever their status). */
  let amountInputs = new Set<string>();
  const factsEmpty = h("p", { class: "muted" }, t("noFactsNeeded", lang));
  const rendered = new Map<string, { spec: FieldSpec; field: RenderedField }>();
  const results = h("section", { class: "match-results", id: "match-results", "aria-live": "polite" });

  function setDate(value: string): void {
    if (value === state.on) return;
    state.on = value;
    ctx.refreshCatalogue();
    update();
  }

  function ensureFactField(spec: FieldSpec): void {
    if (rendered.has(spec.name)) return;
    const raw = Object.prototype.hasOwnProperty.call(ms.facts, spec.name) ? ms.facts[spec.name]! : spec.type === "enumList" ? [] : "";
    const field = renderField(spec, raw, lang, MATCHING, (next) => {
      ms.facts[spec.name] = next;
      update();
    });
    rendered.set(spec.name, { spec, field });
    (amountInputs.has(spec.name) ? amountFacts : otherFacts).appendChild(field.root);
    factsEmpty.hidden = true;
  }

  /** Keep each fact field in its group (a field moves only when a profile change moves it). */
  function placeFactFields(): void {
    for (const [name, { field }] of rendered) {
      const box = amountInputs.has(name) ? amountFacts : otherFacts;
      if (field.root.parentNode !== box) box.appendChild(field.root);
    }
    amountHead.hidden = amountFacts.childElementCount === 0;
    otherHead.hidden = otherFacts.childElementCount === 0 || amountHead.hidden;
  }

  function profile(): { profile: Record<string, unknown>; facts: Record<string, unknown> } {
    const facts: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(ms.facts)) {
      const spec = rendered.get(name)?.spec ?? specs.get(name);
      if (!spec) continue;
      const c = convert(spec, raw, MATCHING);
      if (c.present) facts[name] = c.value;
    }
    const fields = [...new Set([...ms.fields, ...splitFields(ms.otherFields)])];
    const p: Record<string, unknown> = { type: ms.type, facts };
    if (ms.city.trim() !== "") p["city"] = ms.city.trim();
    if (fields.length > 0) p["fields"] = fields;
    return { profile: p, facts };
  }

  function update(): void {
    if (!isIsoDate(state.on)) {
      replace(profileMessages, h("div", { class: "msg msg-error", role: "alert" }, `${t("asOf", lang)}: YYYY-MM-DD`));
      return;
    }
    const { profile: p } = profile();
    let result: RankedMatch;
    try {
      const options: MatchOptions = { on: state.on };
      if (ms.kinds.length > 0) options.kind = ms.kinds as RuleKind[];
      if (ms.documents.length > 0) options.document = ms.documents;
      result = lib().rank(p, options);
    } catch (error) {
      if (error instanceof Error && error.name === "InvalidArgumentError") {
        replace(profileMessages, h("div", { class: "msg msg-error", role: "alert" }, error.message));
        replace(results);
        return;
      }
      throw error;
    }
    profileMessages.replaceChildren();

    amountInputs = new Set(result.measures.filter((m) => m.amountField !== null).flatMap((m) => Object.keys(lib().getRule(m.ruleId, m.version).file.inputs)));
    // The fields of measures granting an amount are made first, in ranked order, then the others.
    const ordered = [...result.measures.filter((m) => m.amountField !== null), ...result.measures.filter((m) => m.amountField === null)];
    for (const m of ordered) {
      for (const miss of m.missing) {
        if (miss.askFor !== "facts") continue;
        ensureFactField(specs.get(miss.name) ?? { name: miss.name, type: miss.type, label: miss.label, values: miss.values });
      }
    }
    for (const [name, { spec, field }] of rendered) {
      const issues = result.measures.flatMap((m) => m.issues.filter((i) => i.path === name || i.path.startsWith(`${name}.`)));
      const seen = new Set<string>();
      const unique = issues.filter((i) => (seen.has(i.message) ? false : (seen.add(i.message), true)));
      showFieldState(field, spec, convert(spec, ms.facts[name], MATCHING), unique, lang);
    }
    placeFactFields();
    replace(results, renderResults(result, lang, p, nearestChanges(result)));
  }

  const view = h(
    "article",
    { class: "match", "data-view": "match" },
    h("h2", {}, t("matchTitle", lang)),
    h("p", { class: "muted" }, t("matchIntro", lang)),
    h(
      "div",
      { class: "work" },
      h(
        "form",
        { class: "facts", novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
        h("h3", {}, t("profile", lang)),
        h("div", { class: "field" }, h("label", { for: "match-type", class: "label" }, h("span", { class: "label-main" }, t("subjectType", lang))), h("div", { class: "control" }, typeSelect)),
        h("div", { class: "field" }, h("label", { for: "match-city", class: "label" }, h("span", { class: "label-main" }, t("city", lang))), h("div", { class: "control" }, city), h("div", { class: "help" }, t("cityHelp", lang))),
        h("div", { class: "field" }, h("span", { class: "label" }, h("span", { class: "label-main" }, t("profileFields", lang))), h("div", { class: "checks" }, fieldBoxes.length > 0 ? fieldBoxes : h("span", { class: "muted" }, t("none", lang)))),
        h("div", { class: "field" }, h("label", { for: "match-other-fields", class: "label" }, h("span", { class: "label-main" }, t("otherFields", lang))), h("div", { class: "control" }, otherFields)),
        h("div", { class: "field field-date" }, h("label", { for: "match-on", class: "label" }, h("span", { class: "label-main" }, t("asOf", lang))), h("div", { class: "control" }, asOf), h("div", { class: "help" }, t("asOfHelp", lang))),
        h("div", { class: "field", "data-filters": "kind" }, h("span", { class: "label" }, h("span", { class: "label-main" }, t("onlyKinds", lang))), h("div", { class: "checks" }, kindBoxes), h("div", { class: "help" }, t("noneTickedAll", lang))),
        h("div", { class: "field", "data-filters": "document" }, h("span", { class: "label" }, h("span", { class: "label-main" }, t("onlyDocuments", lang))), h("div", { class: "checks" }, documentBoxes), h("div", { class: "help" }, t("noneTickedAll", lang))),
        profileMessages,
        h("h3", {}, t("knownFacts", lang)),
        h("p", { class: "help" }, t("knownFactsHelp", lang)),
        factsBox,
        factsEmpty,
      ),
      results,
    ),
  );
  // Facts typed earlier stay on the form (placed in their group by the first update).
  for (const name of Object.keys(ms.facts)) {
    const spec = specs.get(name);
    if (spec) ensureFactField(spec);
  }
  update();
  return view;
}

/**
 * The nearest change of each benefit that just misses (group `does-not-qualify`), from the exact analysis
 * (the page bundles it for its charts already), as `match` prints it on the CLI.
 */
function nearestChanges(result: RankedMatch): Map<string, MeasureChange> {
  const missing = result.measures.filter((m) => m.group === "does-not-qualify");
  if (missing.length === 0) return new Map();
  return new Map(nearestChangesForMatch({ ...result, measures: missing }, { engine: lib() }).map((c) => [c.ruleId, c]));
}

function renderResults(result: RankedMatch, lang: Lang, profile: Record<string, unknown>, changes: Map<string, MeasureChange>): Child[] {
  const s = result.summary;
  const groups: Child[] = [];
  let current: RankGroup | undefined;
  let list: HTMLElement | undefined;
  for (const m of result.measures) {
    if (m.group !== current) {
      current = m.group;
      list = h("ol", { class: "measures", start: m.rank, "data-group": current });
      groups.push(h("h4", { class: "rank-group" }, `${say(GROUPS[current], lang)} (${s.byGroup[current]})`), list);
    }
    list!.appendChild(measureCard(m, lang, profile, changes.get(m.ruleId)));
  }
  return [
    h("h3", {}, `${t("decision", lang)} · ${result.on}`),
    // The total first: what an applicant looks for.
    h(
      "p",
      { class: "total", "data-total": s.totalAmount },
      h("strong", {}, `${say(RANKED["total"]!, lang)}: `),
      h("span", { class: "num" }, `${formatMoney(s.totalAmount)} ${lang === "zh" ? "元" : "yuan"}`),
      ` · ${say(RANKED["fromMeasures"]!, lang, { n: s.withAmount })}`,
    ),
    h("p", { class: "summary", "data-summary": "" }, t("matchSummary", lang, { total: s.total, decided: s.decided, needs: s.needsInput, invalid: s.invalidInput })),
    Object.keys(s.byKind).length > 0
      ? h("p", { class: "small", "data-by-kind": "" }, `${say(RANKED["byKind"]!, lang)}: `, Object.entries(s.byKind).map(([k, n]) => `${KINDS[k as keyof typeof KINDS]?.[lang] ?? k} ${n}`).join(lang === "zh" ? "、" : ", "))
      : null,
    s.withAmount > 1 ? h("p", { class: "note" }, h("strong", {}, `${t("combination", lang)}: `), result.combinationNote[lang]) : null,
    result.measures.length === 0 ? h("p", { class: "status status-pending" }, t("noMatch", lang)) : null,
    ...groups,
    result.measures.length > 0 ? h("p", { class: "note" }, h("strong", {}, `${t("combination", lang)}: `), result.combinationNote[lang]) : null,
  ];
}

function measureCard(m: RankedMeasure, lang: Lang, profile: Record<string, unknown>, change: MeasureChange | undefined): HTMLElement {
  const status = m.status === "decided" ? "statusDecided" : m.status === "needs-input" ? "statusNeeds" : "statusInvalid";
  const eligible = m.outcome?.["eligible"];
  return h(
    "li",
    { class: `measure status-${m.status} group-${m.group}`, "data-measure": m.ruleId, "data-rank": m.rank, "data-kind": m.kind, "data-document": m.document, ...(m.amount !== null && { "data-amount": m.amount }) },
    h("h4", {}, m.title[lang]),
    m.amount !== null ? h("p", { class: "amount" }, h("strong", {}, `${say(RANKED["amount"]!, lang)}: `), h("span", { class: "num" }, `${formatMoney(m.amount)} ${lang === "zh" ? "元" : "yuan"}`)) : null,
    h(
      "p",
      { class: "measure-meta" },
      h("code", {}, `${m.ruleId} v${m.version}`),
      " · ",
      h("span", { class: `badge kind-${m.kind}` }, KINDS[m.kind]?.[lang] ?? m.kind),
      " · ",
      `${m.document} ${t("clause", lang)} ${m.clause}`,
      " · ",
      formatRange(m.validity.from, m.validity.to, lang),
    ),
    h("p", {}, h("span", { class: `badge st-${m.status}` }, t(status, lang)), typeof eligible === "boolean" ? [" ", h("span", { class: `badge ${eligible ? "in-force" : "not-in-force"}` }, t(eligible ? "eligible" : "notEligible", lang))] : null),
    h("p", { class: "small" }, `${t("why", lang)}: `, m.reasons.map((r) => r[lang]).join(lang === "zh" ? ";" : "; ")),
    outcomeRows(m, lang),
    m.applicable === false ? h("p", { class: "small muted" }, t("notApplicable", lang)) : null,
    change
      ? h("p", { class: "nearest", "data-nearest": change.nearest?.input ?? "" }, h("strong", {}, `${say(RANKED["nearest"]!, lang)}: `), change.nearest ? change.nearest.text[lang] : say(RANKED["noNearest"]!, lang))
      : null,
    m.missing.length > 0
      ? h(
          "p",
          { class: "small missing", "data-missing": m.missing.map((x) => x.name).join(" ") },
          `${t("missing", lang)}: `,
          m.missing.map((x) => `${x.label[lang]} (${x.askFor === "facts" ? x.name : `${t("profile", lang)}: ${x.askFor}`})`).join(lang === "zh" ? "、" : ", "),
        )
      : null,
    m.issues.length > 0 ? h("ul", { class: "messages" }, m.issues.map((i) => h("li", { class: "msg msg-error" }, `${i.path}: ${i.message}`))) : null,
    m.combination ? h("p", { class: "small" }, `${t("combination", lang)}: `, m.combination.map((c) => `${c.mode} ${c.with.join(", ")} (${c.sourceText})`).join("; ")) : null,
    h(
      "button",
      {
        type: "button",
        class: "link",
        onclick: () => {
          openInCalculator(m, profile);
        },
      },
      t("openCalc", lang),
    ),
  );
}

/** Carry the profile and its facts into the calculator of one measure, then open it. */
function openInCalculator(m: RankedMeasure, profile: Record<string, unknown>): void {
  const file = lib().getRule(m.ruleId, m.version).file;
  const facts = (profile["facts"] ?? {}) as Record<string, unknown>;
  const values: Record<string, RawValue> = Object.create(null) as Record<string, RawValue>;
  for (const [name, spec] of Object.entries(file.inputs)) {
    const fieldSpec: FieldSpec = { name, ...spec };
    let value: unknown;
    if (spec.fromProfile === "fields") {
      const known = spec.values ?? {};
      const given = (profile["fields"] as string[] | undefined) ?? [];
      value = given.filter((f) => Object.prototype.hasOwnProperty.call(known, f));
    } else if (spec.fromProfile) value = profile[spec.fromProfile];
    else value = Object.prototype.hasOwnProperty.call(facts, name) ? facts[name] : undefined;
    if (value !== undefined) values[name] = rawFromFact(fieldSpec, value, CALCULATOR);
  }
  state.values[m.ruleId] = values;
  location.hash = routeHash({ view: "rules", ruleId: m.ruleId });
}
