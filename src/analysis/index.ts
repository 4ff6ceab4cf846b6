/*
 * The `jjj-policy-rules/analysis` entry: the exact analysis of rule versions (issue #14). Kept out of
 * the core entry (src/index.ts), which browsers bundle. See docs/analysis.md.
 */
export { amountCurve } from "./curve.js";
export type { AmountCurve, AnalysisOptions, Breakpoint, CurveEnd, CurvePiece, CurveValue, FieldCurve } from "./curve.js";
export { whatWouldChange } from "./why-not.js";
export type { Change, Goal, InputChanges, WhatWouldChange, WhatWouldChangeOptions } from "./why-not.js";
export { nearestChangesForMatch } from "./match-changes.js";
export type { MeasureChange } from "./match-changes.js";
export { NotAnalysableError } from "./errors.js";
export { analysability } from "./analysability.js";
export type { Analysability } from "./analysability.js";
export type { Rounding } from "./line.js";
export { MAX_LINE_PIECES } from "./line.js";
export { boundaryVectors, DECIMAL_BOUNDARY_STEP } from "./vectors.js";
export type { BoundaryVector, BoundaryVectorOptions } from "./vectors.js";
export { regionsOf } from "./regions-of.js";
export type { RegionsOptions, RuleRegion, RuleRegions } from "./regions-of.js";
export type { FiniteClass, NumericBounds, RegionDescription, RegionValueView } from "./region-view.js";
export { exactDiff } from "./exact-diff.js";
export type { ChangeRegion, ExactDiff, ExactDiffOptions, ExactDiffSide, FieldChange } from "./exact-diff.js";
export { RegionLimitError } from "./errors.js";
export { MAX_REGIONS } from "./regions.js";
export { MAX_REGION_CONSTRAINTS } from "./linear.js";
