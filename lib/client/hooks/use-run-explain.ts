"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { runKeys } from "@/lib/client/hooks/query-keys";

export function useRunExplain(id: string, enabled: boolean) {
  return useQuery({
    queryKey: runKeys.explain(id),
    queryFn: () => dashboardClient.explainComputeWorkerRun(id),
    enabled,
    refetchInterval: LIVE_MS * 2,
  });
}
