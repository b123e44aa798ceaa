// The deliveries of one endpoint: the dashboard's list (newest first, keyset-paged), a test
// `ping`, and redelivery — the same delivery id sent again now.
import type { z } from "zod";
import type { DeliveryPage, ListDeliveriesQuery, WebhookDelivery } from "@/lib/contract/webhooks";
import { pool, withTransaction } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError, notFound } from "@/lib/server/errors";
import { decodeCursor, encodeCursor } from "@/lib/server/http/cursor";
import { DELIVERY_SELECT, serializeDelivery, type DeliveryRow } from "@/lib/server/webhooks/webhook-sql";

async function requireEndpoint(teamId: string, id: string): Promise<{ url: string; events: string[] }> {
  const { rows } = await pool().query<{ url: string; events: string[] }>("SELECT url, events FROM webhook_endpoints WHERE id = $1 AND team_id = $2", [id, teamId]);
  if (!rows[0]) throw notFound("webhook endpoint");
  return rows[0];
}

export async function listDeliveries(teamId: string, endpointId: string, query: z.output<typeof ListDeliveriesQuery>): Promise<DeliveryPage> {
  await requireEndpoint(teamId, endpointId);
  const values: unknown[] = [endpointId];
  const param = (v: unknown) => (values.push(v), `$${values.length}`);
  const where = ["d.endpoint_id = $1"];
  if (query.status) where.push(`d.status = ${param(query.status)}`);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ["timestamp", "uuid"]);
    where.push(`(d.created_at, d.id) < (${param(createdAt)}::timestamptz, ${param(id)}::uuid)`);
  }
  const { rows } = await pool().query<DeliveryRow>(
    `${DELIVERY_SELECT} WHERE ${where.join(" AND ")} ORDER BY d.created_at DESC, d.id DESC LIMIT ${query.limit + 1}`,
    values,
  );
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map(serializeDelivery), nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null };
}

async function findDelivery(id: string): Promise<WebhookDelivery> {
  return serializeDelivery((await pool().query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.id = $1`, [id])).rows[0]!);
}

/** Queues a `ping` for the endpoint: a test that the receiver is reachable and checks signatures. */
export async function pingWebhook(teamId: string, endpointId: string): Promise<WebhookDelivery> {
  const endpoint = await requireEndpoint(teamId, endpointId);
  const { rows } = await pool().query<{ id: string }>(
    `INSERT INTO webhook_deliveries (endpoint_id, team_id, event, payload) VALUES ($1, $2, 'ping', $3) RETURNING id`,
    [endpointId, teamId, JSON.stringify({ zen: "Runyard is reaching you.", endpoint: { id: endpointId, url: endpoint.url, events: endpoint.events } })],
  );
  return findDelivery(rows[0]!.id);
}

/**
 * Makes a delivery due now, with a fresh 24 h of retries; its id (X-Runyard-Delivery) stays, so
 * a receiver that deduplicates sees it is the same event. Refused while an attempt is in flight.
 */
export async function redeliver(principal: Principal, endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ in_flight: boolean; event: string; url: string }>(
      `SELECT d.leased_until IS NOT NULL AND d.leased_until > now() AS in_flight, d.event, e.url
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1 AND d.endpoint_id = $2 AND e.team_id = $3 FOR UPDATE OF d`,
      [deliveryId, endpointId, principal.teamId],
    );
    const found = rows[0];
    if (!found) throw notFound("delivery");
    if (found.in_flight) throw new AppError("conflict", "this delivery is being sent right now; wait for the attempt to finish");
    await client.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), give_up_at = now() + interval '24 hours', delivered_at = NULL
        WHERE id = $1`,
      [deliveryId],
    );
    await recordAudit(principal, { action: "webhook.redelivered", targetType: "webhook", targetId: endpointId, summary: `redelivered ${found.event} ${deliveryId} to ${found.url}` }, client);
    return serializeDelivery((await client.query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.id = $1`, [deliveryId])).rows[0]!);
  });
}
