import { gunzipSync } from "node:zlib";

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
/** Refuse archives that inflate beyond this (a rules package is a few megabytes). */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

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
  if (!/^[0-7]+$/.test(s)) throw new TarError(`bad ${what} field "${s}"`);
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
 * them). Checksums are verified; links are listed as `other` and never followed.
 */
export function readTar(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
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

/** Read a `.tgz` (or a plain `.tar`). */
export function readTarball(bytes: Uint8Array): TarEntry[] {
  let archive: Uint8Array = bytes;
  if (isGzip(bytes)) {
    try {
      archive = gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES });
    } catch (error) {
      throw new TarError(`cannot gunzip: ${(error as Error).message}`);
    }
  }
  return readTar(archive);
}
