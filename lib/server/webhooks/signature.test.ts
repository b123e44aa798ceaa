import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, secretPrefix, signBody } from "@/lib/server/webhooks/signature";

describe("webhook signatures", () => {
  it("match the published HMAC-SHA256 test vector that receivers are written against", () => {
    // The example of GitHub's "validating webhook deliveries" guide: same scheme, same header format.
    expect(signBody("It's a Secret to Everybody", "Hello, World!")).toBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  });

  it("verify the way a receiver checks them: recompute over the raw bytes, compare in constant time", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: "d", data: { name: "naïve – ünïcode" } });
    const header = signBody(secret, body);
    const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(Buffer.from(body, "utf8")).digest("hex")}`);
    expect(timingSafeEqual(Buffer.from(header), expected)).toBe(true);
    expect(signBody(secret, `${body} `)).not.toBe(header);
    expect(signBody(newWebhookSecret(), body)).not.toBe(header);
  });

  it("are made with fresh 256-bit secrets, shown by a short prefix only", () => {
    const secrets = new Set(Array.from({ length: 1000 }, newWebhookSecret));
    expect(secrets.size).toBe(1000);
    const secret = [...secrets][0]!;
    expect(secret).toMatch(/^ryw_[A-Za-z0-9_-]{43}$/);
    expect(secretPrefix(secret)).toBe(`${secret.slice(0, 10)}…`);
  });
});
