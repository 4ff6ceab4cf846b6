// JsonLogic truthiness is operation semantics: it lives with the operations (src/ops/truthy.ts).
export { isLogic, truthy } from "../ops/truthy.js";
