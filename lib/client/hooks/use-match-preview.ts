"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { matchKeys } from "@/lib/client/hooks/query-keys";

/** "3 workers can take this (2 idle)": recomputed as the chips change. */
export function useMatchPreview(runsOn: readonly string[]) {
  return useQuery({
    queryKey: matchKeys.preview(runsOn),
    queryFn: ({ signal }) => dashboardClient.matchComputeWorkers(runsOn, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS * 2,
  });
}
