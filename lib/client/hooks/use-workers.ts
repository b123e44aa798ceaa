"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { workerKeys } from "@/lib/client/hooks/query-keys";
import type { ListWorkersQuery, WorkerPage } from "@/lib/contract/workers";

export function useWorkers(filters: ListWorkersQuery, initialData?: WorkerPage) {
  return useQuery({
    queryKey: workerKeys.list(filters),
    queryFn: ({ signal }) => dashboardClient.getComputeWorkers(filters, { signal }),
    initialData,
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}
