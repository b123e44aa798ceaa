// The Webhooks page and /api/v1/webhooks: team admins add endpoints (the secret is shown once),
// list, delete and rotate them. Every change is in the audit log, written in its transaction.
import type { z } from "zod";
import { MAX_WEBHOOKS_PER_TEAM, type CreateWebhookBody, type WebhookEndpoint, type WebhookWithSecret } from "@/lib/contract/webhooks";
import { pool, withTransaction } from "@/lib/db/pool";
import { env } from "@/lib/env";
import type { Principal } from "@/lib/server/auth/authenticate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import { newWebhookSecret } from "@/lib/server/webhooks/signature";
import { TargetRefusedError, resolveTarget, type Resolver } from "@/lib/server/webhooks/target-guard";
import { ENDPOINT_SELECT, serializeEndpoint, type EndpointRow } from "@/lib/server/webhooks/webhook-sql";
import { syncWorkerBaseline } from "@/lib/server/webhooks/worker-states";

export type GuardOptions = { allowPrivate?: boolean; resolve?: Resolver };

export async function listWebhooks(teamId: string): Promise<WebhookEndpoint[]> {
  const { rows } = await pool().query<EndpointRow>(`${ENDPOINT_SELECT} WHERE e.team_id = $1 ORDER BY e.created_at, e.id`, [teamId]);
  return rows.map(serializeEndpoint);
}

export async function getWebhook(teamId: string, id: string): Promise<WebhookEndpoint> {
  const { rows } = await pool().query<EndpointRow>(`${ENDPOINT_SELECT} WHERE e.id = $1 AND e.team_id = $2`, [id, teamId]);
  if (!rows[0]) throw notFound("webhook endpoint");
  return serializeEndpoint(rows[0]);
}

/** The SSRF guard at creation: the URL must resolve, and only to public addresses unless allowed. */
async function checkTarget(url: string, guard: GuardOptions): Promise<void> {
  try {
    await resolveTarget(new URL(url), { allowPrivate: guard.allowPrivate ?? env().RUNYARD_WEBHOOK_ALLOW_PRIVATE, resolve: guard.resolve });
  } catch (error) {
    const reason = error instanceof TargetRefusedError ? error.message : `${new URL(url).hostname} cannot be resolved (${(error as { code?: string }).code ?? (error as Error).message})`;
    throw invalid("url", reason);
  }
}

export async function createWebhook(principal: Principal, body: z.output<typeof CreateWebhookBody>, guard: GuardOptions = {}): Promise<WebhookWithSecret> {
  await checkTarget(body.url, guard);
  const secret = newWebhookSecret();
  return withTransaction(async (client) => {
    // Serialise additions per team so the limit holds under concurrent requests.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 17))", [principal.teamId]);
    const count = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_endpoints WHERE team_id = $1", [principal.teamId]);
    if (count.rows[0]!.n >= MAX_WEBHOOKS_PER_TEAM) {
      throw new AppError("conflict", `a team can have at most ${MAX_WEBHOOKS_PER_TEAM} webhook endpoints; delete one first`);
    }
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO webhook_endpoints (team_id, url, description, events, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [principal.teamId, body.url, body.description || null, body.events, secret, principal.actor],
    );
    const id = rows[0]!.id;
    await syncWorkerBaseline(client, principal.teamId);
    await recordAudit(principal, { action: "webhook.created", targetType: "webhook", targetId: id, summary: `added webhook ${body.url} for ${body.events.join(", ")}` }, client);
    const endpoint = (await client.query<EndpointRow>(`${ENDPOINT_SELECT} WHERE e.id = $1`, [id])).rows[0]!;
    return { ...serializeEndpoint(endpoint), secret };
  });
}

/** Deletes the endpoint; its deliveries (pending ones too) go with it. */
export async function deleteWebhook(principal: Principal, id: string): Promise<WebhookEndpoint> {
  return withTransaction(async (client) => {
    const found = await client.query<EndpointRow>(`${ENDPOINT_SELECT} WHERE e.id = $1 AND e.team_id = $2`, [id, principal.teamId]);
    if (!found.rows[0]) throw notFound("webhook endpoint");
    await client.query("DELETE FROM webhook_endpoints WHERE id = $1", [id]);
    await syncWorkerBaseline(client, principal.teamId);
    await recordAudit(principal, { action: "webhook.deleted", targetType: "webhook", targetId: id, summary: `deleted webhook ${found.rows[0].url}` }, client);
    return serializeEndpoint(found.rows[0]);
  });
}

/** A new secret at once: from the next attempt on, deliveries are signed with it. */
export async function rotateWebhookSecret(principal: Principal, id: string): Promise<WebhookWithSecret> {
  const secret = newWebhookSecret();
  return withTransaction(async (client) => {
    const { rowCount } = await client.query("UPDATE webhook_endpoints SET secret = $3, secret_rotated_at = now() WHERE id = $1 AND team_id = $2", [id, principal.teamId, secret]);
    if (!rowCount) throw notFound("webhook endpoint");
    const endpoint = (await client.query<EndpointRow>(`${ENDPOINT_SELECT} WHERE e.id = $1`, [id])).rows[0]!;
    await recordAudit(principal, { action: "webhook.rotated", targetType: "webhook", targetId: id, summary: `rotated the secret of webhook ${endpoint.url}` }, client);
    return { ...serializeEndpoint(endpoint), secret };
  });
}
