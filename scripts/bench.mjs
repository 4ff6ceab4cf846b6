#!/usr/bin/env node
// Placeholder until the performance issue (#5): times the shipped subsidy rule through the built package.
import { performance } from "node:perf_hooks";
const { evaluate } = await import(new URL("../dist/index.js", import.meta.url).href);
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
for (const explain of [true, false]) {
  const n = 20000;
  for (let i = 0; i < 2000; i++) evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01", explain });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01", explain });
  const s = (performance.now() - t0) / 1000;
  console.log(`evaluate sjz-2025/absorption-subsidy, explain=${explain}: ${Math.round(n / s).toLocaleString("en-US")} evaluations/s (placeholder; the full benchmark comes with issue #5)`);
}
