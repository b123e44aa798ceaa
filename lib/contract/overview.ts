// Wire shape of the dashboard's overview: the queue by label set and the last hour.
import { z } from "zod";
import { Timestamp } from "@/lib/contract/common";

/** Each eligible worker once, in the words the dashboard uses for it: a drained worker is not "busy", a crashed one not "offline". */
const WorkerCounts = z.object({ idle: z.number().int(), busy: z.number().int(), drained: z.number().int(), offline: z.number().int(), crashed: z.number().int() });

export const Overview = z.object({
  totals: z.object({
    queued: z.number().int(),
    running: z.number().int(),
    completedLastHour: z.number().int(),
    failedLastHour: z.number().int(),
    workers: z.object({ total: z.number().int(), idle: z.number().int(), busy: z.number().int(), offline: z.number().int(), crashed: z.number().int(), draining: z.number().int() }),
  }),
  /** Workers whose last RUNYARD_FAILING_AFTER_FAILURES (default 3) or more runs all failed. */
  failingWorkers: z.array(z.object({ id: z.string(), name: z.string(), failureStreak: z.number().int(), draining: z.boolean() })),
  /** One row per runsOn with work queued or running, or picked up in the last hour. */
  labelSets: z.array(
    z.object({
      runsOn: z.array(z.string()),
      queued: z.number().int(),
      running: z.number().int(),
      workers: WorkerCounts,
      waitP50S: z.number().nullable(),
      waitP95S: z.number().nullable(),
    }),
  ),
  /** Per minute over the last hour: queue depth at the end of the minute, pickups, wait. */
  series: z.array(
    z.object({ at: Timestamp, queued: z.number().int(), claimed: z.number().int(), waitP50S: z.number().nullable(), waitP95S: z.number().nullable() }),
  ),
});
export type Overview = z.infer<typeof Overview>;
