// Wire shapes of workers (SPEC §2, §5).
import { z } from "zod";
import { Cursor, Id, IdPrefix, Label, LabelList, PageLimit, Timestamp, WorkerName, page, repeated } from "@/lib/contract/common";
import { RunState } from "@/lib/contract/runs";

export const WorkerState = z.enum(["IDLE", "BUSY", "OFFLINE", "CRASHED"]);
export type WorkerState = z.infer<typeof WorkerState>;

const MAX_FACTS = 64;

export const MaxConcurrency = z.number({ error: "maxConcurrency must be a number" }).int().min(1).max(256);

export const AgentInfo = z
  .object({
    version: z.string().max(64).optional(),
    hostname: z.string().max(255).optional(),
    facts: z
      .record(z.string().max(64), z.union([z.string().max(512), z.number(), z.boolean(), z.null()]))
      .refine((facts) => Object.keys(facts).length <= MAX_FACTS, { error: `at most ${MAX_FACTS} facts` })
      .meta({ maxProperties: MAX_FACTS, description: `Free-form facts about the machine (GPU model, …); at most ${MAX_FACTS}.` })
      .optional(),
  })
  .strict();
export type AgentInfo = z.infer<typeof AgentInfo>;

export const Worker = z.object({
  id: Id,
  name: z.string(),
  labels: z.array(z.string()),
  isDefault: z.boolean(),
  state: WorkerState,
  draining: z.boolean(),
  maxConcurrency: z.number().int(),
  lastSeenAt: Timestamp.nullable(),
  createdAt: Timestamp,
  agent: z.object({
    version: z.string().nullable(),
    hostname: z.string().nullable(),
    facts: z.record(z.string(), z.unknown()),
    /** The agent reported a version older than the server's: it should be updated. */
    outdated: z.boolean(),
  }),
  runsCompleted: z.number().int(),
  /** Runs that failed on this worker (exit code other than 0, or could not start). */
  runsFailed: z.number().int(),
  /** Failed runs since this worker's last completed one. */
  failureStreak: z.number().int(),
  /** The failure streak reached RUNYARD_FAILING_AFTER_FAILURES (default 3). */
  failing: z.boolean(),
  currentRuns: z.array(
    z.object({ id: Id, name: z.string().nullable(), state: RunState, progress: z.number().int() }),
  ),
});
export type Worker = z.infer<typeof Worker>;

export const WorkerPage = page(Worker);
export type WorkerPage = z.infer<typeof WorkerPage>;

export const RegisterWorkerBody = z
  .object({ name: WorkerName, labels: LabelList.optional(), maxConcurrency: MaxConcurrency.optional() })
  .strict();
export type RegisterWorkerBody = z.input<typeof RegisterWorkerBody>;

export const DefaultWorkerBody = z
  .object({ maxConcurrency: MaxConcurrency.optional(), info: AgentInfo.optional() })
  .strict();
export type DefaultWorkerBody = z.input<typeof DefaultWorkerBody>;

export const ListWorkersQuery = z
  .object({
    label: repeated(Label),
    state: repeated(WorkerState),
    q: z.string().max(64).optional(),
    /** Ids starting with this (short ids: the first 8 characters). */
    idPrefix: IdPrefix.optional(),
    cursor: Cursor.optional(),
    limit: PageLimit,
  })
  .strict();
export type ListWorkersQuery = z.input<typeof ListWorkersQuery>;

export const WorkerIdParams = z.object({ id: Id }).strict();
