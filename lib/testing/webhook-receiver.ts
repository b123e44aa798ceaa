// A real HTTP receiver for webhook tests. It verifies each delivery the way a receiver in the
// wild would (HMAC-SHA256 of the raw body bytes with the secret, constant-time comparison) and
// answers as the test tells it: a status, or never (to hold a delivery in flight).
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: http.IncomingHttpHeaders; raw: Buffer; body: Record<string, unknown>; at: number };
export type Answer = number | "hang";

export function verifySignature(secret: string, raw: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(options: { port?: number; answer?: (received: Received) => Answer } = {}) {
  const received: Received[] = [];
  const held: http.ServerResponse[] = [];
  let answer = options.answer ?? (() => 200);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const entry = { headers: request.headers, raw, body: JSON.parse(raw.toString("utf8")) as Record<string, unknown>, at: Date.now() };
      received.push(entry);
      const status = answer(entry);
      if (status === "hang") held.push(response);
      else response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "thanks" : "not now");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    /** Deliveries of one event type, in arrival order. */
    ofEvent: (event: string) => received.filter((r) => r.headers["x-runyard-event"] === event),
    answerWith(next: (received: Received) => Answer) {
      answer = next;
    },
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
