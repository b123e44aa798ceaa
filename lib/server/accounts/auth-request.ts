// Every /api/auth/* request passes here before Better Auth sees it (app/api/auth/[...all]):
//  - a state-changing request must come from Runyard's own public origin (CSRF: the session
//    cookie rides along on requests other sites make the browser send) — 403 otherwise;
//  - Better Auth learns the client's address only from us: the edge server's verdict
//    (clientAddress), never a header the client wrote — its per-address limit keys on it;
//  - sign-in is throttled per account as well (sign-in-throttle.ts);
//  - a 429 says in words how long to wait, as problem+json with Retry-After;
//  - every answer carries the API's security headers.
import { randomUUID } from "node:crypto";
import { CLIENT_ADDRESS_HEADER, getAuth } from "@/lib/server/accounts/auth";
import { assertSameOrigin } from "@/lib/server/accounts/session-principal";
import { accountKey, forgetFailures, pruneNowAndThen, reserveSignInAttempt } from "@/lib/server/accounts/sign-in-throttle";
import { AppError } from "@/lib/server/errors";
import { databaseReachable, databaseUnavailable, isDatabaseOutage } from "@/lib/server/http/outage";
import { problemResponse } from "@/lib/server/http/problem";
import { clientAddress } from "@/lib/server/http/public-origin";
import { setTransportSecurity, withApiHeaders } from "@/lib/server/http/security-headers";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SIGN_IN = "/api/auth/sign-in/email";
const MAX_AUTH_BODY_BYTES = 64 * 1024;

async function emailOf(body: string): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(body) as { email?: unknown };
    return typeof parsed.email === "string" && parsed.email.length <= 320 ? parsed.email : undefined;
  } catch {
    return undefined;
  }
}

/** Better Auth's own 429 ({message}, X-Retry-After) as our problem+json with the wait in words. */
function rateLimited(response: Response, path: string): AppError {
  const wait = Math.max(1, Number(response.headers.get("x-retry-after")) || 60);
  const what = path === SIGN_IN ? "sign-in attempts" : "requests";
  return new AppError("rate_limited", `Too many ${what} from your address: try again in ${wait} seconds.`, { retryAfter: wait });
}

export async function handleAuthRequest(request: Request): Promise<Response> {
  const requestId = randomUUID();
  const path = new URL(request.url).pathname;
  try {
    if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
    const headers = new Headers(request.headers);
    headers.delete(CLIENT_ADDRESS_HEADER);
    const address = clientAddress(request.headers);
    if (address) headers.set(CLIENT_ADDRESS_HEADER, address);

    let body: string | undefined;
    if (!SAFE_METHODS.has(request.method)) {
      body = await request.text();
      if (Buffer.byteLength(body) > MAX_AUTH_BODY_BYTES) throw new AppError("payload_too_large", `request body is larger than ${MAX_AUTH_BODY_BYTES} bytes`);
    }
    let account: string | undefined;
    if (path === SIGN_IN && request.method === "POST") {
      pruneNowAndThen();
      const email = body === undefined ? undefined : await emailOf(body);
      if (email) {
        account = accountKey(email);
        const reservation = await reserveSignInAttempt(account);
        if (!reservation.allowed) {
          const wait = reservation.waitSeconds;
          throw new AppError("rate_limited", `Too many failed sign-ins for this account: try again in ${wait} seconds.`, { retryAfter: wait });
        }
      }
    }

    // An empty body stays absent: Better Auth asks for a Content-Type only when there is one.
    const forwarded = new Request(request.url, { method: request.method, headers, body: body || undefined });
    const response = await (await getAuth(forwarded.headers)).handler(forwarded);
    if (response.status === 429) throw rateLimited(response, path);
    // Better Auth answers a failed database query with an empty 500: during an outage, say so
    // as every other route does (503 problem+json, Retry-After).
    if (response.status >= 500 && !(await databaseReachable())) throw databaseUnavailable();
    if (account && response.ok) await forgetFailures(account);
    return withApiHeaders(response, request.headers);
  } catch (error) {
    const response = problemResponse((await isDatabaseOutage(error)) ? databaseUnavailable(error) : error, requestId, path);
    setTransportSecurity(response.headers, request.headers);
    return response;
  }
}
