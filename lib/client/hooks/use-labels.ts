"use client";
import { useQuery } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { matchKeys } from "@/lib/client/hooks/query-keys";

/** Labels in use, for chip autocomplete. */
export function useLabels() {
  return useQuery({ queryKey: matchKeys.labels, queryFn: () => dashboardClient.getLabels(), staleTime: 10_000 });
}
