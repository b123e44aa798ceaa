// Wire shapes of runs, claims, reports and logs (SPEC §3–5).
import { z } from "zod";
import { BigintCursor, Cursor, Id, IdPrefix, Label, LeaseToken, LabelList, PageLimit, Timestamp, page, repeated } from "@/lib/contract/common";

export const RUN_PRIORITIES = ["LOW", "MID", "HIGH", "CRITICAL"] as const;
export const RunPriority = z.enum(RUN_PRIORITIES);
export type RunPriority = z.infer<typeof RunPriority>;

export const RunState = z.enum(["OPEN", "LOCKED", "RUNNING", "COMPLETED", "FAILED", "CANCELED", "ABORTED", "CRASHED"]).meta({
  description:
    "A run's state. The dashboard and the CLI show these words (lib/domain/vocabulary.ts): OPEN Queued, LOCKED Claimed, RUNNING Running, " +
    "COMPLETED Completed, FAILED Failed, CANCELED Cancelled, ABORTED Aborted, CRASHED Crashed.",
});
export type RunState = z.infer<typeof RunState>;
export const TERMINAL_RUN_STATES: readonly RunState[] = ["COMPLETED", "FAILED", "CANCELED", "ABORTED", "CRASHED"];

export const MAX_CONFIG_BYTES = 256 * 1024;

export const RunConfig = z
  .record(z.string(), z.unknown(), { error: "config must be a JSON object" })
  .refine((config) => Buffer.byteLength(JSON.stringify(config)) <= MAX_CONFIG_BYTES, {
    error: `config must be at most ${MAX_CONFIG_BYTES / 1024} KiB of JSON`,
  })
  .meta({ description: `A JSON object handed to the job as it is; at most ${MAX_CONFIG_BYTES / 1024} KiB of JSON.` });

export const DatasetKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s\u0000-\u001f][^\u0000-\u001f]*$/, { error: "dataset must not start with a space or contain control characters" });

const MatchHint = z.object({
  closest: z.object({ id: Id, name: z.string(), labels: z.array(z.string()) }).nullable(),
  missing: z.array(z.string()),
  caseMismatches: z.array(z.object({ wanted: z.string(), has: z.string() })),
});

export const Run = z.object({
  id: Id,
  name: z.string().nullable(),
  dataset: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  runsOn: z.array(z.string()),
  priority: RunPriority,
  state: RunState,
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  workerId: Id.nullable(),
  workerName: z.string().nullable(),
  leaseExpiresAt: Timestamp.nullable(),
  abortRequested: z.boolean(),
  progress: z.number().int(),
  message: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  createdAt: Timestamp,
  claimedAt: Timestamp.nullable(),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  /** Set when no registered worker could ever take this run (SPEC §3). */
  unmatchable: MatchHint.nullable(),
});
export type Run = z.infer<typeof Run>;

export const RunEvent = z.object({
  id: z.string(),
  at: Timestamp,
  type: z.string(),
  attempt: z.number().int(),
  workerId: Id.nullable(),
  workerName: z.string().nullable(),
  message: z.string().nullable(),
  data: z.unknown().nullable(),
});
export type RunEvent = z.infer<typeof RunEvent>;

export const RunDetail = Run.extend({
  events: z.array(RunEvent),
  /** For an OPEN run held back by dataset exclusivity: the run it waits behind. */
  waitingBehind: z.object({ id: Id, name: z.string().nullable(), state: RunState }).nullable(),
});
export type RunDetail = z.infer<typeof RunDetail>;

export const RunPage = page(Run);
export type RunPage = z.infer<typeof RunPage>;

export const ScheduleRunBody = z
  .object({
    runsOn: LabelList.optional(),
    priority: RunPriority.optional(),
    config: RunConfig.optional(),
    dataset: DatasetKey.optional(),
    name: z.string().min(1).max(200).optional(),
    maxAttempts: z.number().int().min(1).max(100).optional(),
  })
  .strict();
export type ScheduleRunBody = z.input<typeof ScheduleRunBody>;

export const ListRunsQuery = z
  .object({
    state: repeated(RunState),
    workerId: Id.optional(),
    label: repeated(Label),
    dataset: DatasetKey.optional(),
    priority: repeated(RunPriority),
    q: z.string().max(200).optional(),
    /** Ids starting with this (short ids: the first 8 characters). */
    idPrefix: IdPrefix.optional(),
    cursor: Cursor.optional(),
    limit: PageLimit,
  })
  .strict();
export type ListRunsQuery = z.input<typeof ListRunsQuery>;

export const RunIdParams = z.object({ id: Id }).strict();

export const ClaimBody = z
  .object({
    max: z.number().int().min(1).max(100).optional(),
    waitSeconds: z.number().min(0).max(30).optional(),
  })
  .strict();
export type ClaimBody = z.input<typeof ClaimBody>;

export const ClaimedRun = Run.extend({
  leaseToken: z.number().int(),
  leaseExpiresAt: Timestamp,
  /** For the job only (RUNYARD_JOB_TOKEN): reads this run, appends its logs, reports progress; dies with the attempt. */
  jobToken: z.string(),
});
export type ClaimedRun = z.infer<typeof ClaimedRun>;
export const ClaimResponse = z.object({ runs: z.array(ClaimedRun) });
export type ClaimResponse = z.infer<typeof ClaimResponse>;

export const RunReportState = z.enum(["RUNNING", "COMPLETED", "FAILED", "ABORTED"]);
export const FINAL_REPORT_STATES = ["COMPLETED", "FAILED", "ABORTED"] as const;

/**
 * Complete-and-claim: a final report may ask for this worker's next run(s), claimed in the
 * same transaction as the report. With `waitSeconds` > 0 and nothing claimable at once, the
 * answer waits (after the report is committed) as a claim long-poll would.
 */
export const NextClaim = z
  .object({
    max: z.number().int().min(1).max(100).optional(),
    waitSeconds: z.number().min(0).max(30).optional(),
  })
  .strict()
  .meta({ description: "Claim the worker's next run(s) with this final report, in the same transaction (complete-and-claim)." });
export type NextClaim = z.input<typeof NextClaim>;

const reportFields = {
  leaseToken: LeaseToken,
  state: RunReportState.optional(),
  progress: z.number().int().min(0).max(100).optional(),
  message: z.string().max(4000).optional(),
  exitCode: z.number().int().min(-1024).max(1024).optional(),
};
const isFinal = (state: string | undefined) => (FINAL_REPORT_STATES as readonly string[]).includes(state ?? "");

export const RunReportBody = z
  .object({ ...reportFields, next: NextClaim.optional() })
  .strict()
  .refine((body) => body.next === undefined || isFinal(body.state), {
    error: "next (complete-and-claim) needs a final state: COMPLETED, FAILED or ABORTED",
    path: ["next"],
  });
export type RunReportBody = z.input<typeof RunReportBody>;

/** The reported run; with `next` in the request, also the runs claimed with it (maybe none). */
export const RunReportResponse = Run.extend({ next: z.array(ClaimedRun).optional() });
export type RunReportResponse = z.infer<typeof RunReportResponse>;

/** One item of a batch report: a report on one run, fenced by that run's own lease token. */
export const BatchReportItem = z.object({ runId: Id, ...reportFields }).strict();
export type BatchReportItem = z.input<typeof BatchReportItem>;

export const MAX_BATCH_REPORTS = 100;
export const BatchReportBody = z
  .object({
    reports: z.array(BatchReportItem).min(1).max(MAX_BATCH_REPORTS),
    next: NextClaim.optional(),
  })
  .strict()
  .refine((body) => new Set(body.reports.map((r) => r.runId)).size === body.reports.length, {
    error: "each run may appear only once in a batch",
    path: ["reports"],
  });
export type BatchReportBody = z.input<typeof BatchReportBody>;

/** Why one item of a batch changed nothing (the same fields as a problem+json answer). */
export const ItemProblem = z.object({ type: z.string(), title: z.string(), status: z.number().int(), code: z.string(), detail: z.string() });
export type ItemProblem = z.infer<typeof ItemProblem>;
export const BatchReportResult = z.discriminatedUnion("ok", [
  z.object({ runId: Id, ok: z.literal(true), run: Run }),
  z.object({ runId: Id, ok: z.literal(false), problem: ItemProblem }),
]);
export type BatchReportResult = z.infer<typeof BatchReportResult>;
/** One result per item, in the request's order; `next` when the request asked for it. */
export const BatchReportResponse = z.object({ results: z.array(BatchReportResult), next: z.array(ClaimedRun).optional() });
export type BatchReportResponse = z.infer<typeof BatchReportResponse>;

export const LogLine = z.object({
  stream: z.enum(["stdout", "stderr"]).default("stdout"),
  line: z.string().max(16 * 1024),
});
export const AppendLogsBody = z
  .object({ leaseToken: LeaseToken, lines: z.array(LogLine).min(1).max(1000) })
  .strict();
export type AppendLogsBody = z.input<typeof AppendLogsBody>;

export const LogsQuery = z
  .object({ cursor: BigintCursor("a log id").optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) })
  .strict();
export const LogEntry = z.object({ id: z.string(), attempt: z.number().int(), stream: z.string(), line: z.string(), at: Timestamp });
export type LogEntry = z.infer<typeof LogEntry>;
export const LogPage = z.object({ items: z.array(LogEntry), nextCursor: z.string().nullable() });
export type LogPage = z.infer<typeof LogPage>;
