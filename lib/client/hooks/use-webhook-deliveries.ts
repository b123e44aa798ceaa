"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { webhookKeys } from "@/lib/client/hooks/query-keys";
import type { ListDeliveriesQuery } from "@/lib/contract/webhooks";

/** One page of an endpoint's deliveries, newest first, kept live (status, attempts, codes). */
export function useWebhookDeliveries(id: string, query: ListDeliveriesQuery) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, query),
    queryFn: () => dashboardClient.getWebhookDeliveries(id, query),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}
