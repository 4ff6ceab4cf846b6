/**
 * The deepest nesting a rule or document file may have as a whole. Rule logic itself may nest at most
 * 32 levels (MAX_LOGIC_DEPTH); this bound only keeps the schema check and the compiler, which recurse,
 * far from the stack limit.
 */
export const MAX_FILE_DEPTH = 128;

/**
 * Why a value is not plain JSON that can be checked safely, or undefined when it is: an object that
 * contains itself (a cycle), nesting deeper than {@link MAX_FILE_DEPTH}, or a value JSON cannot hold
 * (a function, a symbol, a bigint, undefined in an array, NaN or ±Infinity, a Date, Map or class instance).
 * Iterative, so a hostile value cannot overflow the stack here. Returns the JSON pointer of the problem.
 */
export function jsonShapeProblem(value: unknown): { pointer: string; code: string; message: string } | undefined {
  // Each frame: the value, its pointer, its depth, and the ancestors on the path (for cycles).
  const stack: { value: unknown; pointer: string; depth: number; exit?: true }[] = [{ value, pointer: "", depth: 0 }];
  const onPath = new Set<object>();
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (frame.exit) {
      onPath.delete(v as object);
      continue;
    }
    if (v === null || typeof v === "string" || typeof v === "boolean") continue;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return { pointer: frame.pointer, code: "not_json", message: `${v} is not a JSON number` };
      continue;
    }
    if (typeof v !== "object") return { pointer: frame.pointer, code: "not_json", message: `a ${typeof v} is not JSON` };
    if (onPath.has(v)) return { pointer: frame.pointer, code: "cycle", message: "the value contains itself (a cycle); a rule file is a JSON tree" };
    if (frame.depth >= MAX_FILE_DEPTH) {
      return { pointer: frame.pointer, code: "too_deep", message: `nested deeper than ${MAX_FILE_DEPTH} levels` };
    }
    const array = Array.isArray(v);
    const proto = Object.getPrototypeOf(v);
    if (!array && proto !== Object.prototype && proto !== null) {
      return { pointer: frame.pointer, code: "not_json", message: `a ${proto?.constructor?.name ?? "non-plain"} object is not JSON` };
    }
    onPath.add(v);
    stack.push({ value: v, pointer: frame.pointer, depth: frame.depth, exit: true });
    const keys = array ? Array.from({ length: (v as unknown[]).length }, (_, i) => String(i)) : Object.keys(v);
    for (const key of keys) {
      const child = (v as Record<string, unknown>)[key];
      if (child === undefined) {
        if (array) return { pointer: `${frame.pointer}/${key}`, code: "not_json", message: "undefined is not JSON" };
        continue; // an absent optional field
      }
      stack.push({ value: child, pointer: `${frame.pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth: frame.depth + 1 });
    }
  }
  return undefined;
}
