/**
 * The versions of a rule: each version's validity and change notes, and between consecutive versions
 * the diff in words and the cases whose outcome changes. Shipped rules with one version say so; where a
 * hypothetical amendment of that rule is bundled from tests/fixtures, it can be shown, clearly labelled.
 */
import { loadRuleSet, type LoadedRuleVersion, type RuleSet } from "../../src/index.js";
import { HYPOTHETICAL_FIXTURES } from "virtual:site-fixtures";
import { h, type Child } from "../dom.js";
import { t } from "../fields.js";
import { formatRange } from "../format.js";
import { type Lang } from "../i18n.js";
import { lib, routeHash, state } from "../state.js";
import type { ViewContext } from "./calculator.js";
import { renderDiff } from "./diff.js";

let fixtureSets: { name: string; set: RuleSet }[] | undefined;

/** The bundled hypothetical rule sets, loaded (and checked) on first use. */
function hypotheticalSets(): { name: string; set: RuleSet }[] {
  return (fixtureSets ??= HYPOTHETICAL_FIXTURES.map((f) => ({ name: f.name, set: loadRuleSet(f.sources) })));
}

function versionList(versions: readonly LoadedRuleVersion[], lang: Lang): HTMLElement {
  return h(
    "ol",
    { class: "version-list" },
    versions.map((v) =>
      h(
        "li",
        { "data-version": v.file.version },
        h("strong", {}, `v${v.file.version}`),
        ` ${formatRange(v.validFrom, v.validTo, lang)}`,
        h("ul", { class: "small" }, v.file.changes.map((c) => h("li", {}, `${c.date}: ${c.note[lang]}`))),
      ),
    ),
  );
}

function pairs(set: RuleSet, ruleId: string, lang: Lang): Child[] {
  const versions = set.versions(ruleId);
  const out: Child[] = [versionList(versions, lang)];
  for (let i = 1; i < versions.length; i++) out.push(renderDiff(set, ruleId, versions[i - 1]!, versions[i]!, lang));
  return out;
}

export function renderVersions(ruleId: string | undefined, ctx: ViewContext): HTMLElement {
  const { lang } = state;
  const engine = lib();
  const ids = engine.ruleSet.ruleIds();
  const chosen = ruleId !== undefined && ids.includes(ruleId) ? ruleId : ids.find((id) => engine.ruleSet.versions(id).length > 1) ?? ids[0];
  const select = h(
    "select",
    {
      id: "versions-rule",
      onchange: () => {
        location.hash = routeHash({ view: "versions", ruleId: select.value });
      },
    },
    ids.map((id) => {
      const n = engine.ruleSet.versions(id).length;
      return h("option", { value: id, selected: id === chosen }, `${engine.getRule(id).file.title[lang]} (${id})${n > 1 ? ` ${t("multiVersion", lang)}` : ""}`);
    }),
  );
  if (chosen !== undefined) select.value = chosen;

  const body: Child[] = [];
  if (chosen !== undefined) {
    const versions = engine.ruleSet.versions(chosen);
    if (versions.length > 1) {
      body.push(pairs(engine.ruleSet, chosen, lang));
    } else {
      body.push(versionList(versions, lang), h("p", { class: "status status-pending", "data-status": "one-version" }, t("oneVersion", lang, { v: versions[0]!.file.version })));
      const fixtures = hypotheticalSets().filter((f) => f.set.ruleIds().includes(chosen) && f.set.versions(chosen).length > 1);
      for (const f of fixtures) {
        const open = state.hypotheticalFor === `${f.name}:${chosen}`;
        body.push(
          h(
            "section",
            { class: "hypothetical", "data-hypothetical": f.name },
            h("h3", {}, h("span", { class: "badge hypo" }, t("hypothetical", lang)), ` tests/fixtures/${f.name}`),
            h("p", { class: "note" }, t("hypotheticalNote", lang)),
            open
              ? pairs(f.set, chosen, lang)
              : h(
                  "button",
                  {
                    type: "button",
                    "data-show-hypothetical": f.name,
                    onclick: () => {
                      state.hypotheticalFor = `${f.name}:${chosen}`;
                      ctx.rerender();
                    },
                  },
                  t("hypotheticalShow", lang),
                ),
          ),
        );
      }
    }
  }
  return h(
    "article",
    { class: "versions", "data-view": "versions" },
    h("h2", {}, t("versionsTitle", lang)),
    h("p", { class: "muted" }, t("versionsIntro", lang)),
    h("div", { class: "field" }, h("label", { for: "versions-rule", class: "label" }, h("span", { class: "label-main" }, t("rule", lang))), h("div", { class: "control" }, select)),
    body,
  );
}
