"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { matchKeys, workerKeys } from "@/lib/client/hooks/query-keys";
import type { RegisterWorkerBody } from "@/lib/contract/workers";

export function useRegisterWorker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterWorkerBody) => dashboardClient.registerComputeWorker(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workerKeys.all });
      void queryClient.invalidateQueries({ queryKey: matchKeys.labels });
    },
  });
}
