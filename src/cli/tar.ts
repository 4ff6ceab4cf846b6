import { gunzipSync } from "node:zlib";
import { formatBytes, printable } from "./limits.js";

/** One entry of a tar archive. */
export interface TarEntry {
  /** The path inside the archive, `/`-separated, as written (e.g. `package/rules/sjz-2025/document.json`). */
  path: string;
  /** `file`, `directory`, or `other` (links, devices… never followed). */
  type: "file" | "directory" | "other";
  data: Uint8Array;
}

/** A malformed archive. */
export class TarError extends Error {
  override name = "TarError";
}

const BLOCK = 512;
/**
 * Largest archive, in bytes, both as read (the `.tgz` file) and once gunzipped: 64 MiB. The package
 * from `npm pack` is about 2 MB packed and 9 MB unpacked. gunzip stops as soon as its output passes
 * it, so a gzip bomb costs at most this much memory. Raise it with `--max-archive-bytes <N>` (diff,
 * changelog).
 *
 * @example
 * MAX_UNPACKED_BYTES; // 67108864
 */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/**
 * Most entries (headers) read from an archive: 20,000. The package from `npm pack` has about a hundred.
 * Not an option: an archive with more is not a rules package.
 *
 * @example
 * MAX_TAR_ENTRIES; // 20000
 */
export const MAX_TAR_ENTRIES = 20_000;

/** What {@link readTar} and {@link readTarball} accept at most. */
export interface TarLimits {
  /** Largest archive, packed or unpacked, in bytes (default {@link MAX_UNPACKED_BYTES}). */
  maxBytes?: number;
  /** Most entries (default {@link MAX_TAR_ENTRIES}). */
  maxEntries?: number;
}

function text(block: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return new TextDecoder().decode(block.subarray(start, end));
}

function octal(block: Uint8Array, start: number, length: number, what: string): number {
  // GNU base-256 for large numbers: the high bit of the first byte is set.
  if ((block[start]! & 0x80) !== 0) {
    let n = block[start]! & 0x7f;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + block[i]!;
    return n;
  }
  const s = text(block, start, length).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError(`bad ${what} field ${printable(JSON.stringify(s))}`);
  return parseInt(s, 8);
}

function checksumOk(header: Uint8Array): boolean {
  const stored = octal(header, 148, 8, "checksum");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === stored;
}

/** Records of a pax extended header: `"<length> <key>=<value>\n"` repeated, the length in bytes. */
function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const decoder = new TextDecoder();
  let i = 0;
  while (i < data.length) {
    let space = i;
    while (space < data.length && data[space] !== 0x20) space++;
    const length = Number(decoder.decode(data.subarray(i, space)));
    if (!Number.isInteger(length) || length <= space - i || i + length > data.length) throw new TarError("bad pax header record");
    const record = decoder.decode(data.subarray(space + 1, i + length)).replace(/\n$/, "");
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += length;
  }
  return out;
}

/**
 * Read a tar archive (ustar, with pax and GNU long-name extensions, as `npm pack` and GNU tar write
 * them). Checksums are verified; links are listed as `other` and never followed. One pass over the
 * archive: each header is looked at once, and entry data are views into `archive`, not copies.
 *
 * @throws {TarError} a bad header, an entry past the end, or more than `limits.maxEntries` headers
 * @example
 * readTar(archive).filter((e) => e.type === "file").map((e) => e.path);
 */
export function readTar(archive: Uint8Array, limits: TarLimits = {}): TarEntry[] {
  const maxEntries = limits.maxEntries ?? MAX_TAR_ENTRIES;
  const entries: TarEntry[] = [];
  let offset = 0;
  let headers = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    if (++headers > maxEntries) throw new TarError(`more than ${maxEntries.toLocaleString("en-US")} entries (MAX_TAR_ENTRIES): not a rules package / 条目超过 ${maxEntries} 个，不是规则包`);
    if (!checksumOk(header)) throw new TarError(`bad header checksum at byte ${offset}`);
    const typeflag = String.fromCharCode(header[156]!);
    const size = pax["size"] !== undefined ? Number(pax["size"]) : octal(header, 124, 12, "size");
    const dataStart = offset + BLOCK;
    if (!Number.isSafeInteger(size) || size < 0 || dataStart + size > archive.length) throw new TarError(`entry at byte ${offset} runs past the end of the archive`);
    const data = archive.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (typeflag === "x") {
      pax = paxRecords(data);
      continue;
    }
    if (typeflag === "g") continue; // global pax header: nothing we use
    if (typeflag === "L") {
      longName = text(data, 0, data.length);
      continue;
    }
    const magic = text(header, 257, 6);
    const prefix = magic.startsWith("ustar") ? text(header, 345, 155) : "";
    const name = text(header, 0, 100);
    const path = pax["path"] ?? longName ?? (prefix ? `${prefix}/${name}` : name);
    pax = {};
    longName = undefined;
    const type = typeflag === "0" || typeflag === "\0" || typeflag === "7" ? "file" : typeflag === "5" ? "directory" : "other";
    entries.push({ path, type, data });
  }
  return entries;
}

/** Whether bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Read a `.tgz` (or a plain `.tar`). gunzip stops as soon as its output passes `limits.maxBytes`.
 *
 * @throws {TarError} not gzip nor tar, unpacking to more than `limits.maxBytes`, or a bad archive
 * @example
 * readTarball(readFileSync("jjj-policy-rules-0.1.0.tgz")).map((e) => e.path);
 */
export function readTarball(bytes: Uint8Array, limits: TarLimits = {}): TarEntry[] {
  const maxBytes = limits.maxBytes ?? MAX_UNPACKED_BYTES;
  let archive: Uint8Array = bytes;
  if (isGzip(bytes)) {
    try {
      archive = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new TarError(
          `unpacks to more than ${formatBytes(maxBytes)} (the --max-archive-bytes limit); raise it with --max-archive-bytes <bytes> if the archive is genuine / 解压后超过 ${formatBytes(maxBytes)} 上限（--max-archive-bytes）`,
        );
      }
      throw new TarError(`cannot gunzip: ${printable((error as Error).message)}`);
    }
  } else if (archive.length > maxBytes) {
    throw new TarError(`is larger than ${formatBytes(maxBytes)} (the --max-archive-bytes limit) / 超过 ${formatBytes(maxBytes)} 上限（--max-archive-bytes）`);
  }
  return readTar(archive, limits);
}
