"use client";
// API tokens: for scripts (scheduler), agents (worker, optionally bound to one worker) and
// admins. A new token's secret is shown once; revoking takes effect at once.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { RunyardApiError } from "@/lib/client/errors";
import { useCreateToken, useRevokeToken } from "@/lib/client/hooks/use-token-mutations";
import { useTokens } from "@/lib/client/hooks/use-tokens";
import { useWorkers } from "@/lib/client/hooks/use-workers";
import type { CreatedToken } from "@/lib/contract/accounts";

const SCOPE_HELP = { admin: "Everything, including workers and tokens.", scheduler: "Schedule, list and cancel runs (CI, notebooks).", worker: "Run an agent: claim runs and report on them.", metrics: "Read GET /metrics only (Prometheus, autoscalers)." } as const;
const selectClass = "block w-full rounded-md border-0 py-2 pl-3 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateToken();
  const workers = useWorkers({ limit: 500 });
  const [scope, setScope] = useState<keyof typeof SCOPE_HELP>("worker");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const error = create.error instanceof RunyardApiError ? create.error : null;
  const close = () => {
    setCreated(null);
    create.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={created ? "Copy your token now" : "New API token"} description={created ? "This is the only time it is shown. Store it in your secret manager." : undefined}>
      {created ? (
        <div className="space-y-4">
          <div className="palette-fixed flex items-center gap-2 rounded-lg bg-slate-900 p-3">
            <code data-testid="token-secret" className="flex-1 break-all font-mono text-xs text-emerald-300">{created.secret}</code>
            <CopyButton text={created.secret} className="bg-slate-800 text-slate-200 hover:bg-slate-700 hover:text-white" />
          </div>
          <p className="text-xs text-slate-500">Use it as <code>RUNYARD_TOKEN</code>, or in <code>Authorization: Bearer …</code>.</p>
          <div className="flex justify-end"><Button variant="primary" onClick={close}>Done</Button></div>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const days = Number(form.get("expires"));
            const token = await create
              .mutateAsync({ name: String(form.get("name")), scope, workerId: scope === "worker" && form.get("worker") ? String(form.get("worker")) : undefined, expiresInDays: days > 0 ? days : undefined })
              .catch(() => null);
            if (token) setCreated(token);
          }}
        >
          <Field label="Name" htmlFor="token-name" hint="What it is for, e.g. “gpu-box-7 agent” or “nightly CI”." error={error?.reasonFor("name")}>
            <TextInput id="token-name" name="name" required autoFocus />
          </Field>
          <Field label="Scope" htmlFor="token-scope" hint={SCOPE_HELP[scope]}>
            <select id="token-scope" value={scope} onChange={(e) => setScope(e.target.value as keyof typeof SCOPE_HELP)} className={selectClass}>
              <option value="worker">worker</option>
              <option value="scheduler">scheduler</option>
              <option value="metrics">metrics</option>
              <option value="admin">admin</option>
            </select>
          </Field>
          {scope === "worker" && (
            <Field label="Bound to worker" htmlFor="token-worker" hint="Optional: the token can then act only as this worker." error={error?.reasonFor("workerId")}>
              <select id="token-worker" name="worker" className={selectClass} defaultValue="">
                <option value="">Any worker (and default workers)</option>
                {workers.data?.items.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
              </select>
            </Field>
          )}
          <Field label="Expires" htmlFor="token-expires">
            <select id="token-expires" name="expires" className={selectClass} defaultValue="0">
              <option value="0">Never</option>
              <option value="7">In 7 days</option>
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
              <option value="365">In a year</option>
            </select>
          </Field>
          {error && !error.problem.invalidParams && <p role="alert" className="text-sm font-medium text-rose-700">{error.problem.detail}</p>}
          <div className="flex justify-end gap-2"><Button onClick={close}>Cancel</Button><Button type="submit" variant="primary" disabled={create.isPending}>Create token</Button></div>
        </form>
      )}
    </Dialog>
  );
}

export function TokensView() {
  const { data } = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="API tokens" description="Tokens let scripts and agents use the API. Only a hash is stored: a secret is shown once, when made." actions={<Button variant="primary" onClick={() => setCreating(true)}>New token</Button>} />
      {data && data.items.length === 0 ? (
        <EmptyState title="No tokens yet">Make a worker token for your agents, or a scheduler token for CI.</EmptyState>
      ) : (
        <div className="table-cards overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr><th className="px-4 py-3">Token</th><th className="px-4 py-3">Scope</th><th className="px-4 py-3">Last used</th><th className="px-4 py-3">Created</th><th className="px-4 py-3">Expires</th><th className="px-4 py-3"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data?.items.map((t) => (
                <tr key={t.id} data-testid="token-row" className={t.revokedAt ? "text-slate-500" : ""}>
                  <td className="px-4 py-3"><div className={`font-medium ${t.revokedAt ? "line-through" : "text-slate-900"}`}>{t.name}</div><div className="font-mono text-xs text-slate-500">{t.prefix}…</div></td>
                  <td data-label="Scope" className="px-4 py-3"><span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{t.scope}</span>{t.workerName && <div className="mt-1 text-xs text-slate-500">only as {t.workerName}</div>}</td>
                  <td data-label="Last used" className="px-4 py-3"><TimeAgo at={t.lastUsedAt} /></td>
                  <td data-label="Created" className="px-4 py-3"><TimeAgo at={t.createdAt} /><div className="text-xs text-slate-500">{t.createdBy ?? ""}</div></td>
                  <td data-label="Expires" className="px-4 py-3">{t.revokedAt ? <span className="text-xs font-medium text-rose-700">revoked</span> : <TimeAgo at={t.expiresAt} never="never" />}</td>
                  <td className="px-4 py-3 text-right">
                    {!t.revokedAt && (
                      <ConfirmButton size="sm" variant="dangerGhost" title={`Revoke “${t.name}”?`} body="Everything using it is refused from the next request on." confirmLabel="Revoke" pending={revoke.isPending} error={revoke.error?.message} onConfirm={() => revoke.mutateAsync(t.id)}>Revoke</ConfirmButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
