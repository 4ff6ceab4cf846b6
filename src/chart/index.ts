/*
 * The `jjj-policy-rules/chart` entry: SVG charts of the exact amount curves (issue #18). Kept out of the
 * core entry (src/index.ts); it depends on nothing but the analysis. See docs/chart.md.
 */
export { curveSvg, differingIntervals, escapeXml, MAX_LABEL_ROWS } from "./svg.js";
export type { CurveChartOptions } from "./svg.js";
