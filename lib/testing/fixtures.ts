// Test data helpers: every test makes its own team, so tests never see each other's data.
import { randomUUID } from "node:crypto";
import type { Scope } from "@/lib/contract/operations";
import { RunyardClient } from "@/lib/client/runyard-client";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";

export function uniqueName(prefix = "t"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function newTeam(name = uniqueName("team")) {
  const teamId = await ensureTeam(name);
  const tokens = new Map<Scope, string>();
  const tokenFor = async (scope: Scope, workerId?: string) => {
    if (!workerId && tokens.has(scope)) return tokens.get(scope)!;
    const { secret } = await createToken({ teamId, scope, name: `test ${scope}`, workerId });
    if (!workerId) tokens.set(scope, secret);
    return secret;
  };
  const client = async (scope: Scope = "admin", workerId?: string) =>
    new RunyardClient({ baseUrl: "http://runyard.test", token: await tokenFor(scope, workerId), fetch: inProcessFetch, validateResponses: true });
  return { teamId, name, tokenFor, client, admin: await client("admin") };
}

/** A raw in-process request, for inputs the typed client would never send. */
export async function rawRequest(method: string, path: string, options: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined && !("content-type" in headers)) headers["content-type"] = "application/json";
  const response = await inProcessFetch(`http://runyard.test${path}`, { method, headers, body: options.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
