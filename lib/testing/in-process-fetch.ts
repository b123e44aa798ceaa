// A fetch that serves /api requests by calling the app's route handlers in this process:
// integration tests exercise the real handlers, validation and database without a server.
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync } from "node:fs";
import path from "node:path";
import { api } from "@/lib/contract/api";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes = Object.values(api).map((op) => {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${op.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`,
  );
  const file = path.join(process.cwd(), "app", op.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  return { method: op.method, pattern, names, file };
});

const AUTH_ROUTE = path.join(process.cwd(), "app", "api", "auth", "[...all]", "route.ts");

// The TCP peer an in-process request pretends to come from (read by clientAddress() in
// lib/server/http/public-origin.ts): there is no socket here, and a made-up X-Forwarded-For
// header would prove nothing — the app ignores it without its edge server in front.
const peers = new AsyncLocalStorage<string>();
(globalThis as unknown as { runyardInProcessPeer?: AsyncLocalStorage<string> }).runyardInProcessPeer ??= peers;
const currentPeers = (globalThis as unknown as { runyardInProcessPeer: AsyncLocalStorage<string> }).runyardInProcessPeer;

/** A fetch whose requests reach the route handlers as if sent from `peer` (an IP address). */
export function inProcessFetchFrom(peer: string): typeof fetch {
  return (input, init) => currentPeers.run(peer, () => inProcessFetch(input, init));
}

export const inProcessFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/auth/")) {
    const mod = (await import(AUTH_ROUTE)) as Record<string, (r: Request) => Promise<Response>>;
    return mod[request.method]!(request);
  }
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    if (!existsSync(route.file)) throw new Error(`no route file ${route.file}`);
    const mod = (await import(route.file)) as Record<string, Handler | undefined>;
    const handler = mod[request.method];
    if (!handler) continue;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response(JSON.stringify({ code: "not_found", title: "Not found", status: 404, detail: url.pathname, type: "about:blank", requestId: "" }), {
    status: 404,
    headers: { "content-type": "application/problem+json" },
  });
};
