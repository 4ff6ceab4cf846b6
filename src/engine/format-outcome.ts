import type { ValueType } from "../schema/rule-file.js";
import { formatMoney, toDec } from "../exact/decimal.js";
import type { OutcomeValue } from "./decision.js";
import { truthy } from "./truthy.js";

/** Convert an outcome value to its declared type's public form. */
export function formatOutcome(raw: unknown, type: ValueType, where: string): OutcomeValue {
  switch (type) {
    case "boolean":
      return truthy(raw);
    case "money":
      return raw === null ? null : formatMoney(toDec(raw, where));
    case "decimal":
    case "rate":
      return raw === null ? null : toDec(raw, where).toString();
    case "integer": {
      if (raw === null) return null;
      const d = toDec(raw, where);
      if (!d.isInteger()) throw new TypeError(`${where}: ${d.toString()} is not an integer`);
      return d.toNumber();
    }
    case "enumList":
      return Array.isArray(raw) ? raw.map(String) : [];
    default:
      return raw === null || raw === undefined ? null : String(raw);
  }
}
