/*
 * "Did you mean …?" for names a person types: rule ids, CLI commands. One place, so every message that
 * offers a suggestion offers the same one.
 */

/**
 * The known name nearest to what was typed, when it is close enough to be a likely slip (an edit
 * distance of at most 3, or a quarter of the length); a bare rule name without its document
 * (`absorption-subsidy`) is matched against the part after the slash.
 *
 * @example
 * didYouMean("lsit", ["eval", "list", "match"]) //=> "list"
 * didYouMean("absorption-subsidy", ["sjz-2025/absorption-subsidy", "sjz-2025/absorption-share"]) //=> "sjz-2025/absorption-subsidy"
 * didYouMean("xyz", ["eval", "list"]) //=> undefined
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const bare = !typed.includes("/");
  for (const k of known) {
    const slash = k.indexOf("/");
    const d = Math.min(editDistance(typed, k), bare && slash >= 0 ? editDistance(typed, k.slice(slash + 1)) : Infinity);
    if (d < bestScore) {
      bestScore = d;
      best = k;
    }
  }
  return bestScore <= Math.max(3, typed.length / 4) ? best : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
