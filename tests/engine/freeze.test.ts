import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../src/engine/freeze.js";

// deepFreeze (src/engine/freeze.ts) marks an object visited by freezing it before walking its properties.

describe("deepFreeze", () => {
  it("freezes a cyclic graph and a shared object, and ends", () => {
    const shared = { n: 1 };
    const a: Record<string, unknown> = { list: [shared, shared, { inner: [shared] }] };
    a.self = a;
    const b = { a, back: [a] };
    a.b = b;
    expect(deepFreeze(a)).toBe(a);
    for (const o of [a, b, b.back, shared, a.list, (a.list as unknown[])[2]]) expect(Object.isFrozen(o)).toBe(true);
  });

  it("walks values, not accessors (a getter is not called), and not into functions", () => {
    let calls = 0;
    const fn = Object.assign(() => 1, { state: { x: 1 } });
    const o = Object.defineProperty({ fn, plain: { y: [2] } }, "lazy", { get: () => (calls++, { z: 3 }), enumerable: true });
    deepFreeze(o);
    expect(calls).toBe(0);
    expect(Object.isFrozen(o.plain.y)).toBe(true);
    expect(Object.isFrozen(fn)).toBe(false);
    expect(Object.isFrozen(fn.state)).toBe(false);
  });

  it("takes an object already frozen as frozen deeply (the loader freezes bundled files first)", () => {
    const inner = { x: 1 };
    const outer = Object.freeze({ inner });
    deepFreeze({ outer });
    expect(Object.isFrozen(inner)).toBe(false);
  });
});
