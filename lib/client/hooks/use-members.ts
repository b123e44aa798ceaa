"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { dashboardClient } from "@/lib/client/dashboard";
import { accountKeys } from "@/lib/client/hooks/query-keys";
import type { AddMemberBody } from "@/lib/contract/accounts";

export function useMembers() {
  return useQuery({ queryKey: accountKeys.members, queryFn: () => dashboardClient.getMembers() });
}

export function useMemberMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: accountKeys.members });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
  return {
    add: useMutation({ mutationFn: (input: AddMemberBody) => dashboardClient.addMember(input), onSuccess }),
    remove: useMutation({ mutationFn: (userId: string) => dashboardClient.removeMember(userId), onSuccess }),
    changeRole: useMutation({ mutationFn: ({ userId, role }: { userId: string; role: "admin" | "member" }) => dashboardClient.changeMemberRole(userId, role), onSuccess }),
  };
}
