"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { runKeys } from "@/lib/client/hooks/query-keys";
import type { RunDetail } from "@/lib/contract/runs";

export function useRun(id: string, initialData?: RunDetail) {
  return useQuery({
    queryKey: runKeys.detail(id),
    queryFn: ({ signal }) => dashboardClient.getComputeWorkerRunInfo(id, { signal }),
    initialData,
    refetchInterval: LIVE_MS,
  });
}
