"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { webhookKeys } from "@/lib/client/hooks/query-keys";
import type { CreateWebhookBody } from "@/lib/contract/webhooks";

/** Every webhook change touches the endpoints (counts, deliveries) and the audit log. */
function useInvalidateWebhooks() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: webhookKeys.all });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
}

export function useCreateWebhook() {
  const onSuccess = useInvalidateWebhooks();
  return useMutation({ mutationFn: (input: CreateWebhookBody) => dashboardClient.createWebhook(input), onSuccess });
}

export function useDeleteWebhook() {
  const onSuccess = useInvalidateWebhooks();
  return useMutation({ mutationFn: (id: string) => dashboardClient.deleteWebhook(id), onSuccess });
}

export function useRotateWebhookSecret() {
  const onSuccess = useInvalidateWebhooks();
  return useMutation({ mutationFn: (id: string) => dashboardClient.rotateWebhookSecret(id), onSuccess });
}

export function usePingWebhook() {
  const onSuccess = useInvalidateWebhooks();
  return useMutation({ mutationFn: (id: string) => dashboardClient.pingWebhook(id), onSuccess });
}

export function useRedeliverWebhook() {
  const onSuccess = useInvalidateWebhooks();
  return useMutation({ mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) => dashboardClient.redeliverWebhook(id, deliveryId), onSuccess });
}
