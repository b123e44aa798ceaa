// Wire shapes of webhooks (docs/integrations.md): endpoints a team registers, and the
// deliveries the outbox makes to them.
import { z } from "zod";
import { Cursor, Id, PageLimit, Timestamp, page } from "@/lib/contract/common";

export const WEBHOOK_EVENTS = ["run.state_changed", "worker.state_changed"] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS, { error: `events must be among ${WEBHOOK_EVENTS.join(", ")}` });
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** What a receiver can see in X-Runyard-Event: the subscribable events, and `ping` (a test). */
export type DeliveryEvent = WebhookEvent | "ping";

/** Most endpoints one team may have: each state change is sent to every one of them. */
export const MAX_WEBHOOKS_PER_TEAM = 20;

function urlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "url must be an absolute http:// or https:// URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `url must use http or https, not ${url.protocol.replace(/:$/, "")}`;
  if (url.username || url.password) return "url must not contain a user name or password; authenticate receivers by the signature";
  return null;
}

export const WebhookUrl = z
  .string({ error: "url must be a string" })
  .trim()
  .min(1, { error: "enter the URL to POST events to" })
  .max(2048, { error: "url must be at most 2048 characters" })
  .superRefine((value, ctx) => {
    const problem = urlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const CreateWebhookBody = z
  .object({
    url: WebhookUrl,
    events: z
      .array(WebhookEvent, { error: "events must be an array" })
      .min(1, { error: "choose at least one event" })
      .transform((events) => [...new Set(events)].sort()),
    description: z.string().trim().max(200).optional(),
  })
  .strict();
export type CreateWebhookBody = z.input<typeof CreateWebhookBody>;

export const DeliveryStatus = z.enum(["pending", "delivered", "failed"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const WebhookDelivery = z.object({
  id: Id.meta({ description: "The X-Runyard-Delivery header: the same on every attempt and redelivery." }),
  endpointId: Id,
  event: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  createdAt: Timestamp,
  lastAttemptAt: Timestamp.nullable(),
  /** When the next attempt is due (pending only). */
  nextAttemptAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  /** Retries stop at this time; the delivery is then failed (redeliver to try again). */
  giveUpAt: Timestamp,
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** The body as signed and sent. */
  body: z.record(z.string(), z.unknown()),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookEndpoint = z.object({
  id: Id,
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  /** The secret's first characters, to tell which one a receiver holds. */
  secretPrefix: z.string(),
  createdBy: z.string(),
  createdAt: Timestamp,
  secretRotatedAt: Timestamp.nullable(),
  deliveries: z.object({ pending: z.number().int(), failed: z.number().int(), delivered: z.number().int() }),
  lastDelivery: z
    .object({ id: Id, event: z.string(), status: DeliveryStatus, attempts: z.number().int(), responseStatus: z.number().int().nullable(), lastError: z.string().nullable(), at: Timestamp })
    .nullable(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The one answer that carries the secret (creation and rotation): it is never shown again. */
export const WebhookWithSecret = WebhookEndpoint.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookList = z.object({ items: z.array(WebhookEndpoint) });
export type WebhookList = z.infer<typeof WebhookList>;

export const WebhookIdParams = z.object({ id: Id }).strict();
export const DeliveryIdParams = z.object({ id: Id, deliveryId: Id }).strict();

export const ListDeliveriesQuery = z
  .object({ status: DeliveryStatus.optional(), cursor: Cursor.optional(), limit: PageLimit })
  .strict();
export type ListDeliveriesQuery = z.input<typeof ListDeliveriesQuery>;

export const DeliveryPage = page(WebhookDelivery);
export type DeliveryPage = z.infer<typeof DeliveryPage>;
