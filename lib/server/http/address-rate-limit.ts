// A per-client-address limit for the public routes that do expensive work for anybody (first-run
// setup, accepting invitations: each hashes a password with scrypt). Operations marked
// `rateLimited` in the contract pass here from the API wrapper; the 429 is in their OpenAPI.
// Counts live in Better Auth's rate_limits table (shared by every app instance), under keys of
// our own: a fixed window whose start is kept in last_request, pruned with Better Auth's rows
// (lib/server/accounts/sign-in-throttle.ts).
import { pool } from "@/lib/db/pool";
import { AppError } from "@/lib/server/errors";
import { clientAddress } from "@/lib/server/http/public-origin";

export const PUBLIC_ROUTE_LIMIT = { max: 10, windowSeconds: 60 };

/** Counts this call from the request's client address; 429 with the wait once over the limit. */
export async function limitPerAddress(request: Request, name: string, rule = PUBLIC_ROUTE_LIMIT): Promise<void> {
  // Without the edge server (a bare `next start`) there is no trustworthy address to count by.
  const address = clientAddress(request.headers);
  if (!address) return;
  const now = Date.now();
  const windowMs = rule.windowSeconds * 1000;
  const key = `runyard:${name}|${address}`;
  const { rows } = await pool().query<{ count: number; started: string }>(
    `INSERT INTO rate_limits AS r (id, key, count, last_request) VALUES ($1, $1, 1, $2)
     ON CONFLICT (key) DO UPDATE
        SET count = CASE WHEN r.last_request <= $2 - $3 THEN 1 ELSE r.count + 1 END,
            last_request = CASE WHEN r.last_request <= $2 - $3 THEN $2 ELSE r.last_request END
     RETURNING count, last_request AS started`,
    [key, now, windowMs],
  );
  const { count, started } = rows[0]!;
  if (count <= rule.max) return;
  const wait = Math.max(1, Math.ceil((Number(started) + windowMs - now) / 1000));
  throw new AppError("rate_limited", `Too many requests from your address: try again in ${wait} seconds.`, { retryAfter: wait });
}
