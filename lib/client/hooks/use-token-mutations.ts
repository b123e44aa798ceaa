"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { accountKeys } from "@/lib/client/hooks/query-keys";
import type { CreateTokenBody } from "@/lib/contract/accounts";

/** Creating and revoking tokens both change the token list and the audit log. */
function useInvalidateTokens() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
}

export function useCreateToken() {
  const onSuccess = useInvalidateTokens();
  return useMutation({ mutationFn: (input: CreateTokenBody) => dashboardClient.createApiToken(input), onSuccess });
}

export function useRevokeToken() {
  const onSuccess = useInvalidateTokens();
  return useMutation({ mutationFn: (id: string) => dashboardClient.revokeApiToken(id), onSuccess });
}
