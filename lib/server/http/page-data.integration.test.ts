// A page's own reads (lib/server/http/page-data.ts): an outage — including a pool that could not
// hand out a connection in time, as on an overloaded app — becomes the calm notice; Next's
// control flow (notFound, redirect) and real bugs are not swallowed.
import { describe, expect, it } from "vitest";
import { pageData } from "@/lib/server/http/page-data";

describe("a dashboard page's first data", () => {
  it("is the data when the read works", async () => {
    expect(await pageData(async () => [1, 2, 3])).toEqual({ data: [1, 2, 3] });
  });

  it("is an outage when the pool could not connect in time (an overloaded app), not a 500", async () => {
    const timeout = new Error("timeout exceeded when trying to connect");
    expect(await pageData(() => Promise.reject(timeout))).toEqual({ outage: true });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(await pageData(() => Promise.reject(refused))).toEqual({ outage: true });
  });

  it("lets notFound() and a bug through while the database answers", async () => {
    const notFound = Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;404"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    await expect(pageData(() => Promise.reject(notFound))).rejects.toBe(notFound);
    const bug = new TypeError("cannot read properties of undefined");
    await expect(pageData(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});
