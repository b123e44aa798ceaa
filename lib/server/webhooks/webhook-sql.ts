// How webhook endpoints and deliveries are read from SQL and put on the wire.
import type { WebhookDelivery, WebhookEndpoint } from "@/lib/contract/webhooks";
import { secretPrefix } from "@/lib/server/webhooks/signature";

export type EndpointRow = {
  id: string; url: string; description: string | null; events: string[]; secret: string; created_by: string;
  created_at: Date; secret_rotated_at: Date | null;
  pending: number; failed: number; delivered: number;
  last_id: string | null; last_event: string | null; last_status: WebhookDelivery["status"] | null; last_attempts: number | null; last_response_status: number | null;
  last_error: string | null; last_at: Date | null;
};

/** An endpoint with its delivery counts and last delivery (counts use the partial status index). */
export const ENDPOINT_SELECT = `
SELECT e.id, e.url, e.description, e.events, e.secret, e.created_by, e.created_at, e.secret_rotated_at,
       (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending')::int AS pending,
       (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed')::int AS failed,
       (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'delivered' AND d.created_at > now() - interval '24 hours')::int AS delivered,
       l.id AS last_id, l.event AS last_event, l.status AS last_status, l.attempts AS last_attempts, l.response_status AS last_response_status,
       l.last_error, coalesce(l.last_attempt_at, l.created_at) AS last_at
  FROM webhook_endpoints e
  LEFT JOIN LATERAL (
    SELECT id, event, status, attempts, response_status, last_error, last_attempt_at, created_at FROM webhook_deliveries d
     WHERE d.endpoint_id = e.id ORDER BY d.created_at DESC, d.id DESC LIMIT 1
  ) l ON true`;

export function serializeEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    secretPrefix: secretPrefix(row.secret),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    secretRotatedAt: row.secret_rotated_at?.toISOString() ?? null,
    deliveries: { pending: row.pending, failed: row.failed, delivered: row.delivered },
    lastDelivery: row.last_id
      ? { id: row.last_id, event: row.last_event!, status: row.last_status!, attempts: row.last_attempts!, responseStatus: row.last_response_status, lastError: row.last_error, at: row.last_at!.toISOString() }
      : null,
  };
}

export type DeliveryRow = {
  id: string; endpoint_id: string; team_id: string; team_name: string; event: string; payload: unknown; status: WebhookDelivery["status"];
  attempts: number; created_at: Date; last_attempt_at: Date | null; next_attempt_at: Date; leased_until: Date | null; delivered_at: Date | null;
  give_up_at: Date; response_status: number | null; last_error: string | null; duration_ms: number | null;
};

export const DELIVERY_SELECT = `
SELECT d.id, d.endpoint_id, d.team_id, t.name AS team_name, d.event, d.payload, d.status, d.attempts, d.created_at, d.last_attempt_at,
       d.next_attempt_at, d.leased_until, d.delivered_at, d.give_up_at, d.response_status, d.last_error, d.duration_ms
  FROM webhook_deliveries d JOIN teams t ON t.id = d.team_id`;

/** The JSON body a delivery sends — built from the row alone, so every attempt sends the same bytes. */
export function deliveryBody(row: Pick<DeliveryRow, "id" | "event" | "created_at" | "team_id" | "team_name" | "payload">): Record<string, unknown> {
  return { id: row.id, event: row.event, createdAt: row.created_at.toISOString(), team: { id: row.team_id, name: row.team_name }, data: row.payload };
}

export function serializeDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    nextAttemptAt: row.status === "pending" ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    giveUpAt: row.give_up_at.toISOString(),
    responseStatus: row.response_status,
    lastError: row.last_error,
    durationMs: row.duration_ms,
    body: deliveryBody(row),
  };
}
