/**
 * A few DOM helpers. Text from rules is always set as text (never as HTML), and every event handler
 * goes through `guard`, so a failure shows an error box instead of breaking the page.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);

let reportError: (error: unknown) => void = (error) => console.error(error);

/** Where caught errors go (the page's error box). */
export function onGuardedError(handler: (error: unknown) => void): void {
  reportError = handler;
}

/** Run `fn`, and report anything it throws instead of letting it escape. */
export function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    try {
      reportError(error);
    } catch (inner) {
      console.error(error, inner);
    }
    return undefined;
  }
}

/** Wrap an event handler so that nothing it throws escapes. */
export function guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    attempt(() => fn(...args));
  };
}

/** Create an element: `h("p", { class: "x", onclick: fn }, "text", child)`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, AttrValue> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") {
      el.addEventListener(name.replace(/^on/, ""), guard(value));
    } else if (name === "value" && "value" in el) {
      (el as HTMLInputElement).value = String(value);
    } else if (name === "checked" && el instanceof HTMLInputElement) {
      el.checked = Boolean(value);
    } else if (name === "selected" && el instanceof HTMLOptionElement) {
      el.selected = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children (strings become text nodes; null, undefined and false are skipped). */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child as readonly Child[]);
    else if (typeof child === "string" || typeof child === "number") parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child as Node);
  }
}

/** Replace the children of an element. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
