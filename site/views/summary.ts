/**
 * A one-line summary of the decision (its status and amount), shown above the form on narrow screens,
 * where the full decision panel comes after the form (style.css shows it below 1100 px only).
 */
import type { SafeEvaluateResult } from "../../src/index.js";
import { h, type Child } from "../dom.js";
import { t } from "../fields.js";
import { formatValue } from "../format.js";
import type { Lang } from "../i18n.js";
import { lib } from "../state.js";

export function decisionSummary(result: SafeEvaluateResult, lang: Lang, jump: () => void, jumpLabel: string): Child {
  let status: string;
  let cls: string;
  let amount: string | undefined;
  if (!result.ok) {
    const missing = result.issues.length > 0 && result.issues.every((i) => i.code === "missing_input");
    status = missing ? t("fillForm", lang, { n: result.issues.length }) : t("invalidForm", lang, { n: result.issues.filter((i) => i.code !== "missing_input").length });
    cls = missing ? "status-pending" : "status-invalid";
  } else {
    const d = result.decision;
    const eligible = d.outcome["eligible"];
    if (!d.inForce) [status, cls] = [t("notInForce", lang, { on: d.on }), "status-not-in-force"];
    else if (!d.applicable) [status, cls] = [t("notApplicable", lang), "status-not-applicable"];
    else if (typeof eligible === "boolean") [status, cls] = [t(eligible ? "eligible" : "notEligible", lang), eligible ? "status-eligible" : "status-not-eligible"];
    else [status, cls] = [t("decision", lang), "status-pending"];
    const file = lib().getRule(d.ruleId, d.version).file;
    const money = Object.entries(file.outcome).find(([name, spec]) => spec.type === "money" && typeof d.outcome[name] === "string");
    if (money && d.inForce) amount = `${money[1].label[lang]}: ${formatValue("money", d.outcome[money[0]], lang)}`;
  }
  return h(
    "div",
    { class: `status ${cls}` },
    h("span", { class: "summary-status" }, status),
    amount ? h("span", { class: "summary-amount" }, amount) : null,
    h("button", { type: "button", class: "link summary-jump", onclick: jump }, jumpLabel),
  );
}
