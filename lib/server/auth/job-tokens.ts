// Job tokens (like GitHub's per-job GITHUB_TOKEN): each claimed attempt gets a credential that
// its job may use instead of the agent's token. It can only read its own run, append its logs
// and report progress and messages (lib/contract/operations.ts `jobToken`), and it stops
// working when the attempt ends or its lease is lost.
//
// Stateless, so a claim costs no extra write: the token is an HMAC over (run id, attempt,
// worker id) under an install-wide secret kept in app_settings like the auth secret. Whether it
// still works is decided at use, against the run as it is now: the same attempt, held by the
// same worker, LOCKED or RUNNING. A re-queue bumps the attempt, so the old token dies with it.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { pool } from "@/lib/db/pool";
import { settingOrCreate } from "@/lib/server/accounts/settings";
import type { Principal } from "@/lib/server/auth/authenticate";
import { AppError } from "@/lib/server/errors";

export const JOB_TOKEN_PREFIX = "ryj_";
const PAYLOAD_BYTES = 16 + 4 + 16;
const MAC_BYTES = 32;
const TOKEN_PATTERN = /^ryj_[A-Za-z0-9_-]{91}$/;
const CONTEXT = "runyard job token v1\0";

export type JobClaim = { runId: string; attempt: number; workerId: string };

let secretPromise: Promise<Buffer> | undefined;

/** The signing key: read once per process (it never changes), made at first use. */
export function jobTokenSecret(): Promise<Buffer> {
  secretPromise ??= settingOrCreate("job_token_secret", () => randomBytes(32).toString("hex")).then(
    (hex) => Buffer.from(hex, "hex"),
    (error: unknown) => {
      secretPromise = undefined;
      throw error;
    },
  );
  return secretPromise;
}

const uuidBytes = (id: string) => Buffer.from(id.replaceAll("-", ""), "hex");
const uuidText = (bytes: Buffer) => {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const mac = (secret: Buffer, payload: Buffer) => createHmac("sha256", secret).update(CONTEXT).update(payload).digest();

export function signJobToken(secret: Buffer, claim: JobClaim): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  uuidBytes(claim.runId).copy(payload, 0);
  payload.writeUInt32BE(claim.attempt, 16);
  uuidBytes(claim.workerId).copy(payload, 20);
  return JOB_TOKEN_PREFIX + Buffer.concat([payload, mac(secret, payload)]).toString("base64url");
}

/** The claim a token carries, or undefined when it is malformed or not signed by this install. */
export function verifyJobToken(secret: Buffer, token: string): JobClaim | undefined {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const raw = Buffer.from(token.slice(JOB_TOKEN_PREFIX.length), "base64url");
  if (raw.length !== PAYLOAD_BYTES + MAC_BYTES) return undefined;
  const payload = raw.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(raw.subarray(PAYLOAD_BYTES), mac(secret, payload))) return undefined;
  return { runId: uuidText(payload.subarray(0, 16)), attempt: payload.readUInt32BE(16), workerId: uuidText(payload.subarray(20)) };
}

export const isJobToken = (secret: string) => secret.startsWith(JOB_TOKEN_PREFIX);

/** A job token as a principal, if its attempt is still the run's current, held one. */
export async function authenticateJobToken(token: string): Promise<Principal> {
  const claim = verifyJobToken(await jobTokenSecret(), token);
  if (!claim) throw new AppError("unauthorized", "the job token is not valid");
  const { rows } = await pool().query<{ team_id: string; state: string; attempt: number; worker_id: string | null }>({
    name: "runyard_authenticate_job_token",
    text: "SELECT team_id, state, attempt, worker_id FROM runs WHERE id = $1",
    values: [claim.runId],
  });
  const run = rows[0];
  if (!run) throw new AppError("unauthorized", "the job token is not valid");
  if (run.attempt !== claim.attempt || run.worker_id !== claim.workerId || (run.state !== "LOCKED" && run.state !== "RUNNING")) {
    throw new AppError("unauthorized", `this job token has expired: attempt ${claim.attempt} of run ${claim.runId} is over (the run is ${run.state}, attempt ${run.attempt})`);
  }
  return {
    kind: "job",
    teamId: run.team_id,
    scope: "worker",
    tokenId: "",
    workerId: claim.workerId,
    userId: null,
    actor: `job of run ${claim.runId.slice(0, 8)} (attempt ${claim.attempt})`,
    job: { runId: claim.runId, attempt: claim.attempt },
  };
}

/**
 * What a job token may do, checked once the request is parsed: only operations marked
 * `jobToken`, only on its own run, only for its own attempt, and never change the run's state
 * (the agent reports how the job ended, from its exit code).
 */
export function requireJobAccess(op: { jobToken?: true; method: string; path: string }, principal: Principal, params: unknown, body: unknown): void {
  const job = principal.job;
  if (!job) return;
  const refuse = (why: string) => new AppError("forbidden", `a job token can only read its own run, append its logs and report its progress and message: ${why}`);
  if (!op.jobToken) throw refuse(`${op.method} ${op.path} is not allowed`);
  const runId = (params as { id?: string } | undefined)?.id;
  if (runId !== job.runId) throw refuse(`this token belongs to run ${job.runId}`);
  const fields = (body ?? {}) as { leaseToken?: number; state?: string };
  if (fields.leaseToken !== undefined && fields.leaseToken !== job.attempt) throw refuse(`this token belongs to attempt ${job.attempt}`);
  if (fields.state !== undefined) throw refuse("the agent reports the run's state from the job's exit code");
}
