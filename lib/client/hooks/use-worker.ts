"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { workerKeys } from "@/lib/client/hooks/query-keys";
import type { Worker } from "@/lib/contract/workers";

/** One worker, live. */
export function useWorker(id: string, initialData?: Worker) {
  return useQuery({
    queryKey: workerKeys.detail(id),
    queryFn: ({ signal }) => dashboardClient.getComputeWorkerById(id, { signal }),
    initialData,
    refetchInterval: LIVE_MS,
  });
}
