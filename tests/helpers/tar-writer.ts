/** A minimal tar writer for the tests: ustar headers, regular files ("0") unless told, an optional ustar name prefix. */
export function tarHeader(name: string, size: number, type = "0", prefix = ""): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number) => h.set(new TextEncoder().encode(s), at);
  put(name, 0);
  put("0000644\0", 100);
  put("0000000\0", 108);
  put("0000000\0", 116);
  put(size.toString(8).padStart(11, "0") + "\0", 124);
  put("00000000000\0", 136);
  put("        ", 148);
  put(type, 156);
  put("ustar\0" + "00", 257);
  put(prefix, 345);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

/** One entry: its header and its data padded to 512 bytes. */
export function tarEntry(name: string, data: string | Uint8Array, type = "0"): Uint8Array {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const out = new Uint8Array(512 + Math.ceil(bytes.length / 512) * 512);
  out.set(tarHeader(name, bytes.length, type));
  out.set(bytes, 512);
  return out;
}

/** An archive of entries, with the two zero blocks at the end. */
export function tarOf(entries: Uint8Array[]): Buffer {
  return Buffer.concat([...entries, new Uint8Array(1024)]);
}
