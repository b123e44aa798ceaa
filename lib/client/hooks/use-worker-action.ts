"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { overviewKeys, workerKeys } from "@/lib/client/hooks/query-keys";

export type WorkerAction = "drain" | "resume" | "retire";

/** Drain, resume or retire a worker; refreshes the worker lists and the overview. */
export function useWorkerAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: WorkerAction }) =>
      action === "drain" ? dashboardClient.drainComputeWorker(id) : action === "resume" ? dashboardClient.resumeComputeWorker(id) : dashboardClient.deleteComputeWorker(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workerKeys.all });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
    },
  });
}
