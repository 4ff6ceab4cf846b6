/**
 * One rule: its titles, source quote, parameters, and a form generated from its declared inputs whose
 * decision is recomputed on every edit (with `safeEvaluate`; each issue is shown next to its field).
 */
import { isIsoDate, type Decision, type LoadedRuleVersion, type PolicyIssue, type RuleFile, type SafeEvaluateResult } from "../../src/index.js";
import { h, replace, type Child } from "../dom.js";
import { CALCULATOR, convert, initialRaw, issuesFor, rawFromFact, renderField, showFieldState, t, type Converted, type FieldSpec, type RawValue, type RenderedField } from "../fields.js";
import { formatPoint, formatValue } from "../format.js";
import { KINDS, SUBJECT_TYPES, type Lang } from "../i18n.js";
import { lib, state } from "../state.js";
import { pt } from "../page-text.js";
import { calculatorChart } from "./chart.js";
import { decisionSummary } from "./summary.js";

export interface ViewContext {
  /** Rebuild the whole page (after a language switch, or when the form itself must change). */
  rerender(): void;
  /** Refresh the document list (its in-force badges follow the "as of" date). */
  refreshCatalogue(): void;
  /** Ids of datalists by profile field (`city`, `type`), for inputs filled from a profile. */
  datalists: Readonly<Record<string, string>>;
}

/** The version whose inputs the form asks for: the one in force on the date, else the one the engine would use as a template. */
export function formVersion(ruleId: string, on: string): LoadedRuleVersion {
  const set = lib().ruleSet;
  const versions = set.versions(ruleId);
  if (isIsoDate(on)) {
    const inForce = set.versionOn(ruleId, on);
    if (inForce) return inForce;
    const before = versions.filter((v) => v.validFrom <= on);
    if (before.length > 0) return before[before.length - 1]!;
  }
  return versions[0]!;
}

export function inputSpecs(file: RuleFile): FieldSpec[] {
  return Object.entries(file.inputs).map(([name, spec]) => ({ name, ...spec }));
}

function sourceSection(file: RuleFile, lang: Lang): HTMLElement {
  return h(
    "section",
    { class: "source" },
    h("h3", {}, t("sourceQuote", lang)),
    file.source.heading ? h("p", { class: "source-heading" }, file.source.heading) : null,
    h("blockquote", { lang: "zh", "data-source-quote": "" }, file.source.quote),
  );
}

function metaSection(version: LoadedRuleVersion, lang: Lang): HTMLElement {
  const file = version.file;
  const engine = lib();
  const doc = engine.ruleSet.document(file.document);
  const subjects = file.subjects;
  const validityNote = (p: { note?: { zh: string; en: string } | undefined } | undefined) => (p?.note ? h("div", { class: "note" }, p.note[lang]) : null);
  return h(
    "dl",
    { class: "rule-facts" },
    h("dt", {}, t("ruleId", lang)),
    h("dd", {}, h("code", {}, file.id), ` · v${file.version} (${t("versions", lang)}: ${engine.ruleSet.versions(file.id).map((v) => `v${v.file.version}`).join(", ")})`),
    h("dt", {}, t("document", lang)),
    h("dd", {}, doc ? doc.title[lang] : file.document, " · ", t("clause", lang), " ", file.clause),
    h("dt", {}, t("kind", lang)),
    h("dd", {}, KINDS[file.kind]?.[lang] ?? file.kind),
    h("dt", {}, t("validity", lang)),
    h(
      "dd",
      { "data-validity": "" },
      `${formatPoint(file.validity.from, lang)} – ${file.validity.to ? formatPoint(file.validity.to, lang) : version.validTo ?? t("openEnded", lang)}`,
      validityNote(file.validity.from),
      validityNote(file.validity.to),
    ),
    h("dt", {}, t("subjects", lang)),
    h(
      "dd",
      {},
      subjects.types.map((ty) => SUBJECT_TYPES[ty]?.[lang] ?? ty).join(lang === "zh" ? "、" : ", "),
      "; ",
      subjects.places ? `${t("places", lang)}: ${subjects.places.join(", ")}` : t("anywhere", lang),
      subjects.fields ? `; ${t("fields", lang)}: ${subjects.fields.join(", ")}` : "",
      subjects.note ? h("div", { class: "note" }, subjects.note[lang]) : null,
    ),
    h("dt", {}, t("responsible", lang)),
    h("dd", {}, file.responsibleUnits.length > 0 ? file.responsibleUnits.map((u) => u[lang]).join(lang === "zh" ? "、" : "; ") : "—"),
  );
}

function parametersSection(file: RuleFile, lang: Lang): HTMLElement {
  const rows = Object.entries(file.parameters).map(([name, p]) =>
    h(
      "tr",
      { "data-parameter": name },
      h("td", {}, p.label[lang], h("div", {}, h("code", {}, name))),
      h("td", { class: "num" }, formatValue(p.type, p.value, lang, p.values, p.unit)),
      h("td", { lang: "zh" }, p.sourceText ?? "—", p.note ? h("div", { class: "note", lang }, p.note[lang]) : null),
    ),
  );
  return h(
    "section",
    { class: "parameters" },
    h("h3", {}, t("parameters", lang)),
    rows.length > 0
      ? h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, t("paramName", lang)), h("th", {}, t("paramValue", lang)), h("th", {}, t("paramSource", lang)))), h("tbody", {}, rows))
      : h("p", { class: "muted" }, t("none", lang)),
  );
}

function notesSection(file: RuleFile, lang: Lang): HTMLElement | null {
  const notes = file.notes ?? [];
  return h(
    "section",
    { class: "notes" },
    notes.length > 0 ? [h("h3", {}, t("notes", lang)), h("ul", {}, notes.map((n) => h("li", {}, n[lang])))] : null,
    h("h3", {}, t("changes", lang)),
    h("ul", {}, file.changes.map((c) => h("li", {}, `${c.date}: ${c.note[lang]}`))),
  );
}

/** The decision panel for one result of `safeEvaluate`. */
export function renderDecision(result: SafeEvaluateResult, lang: Lang, on: string): Child[] {
  if (!result.ok) {
    const issues = result.issues;
    const missingOnly = issues.length > 0 && issues.every((i) => i.code === "missing_input");
    return [
      h(
        "div",
        { class: `status ${missingOnly ? "status-pending" : "status-invalid"}`, "data-status": missingOnly ? "pending" : "invalid" },
        missingOnly ? t("fillForm", lang, { n: issues.length }) : t("invalidForm", lang, { n: issues.filter((i) => i.code !== "missing_input").length }),
      ),
      result.error.name !== "InvalidFactsError" ? h("p", { class: "msg msg-error" }, result.error.message) : null,
    ];
  }
  const d: Decision = result.decision;
  const file = lib().getRule(d.ruleId, d.version).file;
  const statuses: Child[] = [];
  if (!d.inForce) statuses.push(h("div", { class: "status status-not-in-force", "data-status": "not-in-force" }, t("notInForce", lang, { on: d.on })));
  else if (!d.applicable) statuses.push(h("div", { class: "status status-not-applicable", "data-status": "not-applicable" }, t("notApplicable", lang)));
  const eligible = d.outcome["eligible"];
  if (d.inForce && typeof eligible === "boolean") {
    statuses.push(h("div", { class: `status ${eligible ? "status-eligible" : "status-not-eligible"}`, "data-status": eligible ? "eligible" : "not-eligible" }, t(eligible ? "eligible" : "notEligible", lang)));
  }
  // The first money field of the outcome, shown large: the amount a benefit grants, a shortfall …
  const headline = Object.entries(file.outcome).find(([name, spec]) => spec.type === "money" && typeof d.outcome[name] === "string");
  const rows = Object.keys(d.outcome).map((name) => {
    const spec = Object.prototype.hasOwnProperty.call(file.outcome, name) ? file.outcome[name] : undefined;
    return h(
      "tr",
      { "data-outcome": name, "data-value": JSON.stringify(d.outcome[name]) },
      h("th", {}, spec ? spec.label[lang] : name, " ", h("code", {}, name)),
      h("td", { class: "num" }, formatValue(spec?.type, d.outcome[name], lang)),
    );
  });
  return [
    statuses,
    headline && d.inForce
      ? h("p", { class: "headline", "data-headline": headline[0] }, h("span", { class: "headline-label" }, file.outcome[headline[0]]!.label[lang]), h("span", { class: "headline-value" }, formatValue("money", d.outcome[headline[0]], lang)))
      : null,
    h("h4", {}, t("outcome", lang)),
    h("table", { class: "outcome" }, h("tbody", {}, rows)),
    d.conditions.length > 0
      ? [
          h("h4", {}, t("conditions", lang)),
          h(
            "ul",
            { class: "conditions" },
            d.conditions.map((c) => h("li", { class: c.holds ? "holds" : "fails", "data-condition": c.id }, `${c.holds ? "✓" : "✗"} ${c.label[lang]} (${t(c.holds ? "holds" : "fails", lang)})`)),
          ),
        ]
      : null,
    h("h4", {}, t("explanation", lang)),
    h("ol", { class: "explanation", lang }, d.explanation.map((e) => h("li", {}, e[lang]))),
    h(
      "details",
      { class: "provenance" },
      h("summary", {}, t("provenance", lang)),
      h("pre", {}, JSON.stringify({ ...d.provenance, on }, null, 2)),
    ),
  ];
}

export function renderCalculator(ruleId: string, ctx: ViewContext): HTMLElement {
  const { lang } = state;
  const engine = lib();
  const version = formVersion(ruleId, state.on);
  const file = version.file;
  const specs = inputSpecs(file);
  const values = (state.values[ruleId] ??= Object.create(null) as Record<string, RawValue>);

  const fields = new Map<string, RenderedField>();
  const fieldEls = specs.map((spec) => {
    if (!Object.prototype.hasOwnProperty.call(values, spec.name)) values[spec.name] = rawDefault(spec);
    const field = renderField(
      spec,
      values[spec.name]!,
      lang,
      CALCULATOR,
      (raw) => {
        values[spec.name] = raw;
        update();
      },
      ctx.datalists,
    );
    fields.set(spec.name, field);
    return field.root;
  });

  const asOfMessages = h("div", { class: "messages", "data-error-for": "@on", "aria-live": "polite" });
  const asOf = h("input", {
    type: "date",
    id: "as-of",
    value: state.on,
    required: true,
    onchange: () => setDate(asOf.value),
    oninput: () => setDate(asOf.value),
  });
  const formMessages = h("div", { class: "messages form-messages", "aria-live": "polite" });
  const decision = h("section", { class: "decision", id: "decision", "aria-live": "polite", "data-rule": ruleId });
  // On a narrow screen the form comes before the decision: a short summary of it sits above the form.
  const summary = h("div", { class: "decision-summary", "data-summary": ruleId });
  const chartBox = h("div", { class: "chart-box" });

  function setDate(value: string): void {
    if (value === state.on) return;
    state.on = value;
    if (isIsoDate(value) && formVersion(ruleId, value) !== version) {
      ctx.rerender();
      return;
    }
    ctx.refreshCatalogue();
    update();
  }

  function update(): void {
    const converted = new Map<string, Converted>();
    const facts: Record<string, unknown> = {};
    for (const spec of specs) {
      const c = convert(spec, values[spec.name], CALCULATOR);
      converted.set(spec.name, c);
      if (c.present) facts[spec.name] = c.value;
    }
    if (!isIsoDate(state.on)) {
      replace(asOfMessages, h("div", { class: "msg msg-error", role: "alert" }, t("asOfHelp", lang)));
      for (const spec of specs) showFieldState(fields.get(spec.name)!, spec, converted.get(spec.name)!, [], lang);
      replace(decision, h("h3", {}, t("decision", lang)), h("div", { class: "status status-invalid", "data-status": "invalid" }, `${t("asOf", lang)}: YYYY-MM-DD`));
      replace(summary);
      replace(chartBox);
      return;
    }
    asOfMessages.replaceChildren();
    const result = engine.safeEvaluate(ruleId, facts, { on: state.on });
    const issues: readonly PolicyIssue[] = result.ok ? [] : result.issues;
    const placed = new Set<PolicyIssue>();
    for (const spec of specs) {
      const mine = issuesFor(spec.name, issues);
      mine.forEach((i) => placed.add(i));
      showFieldState(fields.get(spec.name)!, spec, converted.get(spec.name)!, mine, lang);
    }
    replace(
      formMessages,
      issues.filter((i) => !placed.has(i)).map((i) => h("div", { class: "msg msg-error", role: "alert" }, i.path ? `${i.path}: ${i.message}` : i.message)),
    );
    replace(decision, h("h3", {}, t("decision", lang)), renderDecision(result, lang, state.on));
    replace(summary, decisionSummary(result, lang, () => decision.scrollIntoView({ block: "start" }), pt("summaryJump", lang)));
    replace(chartBox, calculatorChart(version, facts, state.on, lang));
    // For scripts and tests: what was decided, without parsing the words.
    if (result.ok) {
      decision.dataset["version"] = String(result.decision.version);
      decision.dataset["inForce"] = String(result.decision.inForce);
      decision.dataset["applicable"] = String(result.decision.applicable);
    } else {
      for (const key of ["version", "inForce", "applicable"]) delete decision.dataset[key];
    }
  }

  const examples = file.examples.map((ex, i) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "link",
          "data-example": i,
          onclick: () => {
            const next: Record<string, RawValue> = Object.create(null) as Record<string, RawValue>;
            for (const spec of specs) next[spec.name] = Object.prototype.hasOwnProperty.call(ex.facts, spec.name) ? rawFromFact(spec, ex.facts[spec.name], CALCULATOR) : rawDefault(spec);
            state.values[ruleId] = next;
            state.on = ex.on;
            ctx.rerender();
          },
        },
        `${ex.on} · ${ex.description[lang]}`,
      ),
    ),
  );

  const view = h(
    "article",
    { class: "calculator", "data-view": "calculator", "data-rule": ruleId },
    h("header", { class: "rule-head" }, h("h2", { "data-title": lang }, file.title[lang]), h("p", { class: "title-alt", lang: lang === "zh" ? "en" : "zh" }, file.title[lang === "zh" ? "en" : "zh"])),
    summary,
    sourceSection(file, lang),
    h(
      "div",
      { class: "work" },
      h(
        "form",
        { class: "facts", novalidate: true, onsubmit: (e: Event) => e.preventDefault(), "data-version": file.version },
        h("h3", {}, t("form", lang)),
        h(
          "div",
          { class: "field field-date", "data-field": "@on" },
          h("label", { for: "as-of", class: "label" }, h("span", { class: "label-main" }, t("asOf", lang))),
          h("div", { class: "control" }, asOf),
          h("div", { class: "help" }, t("asOfHelp", lang)),
          asOfMessages,
        ),
        h("p", { class: "muted small" }, t("formVersion", lang, { v: file.version })),
        fieldEls,
        formMessages,
      ),
      decision,
    ),
    chartBox,
    h("h3", {}, t("about", lang)),
    metaSection(version, lang),
    parametersSection(file, lang),
    h("section", { class: "examples" }, h("h3", {}, t("examples", lang)), h("ul", {}, examples)),
    notesSection(file, lang),
  );
  update();
  return view;
}

function rawDefault(spec: FieldSpec): RawValue {
  return initialRaw(spec, CALCULATOR);
}
