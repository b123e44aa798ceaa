"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { accountKeys } from "@/lib/client/hooks/query-keys";
import type { AuditQuery } from "@/lib/contract/accounts";

export function useAudit(filters: AuditQuery) {
  return useQuery({
    queryKey: accountKeys.audit(filters),
    queryFn: () => dashboardClient.getAuditLog(filters),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
}
