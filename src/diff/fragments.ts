/**
 * The fragments that differ between two texts, in whole words: Chinese is cut into words by
 * `Intl.Segmenter` (ICU's dictionary, in Node and every current browser), so a changed quote reads
 * `“最高补助50万元” → “最高补助80万元”`, never half of 最高. A character diff cut words in two
 * (`“易额在50万元”`), which is why the diff runs over words, not characters.
 */

/** Above this product of the two texts' word counts, the texts are shown whole rather than diffed. */
export const MAX_FRAGMENT_DIFF_CELLS = 4_000_000;

interface Token {
  text: string;
  /** A word or number, as opposed to spaces and punctuation. */
  word: boolean;
}

type Segmenter = { segment(text: string): Iterable<{ segment: string; isWordLike?: boolean }> };
let segmenter: Segmenter | null | undefined;

/**
 * The word segmenter, made on the first diff: making it loads ICU's Chinese dictionary, ~6 ms that every
 * import of the package paid when it was made with the module (issue #20).
 */
function wordSegmenter(): Segmenter | null {
  segmenter ??= typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  return segmenter;
}

/** The words, spaces and punctuation of a text, in order (characters where no segmenter exists). */
function tokens(text: string): Token[] {
  const segmenter = wordSegmenter();
  if (!segmenter) return Array.from(text, (c) => ({ text: c, word: /[\p{L}\p{N}]/u.test(c) }));
  return Array.from(segmenter.segment(text), (s) => ({ text: s.segment, word: s.isWordLike === true }));
}

const length = (list: readonly Token[], from: number, to: number) => list.slice(from, to).reduce((n, t) => n + t.text.length, 0);

/**
 * The fragments that differ between two texts, each with a little context (whole words, at least
 * `context` characters on each side where there is text, never ending on punctuation), so that a
 * changed Chinese quote reads `“最高补助50万元” → “最高补助80万元”` rather than two whole paragraphs.
 * Texts too long to diff (see {@link MAX_FRAGMENT_DIFF_CELLS}) come back whole, as one fragment.
 *
 * @category Diff
 * @example
 * textFragments("每项最高补助50万元。", "每项最高补助80万元。") //=> [{ from: "最高补助50万元", to: "最高补助80万元" }]
 * textFragments("单项技术交易额在50万元(含)", "单项技术交易额在30万元(含)") //=> [{ from: "交易额在50万元", to: "交易额在30万元" }]
 */
export function textFragments(a: string, b: string, context = 3): { from: string; to: string }[] {
  const x = tokens(a);
  const y = tokens(b);
  const n = x.length;
  const m = y.length;
  if (n * m > MAX_FRAGMENT_DIFF_CELLS) return [{ from: a, to: b }];
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) dp[i * w + j] = x[i]!.text === y[j]!.text ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
  }
  // Walk the edit script; edits separated by at most 2·context characters of equal words form one hunk.
  type Hunk = { i0: number; i1: number; j0: number; j1: number };
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let current: Hunk | undefined;
  const touch = (ni: number, nj: number) => {
    if (current && length(x, current.i1, i) <= 2 * context) {
      current.i1 = ni;
      current.j1 = nj;
    } else {
      current = { i0: i, i1: ni, j0: j, j1: nj };
      hunks.push(current);
    }
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i]!.text === y[j]!.text) {
      i++;
      j++;
    } else if (j < m && (i === n || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) {
      touch(i, j + 1);
      j++;
    } else {
      touch(i + 1, j);
      i++;
    }
  }
  return hunks.map((h) => {
    // Equal words before the hunk, back to `context` characters; the same ones precede it in both texts.
    let before = 0;
    while (before < h.i0 && length(x, h.i0 - before, h.i0) < context) before++;
    while (before > 0 && !x[h.i0 - before]!.word) before--;
    let after = 0;
    while (h.i1 + after < n && h.j1 + after < m && x[h.i1 + after]!.text === y[h.j1 + after]!.text && length(x, h.i1, h.i1 + after) < context) after++;
    while (after > 0 && !x[h.i1 + after - 1]!.word) after--;
    const text = (list: Token[], from: number, to: number) => list.slice(from, to).map((t) => t.text).join("");
    return { from: text(x, h.i0 - before, h.i1 + after), to: text(y, h.j0 - before, h.j1 + after) };
  });
}
