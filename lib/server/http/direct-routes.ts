// The agent's hot path — claim, heartbeat, reports, log appends — served by scripts/serve.ts
// straight from the same route handlers (app/api/…/route.ts, built on api-route.ts: the same
// contract, validation, authentication and OpenAPI document), without Next's request pipeline
// and proxy.ts. Measured on the bench (docs/benchmarks.md): Next's pipeline costs ~1.6 ms of
// app CPU per request against ~0.1 ms for node:http, the proxy ~0.8 ms more, and gzip of tiny
// JSON answers streamed without Content-Length ~9 % of app CPU. Those requests are nearly all
// an agent sends, so they are most of the app's CPU per run.
//
// Only a POST to one of these exact paths with plain id segments is served here; anything else
// (another method, an odd path) goes on to Next, whose proxy answers it as before.
// RUNYARD_DIRECT_AGENT_ROUTES=0 turns this off (every request through Next), for comparison.
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { api } from "@/lib/contract/api";
import type { Operation } from "@/lib/contract/operations";
import { env } from "@/lib/env";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: RegExp; names: string[]; file: string; handler?: Handler };

export const DIRECT_OPERATIONS: readonly Operation[] = [api.claimRuns, api.heartbeat, api.reportRun, api.reportRuns, api.appendLogs];

const SEGMENT = "([A-Za-z0-9_-]{1,100})";

function routeFor(op: Operation): Route {
  const names: string[] = [];
  const pattern = new RegExp(`^${op.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), SEGMENT))}$`);
  const file = path.join(process.cwd(), "app", op.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  return { pattern, names, file };
}

export function directRoutesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RUNYARD_DIRECT_AGENT_ROUTES !== "0";
}

/**
 * A request handler for scripts/serve.ts: serves the request and answers true when it is one
 * of the agent's routes; answers false (untouched) otherwise.
 */
export async function loadDirectRoutes(): Promise<(request: IncomingMessage, response: ServerResponse) => boolean> {
  const routes = DIRECT_OPERATIONS.map(routeFor);
  for (const route of routes) {
    if (route.handler) continue;
    const mod = (await import(pathToFileURL(route.file).href)) as { POST?: Handler };
    if (!mod.POST) throw new Error(`${route.file} has no POST handler`);
    route.handler = mod.POST;
  }
  return (request, response) => {
    if (request.method !== "POST" || !request.url) return false;
    const query = request.url.indexOf("?");
    const pathname = query < 0 ? request.url : request.url.slice(0, query);
    for (const route of routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, match[i + 1]!]));
      void serve(route.handler!, params, request, response);
      return true;
    }
    return false;
  };
}

async function serve(handler: Handler, params: Record<string, string>, req: IncomingMessage, res: ServerResponse) {
  // A client that goes away aborts the handler's signal (a long-poll stops waiting).
  const abort = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else headers.set(name, value);
    }
    const payload = await readBody(req);
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: "POST",
      headers,
      body: payload.byteLength > 0 ? new Uint8Array(payload) : undefined,
      signal: abort.signal,
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    // Small JSON answers, whole: one write with its Content-Length, no compression.
    const body = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) out["set-cookie"] = cookies;
    out["content-length"] = String(body.byteLength);
    res.writeHead(response.status, out);
    res.end(body);
  } catch (error) {
    // api-route.ts answers every failure itself; this is only a broken socket or a bug here.
    if (!res.headersSent && !res.destroyed) {
      const body = JSON.stringify({ type: "https://runyard.dev/problems/internal", title: "Internal server error", status: 500, code: "internal", detail: "an unexpected error occurred", requestId: "" });
      res.writeHead(500, { "content-type": "application/problem+json", "content-length": String(Buffer.byteLength(body)) });
      res.end(body);
    } else {
      res.destroy(error as Error);
    }
  }
}

/**
 * The request body, whole (agent requests are small), keeping at most the body limit plus one
 * byte — api-route.ts answers 413 for more — and reading past that only to discard it, so the
 * connection stays usable for a client that reuses it (stopping early would reset it).
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const limit = env().RUNYARD_MAX_BODY_BYTES;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > limit) return;
      chunks.push(chunk);
      size += chunk.byteLength;
    });
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
    req.once("close", () => (req.complete ? undefined : reject(new Error("the client went away"))));
  });
}
