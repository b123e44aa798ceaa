// One delivery attempt: a JSON POST to the endpoint, signed, through the SSRF guard, within a
// timeout, never following redirects (a redirect could lead anywhere the guard forbids).
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { signBody } from "@/lib/server/webhooks/signature";
import { TargetRefusedError, guardedLookup, hostOf, resolveTarget, type Resolver } from "@/lib/server/webhooks/target-guard";

export type AttemptResult = "delivered" | "http_error" | "timeout" | "network_error" | "refused";

export type AttemptOutcome = { result: AttemptResult; status: number | null; error: string | null; durationMs: number };

export type OutgoingDelivery = { id: string; event: string; attempt: number; body: string; url: string; secret: string };

const USER_AGENT = "Runyard-Webhooks/1";
/** Read at most this much of a response (then drop the connection): we keep only its status. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export function deliveryHeaders(delivery: OutgoingDelivery): Record<string, string> {
  return {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(delivery.body)),
    "user-agent": USER_AGENT,
    "x-runyard-event": delivery.event,
    "x-runyard-delivery": delivery.id,
    "x-runyard-attempt": String(delivery.attempt),
    "x-runyard-signature": signBody(delivery.secret, delivery.body),
  };
}

function describe(error: Error & { code?: string }): string {
  if (error instanceof TargetRefusedError) return error.message;
  const code = error.code ? `${error.code}: ` : "";
  return `${code}${error.message}`.slice(0, 500);
}

export async function sendDelivery(delivery: OutgoingDelivery, options: { timeoutMs: number; allowPrivate: boolean; resolve?: Resolver }): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (result: AttemptResult, status: number | null, error: string | null): AttemptOutcome => ({
    result, status, error, durationMs: Math.round(performance.now() - started),
  });
  const url = new URL(delivery.url);
  // An IP literal never reaches the socket's lookup: check it here.
  if (net.isIP(hostOf(url))) {
    try {
      await resolveTarget(url, options);
    } catch (error) {
      return done("refused", null, describe(error as Error));
    }
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(url, {
      method: "POST",
      headers: deliveryHeaders(delivery),
      lookup: guardedLookup(options) as never,
      agent: false,
    });
    const timer = setTimeout(() => {
      finish(done("timeout", null, `no answer within ${options.timeoutMs} ms`));
      request.destroy();
    }, options.timeoutMs);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      let received = 0;
      const settle = () => {
        if (status >= 200 && status < 300) finish(done("delivered", status, null));
        else if (status >= 300 && status < 400) finish(done("http_error", status, `redirect to ${String(response.headers.location ?? "?").slice(0, 200)} not followed`));
        else finish(done("http_error", status, `answered ${status} ${response.statusMessage ?? ""}`.trim()));
      };
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) {
          settle();
          response.destroy();
        }
      });
      response.on("end", settle);
      response.on("error", settle);
    });
    request.on("error", (error: Error & { code?: string }) => {
      finish(done(error instanceof TargetRefusedError ? "refused" : "network_error", null, describe(error)));
    });
    request.end(delivery.body);
  });
}
