// The token cache (lib/server/auth/token-cache.ts): a token checked once is not read again,
// and revoking it, changing its expiry, deleting it or retiring its worker reaches every
// instance's cache through NOTIFY — long before the cache's own 60 s bound.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { authenticateToken } from "@/lib/server/auth/authenticate";
import { TokenCache, tokenCache } from "@/lib/server/auth/token-cache";
import { createToken, hashToken } from "@/lib/server/auth/tokens";
import { eventually } from "@/lib/testing/agent-harness";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";

// A second instance's cache: its own LISTEN connection, as another app process would have.
const other = new TokenCache("runyard-tokens-test");

beforeAll(async () => {
  await tokenCache().ensureListening();
  await other.ensureListening();
  expect(tokenCache().listening).toBe(true);
  expect(other.listening).toBe(true);
});
afterAll(() => other.close());

/** Puts the token in both caches, as two instances that served it would have. */
async function cachedOnBoth(secret: string) {
  const principal = await authenticateToken(secret);
  other.set(hashToken(secret), principal, { generation: other.generation, expiresAt: null });
  expect(other.get(hashToken(secret))).toBeDefined();
  const hits = tokenCache().stats.hits;
  await authenticateToken(secret);
  expect(tokenCache().stats.hits).toBe(hits + 1);
  return principal;
}

/** Waits until neither cache serves the token and the API refuses it (401). */
async function refusedEverywhere(secret: string) {
  const started = Date.now();
  await eventually(() => other.get(hashToken(secret)) === undefined, "the other instance's cache to drop the token", 10_000);
  await eventually(async () => (await rawRequest("GET", "/api/v1/me", { token: secret })).status === 401, "the token to be refused", 10_000);
  return Date.now() - started;
}

describe("token cache", () => {
  it("a token checked once is served from the cache; revoking it reaches every instance's cache", async () => {
    const team = await newTeam();
    const secret = await team.tokenFor("scheduler");
    expect((await rawRequest("GET", "/api/v1/me", { token: secret })).status).toBe(200);
    const principal = await cachedOnBoth(secret);
    await team.admin.revokeApiToken(principal.tokenId);
    const ms = await refusedEverywhere(secret);
    console.log(`[token cache] revocation refused on both instances after ${ms} ms`);
  });

  it("a new expiry in the past, a deleted token and a retired worker reach the caches too", async () => {
    const team = await newTeam();
    const worker = await team.admin.registerComputeWorker({ name: "cached", labels: [] });
    const expiring = await team.tokenFor("scheduler");
    const deleted = (await createToken({ teamId: team.teamId, scope: "scheduler", name: "to delete" })).secret;
    const bound = await team.tokenFor("worker", worker.id);
    for (const secret of [expiring, deleted, bound]) await cachedOnBoth(secret);

    await pool().query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hashToken(expiring)]);
    await refusedEverywhere(expiring);
    await pool().query("DELETE FROM api_tokens WHERE token_hash = $1", [hashToken(deleted)]);
    await refusedEverywhere(deleted);
    await team.admin.deleteComputeWorker(worker.id);
    await refusedEverywhere(bound);
  });

  it("a read that raced a change is not cached; a lost listener empties the cache and stops it serving", async () => {
    const team = await newTeam();
    const secret = await team.tokenFor("scheduler");
    const principal = await authenticateToken(secret);
    const cache = new TokenCache("runyard-tokens-race");
    await cache.ensureListening();
    const before = cache.generation;
    // A change commits between the read and the store: the stale read must not be kept.
    await pool().query("SELECT pg_notify('runyard_tokens', 'token:00000000-0000-4000-8000-000000000000')");
    await eventually(() => cache.generation > before, "the notification to arrive", 10_000);
    cache.set(hashToken(secret), principal, { generation: before, expiresAt: null });
    expect(cache.get(hashToken(secret))).toBeUndefined();
    cache.set(hashToken(secret), principal, { generation: cache.generation, expiresAt: null });
    expect(cache.get(hashToken(secret))).toBeDefined();
    // Its LISTEN connection killed: nothing is served from the cache until it listens again.
    await pool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'runyard-tokens-race'");
    await eventually(() => !cache.listening, "the cache to notice its listener is gone", 10_000);
    expect(cache.get(hashToken(secret))).toBeUndefined();
    await cache.close();
  });
});
