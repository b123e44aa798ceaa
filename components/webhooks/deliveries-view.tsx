"use client";
// One endpoint's deliveries, newest first: status, attempts, the receiver's answer, when the
// next attempt is due, the body as sent — and redelivery.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { UrlToggles } from "@/components/ui/url-filters";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { useRedeliverWebhook } from "@/lib/client/hooks/use-webhook-mutations";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import { useWebhook } from "@/lib/client/hooks/use-webhook";
import { useWebhookDeliveries } from "@/lib/client/hooks/use-webhook-deliveries";
import { DeliveryStatus, type WebhookDelivery } from "@/lib/contract/webhooks";
import { useRouter } from "next/navigation";

const STATUS_WORD: Record<string, string> = { pending: "Pending", delivered: "Delivered", failed: "Failed" };

function Answer({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.attempts === 0) return <span className="text-slate-400">not sent yet</span>;
  return (
    <div className="min-w-0">
      {delivery.responseStatus !== null && (
        <span className={`font-mono text-xs font-semibold ${delivery.responseStatus < 300 ? "text-emerald-700" : "text-rose-700"}`}>HTTP {delivery.responseStatus}</span>
      )}
      {delivery.durationMs !== null && <span className="ml-2 text-xs text-slate-500">{delivery.durationMs} ms</span>}
      {delivery.lastError && <p className="mt-0.5 max-w-xs break-words text-xs text-rose-700 sm:max-w-md">{delivery.lastError}</p>}
    </div>
  );
}

function DeliveryRow({ endpointId, delivery }: { endpointId: string; delivery: WebhookDelivery }) {
  const redeliver = useRedeliverWebhook();
  return (
    <tr data-testid="delivery-row" className="align-top">
      <td className="px-4 py-3"><DeliveryStatusBadge status={delivery.status} lastError={delivery.lastError} /></td>
      <td className="px-4 py-3">
        <div className="font-mono text-xs text-slate-900">{delivery.event}</div>
        <div className="mt-0.5 flex items-center gap-1 font-mono text-[11px] text-slate-500" title="X-Runyard-Delivery">
          {delivery.id.slice(0, 8)}… <CopyButton text={delivery.id} label="Copy id" />
        </div>
        <details className="mt-1 text-xs">
          <summary className="cursor-pointer text-slate-500 hover:text-slate-800">Body</summary>
          <pre className="mt-1 max-h-64 max-w-[70vw] overflow-auto rounded-md bg-slate-50 p-2 font-mono text-[11px] text-slate-700 ring-1 ring-slate-200 sm:max-w-xl">{JSON.stringify(delivery.body, null, 2)}</pre>
        </details>
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600"><TimeAgo at={delivery.createdAt} /></td>
      <td className="px-4 py-3 text-xs text-slate-700">
        <span className="font-semibold">{delivery.attempts}</span>
        {delivery.status === "pending" && delivery.nextAttemptAt && delivery.attempts > 0 && (
          <div className="text-slate-500">next <TimeAgo at={delivery.nextAttemptAt} /></div>
        )}
      </td>
      <td className="px-4 py-3"><Answer delivery={delivery} /></td>
      <td className="px-4 py-3 text-right">
        <Button size="sm" disabled={redeliver.isPending} onClick={() => redeliver.mutate({ id: endpointId, deliveryId: delivery.id })}>
          {redeliver.isPending ? "Queuing…" : "Redeliver"}
        </Button>
        {redeliver.error && <p role="alert" className="mt-1 text-xs text-rose-600">{redeliver.error.message}</p>}
      </td>
    </tr>
  );
}

export function DeliveriesView({ id }: { id: string }) {
  const router = useRouter();
  const filters = useUrlFilters();
  const status = filters.getAll("status").filter((s) => DeliveryStatus.safeParse(s).success);
  const cursor = filters.get("cursor");
  const endpoint = useWebhook(id);
  const query = { status: status.length === 1 ? (status[0] as DeliveryStatus) : undefined, cursor, limit: 50 };
  const { data } = useWebhookDeliveries(id, query);
  return (
    <>
      <Link href="/webhooks" className="mb-2 inline-block text-sm text-slate-500 hover:text-slate-800">← Webhooks</Link>
      <PageHeader
        title="Deliveries"
        description={endpoint.data ? <span className="break-all font-mono text-xs">{endpoint.data.url}</span> : "…"}
        actions={endpoint.data && <EndpointActions endpoint={endpoint.data} onDeleted={() => router.push("/webhooks")} />}
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200">
        <UrlToggles param="status" label="Filter by status" options={DeliveryStatus.options} word={(v) => STATUS_WORD[v] ?? v} />
        {endpoint.data && (
          <p className="text-xs text-slate-600">
            {endpoint.data.deliveries.pending} pending · {endpoint.data.deliveries.failed} failed · {endpoint.data.deliveries.delivered} delivered in 24 h
          </p>
        )}
      </div>
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr><th className="px-4 py-3">Status</th><th className="px-4 py-3">Event</th><th className="px-4 py-3">Made</th><th className="px-4 py-3">Attempts</th><th className="px-4 py-3">Answer</th><th className="px-4 py-3"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data?.items.length === 0 && (
              <tr><td colSpan={6} className="px-4 py-10 text-center text-slate-500">{status.length ? "No deliveries with this status." : "No deliveries yet. Runs and workers changing state will show up here, or use “Send test”."}</td></tr>
            )}
            {data?.items.map((delivery) => <DeliveryRow key={delivery.id} endpointId={id} delivery={delivery} />)}
          </tbody>
        </table>
      </div>
      {(data?.nextCursor || cursor) && (
        <div className="mt-4 flex justify-end gap-2">
          {cursor && <Button size="sm" onClick={() => filters.set({ cursor: undefined })}>Newest</Button>}
          {data?.nextCursor && <Button size="sm" onClick={() => filters.set({ cursor: data.nextCursor ?? undefined })}>Older →</Button>}
        </div>
      )}
    </>
  );
}
