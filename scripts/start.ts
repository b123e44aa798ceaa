// `npm start`: the whole product in one command. Embedded PostgreSQL (unless DATABASE_URL is
// set), migrations, first admin token, build when sources changed, then `next start`.
// Ctrl-C stops the app first and the database last, leaving no postgres behind.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { closePool } from "@/lib/db/pool";
import { parseEnv } from "@/lib/env";
import { bootstrapInstall } from "@/lib/server/tokens/bootstrap";
import { buildAgentIfNeeded, buildIfNeeded } from "./build-if-needed";
import { serveCommand } from "./serve-command";

const dev = process.argv.includes("--dev");
/** Who started us: when that process is gone (see the stop handling below), we stop too. */
const startedBy = process.ppid;
const log = (line: string) => console.log(`[runyard] ${line}`);

function fail(message: string): never {
  console.error(`[runyard] error: ${message}`);
  process.exit(1);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/**
 * The address to print: RUNYARD_PUBLIC_URL when set (the one place that knows it,
 * lib/server/http/public-origin.ts, agrees); else this machine as seen from itself, and, when
 * others can reach it, a word that they use its name or address instead.
 */
function siteUrl(env: { PORT: number; RUNYARD_PUBLIC_URL?: string; RUNYARD_BIND?: string }, pathname = ""): string {
  if (env.RUNYARD_PUBLIC_URL) return `${env.RUNYARD_PUBLIC_URL}${pathname}`;
  const local = `http://localhost:${env.PORT}${pathname}`;
  const loopback = env.RUNYARD_BIND && (env.RUNYARD_BIND === "localhost" || env.RUNYARD_BIND === "::1" || env.RUNYARD_BIND.startsWith("127."));
  return loopback ? local : `${local} (from other machines: http://<this machine's name or address>:${env.PORT}${pathname})`;
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} is already in use: stop what uses it or set PORT`) : error),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(`cannot connect to DATABASE_URL ${redact(url)}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForHealth(port: number, child: { exitCode: number | null }): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    fail((error as Error).message);
  }
  let database: EmbeddedPostgres | undefined;
  // Set once the app runs: what to do when the embedded database cannot be kept up.
  let databaseGaveUp: (message: string) => void = (message) => fail(message);
  const stopDatabase = async () => {
    await closePool().catch(() => undefined);
    await database?.stop();
    database = undefined;
  };
  try {
    await assertPortFree(env.PORT);
    let url = env.DATABASE_URL;
    if (url) {
      await assertReachable(url);
      log(`using PostgreSQL at ${redact(url)}`);
    } else {
      database = await startEmbeddedPostgres({
        dataDir: env.RUNYARD_DATA_DIR,
        supervise: { log, onGiveUp: (message) => databaseGaveUp(message) },
      });
      url = database.url;
      log(`embedded PostgreSQL on 127.0.0.1:${database.port}, data in ${path.relative(process.cwd(), database.dataDir) || "."}`);
    }
    process.env.DATABASE_URL = url;
    const { applied } = await migrate(url);
    if (applied.length > 0) log(`applied migrations: ${applied.join(", ")}`);
    const firstToken = await bootstrapInstall();
    if (firstToken) {
      log("");
      log("First admin token (shown only this once; keep it somewhere safe):");
      log(`    ${firstToken}`);
      log(`Use it for the API and CLI:  export RUNYARD_TOKEN=${firstToken}`);
      log(`and to create the first dashboard admin at ${siteUrl(env, "/setup")}`);
      log("");
    }
    await closePool();
    if (dev) buildAgentIfNeeded(log);
    else buildIfNeeded(log);
  } catch (error) {
    await stopDatabase();
    fail((error as Error).message);
  }

  const serve = serveCommand({ dev });
  const child = spawn(serve.command, serve.args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${signal})…`);
    child.kill("SIGTERM");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal));
  // npm (11) answers a SIGTERM by exiting alone, without passing it on: without this the app and
  // its PostgreSQL would run on, orphaned. A parent that went away is a request to stop.
  setInterval(() => {
    if (process.ppid !== startedBy) shutdown("SIGTERM");
  }, 500).unref();
  let exitCode: number | undefined;
  databaseGaveUp = (message) => {
    console.error(`[runyard] error: ${message}`);
    exitCode = 1;
    shutdown("SIGTERM");
  };
  child.on("exit", async (code, signal) => {
    await stopDatabase();
    if (!stopping) console.error(`[runyard] the app exited (${signal ?? `code ${code}`})`);
    process.exit(exitCode ?? (stopping ? 0 : (code ?? 1)));
  });
  if (await waitForHealth(env.PORT, child)) log(`Runyard is up: ${siteUrl(env)}`);
}

void main();
