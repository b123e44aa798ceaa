// The one wrapper every /api route goes through: request id, authentication and scope,
// validation of path, query and body against the operation's schemas, and problem+json for
// every failure. A route file is then only: parse → authorize → one use case → serialize.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Operation, ResponseOf } from "@/lib/contract/operations";
import { env } from "@/lib/env";
import { assertSameOrigin, principalFromSession } from "@/lib/server/accounts/session-principal";
import { authenticateToken, bearerSecret, requireScope, type Principal } from "@/lib/server/auth/authenticate";
import { authenticateJobToken, isJobToken, requireJobAccess } from "@/lib/server/auth/job-tokens";
import { AppError } from "@/lib/server/errors";
import { jsonValueProblem, textProblem } from "@/lib/server/http/json-limits";
import { limitPerAddress } from "@/lib/server/http/address-rate-limit";
import { problemResponse, zodToInvalidParams } from "@/lib/server/http/problem";
import { setPublicUrlHeader } from "@/lib/server/http/public-origin";
import { setApiHeaders, setTransportSecurity } from "@/lib/server/http/security-headers";
import { trackRequest } from "@/lib/server/lifecycle";
import { observeRequest } from "@/lib/server/metrics/observe-request";

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export type HandlerContext<Op extends Operation> = {
  auth: Op["scopes"] extends "public" ? null : Principal;
  params: Infer<Op["params"]>;
  query: Infer<Op["query"]>;
  body: Infer<Op["body"]>;
  request: Request;
  requestId: string;
};

export type HandlerResult<Op extends Operation> = {
  status?: number;
  body: ResponseOf<Op>;
  /** Extra headers; a Headers object keeps several Set-Cookie headers apart. */
  headers?: Record<string, string> | Headers;
};

type RouteContext = { params: Promise<Record<string, string | string[]>> };

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const invalidParams = zodToInvalidParams(result.error, where);
  throw new AppError("validation_failed", invalidParams.map((p) => `${p.name}: ${p.reason}`).join("; "), { invalidParams });
}

function searchParamsObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const reason = textProblem(key) ?? textProblem(value);
    if (reason) throw new AppError("validation_failed", `${key}: ${reason}`, { invalidParams: [{ name: key, reason }] });
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** `application/json`, in any case, with parameters; a charset other than UTF-8 is not JSON (RFC 8259). */
export function isJsonMediaType(type: string | null): boolean {
  if (!type) return false;
  const [essence, ...parameters] = type.split(";");
  if (essence!.trim().toLowerCase() !== "application/json") return false;
  return parameters.every((parameter) => {
    const [name, value = ""] = parameter.split("=");
    return name!.trim().toLowerCase() !== "charset" || /^"?utf-?8"?$/i.test(value.trim());
  });
}

const notJson = (type: string | null) =>
  new AppError("unsupported_media_type", `a request body must be JSON, sent with Content-Type: application/json (got ${type ? type.slice(0, 60) : "no Content-Type"})`);

/**
 * The body as JSON. A request that carries a body must declare it application/json (415
 * otherwise); one without a body (Content-Length 0 or none sent, as for drain, resume and
 * cancel) needs no Content-Type and reads as {}.
 */
async function readJson(request: Request): Promise<unknown> {
  const limit = env().RUNYARD_MAX_BODY_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("payload_too_large", `request body is larger than ${limit} bytes`);
  const type = request.headers.get("content-type");
  if (declared > 0 && !isJsonMediaType(type)) throw notJson(type);
  const text = await readLimited(request, limit);
  if (text === "") return {};
  if (!isJsonMediaType(type)) throw notJson(type);
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("malformed_json", `request body is not valid JSON: ${(error as Error).message}`);
  }
  const problem = jsonValueProblem(value);
  if (problem) throw new AppError("validation_failed", `${problem.name}: ${problem.reason}`, { invalidParams: [problem] });
  return value;
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large", `request body is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** An API token when one is sent; otherwise the dashboard's session cookie. */
async function authenticate(request: Request): Promise<Principal> {
  if (request.headers.has("authorization")) {
    const secret = bearerSecret(request);
    return isJobToken(secret) ? authenticateJobToken(secret) : authenticateToken(secret);
  }
  const principal = await principalFromSession(request);
  if (!principal) throw new AppError("unauthorized", "sign in, or send an API token: Authorization: Bearer <token>");
  if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
  return principal;
}

function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

export function apiRoute<const Op extends Operation>(
  op: Op,
  handler: (ctx: HandlerContext<Op>) => Promise<HandlerResult<Op>>,
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    const url = new URL(request.url);
    const done = trackRequest();
    const started = performance.now();
    let auth: Principal | null = null;
    let body: unknown;
    let output: unknown;
    let response: Response;
    try {
      if (op.scopes !== "public") {
        auth = await authenticate(request);
        requireScope(auth, op.scopes);
      }
      if (op.rateLimited) await limitPerAddress(request, op.path);
      // A malformed id can name nothing: answer as for any unknown id.
      const rawParams = (await context?.params) ?? {};
      const params = op.params ? op.params.safeParse(rawParams) : undefined;
      if (params && !params.success) throw new AppError("not_found", `nothing found at ${url.pathname}`);
      const query = op.query ? parseWith(op.query, searchParamsObject(url), "query") : undefined;
      body = op.body ? parseWith(op.body, await readJson(request), "body") : undefined;
      if (auth?.job) requireJobAccess(op, auth, params?.data, body);
      const result = await handler({ auth, params: params?.data, query, body, request, requestId } as HandlerContext<Op>);
      output = result.body;
      const headers = new Headers({ "content-type": op.contentType ?? "application/json", "x-request-id": requestId });
      setApiHeaders(headers);
      setTransportSecurity(headers, request.headers);
      setPublicUrlHeader(headers);
      if (result.headers instanceof Headers) {
        for (const cookie of result.headers.getSetCookie()) headers.append("set-cookie", cookie);
      } else {
        for (const [name, value] of Object.entries(result.headers ?? {})) headers.set(name, value);
      }
      // A non-JSON operation (GET /metrics) answers its body as the text it is.
      const text = op.contentType ? String(result.body) : JSON.stringify(result.body);
      response = new Response(text, { status: result.status ?? 200, headers });
    } catch (error) {
      response = problemResponse(error, requestId, url.pathname);
      setTransportSecurity(response.headers, request.headers);
    } finally {
      done();
    }
    observeRequest(op, { teamId: auth?.teamId ?? null, status: response.status, seconds: (performance.now() - started) / 1000, input: body, output });
    return response;
  };
}
