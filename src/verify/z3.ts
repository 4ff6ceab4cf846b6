import type { Arith, Bool, Context } from "z3-solver";

/*
 * The z3 context of the verify entry, started once and lazily: z3-solver is WebAssembly (~35 MB) with
 * an asynchronous start-up (~1 s), so nothing loads it before the first proof is asked for.
 */

/** The z3 context the encodings are written in. @internal */
export type Z3 = Context<"verify">;
/** A z3 boolean term. @internal */
export type ZBool = Bool<"verify">;
/** A z3 arithmetic term (integer or real). @internal */
export type ZArith = Arith<"verify">;

let started: Promise<Z3> | undefined;

/**
 * The z3 context, started on first use.
 *
 * @internal
 * @example
 * const Z = await z3();
 * const x = Z.Int.const("x");
 */
export function z3(): Promise<Z3> {
  started ??= import("z3-solver").then(async ({ init }) => {
    const { Context } = await init();
    return Context("verify");
  });
  return started;
}
