// What PostgreSQL and the server cannot take, refused before validation as a 400 that names
// the field: text with NUL (\u0000) or lone UTF-16 surrogates (PostgreSQL rejects both in text
// and JSON, which used to surface as a 500), and JSON nested deeper than MAX_JSON_DEPTH (deep
// enough for any config; much deeper overflows the stack of JSON.stringify and PostgreSQL).
import type { InvalidParam } from "@/lib/server/errors";

export const MAX_JSON_DEPTH = 64;

export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (!text.isWellFormed()) return "must not contain unpaired UTF-16 surrogates (e.g. \\ud800)";
  return undefined;
}

/** The first problem in a parsed JSON value (iteratively: a deep value cannot overflow the stack). */
export function jsonValueProblem(value: unknown, root = "body"): InvalidParam | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const reason = textProblem(v);
      if (reason) return { name: path, reason };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) return { name: path, reason: `JSON must not be nested more than ${MAX_JSON_DEPTH} levels deep` };
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      const reason = textProblem(key);
      if (reason) return { name: `${path} (a key)`, reason };
      stack.push({ value: item, path: path === root && root === "body" ? key : `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}
