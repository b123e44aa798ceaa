"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { webhookKeys } from "@/lib/client/hooks/query-keys";

/** The team's webhook endpoints with their delivery counts, kept live. */
export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.list(), queryFn: () => dashboardClient.getWebhooks(), refetchInterval: LIVE_MS });
}
