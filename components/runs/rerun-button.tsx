"use client";
// Run again: schedules a copy of this run (same labels, priority, config, dataset, name and
// attempts) through the ordinary schedule API, and opens the new run.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useScheduleRun } from "@/lib/client/hooks/use-schedule-run";
import type { RunDetail } from "@/lib/contract/runs";

export function RerunButton({ run }: { run: RunDetail }) {
  const router = useRouter();
  const schedule = useScheduleRun();
  if (run.state === "OPEN") return null;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        disabled={schedule.isPending}
        onClick={async () => {
          const copy = await schedule
            .mutateAsync({
              runsOn: run.runsOn, priority: run.priority, config: run.config, maxAttempts: run.maxAttempts,
              ...(run.name ? { name: run.name } : {}), ...(run.dataset ? { dataset: run.dataset } : {}),
            })
            .catch(() => null);
          if (copy) router.push(`/runs/${copy.id}`);
        }}
      >
        {schedule.isPending ? "Scheduling…" : "Run again"}
      </Button>
      {schedule.error && <p role="alert" className="text-xs text-rose-700">Could not schedule a copy: {schedule.error.message}</p>}
    </div>
  );
}
