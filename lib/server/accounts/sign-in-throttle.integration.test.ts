// Password guessing (issue 14, finding 1): sign-in is limited per client address by Better
// Auth and per account by Runyard, whatever address the attempts come from (OWASP ASVS 2.2.1).
// The edge half — a client cannot pick its own address with X-Forwarded-For — is proved
// against the real HTTP server in lib/server/http/edge-security.agent.test.ts.
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { newTeam, uniqueName } from "@/lib/testing/fixtures";
import { signIn, someIp, userInTeam } from "@/lib/testing/sessions";

const WRONG = "not the password!";

async function failTimes(email: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await signIn(email, WRONG, someIp())).status);
  return statuses;
}

describe("sign-in throttling per account", () => {
  it("locks an account after 5 failed sign-ins from 5 different addresses: even the right password waits, and the answer says how long", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    expect(await failTimes(user.email, 5)).toEqual([401, 401, 401, 401, 401]);

    const locked = await signIn(user.email, user.password, someIp());
    expect(locked.status).toBe(429);
    expect(locked.headers.get("content-type")).toBe("application/problem+json");
    const wait = Number(locked.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    const problem = await locked.json();
    expect(problem).toMatchObject({ status: 429, code: "rate_limited" });
    expect(problem.detail).toMatch(new RegExp(`try again in ${wait} seconds`));
    expect(locked.headers.getSetCookie()).toEqual([]);
  });

  it("counts the email however it is written", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    await failTimes(user.email.toUpperCase(), 3);
    await failTimes(` ${user.email}`, 2);
    expect((await signIn(user.email, user.password, someIp())).status).toBe(429);
  });

  it("treats an email without an account the same way, so the lock reveals nothing", async () => {
    const email = `${uniqueName("nobody")}@example.com`;
    expect(await failTimes(email, 5)).toEqual([401, 401, 401, 401, 401]);
    expect((await signIn(email, WRONG, someIp())).status).toBe(429);
  });

  it("a successful sign-in clears the count: occasional typos never add up to a lock", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    await failTimes(user.email, 4);
    expect((await signIn(user.email, user.password, someIp())).status).toBe(200);
    expect(await failTimes(user.email, 4)).toEqual([401, 401, 401, 401]);
    expect((await signIn(user.email, user.password, someIp())).status).toBe(200);
  });

  it("after the lock runs out one more failure locks it again, for longer", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    await failTimes(user.email, 5);
    const first = Number((await signIn(user.email, user.password, someIp())).headers.get("retry-after"));
    // The clock moves past the lock (the database's clock decides, so move the lock instead).
    await pool().query("UPDATE sign_in_throttles SET locked_until = now() - interval '1 second' WHERE account = $1", [user.email]);
    expect((await signIn(user.email, WRONG, someIp())).status).toBe(401);
    const second = Number((await signIn(user.email, user.password, someIp())).headers.get("retry-after"));
    expect(second).toBeGreaterThan(first);
    await pool().query("UPDATE sign_in_throttles SET locked_until = now() - interval '1 second' WHERE account = $1", [user.email]);
    expect((await signIn(user.email, user.password, someIp())).status).toBe(200);
  });

  it("concurrent guesses cannot slip past the lock: at most 5 of 20 at once are checked", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    const statuses = await Promise.all(Array.from({ length: 20 }, () => signIn(user.email, WRONG, someIp()).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
  });
});

describe("sign-in throttling per address", () => {
  it("the sixth attempt in a minute from one address is refused with the wait in words, whatever the accounts", async () => {
    const ip = someIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(`${uniqueName("spray")}@example.com`, WRONG, ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await signIn(`${uniqueName("spray")}@example.com`, WRONG, ip);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect((await refused.json()).detail).toMatch(new RegExp(`from your address.*try again in ${wait} seconds`));
    // Another address is not affected.
    expect((await signIn(`${uniqueName("spray")}@example.com`, WRONG, someIp())).status).toBe(401);
  });
});

describe("expiry of throttling records", () => {
  it("deletes rate-limit and lock records nobody needs any more, and keeps live ones", async () => {
    const { pruneSignInRecords } = await import("@/lib/server/accounts/sign-in-throttle");
    const old = uniqueName("old");
    const fresh = uniqueName("fresh");
    const now = Date.now();
    await pool().query(
      `INSERT INTO rate_limits (id, key, count, last_request) VALUES ($1, $1, 3, $2), ($3, $3, 3, $4)`,
      [`${old}|/sign-in/email`, now - 2 * 3600_000, `${fresh}|/sign-in/email`, now],
    );
    await pool().query(
      `INSERT INTO sign_in_throttles (account, failures, last_attempt_at, locked_until) VALUES
        ($1, 7, now() - interval '2 days', NULL), ($2, 7, now() - interval '2 days', now() + interval '1 hour'), ($3, 2, now(), NULL)`,
      [`${old}@example.com`, `${old}-locked@example.com`, `${fresh}@example.com`],
    );
    await pruneSignInRecords();
    const keys = (await pool().query<{ key: string }>("SELECT key FROM rate_limits WHERE key = ANY($1)", [[`${old}|/sign-in/email`, `${fresh}|/sign-in/email`]])).rows.map((r) => r.key);
    expect(keys).toEqual([`${fresh}|/sign-in/email`]);
    const accounts = (await pool().query<{ account: string }>("SELECT account FROM sign_in_throttles WHERE account LIKE $1 OR account LIKE $2 ORDER BY account", [`${old}%`, `${fresh}%`])).rows.map((r) => r.account);
    expect(accounts).toEqual([`${fresh}@example.com`, `${old}-locked@example.com`]);
  });
});
