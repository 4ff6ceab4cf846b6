/** The page's state: language, the "as of" date, the route, and what was typed in each form. */
import { defaultEngine, provideRuleDetails, todayInShanghai, type Engine } from "../src/index.js";
// The worked examples, notes and changes of the shipped rules (the versions and diff views show them): a browser
// cannot read the package's rule-details.json itself (src/catalog/rule-details.ts).
import ruleDetails from "../src/generated/rule-details.json" with { type: "json" };
import type { RawValue } from "./fields.js";
import type { Lang } from "./i18n.js";

export type Route =
  | { view: "rules"; ruleId?: string }
  | { view: "match" }
  | { view: "versions"; ruleId?: string }
  | { view: "draft" };

export interface MatchState {
  type: string;
  city: string;
  fields: string[];
  otherFields: string;
  /** Only measures of these kinds (none: every kind). */
  kinds: string[];
  /** Only measures of these documents (none: every document). */
  documents: string[];
  /** Facts typed so far, by input name. */
  facts: Record<string, RawValue>;
}

export interface State {
  lang: Lang;
  /** The evaluation date, YYYY-MM-DD (may be briefly invalid while typed). */
  on: string;
  route: Route;
  /** Per rule id: the raw value of each input field. */
  values: Record<string, Record<string, RawValue>>;
  match: MatchState;
  /** The rule whose hypothetical amendment is shown in the versions view, if any. */
  hypotheticalFor?: string | undefined;
}

let engine: Engine | undefined;

/** The engine over the shipped rules (loaded once, on first use). */
export function lib(): Engine {
  if (engine === undefined) provideRuleDetails(ruleDetails);
  return (engine ??= defaultEngine());
}

function storedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem("jjj-policy-rules:lang");
    return v === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function storeLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem("jjj-policy-rules:lang", lang);
  } catch {
    // file:// pages in some browsers have no storage; the toggle still works for this visit.
  }
}

export const state: State = {
  lang: storedLang(),
  on: todayInShanghai(),
  route: { view: "rules" },
  values: Object.create(null) as Record<string, Record<string, RawValue>>,
  match: { type: "enterprise", city: "", fields: [], otherFields: "", kinds: [], documents: [], facts: Object.create(null) as Record<string, RawValue> },
};

/** Read the route from the location hash: `#/rule/<id>`, `#/match`, `#/versions/<id>`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    path = raw; // a malformed %-escape is read as written
  }
  if (path.startsWith("rule/")) return { view: "rules", ruleId: path.slice(5) };
  if (path === "match") return { view: "match" };
  if (path === "draft") return { view: "draft" };
  if (path === "versions") return { view: "versions" };
  if (path.startsWith("versions/")) return { view: "versions", ruleId: path.slice(9) };
  return { view: "rules" };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case "rules":
      return route.ruleId ? `#/rule/${route.ruleId}` : "#/";
    case "match":
      return "#/match";
    case "draft":
      return "#/draft";
    case "versions":
      return route.ruleId ? `#/versions/${route.ruleId}` : "#/versions";
  }
}
