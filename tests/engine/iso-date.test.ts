import { describe, expect, it } from "vitest";
import { isIsoDate } from "../../src/schema/common.js";

describe("isIsoDate", () => {
  it.each(["2024-02-29", "2000-02-29", "0000-02-29", "0004-02-29", "2025-12-31", "2025-04-30"])("accepts %s", (d) => {
    expect(isIsoDate(d)).toBe(true);
  });
  it.each(["2025-02-29", "1900-02-29", "0100-02-29", "2025-02-30", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-1-7", " 2025-01-07", "2025-01-07T00:00:00Z", 20250107, null])("rejects %j", (d) => {
    expect(isIsoDate(d)).toBe(false);
  });
});
