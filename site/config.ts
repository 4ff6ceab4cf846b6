/**
 * The page's own settings (not the library's: nothing in src/ knows a rule id). `startRule` is the rule
 * the page opens on when the address names none: the subsidy calculator. If it is not in the rule set,
 * the page opens on the first benefit rule with a money input and a money outcome (see start-rule.ts).
 */
export const SITE_CONFIG = {
  startRule: "sjz-2025/absorption-subsidy",
} as const;
