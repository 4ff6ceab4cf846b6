import { jsonShapeProblem, MAX_FILE_DEPTH } from "./json-shape.js";
import type { RuleSource } from "./load.js";

/*
 * The loader's own copies of the caller's sources (issue #20: one walk where there were three). The set is
 * frozen and the caller keeps its objects (and may change them later) without changing it, so loadRuleSet
 * works on copies. Each file is copied by one walk that also checks what catalog/json-shape.ts checks
 * (plain JSON, depth, size, no `__proto__` key) and reads every property once, so a getter cannot show the
 * check one value and the copy another: a copy made is plain JSON within the limits, and the loader need not
 * check it again (`isOwnCopy`). A file the walk refuses is passed on as the caller gave it, for the loader
 * to report with jsonShapeProblem, which names the problem exactly (a cycle, a non-JSON value …).
 */

const REFUSED = Symbol("refused");

/**
 * A plain tree copy of a JSON value, or REFUSED when it is not plain JSON within `maxNodes` values counted as
 * a tree and MAX_FILE_DEPTH levels (a cycle ends at the depth limit). Recursive: the depth is bounded first.
 */
function copyJson(value: unknown, maxNodes: number): { copy: unknown; nodes: number } | typeof REFUSED {
  let nodes = 0;
  const copy = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v === "string" || typeof v === "boolean") {
      if (++nodes > maxNodes) return REFUSED;
      return v;
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v) || ++nodes > maxNodes) return REFUSED;
      return v;
    }
    if (typeof v !== "object" || depth >= MAX_FILE_DEPTH || ++nodes > maxNodes) return REFUSED;
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        if (item === undefined) return REFUSED;
        const c = copy(item, depth + 1);
        if (c === REFUSED) return REFUSED;
        out[i] = c;
      }
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return REFUSED;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (key === "__proto__") return REFUSED;
      const child = (v as Record<string, unknown>)[key];
      // An undefined value is an absent optional field, kept as structuredClone kept it.
      const c = child === undefined ? undefined : copy(child, depth + 1);
      if (c === REFUSED) return REFUSED;
      out[key] = c;
    }
    return out;
  };
  try {
    const made = copy(value, 0);
    return made === REFUSED ? REFUSED : { copy: made, nodes };
  } catch {
    return REFUSED; // a getter or a proxy that throws: jsonShapeProblem reports (or throws) it
  }
}

/**
 * The copies one load made, so that its shape check skips them, and the files the copy refused.
 *
 * @example
 * const own = new OwnCopies(MAX_FILE_NODES);
 * const sources = own.copy(callerSources);
 */
export class OwnCopies {
  private readonly copies = new WeakSet<object>();
  private readonly refused = new WeakSet<object>();
  /** The size of each copy as a tree, for what shared inputs add to it (catalog/shared-inputs.ts). */
  private readonly sizes = new WeakMap<object, number>();

  constructor(private readonly maxNodes: number) {}

  /**
   * Copies of the caller's sources. A source that is not an object, or whose JSON the walk refuses, is left
   * as it is, for the loader to report.
   */
  copy(sources: readonly RuleSource[]): readonly RuleSource[] {
    return sources.map((source) => {
      if (source === null || typeof source !== "object") return source;
      const json = source.json;
      // Without a node limit, a value sharing one object many times would be walked 2^n times as a tree:
      // check it first as a graph (linear), then copy it keeping the sharing, and check the copy again.
      if (!Number.isFinite(this.maxNodes)) return jsonShapeProblem(json, this.maxNodes) ? source : { path: source.path, json: structuredClone(json) };
      const made = copyJson(json, this.maxNodes);
      if (made === REFUSED) {
        if (json !== null && typeof json === "object") this.refused.add(json);
        return source;
      }
      const { copy, nodes } = made;
      if (copy !== null && typeof copy === "object") {
        this.copies.add(copy);
        this.sizes.set(copy, nodes);
      }
      return { path: source.path, json: copy };
    });
  }

  /**
   * Whether a value is a copy this made or adopted: plain JSON within the limits, which the caller does not
   * hold (shared parts, if any, deeply frozen).
   */
  isOwnCopy(json: unknown): boolean {
    return json !== null && typeof json === "object" && this.copies.has(json);
  }

  /** The size of a copy this made, as a tree (JSON values counted as MAX_FILE_NODES counts them), or undefined. */
  sizeOf(json: unknown): number | undefined {
    return json !== null && typeof json === "object" ? this.sizes.get(json) : undefined;
  }

  /**
   * Take a value built by the loader from its own copies (a file with its shared inputs resolved) as one of
   * them: plain JSON, at most `maxNodes` values and MAX_FILE_DEPTH levels, which the caller does not hold.
   */
  adopt(json: object): void {
    this.copies.add(json);
  }

  /** The loader's shape check: none for a copy made here; jsonShapeProblem's for anything else. */
  shapeProblem(json: unknown, maxNodes: number): { pointer: string; code: string; message: string } | undefined {
    if (this.isOwnCopy(json)) return undefined;
    const problem = jsonShapeProblem(json, maxNodes);
    if (problem === undefined && json !== null && typeof json === "object" && this.refused.has(json)) {
      // Refused when copied, accepted now: a getter that answers differently each time.
      return { pointer: "", code: "not_json", message: "the value changed while it was read (a getter?); a rule file is plain JSON data / 读取时值发生了变化（getter？）；规则文件须为纯 JSON 数据" };
    }
    return problem;
  }
}
