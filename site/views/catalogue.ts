/** The list of documents and their rules, with each version's validity and whether it is in force on the "as of" date. */
import { isInForce, isIsoDate, type RuleDescription } from "../../src/index.js";
import { h } from "../dom.js";
import { t } from "../fields.js";
import { formatPoint, formatRange } from "../format.js";
import { KINDS } from "../i18n.js";
import { lib, routeHash, state } from "../state.js";
import { pt } from "../page-text.js";

/** What was typed in the search box (kept across re-renders of the list). */
let query = "";

/** The text a rule is found by: its Chinese and English titles (every version) and its id, lower-cased. */
function searchText(versions: readonly RuleDescription[]): string {
  return [versions[0]!.id, ...versions.flatMap((v) => [v.file.title.zh, v.file.title.en])].join("\n").toLowerCase();
}

/** Show the rules whose titles or id contain every word of the query, and the documents that have one. */
function applySearch(nav: HTMLElement, count: HTMLElement): void {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const li of nav.querySelectorAll<HTMLElement>("li.rule")) {
    const hit = words.every((w) => (li.dataset["search"] ?? "").includes(w));
    li.hidden = !hit;
    if (hit) shown++;
  }
  for (const doc of nav.querySelectorAll<HTMLElement>("section.document")) doc.hidden = words.length > 0 && doc.querySelector("li.rule:not([hidden])") === null;
  count.textContent = words.length === 0 ? "" : shown === 0 ? pt("searchNone", state.lang) : pt("searchCount", state.lang, { n: shown });
}

export function renderCatalogue(): HTMLElement {
  const { lang, on } = state;
  const engine = lib();
  const all = engine.listRules();
  const byId = new Map<string, RuleDescription[]>();
  for (const r of all) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const current = state.route.view === "rules" || state.route.view === "versions" ? state.route.ruleId : undefined;
  const dateOk = isIsoDate(on);

  const documents = engine.ruleSet.documents().map((doc) => {
    const ids = [...byId.keys()].filter((id) => byId.get(id)![0]!.file.document === doc.id);
    const rules = ids.map((id) => {
      const versions = byId.get(id)!;
      const latest = versions[versions.length - 1]!;
      const inForce = dateOk && versions.some((v) => isInForce(v, on));
      return h(
        "li",
        { class: `rule${current === id ? " current" : ""}`, "data-rule": id, "data-search": searchText(versions) },
        h(
          "a",
          { href: routeHash({ view: state.route.view === "versions" ? "versions" : "rules", ruleId: id }) },
          h("span", { class: "rule-title" }, latest.file.title[lang]),
          h("span", { class: "rule-id" }, id),
        ),
        h(
          "div",
          { class: "rule-meta" },
          h("span", { class: `badge kind-${latest.file.kind}` }, KINDS[latest.file.kind]?.[lang] ?? latest.file.kind),
          " ",
          dateOk ? h("span", { class: `badge ${inForce ? "in-force" : "not-in-force"}` }, t(inForce ? "inForceOn" : "notInForceOn", lang, { on })) : null,
        ),
        h(
          "ul",
          { class: "versions" },
          versions.map((v) => h("li", {}, `v${v.version}: ${formatRange(v.validFrom, v.validTo, lang)}`)),
        ),
      );
    });
    return h(
      "section",
      { class: "document", "data-document": doc.id },
      h("h3", {}, doc.title[lang]),
      h(
        "dl",
        { class: "doc-meta" },
        h("dt", {}, t("document", lang)),
        h("dd", {}, h("code", {}, doc.id)),
        h("dt", {}, t("issuer", lang)),
        h("dd", {}, doc.issuer[lang]),
        h("dt", {}, t("issued", lang)),
        h("dd", {}, formatPoint(doc.date, lang)),
        h("dt", {}, t("validity", lang)),
        h("dd", { title: doc.validity.note[lang] }, `${doc.validity.from ? formatPoint(doc.validity.from, lang) : "—"} – ${formatPoint(doc.validity.to, lang)}`),
      ),
      h("p", { class: "doc-count" }, t("rulesCount", lang, { n: ids.length, m: doc.measures.length })),
      rules.length > 0 ? h("ul", { class: "rules" }, rules) : h("p", { class: "muted" }, t("noRules", lang)),
    );
  });

  const count = h("p", { class: "search-count small muted", id: "rule-search-count", "aria-live": "polite" });
  const box = h("input", {
    type: "search",
    id: "rule-search",
    value: query,
    placeholder: pt("searchPlaceholder", lang),
    "aria-describedby": "rule-search-count",
    autocomplete: "off",
    oninput: () => {
      query = box.value;
      applySearch(nav, count);
    },
  });
  const nav = h(
    "nav",
    { class: "catalogue", "aria-label": t("documents", lang) },
    h("div", { class: "search" }, h("label", { for: "rule-search", class: "label" }, pt("search", lang)), box, count),
    h("h2", {}, t("documents", lang)),
    documents,
  );
  applySearch(nav, count);
  return nav;
}
