// Opaque keyset-pagination cursors: the sort key of the last item, base64url-encoded.
import { AppError } from "@/lib/server/errors";

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === "string" || typeof k === "number")) {
      return key as (string | number)[];
    }
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", "cursor is not one this API returned", {
    invalidParams: [{ name: "cursor", reason: "cursor is not one this API returned" }],
  });
}
