// Delivering the outbox to a real HTTP receiver: signed as documented, retried with backoff,
// given up after its time, fenced against a presumed-dead sender, and guarded at send time.
import { afterEach, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { attemptDelivery, claimDeliveries, deliverDue, type DeliveryOptions } from "@/lib/server/webhooks/delivery-loop";
import { createWebhook } from "@/lib/server/webhooks/manage-webhooks";
import { eventually } from "@/lib/testing/agent-harness";
import { newTeam } from "@/lib/testing/fixtures";
import { startReceiver, verifySignature, type Receiver } from "@/lib/testing/webhook-receiver";

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A team with an endpoint at a local receiver (private targets allowed for this endpoint's creation). */
async function hookedTeam(events: ("run.state_changed" | "worker.state_changed")[] = ["run.state_changed"]) {
  const team = await newTeam();
  receiver = await startReceiver();
  const admin: Principal = { kind: "token", teamId: team.teamId, scope: "admin", tokenId: "", workerId: null, userId: null, actor: "delivery test" };
  const hook = await createWebhook(admin, { url: receiver.url(), events }, { allowPrivate: true });
  const options: DeliveryOptions = { timeoutMs: 2000, backoffBaseMs: 200, allowPrivate: true, teamId: team.teamId };
  return { team, hook, options, receiver };
}

// "Due now", a moment in the past: the columns are timestamptz(3), so a stored now() is rounded
// to the millisecond — possibly up, past the now() of a claim that starts in the same millisecond.
const DUE = "now() - interval '1 second'";

const delivery = async (id: string) =>
  (await pool().query("SELECT status, attempts, response_status, last_error, next_attempt_at, leased_until, delivered_at FROM webhook_deliveries WHERE id = $1", [id])).rows[0];

describe("delivering webhooks", () => {
  it("POSTs the event signed with the endpoint's secret, verifiable by the receiver, with the delivery id in body and header", async () => {
    const { team, hook, options, receiver } = await hookedTeam();
    const run = await team.admin.scheduleComputeWorkerRun({ name: "signed", runsOn: ["gpu"] });
    expect(await deliverDue(options)).toBe(1);
    const [got] = receiver.received;
    expect(verifySignature(hook.secret, got!.raw, got!.headers["x-runyard-signature"])).toBe(true);
    expect(verifySignature(`${hook.secret}x`, got!.raw, got!.headers["x-runyard-signature"])).toBe(false);
    expect(got!.headers).toMatchObject({ "x-runyard-event": "run.state_changed", "content-type": "application/json", "x-runyard-attempt": "1" });
    expect(got!.body).toMatchObject({ id: got!.headers["x-runyard-delivery"], event: "run.state_changed", team: { id: team.teamId, name: team.name }, data: { previousState: null, run: { id: run.id, name: "signed", state: "OPEN", runsOn: ["gpu"] } } });
    const [listed] = (await team.admin.getWebhookDeliveries(hook.id)).items;
    expect(listed).toMatchObject({ id: got!.headers["x-runyard-delivery"], status: "delivered", attempts: 1, responseStatus: 200, lastError: null });
    expect(JSON.stringify(listed!.body)).toBe(got!.raw.toString("utf8"));
  });

  it("retries a receiver that is down with growing delays, and delivers the same delivery id once it is up", async () => {
    const { team, options, receiver } = await hookedTeam();
    receiver.answerWith(() => 503);
    await team.admin.scheduleComputeWorkerRun({ runsOn: [] });
    await deliverDue(options);
    const id = String(receiver.received[0]!.headers["x-runyard-delivery"]);
    const first = await delivery(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, response_status: 503, last_error: "answered 503 Service Unavailable" });
    expect(first.next_attempt_at.getTime() - Date.now()).toBeGreaterThan(100);
    expect(await deliverDue(options)).toBe(0); // not due yet
    await eventually(async () => (await deliverDue(options)) > 0, "the second attempt to be due", 10_000);
    const second = await delivery(id);
    expect(second.attempts).toBe(2);
    receiver.answerWith(() => 204);
    await eventually(async () => (await deliverDue(options), (await delivery(id)).status === "delivered"), "the delivery to succeed", 15_000);
    expect(new Set(receiver.received.map((r) => r.headers["x-runyard-delivery"]))).toEqual(new Set([id]));
    expect(receiver.received.map((r) => r.headers["x-runyard-attempt"])).toEqual(receiver.received.map((_, i) => String(i + 1)));
  });

  it("ends as failed when its 24 hours are up, and a redelivery sends the same id again", async () => {
    const { team, hook, options, receiver } = await hookedTeam();
    receiver.answerWith(() => 500);
    const ping = await team.admin.pingWebhook(hook.id);
    await pool().query("UPDATE webhook_deliveries SET give_up_at = now() WHERE id = $1", [ping.id]);
    await deliverDue(options);
    expect(await delivery(ping.id)).toMatchObject({ status: "failed", attempts: 1, response_status: 500 });
    receiver.answerWith(() => 200);
    await team.admin.redeliverWebhook(hook.id, ping.id);
    await deliverDue(options);
    expect(await delivery(ping.id)).toMatchObject({ status: "delivered", attempts: 2 });
    expect(receiver.received.map((r) => r.headers["x-runyard-delivery"])).toEqual([ping.id, ping.id]);
  });

  it("gives up on an attempt after the timeout, does not follow redirects, and retries both", async () => {
    const { team, hook, options, receiver } = await hookedTeam();
    receiver.answerWith(() => "hang");
    const slow = await team.admin.pingWebhook(hook.id);
    await deliverDue({ ...options, timeoutMs: 300 });
    expect(await delivery(slow.id)).toMatchObject({ status: "pending", attempts: 1, response_status: null, last_error: "no answer within 300 ms" });
    receiver.answerWith(() => 302);
    await pool().query(`UPDATE webhook_deliveries SET next_attempt_at = ${DUE} WHERE id = $1`, [slow.id]);
    await deliverDue(options);
    expect(await delivery(slow.id)).toMatchObject({ status: "pending", attempts: 2, response_status: 302, last_error: expect.stringContaining("not followed") });
  });

  it("refuses at send time a private target that was allowed when the endpoint was added", async () => {
    const { team, hook, options, receiver } = await hookedTeam();
    const ping = await team.admin.pingWebhook(hook.id);
    await deliverDue({ ...options, allowPrivate: false });
    expect(await delivery(ping.id)).toMatchObject({ status: "pending", attempts: 1, last_error: expect.stringContaining("127.0.0.1 is a loopback address: refused") });
    expect(receiver.received).toEqual([]);
  });

  it("leases what it takes: an instance that died mid-attempt is replaced after the lease, and its late result changes nothing", async () => {
    const { team, hook, options, receiver } = await hookedTeam();
    const ping = await team.admin.pingWebhook(hook.id);
    const [taken] = await claimDeliveries(5, options);
    expect(taken!.id).toBe(ping.id);
    const leased = await delivery(ping.id);
    expect(leased.leased_until.getTime() - Date.now()).toBeGreaterThan(5000);
    expect(await claimDeliveries(5, options)).toEqual([]); // not taken twice
    // The instance that took it dies; once its lease is over (made so here), another takes it.
    await pool().query(`UPDATE webhook_deliveries SET next_attempt_at = ${DUE}, leased_until = ${DUE} WHERE id = $1`, [ping.id]);
    expect(await deliverDue(options)).toBe(1);
    expect(await delivery(ping.id)).toMatchObject({ status: "delivered", attempts: 2 });
    receiver.answerWith(() => 500);
    await attemptDelivery(taken!, options); // the presumed-dead attempt reports at last
    expect(await delivery(ping.id)).toMatchObject({ status: "delivered", attempts: 2, response_status: 200 });
    expect(receiver.received.map((r) => r.headers["x-runyard-delivery"])).toEqual([ping.id, ping.id]);
  });

  it("delivers worker.state_changed the sweep wrote, and keeps teams apart", async () => {
    const { team, options, receiver } = await hookedTeam(["worker.state_changed"]);
    const worker = await team.admin.registerComputeWorker({ name: "announced", labels: ["gpu"] });
    const { sweepWorkerStates } = await import("@/lib/server/webhooks/worker-states");
    await sweepWorkerStates();
    await deliverDue(options);
    expect(receiver.ofEvent("worker.state_changed").map((r) => r.body.data)).toEqual([
      { previousState: null, previousDraining: null, worker: { id: worker.id, name: "announced", labels: ["gpu"], state: "OFFLINE", draining: false, lastSeenAt: null } },
    ]);
    expect(receiver.received.every((r) => (r.body.team as { id: string }).id === team.teamId)).toBe(true);
  });
});
