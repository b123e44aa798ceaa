// Calls one operation of lib/contract/api.ts over fetch. Knows nothing of individual routes.
import type { z } from "zod";
import type { Operation, ResponseOf } from "@/lib/contract/operations";
import { RunyardApiError, RunyardNetworkError } from "@/lib/client/errors";

export type ClientOptions = {
  /** Where the API lives, e.g. http://localhost:3000; "" for same-origin (the dashboard). */
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** Check every response against the operation's schema (tests and development). */
  validateResponses?: boolean;
  userAgent?: string;
  /** Told the server's public address (RUNYARD_PUBLIC_URL) when an answer says it: the CLI prints links with it. */
  onPublicUrl?: (url: string) => void;
};

export type CallInput = {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export function buildPath(op: Operation, input: CallInput): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${op.path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)));
    else search.append(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function call<Op extends Operation>(options: ClientOptions, op: Op, input: CallInput = {}): Promise<ResponseOf<Op>> {
  const headers: Record<string, string> = { accept: op.contentType ? `${op.contentType.split(";")[0]}, application/problem+json` : "application/json", ...input.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.userAgent) headers["user-agent"] = options.userAgent;
  let body: string | undefined;
  if (op.method !== "GET" && op.method !== "DELETE") {
    headers["content-type"] = "application/json";
    body = JSON.stringify(input.body ?? {});
  }
  const url = `${options.baseUrl.replace(/\/$/, "")}${buildPath(op, input)}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { method: op.method, headers, body, signal: input.signal });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new RunyardNetworkError(`cannot reach Runyard at ${options.baseUrl || "this site"}: ${why}`, { cause: error });
  }
  const publicUrl = response.headers.get("x-runyard-public-url");
  if (publicUrl && options.onPublicUrl && /^https?:\/\/[^\s/]+$/.test(publicUrl)) options.onPublicUrl(publicUrl);
  const text = await response.text();
  // A text operation (GET /metrics) answers its text; its errors are problem+json like any other.
  if (response.ok && op.contentType) return text as ResponseOf<Op>;
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new RunyardNetworkError(`Runyard answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const problem = parsed && typeof parsed === "object" && "code" in parsed
      ? (parsed as RunyardApiError["problem"])
      : { type: "about:blank", title: response.statusText || "Error", status: response.status, detail: text.slice(0, 500), code: "unknown", requestId: "" };
    throw new RunyardApiError(response.status, problem);
  }
  if (options.validateResponses) {
    const schema = op.responses[response.status] as z.ZodType | undefined;
    if (!schema) throw new Error(`${op.method} ${op.path} answered ${response.status}, which its contract does not declare`);
    const check = schema.safeParse(parsed);
    if (!check.success) {
      throw new Error(`${op.method} ${op.path} answered a body that breaks its contract: ${check.error.message}`);
    }
  }
  return parsed as ResponseOf<Op>;
}
