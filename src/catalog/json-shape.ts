/**
 * The deepest nesting a rule or document file may have as a whole. Rule logic itself may nest at most
 * 32 levels (MAX_LOGIC_DEPTH); this bound only keeps the schema check and the compiler, which recurse,
 * far from the stack limit. Not raisable: it guards the stack, not the time.
 *
 * @category Catalog
 * @example
 * MAX_FILE_DEPTH //=> 128
 */
export const MAX_FILE_DEPTH = 128;

/**
 * The most JSON values (objects, arrays, strings, numbers, booleans, nulls) one rule or document file may
 * hold, counted as a tree: a JS object reached twice counts twice, because every later check walks the file
 * as a tree. The largest shipped rule file holds under 700; a rule of 20,000 conditions about 240,000. Raise it with
 * the `maxFileNodes` option of `loadRuleSet`; beyond it the file gets a `RuleFileError` with code `too_large`.
 *
 * @category Catalog
 * @example
 * MAX_FILE_NODES //=> 300000
 */
export const MAX_FILE_NODES = 300_000;

/** A key JavaScript objects cannot hold as an ordinary property: zod and object spreads drop it silently. */
const RESERVED_KEY = "__proto__";

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string | undefined;
  /** On the exit frame of an object: the tree-node count when it was entered, and its height so far. */
  exit?: { start: number; height: number };
}

/** The JSON pointer of a frame, built only when a problem is reported. */
function pointerOf(frame: Frame | undefined): string {
  const keys: string[] = [];
  for (let f = frame; f?.key !== undefined; f = f.parent) keys.push(f.key.replace(/~/g, "~0").replace(/\//g, "~1"));
  return keys.reverse().map((k) => `/${k}`).join("");
}

/**
 * Why a value is not plain JSON that can be checked safely, or undefined when it is: an object that
 * contains itself (a cycle), nesting deeper than {@link MAX_FILE_DEPTH}, more than `maxNodes`
 * ({@link MAX_FILE_NODES}) values counted as a tree, a key `__proto__`, or a value JSON cannot hold (a
 * function, a symbol, a bigint, undefined in an array, NaN or ±Infinity, a Date, Map or class instance).
 * Iterative, so a hostile value cannot overflow the stack here; linear in the distinct objects, so a
 * value sharing one object many times (2^n as a tree) is measured without being walked as a tree.
 * Returns the JSON pointer of the problem.
 *
 * @category Catalog
 * @example
 * jsonShapeProblem({ a: [1, 2] }) //=> undefined
 * jsonShapeProblem({ a: NaN }) //=> { pointer: "/a", code: "not_json", message: "NaN is not a JSON number" }
 */
export function jsonShapeProblem(value: unknown, maxNodes: number = MAX_FILE_NODES): { pointer: string; code: string; message: string } | undefined {
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: undefined }];
  const onPath = new Set<object>();
  // Objects already walked: their size as a tree and their height (levels of objects below them).
  const done = new Map<object, { size: number; height: number }>();
  let nodes = 0;
  const tooLarge = (frame: Frame) => ({
    pointer: pointerOf(frame),
    code: "too_large",
    message: `holds more than ${maxNodes} JSON values (MAX_FILE_NODES; raise it with the maxFileNodes option of loadRuleSet)`,
  });
  const tooDeep = (frame: Frame) => ({ pointer: pointerOf(frame), code: "too_deep", message: `nested deeper than ${MAX_FILE_DEPTH} levels (MAX_FILE_DEPTH)` });
  /** The exit frame of the object that holds this frame's value. */
  const raise = (frame: Frame, height: number) => {
    const exit = frame.parent?.exit;
    if (exit && height + 1 > exit.height) exit.height = height + 1;
  };

  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (frame.exit) {
      onPath.delete(v as object);
      done.set(v as object, { size: nodes - frame.exit.start, height: frame.exit.height });
      raise(frame, frame.exit.height);
      continue;
    }
    if (v === null || typeof v === "string" || typeof v === "boolean" || typeof v === "number") {
      if (typeof v === "number" && !Number.isFinite(v)) return { pointer: pointerOf(frame), code: "not_json", message: `${v} is not a JSON number` };
      if (++nodes > maxNodes) return tooLarge(frame);
      continue;
    }
    if (typeof v !== "object") return { pointer: pointerOf(frame), code: "not_json", message: `a ${typeof v} is not JSON` };
    if (onPath.has(v)) return { pointer: pointerOf(frame), code: "cycle", message: "the value contains itself (a cycle); a rule file is a JSON tree" };
    if (frame.depth >= MAX_FILE_DEPTH) return tooDeep(frame);
    const seen = done.get(v);
    if (seen) {
      // Shared with an earlier branch (a DAG): count it again as a tree, without walking it again.
      nodes += seen.size;
      if (nodes > maxNodes) return tooLarge(frame);
      if (frame.depth + seen.height >= MAX_FILE_DEPTH) return tooDeep(frame);
      raise(frame, seen.height);
      continue;
    }
    const array = Array.isArray(v);
    const proto = Object.getPrototypeOf(v);
    if (!array && proto !== Object.prototype && proto !== null) {
      return { pointer: pointerOf(frame), code: "not_json", message: `a ${proto?.constructor?.name ?? "non-plain"} object is not JSON` };
    }
    if (++nodes > maxNodes) return tooLarge(frame);
    onPath.add(v);
    stack.push({ value: v, depth: frame.depth, parent: frame.parent, key: frame.key, exit: { start: nodes - 1, height: 0 } });
    const exitFrame = stack[stack.length - 1]!;
    // Strings, booleans, finite numbers and null are counted here rather than given a frame of their own: most values are leaves.
    const leaf = (child: unknown) => child === null || typeof child === "string" || typeof child === "boolean" || (typeof child === "number" && Number.isFinite(child));
    if (array) {
      const items = v as unknown[];
      for (let i = 0; i < items.length; i++) {
        const child = items[i];
        if (child === undefined) return { pointer: `${pointerOf(frame)}/${i}`, code: "not_json", message: "undefined is not JSON" };
        if (leaf(child)) {
          if (++nodes > maxNodes) return tooLarge(frame);
        } else stack.push({ value: child, depth: frame.depth + 1, parent: exitFrame, key: String(i) });
      }
    } else {
      for (const key of Object.keys(v)) {
        if (key === RESERVED_KEY) {
          return { pointer: `${pointerOf(frame)}/${key}`, code: "forbidden_name", message: `a key named "${key}" may not be used: JavaScript objects drop it silently` };
        }
        const child = (v as Record<string, unknown>)[key];
        if (child === undefined) continue; // an absent optional field
        if (leaf(child)) {
          if (++nodes > maxNodes) return tooLarge(frame);
        } else stack.push({ value: child, depth: frame.depth + 1, parent: exitFrame, key });
      }
    }
  }
  return undefined;
}
