// The security headers of every answer (docs/security.md). Pages get them from proxy.ts with a
// fresh CSP nonce per request; API answers from the API wrapper, problem+json and the auth
// route — static strings, no per-request work beyond HSTS's one check of the scheme.
import { isSecureOrigin } from "@/lib/server/http/public-origin";

// Powerful features the dashboard never uses, switched off for it and anything it could embed
// (only names Chromium knows: an unknown one is logged as an error on every page).
const PERMISSIONS_POLICY = [
  "accelerometer=()", "camera=()", "display-capture=()", "geolocation=()", "gyroscope=()", "hid=()",
  "magnetometer=()", "microphone=()", "midi=()", "payment=()", "serial=()", "usb=()",
].join(", ");

const COMMON: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "permissions-policy": PERMISSIONS_POLICY,
  // frame-ancestors 'none' says the same to browsers that read CSP; this, to those that do not.
  "x-frame-options": "DENY",
};

/** JSON is never a document: nothing may load from it, nothing may frame it. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** A year; not includeSubDomains: Runyard is usually one host among others it does not own. */
const HSTS = "max-age=31536000";

/**
 * The dashboard's policy. Scripts: only those carrying this request's nonce — Next.js puts it
 * on its own inline and bundle scripts — and what they load ('strict-dynamic'). Style elements
 * likewise; style *attributes* are allowed ('unsafe-inline' in style-src-attr only) because
 * React renders a few (a progress bar's width, a chart swatch's colour) and an attribute can
 * run no script. Development needs eval for React's error overlays and inline styles for
 * hot reloading; production needs neither.
 */
export function pageCsp(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    options.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain http (a LAN install) upgrading would break every request the page makes.
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** nosniff, Referrer-Policy, Permissions-Policy, X-Frame-Options: the same on every answer. */
export function setCommonHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(COMMON)) headers.set(name, value);
}

/** What every API answer carries, problem or not (HSTS needs the request: setTransportSecurity). */
export function setApiHeaders(headers: Headers): void {
  setCommonHeaders(headers);
  headers.set("content-security-policy", API_CSP);
}

/** HSTS, when Runyard is served over https (directly, via a trusted proxy, or RUNYARD_PUBLIC_URL). */
export function setTransportSecurity(headers: Headers, requestHeaders: Headers): void {
  if (isSecureOrigin(requestHeaders)) headers.set("strict-transport-security", HSTS);
}

/** An answer from code we do not own (Better Auth) with our API headers added. */
export function withApiHeaders(response: Response, requestHeaders: Headers): Response {
  const headers = new Headers(response.headers);
  setApiHeaders(headers);
  setTransportSecurity(headers, requestHeaders);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
