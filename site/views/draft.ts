/**
 * The draft panel: paste or drop one rule version file, load it with the library's own loader next to
 * the shipped files of its document (the same byte limit, JSON checks, schema, logic profile and worked
 * examples as the CLI's --rules), evaluate it on facts, and diff it against the shipped version.
 */
import { createEngine, diffRules, loadRuleSet, MAX_RULE_FILE_BYTES, PolicyError, type LoadedRuleVersion, type PolicyIssue } from "../../src/index.js";
import { DraftError, loadDraft, replacementDraft, type LoadedDraft } from "../draft-load.js";
import { HYPOTHETICAL_FIXTURES } from "virtual:site-fixtures";
import { h, replace, type Child } from "../dom.js";
import { t } from "../fields.js";
import { formatValue } from "../format.js";
import type { Lang } from "../i18n.js";
import { pt } from "../page-text.js";
import { lib, state } from "../state.js";
import type { ViewContext } from "./calculator.js";
import { calculatorChart } from "./chart.js";
import { renderRuleDiff } from "./diff.js";

/** What the panel holds across re-renders (a language switch). */
const draft: { text: string; facts: string; on: string; loaded?: LoadedDraft | undefined; error?: { message: string; issues: readonly PolicyIssue[] } | undefined } = { text: "", facts: "", on: "" };

/** The shipped version a draft is compared with: the one of the same number, else the latest before it, else the latest. */
function shippedCounterpart(draftVersion: LoadedRuleVersion): LoadedRuleVersion | undefined {
  const id = draftVersion.file.id;
  if (!lib().ruleSet.ruleIds().includes(id)) return undefined;
  const shipped = lib().ruleSet.versions(id);
  const n = draftVersion.file.version;
  return shipped.find((v) => v.file.version === n) ?? [...shipped].reverse().find((v) => v.file.version < n) ?? shipped[shipped.length - 1];
}

function errorBox(message: string, issues: readonly PolicyIssue[], lang: Lang): HTMLElement {
  return h(
    "div",
    { class: "error-box", role: "alert", "data-draft-error": "" },
    h("strong", {}, pt("draftErrors", lang), lang === "zh" ? " · The draft cannot be loaded" : " · 草案无法加载"),
    h("pre", {}, message.split("\n")[0]),
    issues.length > 0 ? h("ul", { class: "small" }, issues.slice(0, 50).map((i) => h("li", {}, `${i.path}: ${i.message}`))) : null,
  );
}

function evaluation(loaded: LoadedDraft, lang: Lang): HTMLElement {
  const out = h("div", { class: "draft-decision", "aria-live": "polite" });
  const file = loaded.version.file;
  const factsBox = h("textarea", { id: "draft-facts", rows: 6, spellcheck: "false", oninput: () => (draft.facts = factsBox.value) });
  factsBox.value = draft.facts;
  const onBox = h("input", { type: "date", id: "draft-on", value: draft.on, oninput: () => (draft.on = onBox.value) });
  const run = (): void => {
    let facts: Record<string, unknown>;
    try {
      facts = JSON.parse(draft.facts) as Record<string, unknown>;
    } catch (error) {
      replace(out, h("p", { class: "msg msg-error", role: "alert" }, `${pt("draftNotJson", lang)}: ${(error as Error).message}`));
      return;
    }
    const engine = createEngine(loaded.set);
    const result = engine.safeEvaluate(file.id, facts, { on: draft.on, version: file.version });
    if (!result.ok) {
      replace(out, h("div", { class: "status status-invalid", "data-status": "invalid" }, t("invalidForm", lang, { n: result.issues.length })), h("ul", { class: "small" }, result.issues.map((i) => h("li", {}, `${i.path ? `${i.path}: ` : ""}${i.message}`))));
      return;
    }
    const d = result.decision;
    const eligible = d.outcome["eligible"];
    replace(
      out,
      !d.inForce
        ? h("div", { class: "status status-not-in-force", "data-status": "not-in-force" }, t("notInForce", lang, { on: d.on }))
        : typeof eligible === "boolean"
          ? h("div", { class: `status ${eligible ? "status-eligible" : "status-not-eligible"}`, "data-status": eligible ? "eligible" : "not-eligible" }, t(eligible ? "eligible" : "notEligible", lang))
          : null,
      h(
        "table",
        { class: "outcome" },
        h(
          "tbody",
          {},
          Object.entries(d.outcome).map(([name, value]) =>
            h("tr", { "data-outcome": name, "data-value": JSON.stringify(value) }, h("th", {}, file.outcome[name]?.label[lang] ?? name, " ", h("code", {}, name)), h("td", { class: "num" }, formatValue(file.outcome[name]?.type, value, lang))),
          ),
        ),
      ),
      calculatorChart(loaded.version, facts, draft.on, lang, engine),
    );
  };
  return h(
    "section",
    { class: "draft-evaluate" },
    h("h3", {}, pt("draftEvaluate", lang)),
    h("div", { class: "field" }, h("label", { for: "draft-on", class: "label" }, pt("draftOn", lang)), h("div", { class: "control" }, onBox)),
    h("div", { class: "field" }, h("label", { for: "draft-facts", class: "label" }, pt("draftFacts", lang)), factsBox),
    h("button", { type: "button", id: "draft-evaluate", onclick: run }, pt("draftEvaluate", lang)),
    out,
  );
}

function loadedView(loaded: LoadedDraft, lang: Lang): Child[] {
  const v = loaded.version;
  const shipped = shippedCounterpart(v);
  return [
    h("p", { class: "status status-eligible", "data-draft-loaded": `${v.file.id}@${v.file.version}` }, pt("draftLoaded", lang, { id: v.file.id, v: v.file.version })),
    evaluation(loaded, lang),
    h("h3", {}, pt("draftDiff", lang)),
    shipped
      ? renderRuleDiff(diffRules({ ruleSet: lib().ruleSet, ruleId: v.file.id, version: shipped.file.version }, { ruleSet: loaded.set, ruleId: v.file.id, version: v.file.version }), shipped, v, lang, lib().ruleSet, loaded.set)
      : h("p", { class: "muted" }, pt("draftNew", lang)),
  ];
}

/** A sample draft: the hypothetical amendment bundled for the versions view, as a replacement of the shipped version it amends. */
function sampleDraft(): string | undefined {
  for (const fixture of HYPOTHETICAL_FIXTURES) {
    const set = loadRuleSet(fixture.sources);
    for (const id of set.ruleIds()) {
      const versions = set.versions(id);
      const amended = versions[versions.length - 1]!;
      if (versions.length < 2 || !lib().ruleSet.ruleIds().includes(id)) continue;
      const shipped = lib().ruleSet.versions(id).find((v) => v.file.version === versions[0]!.file.version);
      if (shipped) return replacementDraft(amended, shipped);
    }
  }
  return undefined;
}

export function renderDraft(ctx: ViewContext): HTMLElement {
  const { lang } = state;
  const area = h("textarea", { id: "draft-text", rows: 14, spellcheck: "false", placeholder: '{ "id": "…/…", "version": 2, "extends": 1, … }', oninput: () => (draft.text = area.value) });
  area.value = draft.text;
  const result = h("div", { class: "draft-result" });
  const load = (): void => {
    draft.text = area.value;
    try {
      draft.loaded = loadDraft(draft.text);
      draft.error = undefined;
      const example = draft.loaded.version.file.examples[0];
      draft.facts = JSON.stringify(example?.facts ?? {}, null, 2);
      draft.on = example?.on ?? draft.loaded.version.validFrom;
    } catch (error) {
      if (!(error instanceof PolicyError || error instanceof DraftError)) throw error;
      draft.loaded = undefined;
      draft.error = { message: error instanceof DraftError ? (lang === "zh" ? `${error.zh} / ${error.en}` : `${error.en} / ${error.zh}`) : error.message, issues: (error as { issues?: readonly PolicyIssue[] }).issues ?? [] };
    }
    ctx.rerender();
  };
  const readFile = (file: File | undefined): void => {
    if (!file) return;
    // The size first: a file past the limit is refused without being read into memory.
    if (file.size > MAX_RULE_FILE_BYTES) {
      draft.loaded = undefined;
      draft.error = { message: `${pt("draftTooLarge", lang, { n: file.size, max: MAX_RULE_FILE_BYTES })} / ${pt("draftTooLarge", lang === "zh" ? "en" : "zh", { n: file.size, max: MAX_RULE_FILE_BYTES })}`, issues: [] };
      ctx.rerender();
      return;
    }
    void file.text().then((text) => {
      area.value = text;
      load();
    });
  };
  const picker = h("input", { type: "file", id: "draft-file", accept: ".json,application/json", onchange: () => readFile(picker.files?.[0]) });
  const drop = h(
    "div",
    {
      class: "drop-zone",
      "data-drop": "",
      ondragover: (e: Event) => e.preventDefault(),
      ondrop: (e: Event) => {
        e.preventDefault();
        readFile((e as DragEvent).dataTransfer?.files[0]);
      },
    },
    pt("draftDrop", lang),
    " · ",
    h("label", { for: "draft-file" }, pt("draftFile", lang)),
    " ",
    picker,
  );
  if (draft.error) replace(result, errorBox(draft.error.message, draft.error.issues, lang));
  else if (draft.loaded) replace(result, loadedView(draft.loaded, lang));
  return h(
    "article",
    { class: "draft", "data-view": "draft" },
    h("h2", {}, pt("draftTitle", lang)),
    h("p", { class: "muted" }, pt("draftIntro", lang)),
    h("div", { class: "field" }, h("label", { for: "draft-text", class: "label" }, pt("draftText", lang)), area),
    drop,
    h(
      "div",
      { class: "draft-actions" },
      h("button", { type: "button", id: "draft-load", onclick: load }, pt("draftLoad", lang)),
      HYPOTHETICAL_FIXTURES.length > 0
        ? h(
            "button",
            {
              type: "button",
              class: "link",
              id: "draft-sample",
              onclick: () => {
                area.value = draft.text = sampleDraft() ?? "";
              },
            },
            pt("draftExample", lang),
          )
        : null,
    ),
    result,
  );
}
