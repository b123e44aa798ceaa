"use client";
import { useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { webhookKeys } from "@/lib/client/hooks/query-keys";

export function useWebhook(id: string) {
  return useQuery({ queryKey: webhookKeys.detail(id), queryFn: () => dashboardClient.getWebhook(id), refetchInterval: LIVE_MS });
}
