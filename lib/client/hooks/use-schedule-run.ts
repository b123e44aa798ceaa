"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { matchKeys, overviewKeys, runKeys } from "@/lib/client/hooks/query-keys";
import type { ScheduleRunBody } from "@/lib/contract/runs";

export function useScheduleRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ScheduleRunBody) => dashboardClient.scheduleComputeWorkerRun(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: runKeys.all });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
      void queryClient.invalidateQueries({ queryKey: matchKeys.labels });
    },
  });
}
