"use client";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useWorkerAction } from "@/lib/client/hooks/use-worker-action";
import type { Worker } from "@/lib/contract/workers";

export function WorkerActions({ worker, onRetired }: { worker: Worker; onRetired?: () => void }) {
  const action = useWorkerAction();
  return (
    <div className="flex justify-end gap-1">
      <Button size="sm" variant={worker.failing && !worker.draining ? "primary" : "ghost"} disabled={action.isPending} onClick={() => action.mutate({ id: worker.id, action: worker.draining ? "resume" : "drain" })}>
        {worker.draining ? "Resume" : "Drain"}
      </Button>
      <ConfirmButton
        size="sm"
        variant="dangerGhost"
        title={`Retire ${worker.name}?`}
        body={
          <>
            It disappears from lists, and its id and tokens bound to it stop working.
            {worker.currentRuns.length > 0 && <> {worker.currentRuns.length === 1 ? "Its running run goes" : `Its ${worker.currentRuns.length} running runs go`} back to the queue for another worker.</>} This cannot be undone; register a new worker to use the name again.
          </>
        }
        confirmLabel="Retire worker"
        pending={action.isPending}
        error={action.error?.message}
        onConfirm={async () => {
          await action.mutateAsync({ id: worker.id, action: "retire" });
          onRetired?.();
        }}
      >
        Retire
      </ConfirmButton>
    </div>
  );
}
