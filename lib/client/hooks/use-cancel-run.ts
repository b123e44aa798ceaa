"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { overviewKeys, runKeys } from "@/lib/client/hooks/query-keys";

export function useCancelRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => dashboardClient.cancelComputeWorkerRun(id),
    onSuccess: (run) => {
      void queryClient.invalidateQueries({ queryKey: runKeys.all });
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(run.id) });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
    },
  });
}
