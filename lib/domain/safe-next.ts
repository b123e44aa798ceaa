// Where to go after signing in (`/sign-in?next=/invite/…`): a path on this site only. Anything
// else — another origin, a protocol-relative `//evil.example`, a `/\evil.example` that some
// browsers read as one — would make the sign-in page an open redirect.
export function safeNext(next: string | string[] | undefined, fallback = "/"): string {
  if (typeof next !== "string" || next.length > 512) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  return next;
}
