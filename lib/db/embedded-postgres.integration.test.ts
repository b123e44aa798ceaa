// The embedded PostgreSQL is supervised (issue 12): killed with SIGKILL (what the OOM killer
// does), it is started again on the same port with the same data, with a log line each time;
// a database that keeps dying is given up with one clear message instead of restarted forever.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { restartDelayMs, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function postmasterPid(database: EmbeddedPostgres): number {
  return Number(readFileSync(path.join(database.dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => undefined); // the server may go away under it: that is the point
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function started(supervise: { maxRestarts?: number; windowMs?: number } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "runyard-supervised-"));
  const lines: string[] = [];
  const gaveUp: string[] = [];
  const database = await startEmbeddedPostgres({
    dataDir,
    // Durable, as `npm start` runs it: what was committed before the kill is there after.
    supervise: { log: (line) => lines.push(line), onGiveUp: (message) => gaveUp.push(message), ...supervise },
  });
  cleanups.push(async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { database, lines, gaveUp };
}

/** SIGKILLs the postmaster and waits until a new one answers; the data written before survives. */
async function killAndWaitForRestart(database: EmbeddedPostgres): Promise<number> {
  const old = postmasterPid(database);
  process.kill(old, "SIGKILL");
  await waitFor("the database to go down", async () => ((await answers(database.url)) ? undefined : true));
  return waitFor("a new postmaster that answers", async () => {
    const pid = (() => {
      try {
        return postmasterPid(database);
      } catch {
        return undefined;
      }
    })();
    return pid !== undefined && pid !== old && (await answers(database.url)) ? pid : undefined;
  });
}

describe("the supervised embedded PostgreSQL", () => {
  it("restarts after kill -9 on the same port with its data, saying so in the log", async () => {
    const { database, lines, gaveUp } = await started();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before the kill')");
    await client.end();

    await killAndWaitForRestart(database);
    expect(lines.join("\n")).toMatch(/embedded PostgreSQL exited unexpectedly \(killed by SIGKILL\); restarting it in 0\.5 s \(restart 1 of at most 5 within 60 s\)/);
    await waitFor("the 'back' line", () => (lines.some((l) => /embedded PostgreSQL is back/.test(l)) ? true : undefined));
    const after = new pg.Client({ connectionString: database.url });
    await after.connect();
    expect((await after.query("SELECT v FROM kept")).rows).toEqual([{ v: "before the kill" }]);
    await after.end();
    expect(gaveUp).toEqual([]);
  });

  it("gives up with one clear message when it keeps dying (crash loop), and stop() still works", async () => {
    const { database, lines, gaveUp } = await started({ maxRestarts: 2, windowMs: 600_000 });
    await killAndWaitForRestart(database);
    await killAndWaitForRestart(database);
    process.kill(postmasterPid(database), "SIGKILL");
    const message = await waitFor("giving up", () => gaveUp[0]);
    expect(message).toMatch(/embedded PostgreSQL exited \(killed by SIGKILL\) 3 times within 600 s; not restarting it again: see .*postgres\.log, fix the cause and start Runyard again/);
    expect(gaveUp).toHaveLength(1);
    expect(lines.filter((l) => /restarting it in/.test(l))).toHaveLength(2);
    expect(await answers(database.url)).toBe(false);
    await database.stop();
  });

  it("waits longer after each restart: 0.5 s, 1 s, 2 s, 4 s, then 8 s at most", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(restartDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
