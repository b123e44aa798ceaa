// prisma migrate cannot run here, so the SQL migrations are written by hand. This proves they
// and prisma/schema.prisma describe the same database, column by column, and that every model
// and field round-trips through the generated client.
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { readPrismaSchema, type SchemaField } from "@/lib/testing/prisma-schema";
import { uniqueName } from "@/lib/testing/fixtures";

const schema = readPrismaSchema();

function expectedUdt(field: SchemaField, enums: Map<string, string[]>): string {
  if (enums.has(field.type)) return field.type;
  const base: Record<string, string> = {
    String: field.dbType === "Uuid" ? "uuid" : "text",
    Int: "int4",
    BigInt: "int8",
    Boolean: "bool",
    DateTime: "timestamptz",
    Json: "jsonb",
  };
  const udt = base[field.type];
  if (!udt) throw new Error(`schema type ${field.type} is not mapped in this test`);
  return field.list ? `_${udt}` : udt;
}

describe("schema.prisma and the migrated database", () => {
  it("have the same tables and columns, with the same types and nullability", async () => {
    const { rows } = await pool().query<{ table_name: string; column_name: string; is_nullable: string; udt_name: string }>(
      `SELECT table_name, column_name, is_nullable, udt_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
    );
    const tables = new Set(rows.map((r) => r.table_name));
    expect([...tables].sort()).toEqual(schema.models.map((m) => m.table).sort());
    for (const model of schema.models) {
      const columns = rows.filter((r) => r.table_name === model.table);
      expect(columns.map((c) => c.column_name).sort(), `columns of ${model.table}`).toEqual(
        model.fields.map((f) => f.column).sort(),
      );
      for (const field of model.fields) {
        const column = columns.find((c) => c.column_name === field.column)!;
        expect(column.udt_name, `${model.table}.${field.column} type`).toBe(expectedUdt(field, schema.enums));
        // Prisma lists are never null; our SQL makes that explicit with NOT NULL.
        expect(column.is_nullable === "YES", `${model.table}.${field.column} nullability`).toBe(field.optional);
      }
    }
  });

  it("have the same enums with the same values in the same order", async () => {
    const { rows } = await pool().query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(new Map(rows.map((r) => [r.name, r.values]))).toEqual(schema.enums);
  });

  it("round-trips every model and field through the Prisma client", async () => {
    const db = prisma();
    const team = await db.team.create({ data: { name: uniqueName("schema") } });
    const worker = await db.worker.create({
      data: {
        teamId: team.id, name: uniqueName("w"), labels: ["a", "b"], isDefault: true, maxConcurrency: 3, draining: true,
        lastSeenAt: new Date(), crashedAt: new Date(), agentVersion: "1.0", hostname: "h", facts: { gpu: "A100" },
        runsCompleted: 2, retiredAt: new Date(),
      },
    });
    const token = await db.apiToken.create({
      data: {
        teamId: team.id, name: "n", scope: "worker", workerId: worker.id, tokenHash: uniqueName("hash"), prefix: "ry_",
        createdBy: "test", createdByUserId: "u", lastUsedAt: new Date(), expiresAt: new Date(), revokedAt: new Date(),
      },
    });
    const labelSet = await db.labelSet.create({ data: { teamId: team.id, labels: ["a"] } });
    const run = await db.run.create({
      data: {
        teamId: team.id, labelSetId: labelSet.id, name: "r", dataset: "d", config: { lr: 0.1 }, runsOn: ["a"],
        priority: "HIGH", state: "RUNNING", attempt: 1, maxAttempts: 5, workerId: worker.id,
        leaseExpiresAt: new Date(), abortRequestedAt: new Date(), progress: 42, message: "m", exitCode: 0,
        idempotencyKey: "k", idempotencyHash: "h", claimedAt: new Date(), startedAt: new Date(), finishedAt: new Date(),
      },
    });
    const event = await db.runEvent.create({ data: { runId: run.id, type: "STARTED", attempt: 1, workerId: worker.id, message: "m", data: { x: 1 } } });
    const log = await db.runLog.create({ data: { runId: run.id, attempt: 1, stream: "stderr", line: "hello" } });

    expect(await db.team.findUnique({ where: { id: team.id } })).toEqual(team);
    expect(await db.worker.findUnique({ where: { id: worker.id } })).toEqual(worker);
    expect(await db.apiToken.findUnique({ where: { id: token.id } })).toEqual(token);
    expect(await db.labelSet.findUnique({ where: { id: labelSet.id } })).toEqual(labelSet);
    expect(await db.run.findUnique({ where: { id: run.id } })).toEqual(run);
    expect(await db.runEvent.findUnique({ where: { id: event.id } })).toEqual(event);
    expect(await db.runLog.findUnique({ where: { id: log.id } })).toEqual(log);
    const user = await db.user.create({ data: { id: uniqueName("u"), name: "Ada", email: `${uniqueName("ada")}@example.com`, emailVerified: true, image: "i" } });
    const session = await db.session.create({ data: { id: uniqueName("s"), token: uniqueName("tok"), userId: user.id, expiresAt: new Date(), ipAddress: "127.0.0.1", userAgent: "ua" } });
    const account = await db.account.create({
      data: {
        id: uniqueName("a"), accountId: "acc", providerId: "credential", userId: user.id, accessToken: "a", refreshToken: "r", idToken: "i",
        accessTokenExpiresAt: new Date(), refreshTokenExpiresAt: new Date(), scope: "s", password: "hash",
      },
    });
    const verification = await db.verification.create({ data: { id: uniqueName("v"), identifier: "id", value: "v", expiresAt: new Date() } });
    const rateLimit = await db.rateLimit.create({ data: { id: uniqueName("rl"), key: uniqueName("k"), count: 3, lastRequest: BigInt(Date.now()) } });
    const member = await db.teamMember.create({ data: { teamId: team.id, userId: user.id, role: "admin" } });
    const invite = await db.teamInvite.create({ data: { teamId: team.id, email: "b@example.com", role: "member", tokenHash: uniqueName("h"), createdBy: "x", expiresAt: new Date(), acceptedAt: new Date() } });
    const audit = await db.auditEvent.create({ data: { teamId: team.id, actorKind: "user", actor: "a", action: "x", targetType: "t", targetId: "i", summary: "s", data: { k: 1 } } });
    const setting = await db.appSetting.create({ data: { key: uniqueName("key"), value: "v" } });
    const throttle = await db.signInThrottle.create({ data: { account: `${uniqueName("t")}@example.com`, failures: 2, lastAttemptAt: new Date(), lockedUntil: new Date() } });
    expect(await db.user.findUnique({ where: { id: user.id } })).toEqual(user);
    expect(await db.session.findUnique({ where: { id: session.id } })).toEqual(session);
    expect(await db.account.findUnique({ where: { id: account.id } })).toEqual(account);
    expect(await db.verification.findUnique({ where: { id: verification.id } })).toEqual(verification);
    expect(await db.rateLimit.findUnique({ where: { id: rateLimit.id } })).toEqual(rateLimit);
    expect(await db.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } } })).toEqual(member);
    expect(await db.teamInvite.findUnique({ where: { id: invite.id } })).toEqual(invite);
    expect(await db.auditEvent.findUnique({ where: { id: audit.id } })).toEqual(audit);
    expect(await db.appSetting.findUnique({ where: { key: setting.key } })).toEqual(setting);
    expect(await db.signInThrottle.findUnique({ where: { account: throttle.account } })).toEqual(throttle);
    // The one lease_sweeps row is read, not written: other tests' sweeps share it.
    expect(await db.leaseSweep.findUnique({ where: { id: 1 } })).toMatchObject({ id: 1, lastSweptAt: expect.any(Date) });
    // Webhooks. The worker above is retired and not in a subscribed team, so no sweep touches these rows.
    const endpoint = await db.webhookEndpoint.create({
      data: { teamId: team.id, url: "https://hooks.example.com/x", description: "d", events: ["run.state_changed"], secret: "ryw_s", createdBy: "test", secretRotatedAt: new Date() },
    });
    const delivery = await db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id, teamId: team.id, event: "ping", payload: { zen: 1 }, status: "failed", attempts: 3, nextAttemptAt: new Date(),
        leasedUntil: new Date(), giveUpAt: new Date(), lastAttemptAt: new Date(), responseStatus: 503, lastError: "e", durationMs: 12, deliveredAt: new Date(),
      },
    });
    const reported = await db.workerReportedState.create({ data: { workerId: worker.id, teamId: team.id, state: "IDLE", draining: true } });
    expect(await db.webhookEndpoint.findUnique({ where: { id: endpoint.id } })).toEqual(endpoint);
    expect(await db.webhookDelivery.findUnique({ where: { id: delivery.id } })).toEqual(delivery);
    expect(await db.workerReportedState.findUnique({ where: { workerId: worker.id } })).toEqual(reported);
    const models = schema.models.map((m) => m.name);
    expect(models.sort()).toEqual([
      "Account", "ApiToken", "AppSetting", "AuditEvent", "LabelSet", "LeaseSweep", "RateLimit", "Run", "RunEvent", "RunLog", "Session",
      "SignInThrottle", "Team", "TeamInvite", "TeamMember", "User", "Verification", "WebhookDelivery", "WebhookEndpoint", "Worker", "WorkerReportedState",
    ]);
  });

  it("refuses to change a worker's labels at the database level", async () => {
    const team = await prisma().team.create({ data: { name: uniqueName("immutable") } });
    const worker = await prisma().worker.create({ data: { teamId: team.id, name: uniqueName("w"), labels: ["gpu"] } });
    await expect(prisma().worker.update({ where: { id: worker.id }, data: { labels: ["cpu"] } })).rejects.toThrow(/immutable/);
  });
});
