// The one place that knows Runyard's public address and what a request says about its client.
// RUNYARD_PUBLIC_URL wins when set; otherwise the scheme and host the request came in with.
//
// X-Forwarded-* are read here only because the app's HTTP server (scripts/serve.ts) rewrites
// them on every request from what the TCP peer and the trusted proxies vouch for
// (lib/server/http/trusted-proxies.ts), and says so by setting `edgeIsTrusted` on globalThis.
// Where no such server stands in front (route handlers called in-process by tests, or a bare
// `next start`), forwarded headers are ignored: whatever a client writes in them proves nothing.
import { env } from "@/lib/env";

const edge = globalThis as unknown as {
  runyardEdge?: { trusted: true };
  /**
   * Tests only (lib/testing/in-process-fetch.ts): route handlers called in-process have no TCP
   * peer, so a test says which address it calls from. Nothing a request carries can set it,
   * and no production code path creates it.
   */
  runyardInProcessPeer?: { getStore(): string | undefined };
};

/** Called once by the app's HTTP server after it starts rewriting forwarded headers. */
export function markForwardedHeadersRewritten(): void {
  edge.runyardEdge = { trusted: true };
}

const forwarded = (headers: Headers, name: string): string | undefined =>
  edge.runyardEdge ? (headers.get(name) ?? undefined) : undefined;

/** The scheme the client used: https only over TLS to a trusted proxy (or RUNYARD_PUBLIC_URL). */
export function requestProto(headers: Headers): "http" | "https" {
  return forwarded(headers, "x-forwarded-proto") === "https" ? "https" : "http";
}

/** The host the client addressed (a trusted proxy's X-Forwarded-Host, else Host). */
export function requestHost(headers: Headers): string | undefined {
  return forwarded(headers, "x-forwarded-host") ?? headers.get("host") ?? undefined;
}

/** The origin people and agents reach Runyard by: every link the product prints comes from here. */
export function publicOrigin(headers: Headers): string {
  const pinned = env().RUNYARD_PUBLIC_URL;
  if (pinned) return pinned;
  return `${requestProto(headers)}://${requestHost(headers) ?? `localhost:${env().PORT}`}`;
}

/** The response header that tells API clients (the CLI) the address to print links with. */
export const PUBLIC_URL_HEADER = "x-runyard-public-url";

/**
 * Says RUNYARD_PUBLIC_URL on an API answer, when it is set: a script that reaches Runyard by an
 * inside address (http://10.0.0.5:3000) still prints the links people open. Unset, the address
 * the client used is the public one for it, and nothing is said.
 */
export function setPublicUrlHeader(headers: Headers): void {
  const pinned = env().RUNYARD_PUBLIC_URL;
  if (pinned) headers.set(PUBLIC_URL_HEADER, pinned);
}

/** Whether cookies for this request may be Secure: the public address (or the request) is https. */
export function isSecureOrigin(headers: Headers): boolean {
  return publicOrigin(headers).startsWith("https:");
}

/** The client's address: the TCP peer, or what trusted proxies say it is; undefined in-process. */
export function clientAddress(headers: Headers): string | undefined {
  return forwarded(headers, "x-forwarded-for") ?? edge.runyardInProcessPeer?.getStore();
}
