// Wire shapes of agent contact (heartbeat), matching previews (match, explain) and the caller.
import { z } from "zod";
import { Id, Label, LeaseToken, Timestamp, repeated } from "@/lib/contract/common";
import { RunState } from "@/lib/contract/runs";
import { AgentInfo, WorkerState } from "@/lib/contract/workers";
import { SCOPES } from "@/lib/contract/operations";

export const HeartbeatBody = z
  .object({
    info: AgentInfo.optional(),
    /** The runs the agent believes it holds. When given, only these leases are extended. */
    runs: z.array(z.object({ id: Id, leaseToken: LeaseToken }).strict()).max(256).optional(),
  })
  .strict();
export type HeartbeatBody = z.input<typeof HeartbeatBody>;

export const HeartbeatResponse = z.object({
  workerId: Id,
  draining: z.boolean(),
  leaseExpiresAt: Timestamp,
  /** Runs still held by this worker, with their current lease tokens. */
  held: z.array(z.object({ id: Id, leaseToken: z.number().int() })),
  /** Runs whose cancellation was requested: stop them and report ABORTED. */
  abort: z.array(Id),
  /** Runs the agent listed that it no longer holds (lease expired, re-queued, retired): stop them, report nothing. */
  lost: z.array(Id),
  /** The server's version: an agent older than this warns that it should be updated. */
  serverVersion: z.string(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

const WorkerSummary = z.object({
  id: Id,
  name: z.string(),
  labels: z.array(z.string()),
  state: WorkerState,
  draining: z.boolean(),
});

export const MatchQuery = z.object({ runsOn: repeated(Label) }).strict();

export const MatchResponse = z.object({
  runsOn: z.array(z.string()),
  /** Workers that could take such a run, online or not. */
  eligible: z.array(WorkerSummary),
  counts: z.object({
    workers: z.number().int(),
    eligible: z.number().int(),
    online: z.number().int(),
    idle: z.number().int(),
  }),
  /** When nobody is eligible: the worker missing the fewest labels, and what it lacks. */
  closest: z
    .object({
      worker: WorkerSummary,
      missing: z.array(z.string()),
      caseMismatches: z.array(z.object({ wanted: z.string(), has: z.string() })),
    })
    .nullable(),
  hints: z.array(z.string()),
});
export type MatchResponse = z.infer<typeof MatchResponse>;

export const ExplainResponse = z.object({
  runId: Id,
  state: RunState,
  /** True when a worker could take it right now (it will be picked up at the next poll). */
  pickable: z.boolean(),
  summary: z.string(),
  workers: z.object({
    total: z.number().int(),
    available: z.number().int(),
    lacking: z.array(z.object({ labels: z.array(z.string()), count: z.number().int() })),
    offline: z.number().int(),
    draining: z.number().int(),
    busy: z.number().int(),
  }),
  waitingBehind: z.object({ id: Id, name: z.string().nullable(), state: RunState }).nullable(),
  queuedAhead: z.number().int(),
  hints: z.array(z.string()),
});
export type ExplainResponse = z.infer<typeof ExplainResponse>;

export const Me = z.object({
  teamId: Id,
  teamName: z.string(),
  scope: z.enum(SCOPES),
  workerId: Id.nullable(),
});
export type Me = z.infer<typeof Me>;

export const Labels = z.object({
  labels: z.array(z.object({ label: z.string(), workers: z.number().int(), inRunsOn: z.boolean() })),
});
export type Labels = z.infer<typeof Labels>;
