/**
 * The policy calculator page: jjj-policy-rules' core entry running in the browser. Plain DOM, no
 * framework, no network. Routes (in the location hash, so the page works from a file):
 * `#/rule/<id>` a rule and its calculator, `#/match` policy matching, `#/versions/<id>` versions.
 */
import { SUBJECT_TYPES } from "../src/schema/values.js";
import { append, attempt, h, onGuardedError, replace } from "./dom.js";
import { t } from "./fields.js";
import { lib, parseRoute, routeHash, state, storeLang, type Route } from "./state.js";
import { renderCalculator, type ViewContext } from "./views/calculator.js";
import { renderCatalogue } from "./views/catalogue.js";
import { renderMatch } from "./views/match.js";
import { renderVersions } from "./views/versions.js";
import { renderDraft } from "./views/draft.js";
import { startRule } from "./start-rule.js";
import { pt } from "./page-text.js";

const errors = h("div", { class: "errors", id: "errors", "aria-live": "assertive" });

function showError(error: unknown): void {
  console.error(error);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const box = h(
    "div",
    { class: "error-box", role: "alert" },
    h("strong", {}, t("errorTitle", state.lang)),
    h("pre", {}, message),
    h("button", { type: "button", onclick: () => box.remove() }, t("dismiss", state.lang)),
  );
  errors.appendChild(box);
}
onGuardedError(showError);
window.addEventListener("error", (event) => {
  event.preventDefault();
  showError(event.error ?? event.message);
});
window.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  showError(event.reason);
});

/** Datalists for inputs filled from a profile: the cities the rules name, the subject types. */
function datalists(): { elements: HTMLElement[]; ids: Record<string, string> } {
  const places = new Set<string>();
  for (const r of lib().listRules()) for (const p of r.file.subjects.places ?? []) places.add(p);
  return {
    elements: [
      h("datalist", { id: "dl-city" }, [...places].sort().map((p) => h("option", { value: p }))),
      h("datalist", { id: "dl-type" }, SUBJECT_TYPES.map((ty) => h("option", { value: ty }))),
    ],
    ids: { city: "dl-city", type: "dl-type" },
  };
}

const shell = {
  root: document.getElementById("app") ?? document.body,
  header: h("header", { class: "top" }),
  side: h("aside", { class: "side" }),
  main: h("main", { class: "main", id: "main" }),
};

let lists: ReturnType<typeof datalists> | undefined;
/** The rule last scrolled into view in the list of rules. */
let revealed: string | undefined;

const ctx: ViewContext = {
  rerender: () => render(),
  refreshCatalogue: () => attempt(() => replace(shell.side, renderCatalogue())),
  get datalists() {
    return (lists ??= datalists()).ids;
  },
};

function navLink(route: Route, key: "navRules" | "navMatch" | "navVersions"): HTMLElement {
  const active = state.route.view === route.view;
  return h("a", { href: routeHash(route), class: active ? "active" : undefined, "aria-current": active ? "page" : undefined, "data-nav": route.view }, t(key, state.lang));
}

function renderHeader(): void {
  const { lang } = state;
  const current = state.route.view === "rules" || state.route.view === "versions" ? state.route.ruleId : undefined;
  replace(
    shell.header,
    h("div", { class: "brand" }, h("h1", {}, t("appTitle", lang)), h("p", { class: "muted small" }, t("appSubtitle", lang), " ", t("offline", lang))),
    h(
      "div",
      { class: "controls" },
      h(
        "nav",
        { class: "tabs" },
        navLink({ view: "rules", ...(current !== undefined && { ruleId: current }) }, "navRules"),
        navLink({ view: "match" }, "navMatch"),
        navLink({ view: "versions", ...(current !== undefined && { ruleId: current }) }, "navVersions"),
        h("a", { href: routeHash({ view: "draft" }), class: state.route.view === "draft" ? "active" : undefined, "aria-current": state.route.view === "draft" ? "page" : undefined, "data-nav": "draft" }, pt("navDraft", lang)),
      ),
      h(
        "button",
        {
          type: "button",
          id: "lang-toggle",
          lang: lang === "zh" ? "en" : "zh",
          title: t("langToggleTitle", lang),
          onclick: () => {
            state.lang = state.lang === "zh" ? "en" : "zh";
            storeLang(state.lang);
            revealed = undefined; // the list's heights change with the language
            render();
          },
        },
        t("langToggle", lang),
      ),
    ),
  );
}

function renderMain(): HTMLElement {
  const route = state.route;
  switch (route.view) {
    case "match":
      return renderMatch(ctx);
    case "versions":
      return renderVersions(route.ruleId, ctx);
    case "draft":
      return renderDraft(ctx);
    case "rules": {
      if (route.ruleId === undefined) return h("p", { class: "placeholder" }, t("chooseRule", state.lang));
      if (!lib().ruleSet.ruleIds().includes(route.ruleId)) {
        return h("div", { class: "error-box", role: "alert" }, `unknown rule "${route.ruleId}"`, h("p", {}, t("chooseRule", state.lang)));
      }
      return renderCalculator(route.ruleId, ctx);
    }
  }
}

function render(): void {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("appTitle", state.lang);
  attempt(renderHeader);
  attempt(() => replace(shell.side, renderCatalogue()));
  const view = attempt(renderMain);
  replace(shell.main, view ?? h("p", { class: "placeholder" }, t("chooseRule", state.lang)));
  attempt(revealCurrentRule);
}

/** Scroll the list of rules (not the page) so that the chosen rule is in view, once per rule chosen. */
function revealCurrentRule(): void {
  const current = shell.side.querySelector<HTMLElement>("li.rule.current");
  const id = current?.dataset["rule"];
  if (!current || id === revealed) return;
  revealed = id;
  const side = shell.side.getBoundingClientRect();
  const item = current.getBoundingClientRect();
  // The search box stays at the top of the list (sticky): the rule is scrolled to just below it.
  const search = shell.side.querySelector(".search")?.getBoundingClientRect().height ?? 0;
  if (item.top < side.top + search || item.bottom > side.bottom) shell.side.scrollTop += item.top - side.top - 48 - search;
}

function start(): void {
  // The error box first, so that even a rule set that fails to load is reported on the page.
  replace(shell.root, errors, shell.header, h("div", { class: "layout" }, shell.side, shell.main));
  lists = datalists();
  append(shell.root, lists.elements);
  state.route = parseRoute(location.hash);
  // Without a rule chosen, open the subsidy calculator (config.ts): the page is a calculator first.
  if (state.route.view === "rules" && state.route.ruleId === undefined) {
    const first = startRule(lib());
    if (first !== undefined) state.route = { view: "rules", ruleId: first };
  }
  render();
  window.addEventListener("hashchange", () =>
    attempt(() => {
      state.route = parseRoute(location.hash);
      render();
      window.scrollTo(0, 0);
    }),
  );
  document.body.dataset["ready"] = "true";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => attempt(start));
else attempt(start);
