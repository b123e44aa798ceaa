// Opaque keyset-pagination cursors: the sort key of the last item, base64url-encoded.
import { AppError } from "@/lib/server/errors";

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** What each part of a cursor must be: a forged cursor is a 400, never a database error. */
export type CursorPart = "text" | "uuid" | "timestamp";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function partIsValid(part: CursorPart, value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (part === "uuid") return UUID.test(value);
  if (part === "timestamp") return ISO.test(value) && !Number.isNaN(Date.parse(value));
  return value.length <= 200 && !value.includes("\u0000") && value.isWellFormed();
}

export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === parts.length && parts.every((part, i) => partIsValid(part, key[i]))) {
      return key as string[];
    }
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", "cursor is not one this API returned", {
    invalidParams: [{ name: "cursor", reason: "cursor is not one this API returned" }],
  });
}
