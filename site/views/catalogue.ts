/** The list of documents and their rules, with each version's validity and whether it is in force on the "as of" date. */
import { isInForce, isIsoDate, type RuleDescription } from "../../src/index.js";
import { h } from "../dom.js";
import { t } from "../fields.js";
import { formatPoint, formatRange } from "../format.js";
import { KINDS } from "../i18n.js";
import { lib, routeHash, state } from "../state.js";

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
        { class: `rule${current === id ? " current" : ""}`, "data-rule": id },
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

  return h("nav", { class: "catalogue", "aria-label": t("documents", lang) }, h("h2", {}, t("documents", lang)), documents);
}
