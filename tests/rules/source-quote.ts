// How a quote is checked against the published text of its document (issue 12): whitespace is the only
// normalisation; garbled characters are read only through the document's listed repairs.

/** Whitespace removed: the texts are Chinese, and the published pages put stray spaces inside words. */
export const squeeze = (s: string): string => s.replace(/\s+/gu, "");

/** The text's paragraphs (its lines), squeezed, empty ones dropped. */
export const paragraphsOf = (text: string): string[] => text.split(/\r?\n/u).map(squeeze).filter((p) => p !== "");

/** The text as the quotes read it: each listed repair applied, in order. */
export function repairText(text: string, repairs: readonly { garbled: string; reading: string }[]): string {
  return repairs.reduce((t, r) => t.split(r.garbled).join(r.reading), text);
}

interface QuoteParagraph {
  pieces: string[];
  elidedBefore: boolean;
  elidedAfter: boolean;
}

/** A quote's paragraphs (split at line breaks), each split into its pieces at the elisions (……). */
function quoteParagraphs(quote: string): QuoteParagraph[] {
  return quote
    .split(/\r?\n/u)
    .map(squeeze)
    .filter((p) => p !== "")
    .map((p) => ({ pieces: p.split(/…+/u).filter((x) => x !== ""), elidedBefore: p.startsWith("…"), elidedAfter: p.endsWith("…") }));
}

/** Whether the pieces occur in this paragraph, in order, each contiguously, with something elided between each two. */
function inParagraph(paragraph: string, pieces: readonly string[]): boolean {
  let from = 0;
  for (const [i, piece] of pieces.entries()) {
    const at = paragraph.indexOf(piece, i === 0 ? 0 : from + 1);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/**
 * Where the quote is in the text: for each of its paragraphs the index of the text paragraph holding it, or
 * null. A quote paragraph lies inside ONE text paragraph; the next one lies in the next text paragraph, or
 * further on when the quote marks the skipped paragraphs with an elision at that break.
 */
export function locateQuote(paragraphs: readonly string[], quote: string): number[] | null {
  const qs = quoteParagraphs(quote);
  if (qs.length === 0) return null;
  const search = (k: number, after: number): number[] | null => {
    if (k === qs.length) return [];
    const q = qs[k]!;
    const skipAllowed = k === 0 || q.elidedBefore || qs[k - 1]!.elidedAfter;
    for (let i = after + 1; i < paragraphs.length; i++) {
      if (k > 0 && i > after + 1 && !skipAllowed) break;
      if (!inParagraph(paragraphs[i]!, q.pieces)) continue;
      const rest = search(k + 1, i);
      if (rest) return [i, ...rest];
    }
    return null;
  };
  return search(0, -1);
}

/** The pieces a quote is made of (squeezed, split at elisions and line breaks). */
export const quotePieces = (quote: string): string[] => quoteParagraphs(quote).flatMap((q) => q.pieces);

/** The words of a parameter's `sourceText`: squeezed, split at elisions (…) and at the semicolons that list several. */
export const sourceWords = (sourceText: string): string[] => squeeze(sourceText).split(/…+|;/u).filter((w) => w !== "");
