"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { runKeys } from "@/lib/client/hooks/query-keys";
import type { ListRunsQuery, RunPage } from "@/lib/contract/runs";

export function useRuns(filters: ListRunsQuery, initialData?: RunPage) {
  return useQuery({
    queryKey: runKeys.list(filters),
    queryFn: ({ signal }) => dashboardClient.getComputeWorkerRuns(filters, { signal }),
    initialData,
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}
