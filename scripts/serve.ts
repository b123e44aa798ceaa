// The app's HTTP server: Next.js behind a thin node:http front. It exists so that the app knows
// who is really talking to it — the TCP peer — and believes X-Forwarded-* only from trusted
// proxies (lib/server/http/edge-headers.ts); `next start` cannot do that. Run by `npm start`
// (scripts/start.ts) and by every test that starts the built app (lib/testing/app-server.ts).
// The agent's hot routes (claim, heartbeat, reports, logs) it serves itself, from the same
// route handlers, without Next's request pipeline (lib/server/http/direct-routes.ts):
//   node --import tsx scripts/serve.ts [--dev]      PORT, RUNYARD_BIND, RUNYARD_TRUSTED_PROXIES
import { createServer } from "node:http";
import { parseEnv } from "@/lib/env";
import { directRoutesEnabled, loadDirectRoutes } from "@/lib/server/http/direct-routes";
import { rewriteForwardedHeaders } from "@/lib/server/http/edge-headers";
import { markForwardedHeadersRewritten } from "@/lib/server/http/public-origin";
import { parseTrustedProxies } from "@/lib/server/http/trusted-proxies";
import { holdSweepUntilListening, releaseSweep } from "@/lib/server/runs/sweep-hold";

const dev = process.argv.includes("--dev");
// Whatever the parent had (vitest sets "test"), the server runs as what it is.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  const env = parseEnv();
  const trusted = parseTrustedProxies(env.RUNYARD_TRUSTED_PROXIES);
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), port: env.PORT });
  const handle = app.getRequestHandler();
  // The agent's hot routes skip Next's pipeline (same handlers; lib/server/http/direct-routes.ts).
  // Loaded (compiled) before Next prepares: prepare starts the lease sweep, which may renew
  // leases after an outage, and agents must be able to call in as soon as it has.
  const direct = !dev && directRoutesEnabled() ? await loadDirectRoutes() : undefined;
  // No lease sweep until agents can reach this instance (lib/server/runs/sweep-hold.ts).
  holdSweepUntilListening();
  await app.prepare();
  markForwardedHeadersRewritten();
  const server = createServer((request, response) => {
    rewriteForwardedHeaders(request, trusted);
    if (direct?.(request, response)) return;
    void handle(request, response);
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
  // Agents keep connections open between long-polls; a longer idle timeout than Node's 5 s
  // saves them a reconnect (and a TLS handshake behind a proxy) on every poll.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.RUNYARD_BIND, resolve);
  });
  releaseSweep();
  console.log(`[runyard] listening on ${env.RUNYARD_BIND ?? "every interface"}, port ${env.PORT}${dev ? " (development)" : ""}`);
  const warning = plainHttpWarning(env);
  if (warning) console.log(`[runyard] ${warning}`);
}

/**
 * Said once at start when others can reach this server over plain http: sign-in works (cookies
 * follow the scheme), but passwords and session cookies cross the network unencrypted.
 */
function plainHttpWarning(env: { RUNYARD_BIND?: string; RUNYARD_PUBLIC_URL?: string }): string | undefined {
  if (env.RUNYARD_PUBLIC_URL?.startsWith("https:")) return undefined;
  const bind = env.RUNYARD_BIND ?? "0.0.0.0";
  const loopback = bind === "localhost" || bind === "::1" || /^127\./.test(bind);
  if (loopback) return undefined;
  return "serving plain http on a network address: passwords and session cookies travel unencrypted. Put https in front (a reverse proxy such as Caddy or nginx, see docs/deployment.md) and set RUNYARD_PUBLIC_URL=https://…";
}

main().catch((error: unknown) => {
  console.error(`[runyard] error: ${(error as Error).message}`);
  process.exit(1);
});
