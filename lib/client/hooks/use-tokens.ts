"use client";
import { useQuery } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { accountKeys } from "@/lib/client/hooks/query-keys";

export function useTokens() {
  return useQuery({ queryKey: accountKeys.tokens, queryFn: () => dashboardClient.getApiTokens(), refetchInterval: 10_000 });
}
