import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/api.js";
import type { Decision } from "../../src/engine/decision.js";

/*
 * The fast path reuses one set of slots per rule version (version-plan.ts). A getter of the facts runs
 * while the validator fills those slots; if it evaluates the same rule again, that nested evaluation
 * must get its own slots, or it would overwrite the inputs already read for the outer one.
 */

const ID = "sjz-2025/absorption-subsidy";
const ON = "2025-06-01";
const OUTER = { transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang", contractAmount: "3000000" } as const;
const INNER = { transferMode: "service", sourceRegion: "other", enterpriseCity: "handan", contractAmount: "20000000" } as const;

/** OUTER's facts, with contractAmount (read last) a getter that first evaluates INNER's facts. */
function nestingFacts(options: object, seen: Decision[]): Record<string, unknown> {
  const { contractAmount, ...rest } = OUTER;
  return {
    ...rest,
    get contractAmount(): string {
      seen.push(evaluate(ID, { ...INNER }, options as never));
      return contractAmount;
    },
  };
}

describe("an evaluation started by a getter of the facts (re-entrant)", () => {
  it.each([
    ["without an explanation", { on: ON, explain: false }],
    ["with an explanation", { on: ON }],
    ["on the reference path (a what-if)", { on: ON, parameters: { cap: "800000" } }],
  ])("gives both decisions as if made one after the other, %s", (_name, options) => {
    const outerAlone = evaluate(ID, { ...OUTER }, options as never);
    const innerAlone = evaluate(ID, { ...INNER }, options as never);
    // The two subjects decide differently, so a mix-up of their inputs would show.
    expect(outerAlone.outcome).not.toEqual(innerAlone.outcome);

    const seen: Decision[] = [];
    const outer = evaluate(ID, nestingFacts(options, seen) as never, options as never);
    expect(seen.length).toBeGreaterThan(0);
    for (const inner of seen) expect(inner).toEqual(innerAlone);
    expect(outer).toEqual(outerAlone);
    // And the slots are whole again afterwards.
    expect(evaluate(ID, { ...OUTER }, options as never)).toEqual(outerAlone);
  });
});
