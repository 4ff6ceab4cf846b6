/*
 * A view of the standard operations' helpers (src/ops), kept for code that imported them from here:
 * the operations are described in src/ops, nowhere here.
 */
export { missingKeys } from "../ops/standard-data.js";
export { readVar } from "../ops/references.js";
export { isLogic, truthy } from "../ops/truthy.js";
