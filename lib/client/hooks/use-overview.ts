"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { overviewKeys } from "@/lib/client/hooks/query-keys";
import type { Overview } from "@/lib/contract/overview";

export function useOverview(initialData?: Overview) {
  return useQuery({
    queryKey: overviewKeys.all,
    queryFn: ({ signal }) => dashboardClient.getOverview({ signal }),
    initialData,
    refetchInterval: LIVE_MS,
  });
}
