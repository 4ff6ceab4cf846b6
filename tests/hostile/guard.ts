import { afterAll, afterEach, beforeAll, expect } from "vitest";

/**
 * Asserts, after every test of the file that calls it, that no built-in prototype gained or lost a
 * property and that a fresh object shows nothing it should not: hostile input must never pollute.
 */
export function guardPrototypes(): void {
  const watched = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
  let before: string[][] = [];
  const snapshot = () => watched.map((p) => Reflect.ownKeys(p).map(String).sort());
  beforeAll(() => {
    before = snapshot();
  });
  const check = () => {
    expect(snapshot()).toEqual(before);
    const fresh = {} as Record<string, unknown>;
    for (const name of ["polluted", "isAdmin", "x", "transferMode", "contractAmount"]) expect(fresh[name]).toBeUndefined();
    expect(Object.getPrototypeOf(fresh)).toBe(Object.prototype);
  };
  afterEach(check);
  afterAll(check);
}

/** The error a function throws (fails the test when it returns). */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, but the call returned");
}
