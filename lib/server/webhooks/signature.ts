// Webhook secrets and signatures. A receiver recomputes HMAC-SHA256 of the raw body with its
// secret and compares it, in constant time, with X-Runyard-Signature (docs/integrations.md).
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "ryw_";

export const newWebhookSecret = () => `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;

/** The X-Runyard-Signature header value for a body: `sha256=<hex>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** What the dashboard shows of a secret, to tell which one a receiver holds. */
export const secretPrefix = (secret: string) => `${secret.slice(0, SECRET_PREFIX.length + 6)}…`;
