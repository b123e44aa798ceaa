"use client";
// Team: who is in it and with which role; admins invite people by email (an invitation link they accept).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, TextInput } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { RunyardApiError } from "@/lib/client/errors";
import { useMemberMutations, useMembers } from "@/lib/client/hooks/use-members";
import type { AddMemberResult } from "@/lib/contract/accounts";

export function MembersView({ isAdmin, teamName, selfId }: { isAdmin: boolean; teamName: string; selfId: string }) {
  const { data } = useMembers();
  const { add, remove, changeRole } = useMemberMutations();
  const router = useRouter();
  const admins = data?.members.filter((m) => m.role === "admin").length ?? 0;
  const [result, setResult] = useState<AddMemberResult | null>(null);
  const error = add.error instanceof RunyardApiError ? add.error : null;
  return (
    <>
      <PageHeader title={`Team ${teamName}`} description="Admins register and retire workers and manage tokens; members view and schedule runs." />
      {isAdmin && (
        <form
          className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-[1fr_10rem_auto] md:items-end"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const added = await add.mutateAsync({ email: String(form.get("email")), role: form.get("role") === "admin" ? "admin" : "member" }).catch(() => null);
            if (added) {
              setResult(added);
              (e.target as HTMLFormElement).reset();
            }
          }}
        >
          <Field label="Invite someone by email" htmlFor="member-email" error={error?.reasonFor("email") ?? (error && !error.problem.invalidParams ? error.problem.detail : undefined)}>
            <TextInput id="member-email" name="email" type="email" required placeholder="ada@example.com" />
          </Field>
          <Field label="Role" htmlFor="member-role">
            <select id="member-role" name="role" className="block w-full rounded-md border-0 py-2 pl-3 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600">
              <option value="member">Member</option>
              <option value="admin">Admin</option>
            </select>
          </Field>
          <Button type="submit" variant="primary" disabled={add.isPending}>Invite</Button>
        </form>
      )}
      {result && (
        <div role="status" className="mb-4 rounded-lg bg-indigo-50 p-4 text-sm text-indigo-900 ring-1 ring-indigo-200">
          <p>
            Send {result.invite.email} this invitation link (shown once, valid 7 days). They join the team when they open it and accept —
            signing in if they already have a Runyard account, or creating one.
          </p>
          <div className="mt-2 flex items-center gap-2"><code data-testid="invite-link" className="break-all rounded bg-white px-2 py-1 text-xs ring-1 ring-indigo-200">{result.invite.link}</code><CopyButton text={result.invite.link} /></div>
        </div>
      )}
      {changeRole.error && <p role="alert" className="mb-3 text-sm font-medium text-rose-700">{problemText(changeRole.error)}</p>}
      <div className="table-cards overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr><th className="px-4 py-3">Member</th><th className="px-4 py-3">Role</th><th className="px-4 py-3">Joined</th>{isAdmin && <th className="px-4 py-3"><span className="sr-only">Actions</span></th>}</tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data?.members.map((m) => (
              <tr key={m.userId}>
                <td className="px-4 py-3"><div className="font-medium text-slate-900">{m.name}{m.userId === selfId && <span className="ml-2 text-xs text-slate-500">(you)</span>}</div><div className="text-xs text-slate-500">{m.email}</div></td>
                <td data-label="Role" className="px-4 py-3">
                  {isAdmin ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={changeRole.isPending || (m.role === "admin" && admins === 1)}
                      title={m.role === "admin" && admins === 1 ? "The team's only admin: make someone else admin first" : undefined}
                      onChange={async (e) => {
                        const role = e.target.value === "admin" ? "admin" : "member";
                        const changed = await changeRole.mutateAsync({ userId: m.userId, role }).catch(() => null);
                        // Stepping down yourself: the page's admin controls go with it.
                        if (changed && m.userId === selfId) router.refresh();
                      }}
                      className="rounded-md border-0 py-1 pl-2 pr-7 text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-50 disabled:text-slate-500"
                    >
                      <option value="admin">admin</option>
                      <option value="member">member</option>
                    </select>
                  ) : (
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${m.role === "admin" ? "bg-indigo-100 text-indigo-800" : "bg-slate-100 text-slate-700"}`}>{m.role}</span>
                  )}
                </td>
                <td data-label="Joined" className="px-4 py-3 text-slate-600"><TimeAgo at={m.joinedAt} /></td>
                {isAdmin && (
                  <td className="px-4 py-3 text-right">
                    {m.role === "admin" && admins === 1 ? (
                      <span className="text-xs text-slate-500" data-testid="only-admin">Only admin: make someone else admin to remove</span>
                    ) : (
                      <ConfirmButton size="sm" variant="dangerGhost" title={`Remove ${m.email}?`} body="They lose access to this team's workers, runs and tokens at once." confirmLabel="Remove" pending={remove.isPending} error={problemText(remove.error)} onConfirm={() => remove.mutateAsync(m.userId)}>Remove</ConfirmButton>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {data?.invites.map((i) => (
              <tr key={i.id} className="bg-slate-50/60">
                <td className="px-4 py-3"><div className="text-slate-700">{i.email}</div><div className="text-xs text-slate-500">invited by {i.createdBy}</div></td>
                <td data-label="Role" className="px-4 py-3"><span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">invited · {i.role}</span></td>
                <td data-label="Expires" className="px-4 py-3 text-xs text-slate-600">expires <TimeAgo at={i.expiresAt} /></td>
                {isAdmin && <td />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What went wrong, in the API's words for people (its `detail`), not "Conflict (409)". */
function problemText(error: Error | null): string | undefined {
  if (!error) return undefined;
  return error instanceof RunyardApiError ? error.problem.detail : error.message;
}
