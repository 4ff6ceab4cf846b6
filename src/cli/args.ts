import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./io.js";

/** Parse a command's arguments with node:util, turning its errors into usage errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, rules: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Parse a JSON text, naming where it came from when it is not JSON. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Print a value as indented JSON. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
