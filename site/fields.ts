/**
 * Form fields generated from a rule's declared inputs, and the conversion of what was typed into the
 * facts the engine takes. Nothing here knows any one rule: the field is chosen by the input's `type`.
 */
import type { InputSpec, PolicyIssue } from "../src/index.js";
import { groupDigits, parseAmount, parseRate } from "./amount.js";
import { VALUE_TYPES } from "../src/types/index.js";
import { guard, h, type Child } from "./dom.js";
import { UI, type Lang, type Text } from "./i18n.js";
import { issueZh } from "./issue-text.js";

/** What a field needs to know about an input: a rule's InputSpec, or a MissingInput from matching. */
export interface FieldSpec {
  name: string;
  type: InputSpec["type"];
  label: Text;
  description?: Text | undefined;
  values?: Readonly<Record<string, Text>> | undefined;
  min?: string | undefined;
  max?: string | undefined;
  pattern?: string | undefined;
  default?: InputSpec["default"] | undefined;
  fromProfile?: InputSpec["fromProfile"] | undefined;
}

/**
 * What the user has put in a field: text (inputs, selects, dates), a yes or no, or a list of checked values.
 * A boolean or a list not answered yet is `""`: a missing answer is never read as "no" or "none".
 */
export type RawValue = string | boolean | readonly string[];

/** How a field is shown: in the calculator a boolean is a checkbox; in matching, where most facts are unknown, a select. */
export interface FieldMode {
  /** Booleans as a select (unknown / yes / no), and an empty list of checked values as unknown. */
  unknownAllowed: boolean;
}

export const CALCULATOR: FieldMode = { unknownAllowed: false };
export const MATCHING: FieldMode = { unknownAllowed: true };

/** The fact value for a field, or absent; `preview` shows how a typed amount was read. */
export interface Converted {
  present: boolean;
  value?: unknown;
  preview?: string;
}

export function t(key: keyof typeof UI, lang: Lang, vars: Record<string, string | number> = {}): string {
  return UI[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** A label in both languages, the current one first: "技术许可 · technology licence". */
export function both(text: Text, lang: Lang): string {
  return lang === "zh" ? `${text.zh} · ${text.en}` : `${text.en} · ${text.zh}`;
}

/** The initial raw value of a field: the input's default where it has one. */
export function initialRaw(spec: FieldSpec, mode: FieldMode): RawValue {
  const d = spec.default;
  void mode;
  if (spec.type === "boolean") return typeof d === "boolean" ? d : "";
  if (spec.type === "enumList") return Array.isArray(d) ? d : "";
  return d === undefined || Array.isArray(d) ? "" : String(d);
}

/** A fact value (e.g. from a worked example) as the raw value of its field. */
export function rawFromFact(spec: FieldSpec, value: unknown, mode: FieldMode): RawValue {
  void mode;
  // A fact of the wrong kind (text for a yes/no, a single value for a list) becomes "not answered".
  if (spec.type === "boolean") return typeof value === "boolean" ? value : "";
  if (spec.type === "enumList") return Array.isArray(value) ? value.map(String) : "";
  return value === undefined || value === null ? "" : String(value);
}

/** Read a raw value as the engine's fact for this input. Unreadable text is passed on for the engine to reject with its own message. */
export function convert(spec: FieldSpec, raw: RawValue | undefined, mode: FieldMode): Converted {
  if (raw === undefined) return { present: false };
  switch (spec.type) {
    case "boolean":
      if (typeof raw === "boolean") return { present: true, value: raw };
      if (raw === "true") return { present: true, value: true };
      if (raw === "false") return { present: true, value: false };
      return { present: false };
    case "enumList": {
      if (!Array.isArray(raw)) return { present: false };
      if (raw.length === 0 && mode.unknownAllowed) return { present: false };
      return { present: true, value: [...raw] };
    }
    case "money":
    case "decimal":
    case "rate":
    case "integer":
    case "date":
    case "enum":
    case "string":
      break; // typed as text: read below
    default:
      return spec.type satisfies never;
  }
  const text = typeof raw === "string" ? raw : String(raw);
  if (text.trim() === "") return { present: false };
  switch (spec.type) {
    case "money": {
      const parsed = parseAmount(text);
      if (parsed.kind === "ok") {
        const preview = parsed.unit !== "" || /,/.test(text) || parsed.value !== text.trim() ? parsed.value : undefined;
        return { present: true, value: parsed.value, ...(preview !== undefined && { preview }) };
      }
      return { present: true, value: text };
    }
    case "rate": {
      const parsed = parseRate(text);
      if (parsed.kind === "ok") return { present: true, value: parsed.value, ...(parsed.unit === "%" && { preview: parsed.value }) };
      return { present: true, value: text };
    }
    case "integer": {
      const trimmed = text.trim();
      if (/^[+-]?\d+$/.test(trimmed)) {
        const n = Number(trimmed);
        if (Number.isSafeInteger(n)) return { present: true, value: n };
      }
      return { present: true, value: text };
    }
    case "decimal":
      return { present: true, value: text.trim() };
    case "string":
      return { present: true, value: text.trim() };
    case "date":
    case "enum":
      return { present: true, value: text };
    default:
      return spec.type satisfies never;
  }
}

/** Issues about one input: its path is the input's name, or starts with it (`fields.0`). */
export function issuesFor(name: string, issues: readonly PolicyIssue[]): PolicyIssue[] {
  return issues.filter((i) => i.path === name || i.path.startsWith(`${name}.`) || i.path.startsWith(`${name}[`));
}

export interface RenderedField {
  root: HTMLElement;
  /** Shows how an amount was read, e.g. "= 3,000,000 yuan". */
  preview: HTMLElement;
  /** Shows the input's issues. */
  messages: HTMLElement;
}

/** Render one field for an input. `onChange` gets the new raw value on every edit. */
export function renderField(spec: FieldSpec, raw: RawValue, lang: Lang, mode: FieldMode, onChange: (raw: RawValue) => void, datalists: Readonly<Record<string, string>> = {}): RenderedField {
  const id = `in-${spec.name}-${Math.random().toString(36).slice(2, 8)}`;
  const help: Child[] = [];
  if (spec.description) help.push(spec.description[lang]);
  if (spec.type === "money") help.push(t("moneyHelp", lang));
  if (spec.type === "rate") help.push(t("rateHelp", lang));
  if (spec.type === "integer") help.push(t("integerHelp", lang));
  if (spec.pattern) help.push(t("patternHelp", lang, { p: spec.pattern }));
  if (spec.default !== undefined) help.push(t("optionalDefault", lang, { d: Array.isArray(spec.default) ? spec.default.join(", ") || "[]" : String(spec.default) }));

  let control: HTMLElement;
  const common = { id, "data-input": spec.name, name: spec.name };
  switch (spec.type) {
    case "enum": {
      const select = h(
        "select",
        { ...common, onchange: () => onChange(select.value) },
        h("option", { value: "" }, mode.unknownAllowed ? t("unknown", lang) : t("choose", lang)),
        Object.entries(spec.values ?? {}).map(([value, label]) => h("option", { value, selected: raw === value }, `${both(label, lang)} (${value})`)),
        // A value that is not one of the input's (e.g. from a worked example of a rejection) is shown as it is.
        typeof raw === "string" && raw !== "" && !Object.prototype.hasOwnProperty.call(spec.values ?? {}, raw) ? h("option", { value: raw, selected: true }, `${raw} ✗`) : null,
      );
      select.value = typeof raw === "string" ? raw : "";
      control = select;
      break;
    }
    case "enumList": {
      const chosen = new Set(Array.isArray(raw) ? raw : []);
      let answered = Array.isArray(raw);
      const state = h("span", { class: "tri-state small muted", "data-state-for": spec.name });
      const showState = () => {
        state.textContent = !answered ? t("notAnswered", lang) : chosen.size === 0 ? t("noneChosen", lang) : "";
      };
      const boxes = Object.entries(spec.values ?? {}).map(([value, label]) => {
        const box = h("input", { type: "checkbox", value, checked: chosen.has(value), "data-input": spec.name, "data-value": value });
        box.addEventListener(
          "change",
          guard(() => {
            if (box.checked) chosen.add(value);
            else chosen.delete(value);
            answered = true;
            showState();
            onChange([...chosen]);
          }),
        );
        return h("label", { class: "check" }, box, ` ${both(label, lang)}`);
      });
      showState();
      control = h("div", { class: "checks", id, role: "group" }, boxes, mode.unknownAllowed ? null : state);
      break;
    }
    case "boolean": {
      if (mode.unknownAllowed) {
        const select = h(
          "select",
          { ...common, onchange: () => onChange(select.value) },
          h("option", { value: "" }, t("unknown", lang)),
          h("option", { value: "true" }, t("yes", lang)),
          h("option", { value: "false" }, t("no", lang)),
        );
        select.value = typeof raw === "string" ? raw : "";
        control = select;
      } else {
        // A checkbox that starts "not answered" (indeterminate): a missing yes/no is never read as no.
        const box = h("input", { ...common, type: "checkbox", checked: raw === true });
        const state = h("span", { class: "tri-state", "data-state-for": spec.name });
        const clear = h("button", { type: "button", class: "link small", hidden: raw === "" }, t("clearAnswer", lang));
        const show = (value: RawValue) => {
          box.indeterminate = value === "";
          box.checked = value === true;
          state.textContent = value === "" ? t("notAnswered", lang) : value === true ? t("yes", lang) : t("no", lang);
          clear.hidden = value === "";
        };
        box.addEventListener("change", guard(() => (show(box.checked), onChange(box.checked))));
        clear.addEventListener("click", guard(() => (show(""), onChange(""))));
        show(raw === true || raw === false ? raw : "");
        control = h("span", { class: "control-bool" }, h("label", { class: "check" }, box, " ", state), " ", clear);
      }
      break;
    }
    case "date": {
      const input = h("input", { ...common, type: "date", value: typeof raw === "string" ? raw : "", oninput: () => onChange(input.value), onchange: () => onChange(input.value) });
      control = input;
      break;
    }
    case "money":
    case "decimal":
    case "rate":
    case "integer":
    case "string": {
      const numeric = VALUE_TYPES[spec.type].numeric;
      const list = spec.fromProfile ? datalists[spec.fromProfile] : undefined;
      const input = h("input", {
        ...common,
        type: "text",
        autocomplete: "off",
        spellcheck: "false",
        inputmode: spec.type === "integer" ? "numeric" : numeric && spec.type !== "money" ? "decimal" : undefined,
        placeholder: spec.type === "money" ? "3000000 / 300万" : spec.type === "rate" ? "0.1 / 10%" : undefined,
        list,
        value: typeof raw === "string" ? raw : "",
        oninput: () => onChange(input.value),
      });
      control = input;
      break;
    }
    default:
      throw new Error(`no field for the value type ${spec.type satisfies never}`);
  }

  const preview = h("span", { class: "preview", "data-preview-for": spec.name, "aria-live": "polite" });
  const messages = h("div", { class: "messages", "data-error-for": spec.name, "aria-live": "polite" });
  const labelText = h("span", { class: "label-main" }, spec.label[lang]);
  const root = h(
    "div",
    { class: `field field-${spec.type}`, "data-field": spec.name },
    h("label", { for: id, class: "label" }, labelText, " ", h("code", {}, spec.name), h("span", { class: "label-alt" }, spec.label[lang === "zh" ? "en" : "zh"])),
    h("div", { class: "control" }, control, preview),
    help.length > 0 ? h("div", { class: "help" }, help.join(" ")) : null,
    messages,
  );
  return { root, preview, messages };
}

/** Show the conversion preview and the issues of one field. */
export function showFieldState(field: RenderedField, spec: FieldSpec, converted: Converted, issues: readonly PolicyIssue[], lang: Lang): void {
  field.preview.textContent = converted.preview !== undefined ? t("converted", lang, { v: spec.type === "rate" ? converted.preview : groupDigits(converted.preview) }) : "";
  field.messages.replaceChildren();
  field.root.classList.toggle("has-error", issues.some((i) => i.code !== "missing_input"));
  field.root.classList.toggle("is-missing", issues.some((i) => i.code === "missing_input"));
  for (const issue of issues) {
    if (issue.code === "missing_input") {
      field.messages.appendChild(h("div", { class: "msg msg-missing", "data-code": issue.code }, t("required", lang)));
      continue;
    }
    // The engine's words are English; in Chinese the page says it from the code and the input (issue-text.ts)
    // and keeps the English beneath, with its hint.
    const zh = lang === "zh" ? issueZh(issue, spec) : undefined;
    const expected = zh ? zh.expected : issue.expected;
    field.messages.appendChild(
      h(
        "div",
        { class: "msg msg-error", role: "alert", "data-code": issue.code },
        zh ? zh.message : issue.message,
        expected !== undefined ? h("div", { class: "msg-detail" }, `${t("expected", lang)}: ${expected}`) : null,
        issue.received !== undefined ? h("div", { class: "msg-detail" }, `${t("received", lang)}: ${issue.received}`) : null,
        zh ? h("div", { class: "msg-detail", lang: "en", "data-engine-message": "" }, issue.expected !== undefined ? `${issue.message} (expected ${issue.expected})` : issue.message) : null,
      ),
    );
  }
}
