// Fleet scale (issue 18): what idle agents cost. 2,000 simulated agents (mixed label sets, a
// quarter unlabelled) long-poll one instance over loopback; 60 s idle, then 500 runs trickled
// in. Commits per idle agent per minute, claim transactions per run, pickup, app memory per
// open long-poll, event-loop lag, and the dashboard's /workers page meanwhile.
import { readdirSync, readFileSync } from "node:fs";
import { createToken } from "@/lib/server/auth/tokens";
import { commits, LoopbackClient, registerIdleFleet, scrapeApp, settle, startPolling, teamName } from "../lib/idle-fleet";
import { percentile, round, sleep } from "../lib/stats";
import type { Check, Scenario } from "../lib/types";
import { signedInCookie } from "./dashboard";

const KINDS = [[], ["linux"], ["linux", "gpu"], ["mac"]];
const RUNS_ON = [[], ["linux"], ["linux", "gpu"], ["mac"], ["gpu"]];
const WAIT_SECONDS = 30;

/** CPU ticks (1/100 s) of the bench's PostgreSQL server (its postmaster and children), from /proc. */
function postgresCpuTicks(postmaster: number | undefined): number | undefined {
  if (postmaster === undefined) return undefined;
  const stat = (pid: string) => {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  };
  try {
    let ticks = stat(String(postmaster)).ticks;
    for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const s = stat(pid);
        if (s.ppid === postmaster) ticks += s.ticks;
      } catch {
        // gone meanwhile
      }
    }
    return ticks;
  } catch {
    return undefined;
  }
}

/** The postmaster of the bench database's server, when it runs on this machine. */
async function postmasterPid(ctx: Parameters<Scenario["run"]>[0]): Promise<number | undefined> {
  try {
    const { rows } = await ctx.db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const text = readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8");
    return Number(text.slice(text.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

export const fleet: Scenario = {
  name: "fleet",
  title: "Idle fleet (2,000 long-polling agents, then runs trickled in)",
  async run(ctx) {
    const agents = ctx.quick ? 300 : 2000;
    const idleSeconds = ctx.quick ? 15 : 60;
    const runs = ctx.quick ? 60 : 500;
    const trickleMs = ctx.quick ? 100 : 100;
    const team = await ctx.newTeam("fleet");
    const name = await teamName(ctx, team.teamId);
    const admin = (await createToken({ teamId: team.teamId, scope: "admin", name: "bench fleet admin" })).secret;
    const cookie = await signedInCookie(ctx, team.teamId);
    ctx.log(`  registering ${agents} agents…`);
    const fleetAgents = await registerIdleFleet(ctx, team, "idle", KINDS, agents);
    const client = new LoopbackClient(ctx.app.url, agents + 64);
    const before = await scrapeApp(client, admin, name);

    // Agents started at different times: their polls are spread over a whole poll period.
    const loop = startPolling(client, fleetAgents, { waitSeconds: WAIT_SECONDS, spreadMs: WAIT_SECONDS * 1000 });
    // First polls claim (twice: before and after subscribing); then waiting costs no claims.
    await sleep(WAIT_SECONDS * 1000);
    await settle(async () => (await scrapeApp(client, admin, name)).claimTransactions, 3000, 60_000);

    // The dashboard's /workers page, once a second, for the whole scenario.
    const pageMs: number[] = [];
    let pages = true;
    let pageError = "";
    const pageLoop = (async () => {
      while (pages) {
        const started = performance.now();
        try {
          const response = await fetch(`${ctx.app.url}/workers`, { headers: { cookie }, redirect: "manual" });
          const body = await response.text();
          pageMs.push(performance.now() - started);
          if (response.status !== 200 || !body.includes("idle-")) pageError = `${response.status}, ${body.length} bytes`;
        } catch (error) {
          pageError = (error as Error).message;
        }
        await sleep(1000);
      }
    })();

    ctx.log(`  ${agents} agents waiting; ${idleSeconds} s idle…`);
    const postmaster = await postmasterPid(ctx);
    const pgBefore = postgresCpuTicks(postmaster);
    const idleStart = { commits: await commits(ctx), app: await scrapeApp(client, admin, name), polls: loop.polls, at: Date.now() };
    await sleep(idleSeconds * 1000);
    const idleEnd = { commits: await commits(ctx), app: await scrapeApp(client, admin, name), polls: loop.polls, at: Date.now() };
    const pgAfter = postgresCpuTicks(postmaster);
    const idlePg = pgBefore === undefined || pgAfter === undefined ? undefined : ((pgAfter - pgBefore) / 100 / ((idleEnd.at - idleStart.at) / 1000)) * 100;
    const minutes = (idleEnd.at - idleStart.at) / 60_000;

    ctx.log(`  trickling ${runs} runs in…`);
    let scheduleRetries = 0;
    const ids: string[] = [];
    let lagMaxMs = idleEnd.app.lagMaxMs;
    for (let i = 0; i < runs; i++) {
      const at = performance.now();
      let run: Awaited<ReturnType<typeof team.admin.scheduleComputeWorkerRun>> | undefined;
      for (let attempt = 0; !run; attempt++) {
        try {
          run = await team.admin.scheduleComputeWorkerRun({ name: `trickle-${i}`, runsOn: RUNS_ON[i % RUNS_ON.length] });
        } catch (error) {
          // A starved instance answers 503 when its pool waited over 5 s: counted, retried.
          if (attempt >= 10 || (error as { status?: number }).status !== 503) throw error;
          scheduleRetries++;
          await sleep(1000);
        }
      }
      loop.scheduled(run.id, at);
      ids.push(run.id);
      if (i % 50 === 49) lagMaxMs = Math.max(lagMaxMs, (await scrapeApp(client, admin, name)).lagMaxMs);
      await sleep(trickleMs);
    }
    await Promise.race([Promise.all(ids.map((id) => loop.whenTaken(id))), sleep(120_000)]);
    await sleep(2000); // woken claims that lost the race finish
    const end = await scrapeApp(client, admin, name);
    pages = false;
    await pageLoop;
    await loop.stop();

    const pickups = ids.map((id) => loop.pickups.get(id)).filter((v): v is number => v !== undefined);
    const idleCommits = idleEnd.commits - idleStart.commits;
    const openPolls = agents;
    const checks: Check[] = [
      { name: "every run was taken exactly once", ok: ids.every((id) => loop.taken.get(id) === 1), detail: `${ids.filter((id) => loop.taken.get(id) === 1).length}/${runs} once` },
      { name: "no agent request failed", ok: loop.errors.length === 0, detail: `${loop.errors.length} failed of ${loop.polls} polls: ${loop.errors.slice(0, 3).join("; ") || "none"}` },
      { name: "/workers renders the team's workers", ok: pageError === "", detail: pageError || "200 with the agents' names" },
    ];
    return {
      figures: {
        agents,
        idleSeconds,
        idleCommits,
        idleCommitsPerAgentMinute: round(idleCommits / agents / minutes, 3),
        idlePollsPerAgentMinute: round((idleEnd.polls - idleStart.polls) / agents / minutes, 2),
        idleClaimTransactions: idleEnd.app.claimTransactions - idleStart.app.claimTransactions,
        idleAppCpuPercent: round(((idleEnd.app.cpuSeconds - idleStart.app.cpuSeconds) / ((idleEnd.at - idleStart.at) / 1000)) * 100),
        appCpuMsPerIdlePoll: round(((idleEnd.app.cpuSeconds - idleStart.app.cpuSeconds) * 1000) / Math.max(1, idleEnd.polls - idleStart.polls), 2),
        postgresCpuPercentIdle: idlePg === undefined ? null : round(idlePg),
        runs,
        claimsPerRun: round((end.claimTransactions - idleEnd.app.claimTransactions) / runs, 2),
        pickupP50Ms: round(percentile(pickups, 50)),
        pickupP99Ms: round(percentile(pickups, 99)),
        rssBeforeMb: round(before.rssBytes / 2 ** 20),
        rssIdleMb: round(idleEnd.app.rssBytes / 2 ** 20),
        rssPerLongPollKb: round((idleEnd.app.rssBytes - before.rssBytes) / 1024 / openPolls),
        heapPerLongPollKb: round((idleEnd.app.heapBytes - before.heapBytes) / 1024 / openPolls),
        eventLoopLagP99Ms: round(Math.max(idleEnd.app.lagP99Ms, end.lagP99Ms)),
        eventLoopLagMaxMs: round(Math.max(lagMaxMs, end.lagMaxMs)),
        workersPageP50Ms: round(percentile(pageMs, 50)),
        workersPageP95Ms: round(percentile(pageMs, 95)),
        workersPageRequests: pageMs.length,
        scheduleRetries,
        failedPolls: loop.errors.length,
        polls: loop.polls,
      },
      method:
        `${agents} agents (labels ${KINDS.map((k) => `[${k.join(",")}]`).join(" ")}, in turn) each long-poll POST /workers/{id}/claim {max 1, waitSeconds ${WAIT_SECONDS}} over loopback through one keep-alive http.Agent (a socket each), first polls spread over ${WAIT_SECONDS} s (agents that started at different times); ` +
        `after the first claims settle, ${idleSeconds} s idle: commits = pg_stat_database.xact_commit delta of the bench database (every transaction: token checks, presence writes, the lease sweep) ÷ agents ÷ minutes. ` +
        `Then ${runs} runs (runsOn cycling ${RUNS_ON.map((k) => `[${k.join(",")}]`).join(" ")}) scheduled one every ${trickleMs} ms; claims per run = runyard_claim_transactions_total delta ÷ runs; pickup = from sending the schedule request to the agent receiving the run. ` +
        `RSS per long-poll = (process_resident_memory_bytes with all polls open − before) ÷ agents; event-loop lag from nodejs_eventloop_lag_*; the signed-in /workers page requested once a second throughout. ` +
        `CPU while idle: the app's process_cpu_seconds_total and the bench PostgreSQL server's processes (/proc) over the idle window.`,
      checks,
    };
  },
};
