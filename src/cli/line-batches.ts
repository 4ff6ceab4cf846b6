/*
 * Lines of a byte stream, a chunk at a time: the splitter of the CLI's batch modes (JSON Lines, and the
 * physical lines of CSV). One chunk of input (64 KB from a file) gives one batch of lines, decoded with
 * one `toString` where its lines fit the limit, so a batch loop does its work synchronously per chunk
 * and waits only for the next chunk (issue #20: a generator step, a `Buffer.concat` and a decode per
 * line were most of the reading).
 *
 * The lines are those of the byte stream split at `\n`, a `\r` before it dropped; the length limit is
 * in bytes, the `\r` counted; a longer line is `null`, and its rest is skipped as it streams by without
 * being held. UTF-8 is decoded as `Buffer#toString` does (invalid bytes become U+FFFD): decoding several
 * lines at once gives the same text as decoding each, since `\n` is a byte of its own in UTF-8 and never
 * part of a sequence.
 */

/** The lines of one chunk of input: line `first`, `first + 1`, …; `null` for a line longer than the limit. */
export interface LineBatch {
  /** The number (1-based) of the first line of `texts`. */
  first: number;
  /** Each line's text (without its `\n` and a `\r` before it), or `null` when it passed the limit. */
  texts: (string | null)[];
}

/** A line's text without a `\r` at its end (the `\r` of a CRLF line end). */
function withoutCr(text: string): string {
  return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}

/**
 * Split a byte stream into batches of lines, one batch per chunk that ends at least one line, holding at
 * most `maxBytes` of an unfinished line (plus the chunk being split), whatever the input.
 *
 * @example
 * for await (const { first, texts } of splitLineBatches(process.stdin, MAX_LINE_BYTES)) {
 *   texts.forEach((text, i) => console.log(first + i, text ?? "(too long)"));
 * }
 */
export async function* splitLineBatches(input: AsyncIterable<unknown>, maxBytes: number): AsyncGenerator<LineBatch> {
  // The unfinished line carried from earlier chunks: its parts and size, or that it passed the limit.
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  const carry = (bytes: Buffer) => {
    if (tooLong || bytes.length === 0) return;
    if (size + bytes.length > maxBytes) {
      tooLong = true;
      parts = [];
      size = 0;
    } else {
      parts.push(bytes);
      size += bytes.length;
    }
  };
  const takeCarried = (): string | null => {
    line++;
    const text = tooLong ? null : size === 0 ? "" : withoutCr((parts.length === 1 ? parts[0]! : Buffer.concat(parts, size)).toString("utf8"));
    parts = [];
    size = 0;
    tooLong = false;
    return text;
  };
  for await (const raw of input) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : (raw as Buffer);
    const firstNewline = chunk.indexOf(0x0a);
    if (firstNewline === -1) {
      carry(chunk);
      continue;
    }
    const first = line + 1;
    // The line that began in earlier chunks ends at the chunk's first newline.
    carry(chunk.subarray(0, firstNewline));
    const texts: (string | null)[] = [takeCarried()];
    const lastNewline = chunk.lastIndexOf(0x0a);
    const start = firstNewline + 1;
    if (lastNewline > firstNewline) {
      // The whole lines between: no line can pass the limit when all of them together do not.
      if (lastNewline - start <= maxBytes) {
        const whole = chunk.toString("utf8", start, lastNewline).split("\n");
        for (let i = 0; i < whole.length; i++) texts.push(withoutCr(whole[i]!));
        line += whole.length;
      } else {
        for (let from = start; from <= lastNewline; ) {
          const end = chunk.indexOf(0x0a, from);
          texts.push(end - from > maxBytes ? null : withoutCr(chunk.toString("utf8", from, end)));
          line++;
          from = end + 1;
        }
      }
    }
    // The unfinished line at the chunk's end, carried (a view of the chunk, as a read stream hands out fresh buffers).
    carry(chunk.subarray(lastNewline + 1));
    yield { first, texts };
  }
  if (size > 0 || tooLong) {
    const first = line + 1;
    yield { first, texts: [takeCarried()] };
  }
}
