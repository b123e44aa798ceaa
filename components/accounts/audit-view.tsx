"use client";
// Audit log: who did what, newest first, filterable by action and actor.
import { Button } from "@/components/ui/button";
import { UrlSearchInput, UrlToggles } from "@/components/ui/url-filters";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { useAudit } from "@/lib/client/hooks/use-audit";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";

const ACTIONS = ["worker.registered", "worker.retired", "worker.drained", "worker.resumed", "token.created", "token.revoked", "run.canceled", "member.added", "member.removed", "member.role_changed", "invite.created", "install.setup", "webhook.created", "webhook.deleted", "webhook.rotated", "webhook.redelivered"];

export function AuditView() {
  const filters = useUrlFilters();
  const query = { action: filters.getAll("action"), actor: filters.get("actor"), cursor: filters.get("cursor"), limit: 50 };
  const { data } = useAudit(query);
  return (
    <>
      <PageHeader title="Audit log" description="Every change to workers, tokens, members, webhooks and cancelled runs, with who made it — a user or a token." />
      <div className="mb-4 grid gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 md:grid-cols-[16rem_1fr] md:items-center">
        <UrlSearchInput param="actor" label="Filter by actor" placeholder="Actor (email or token)…" />
        <UrlToggles param="action" label="Filter by action" options={ACTIONS} mono />
      </div>
      <div tabIndex={0} role="region" aria-label="Audit entries" className="table-cards overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr><th className="px-4 py-3">When</th><th className="px-4 py-3">Who</th><th className="px-4 py-3">Action</th><th className="px-4 py-3">What</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data?.items.length === 0 && <tr><td colSpan={4} className="px-4 py-8 text-center text-slate-500">Nothing recorded{query.action.length || query.actor ? " for these filters" : " yet"}.</td></tr>}
            {data?.items.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td data-label="When" className="whitespace-nowrap px-4 py-3 text-slate-600"><TimeAgo at={e.at} /></td>
                <td data-label="Who" className="px-4 py-3"><span className={`mr-1.5 rounded px-1 py-0.5 text-[10px] font-semibold uppercase ${e.actorKind === "user" ? "bg-indigo-50 text-indigo-700" : "bg-slate-100 text-slate-600"}`}>{e.actorKind}</span>{e.actor}</td>
                <td data-label="Action" className="px-4 py-3 font-mono text-xs text-slate-700">{e.action}</td>
                <td data-label="What" className="px-4 py-3 text-slate-700">{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(data?.nextCursor || query.cursor) && (
        <div className="mt-4 flex justify-end gap-2">
          {query.cursor && <Button size="sm" onClick={() => filters.set({ cursor: undefined })}>Newest</Button>}
          {data?.nextCursor && <Button size="sm" onClick={() => filters.set({ cursor: data.nextCursor ?? undefined })}>Older →</Button>}
        </div>
      )}
    </>
  );
}
