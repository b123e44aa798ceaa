import { describe, expect, it } from "vitest";
import { shortId, uuidPrefixRange } from "@/lib/domain/short-id";

describe("short ids", () => {
  it("shows the first 8 characters", () => {
    expect(shortId("0f3c9a12-7b1e-4c2d-9e8f-0123456789ab")).toBe("0f3c9a12");
  });

  it("turns a prefix into the range of UUIDs that start with it, with or without dashes, in any case", () => {
    expect(uuidPrefixRange("0F3C9A12")).toEqual(["0f3c9a12-0000-0000-0000-000000000000", "0f3c9a12-ffff-ffff-ffff-ffffffffffff"]);
    expect(uuidPrefixRange("0f3c9a12-7b")).toEqual(["0f3c9a12-7b00-0000-0000-000000000000", "0f3c9a12-7bff-ffff-ffff-ffffffffffff"]);
    expect(uuidPrefixRange("0f3c9a127b1e4c2d9e8f0123456789ab")).toEqual(["0f3c9a12-7b1e-4c2d-9e8f-0123456789ab", "0f3c9a12-7b1e-4c2d-9e8f-0123456789ab"]);
  });

  it("refuses what cannot start a UUID", () => {
    for (const bad of ["", "-", "xyz", "0f3c 9a12", "0f3c9a12-7b1e-4c2d-9e8f-0123456789abc"]) expect(uuidPrefixRange(bad)).toBeUndefined();
  });
});
