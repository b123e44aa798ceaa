"use client";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useCancelRun } from "@/lib/client/hooks/use-cancel-run";
import type { Run } from "@/lib/contract/runs";

export function CancelRunButton({ run, size = "sm" }: { run: Run; size?: "sm" | "md" }) {
  const cancel = useCancelRun();
  const cancellable = run.state === "OPEN" || ((run.state === "LOCKED" || run.state === "RUNNING") && !run.abortRequested);
  if (!cancellable) return null;
  return (
    <ConfirmButton
      size={size}
      variant="dangerGhost"
      title={`Cancel ${run.name ?? "this run"}?`}
      body={run.state === "OPEN" ? "It leaves the queue and will not run." : `It is ${run.state.toLowerCase()} on ${run.workerName ?? "a worker"}: the worker stops the job (SIGTERM, then SIGKILL after a grace period) and reports it aborted.`}
      confirmLabel="Cancel run"
      pending={cancel.isPending}
      error={cancel.error?.message}
      onConfirm={() => cancel.mutateAsync(run.id)}
    >
      Cancel
    </ConfirmButton>
  );
}
