// The subjects of the decision benchmarks (scripts/bench.mjs, scripts/bench-decision-ab.mjs), the
// hand-written float function they are measured against and the explanation reader, in one place: seeded, varied, as callers send
// them (money as decimal strings in yuan).

/**
 * A seeded generator of numbers in [0, 1) (mulberry32), so that every run decides the same subjects.
 *
 * @example
 * const r = mulberry32(1); r() //=> 0.6270739405881613
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Amounts 0 to 3,000,000.00 yuan in fen; about 30% of subjects take the arithmetic branch (JSONLOGIC.md §3).
const MODES = ["transfer", "license", "transfer", "license", "development", "consulting", "service"];
const REGIONS = ["beijing", "tianjin", "beijing", "tianjin", "hebei", "other"];
const CITIES = ["shijiazhuang", "shijiazhuang", "shijiazhuang", "shijiazhuang", "shijiazhuang", "handan"];

/**
 * `n` subjects of sjz-2025/absorption-subsidy, the same for the same `n` in every run.
 *
 * @example
 * subsidySubjects(1)[0] //=> { contractAmount: "…", transferMode: "…", sourceRegion: "…", enterpriseCity: "…" }
 */
export function subsidySubjects(n) {
  const rnd = mulberry32(20250601);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, () => ({
    contractAmount: (Math.floor(rnd() * 300_000_001) / 100).toFixed(2),
    transferMode: pick(MODES),
    sourceRegion: pick(REGIONS),
    enterpriseCity: pick(CITIES),
  }));
}

/**
 * The subsidy written by hand with floats: the reference of the ratios. It reads the same subjects.
 *
 * @example
 * handFloat({ contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }) //=> 200000
 */
export function handFloat(f) {
  const a = Number(f.contractAmount);
  const eligible =
    f.enterpriseCity === "shijiazhuang" &&
    (f.transferMode === "transfer" || f.transferMode === "license") &&
    (f.sourceRegion === "beijing" || f.sourceRegion === "tianjin") &&
    a >= 500000;
  return eligible ? Math.min(500000, 0.1 * Math.min(a, 1e6) + 0.05 * Math.max(0, a - 1e6)) : 0;
}

/**
 * Read the text of every line of an explanation (a caller who asks for one reads it): reading each line's
 * last character makes V8 flatten the concatenated string, as a caller's read would.
 *
 * @example
 * readExplanation([{ zh: "a", en: "b" }]) //=> 97 + 98 + 1 + 1
 */
export function readExplanation(lines) {
  let n = 0;
  for (let j = 0; j < lines.length; j++) {
    const l = lines[j];
    n += l.zh.charCodeAt(l.zh.length - 1) + l.en.charCodeAt(l.en.length - 1) + l.zh.length + l.en.length;
  }
  return n;
}
