import { CONTROL } from "./control.js";
import { DATES } from "./dates.js";
import { EXACT_ARITHMETIC } from "./exact-arithmetic.js";
import { EXACT_COMPARISON } from "./exact-comparison.js";
import type { Operation, ReferenceKind } from "./operation.js";
import { REFERENCES } from "./references.js";
import { STANDARD_ARITHMETIC } from "./standard-arithmetic.js";
import { STANDARD_COMPARISON } from "./standard-comparison.js";
import { STANDARD_REJECTED } from "./standard-data.js";
import { STANDARD_LISTS } from "./standard-lists.js";

/**
 * Every operation the library knows, by name: the families of src/ops, each descriptor written once.
 * The checker, both compilers, the growth bound, json-logic-js interop, the diffs and the catalogue
 * read this map; a name that is not here is an unknown operation.
 *
 * @example
 * OPERATIONS.get("jjj.add")?.arity //=> { min: 1, max: Infinity }
 */
export const OPERATIONS: ReadonlyMap<string, Operation> = operationRegistry([
  ...REFERENCES,
  ...EXACT_ARITHMETIC,
  ...EXACT_COMPARISON,
  ...DATES,
  ...CONTROL,
  ...STANDARD_COMPARISON,
  ...STANDARD_ARITHMETIC,
  ...STANDARD_LISTS,
  ...STANDARD_REJECTED,
]);

/**
 * A read-only registry of operations by name, refusing a name described twice and a descriptor with
 * both or neither of `evaluate` and `compile` (OPERATIONS is built by it; exported for its tests).
 *
 * @example
 * operationRegistry([ADD, ADD]) // throws "operation jjj.add is described twice"
 */
export function operationRegistry(operations: readonly Operation[]): ReadonlyMap<string, Operation> {
  const map = new Map<string, Operation>();
  for (const op of operations) {
    if (map.has(op.name)) throw new Error(`operation ${op.name} is described twice`);
    if ((op.evaluate === undefined) === (op.compile === undefined)) throw new Error(`operation ${op.name} needs exactly one of evaluate and compile`);
    map.set(op.name, Object.freeze(op));
  }
  // A frozen Map still has working set/delete: shadow them, so no module can add or replace an operation.
  const refuse = () => {
    throw new TypeError("the operation registry is read-only");
  };
  return Object.freeze(Object.assign(map, { set: refuse, delete: refuse, clear: refuse }));
}

/**
 * The descriptor of an operation name, or undefined for a name that is not an operation (own
 * entries only: `constructor` or `__proto__` are unknown, not inherited).
 *
 * @example
 * operation("jjj.round")?.family //=> "exact arithmetic"
 * operation("toString") //=> undefined
 */
export function operation(name: string): Operation | undefined {
  return OPERATIONS.get(name);
}

/**
 * The name of the operation that refers to `kind` (`"input"` → `var`), for code that builds
 * references (tests, generators) without spelling operation names.
 *
 * @example
 * referenceOperation("parameter") //=> "jjj.param"
 */
export function referenceOperation(kind: ReferenceKind): string {
  for (const op of OPERATIONS.values()) if (op.reference === kind) return op.name;
  throw new Error(`no operation refers to ${kind}`);
}

export type * from "./operation.js";
export { NAMESPACE, PRECEDENCE } from "./operation.js";
export { isLogic, truthy } from "./truthy.js";
