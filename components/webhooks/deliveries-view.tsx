"use client";
// One endpoint's deliveries, newest first: status, attempts, the receiver's answer, when the
// next attempt is due, the body as sent — and redelivery.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { useRedeliverWebhook } from "@/lib/client/hooks/use-webhook-mutations";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import { useWebhook } from "@/lib/client/hooks/use-webhook";
import { useWebhookDeliveries } from "@/lib/client/hooks/use-webhook-deliveries";
import { DeliveryStatus, type WebhookDelivery } from "@/lib/contract/webhooks";
import { useRouter } from "next/navigation";

const FILTERS: { value: DeliveryStatus | undefined; word: string }[] = [
  { value: undefined, word: "All" }, { value: "pending", word: "Pending" }, { value: "delivered", word: "Delivered" }, { value: "failed", word: "Failed" },
];

/** One status at a time (the API filters by one): All, Pending, Delivered, Failed. */
function StatusFilter({ current, onChange }: { current: DeliveryStatus | undefined; onChange: (status: DeliveryStatus | undefined) => void }) {
  return (
    <div role="group" aria-label="Filter by status" className="inline-flex rounded-lg bg-slate-100 p-0.5">
      {FILTERS.map((f) => (
        <button
          key={f.word}
          type="button"
          aria-pressed={current === f.value}
          onClick={() => onChange(f.value)}
          className={`rounded-md px-3 py-1 text-xs font-medium ${current === f.value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
        >
          {f.word}
        </button>
      ))}
    </div>
  );
}

function Answer({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.attempts === 0) return <span className="text-slate-500">not sent yet</span>;
  return (
    <div className="min-w-0">
      {delivery.responseStatus !== null && (
        <>
          <span className={`font-mono text-xs font-semibold ${delivery.responseStatus < 300 ? "text-emerald-700" : "text-rose-700"}`}>HTTP {delivery.responseStatus}</span>
          {delivery.durationMs !== null && <span className="ml-2 text-xs text-slate-500">{delivery.durationMs} ms</span>}
        </>
      )}
      {delivery.lastError && <p className="mt-0.5 max-w-xs break-words text-xs text-rose-700 sm:max-w-md">{delivery.lastError}</p>}
    </div>
  );
}

function Redeliver({ endpointId, delivery }: { endpointId: string; delivery: WebhookDelivery }) {
  const redeliver = useRedeliverWebhook();
  return (
    <>
      <Button size="sm" disabled={redeliver.isPending} onClick={() => redeliver.mutate({ id: endpointId, deliveryId: delivery.id })}>
        {redeliver.isPending ? "Queuing…" : "Redeliver"}
      </Button>
      {redeliver.error && <p role="alert" className="mt-1 text-xs text-rose-700">{redeliver.error.message}</p>}
    </>
  );
}

function Body({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-500 hover:text-slate-800">Body</summary>
      <pre className="mt-1 max-h-64 max-w-[calc(100vw-4rem)] overflow-auto rounded-md bg-slate-50 p-2 font-mono text-[11px] text-slate-700 ring-1 ring-slate-200 sm:max-w-xl">{JSON.stringify(delivery.body, null, 2)}</pre>
    </details>
  );
}

function DeliveryId({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <div className="mt-0.5 flex items-center gap-1 font-mono text-[11px] text-slate-500" title="X-Runyard-Delivery">
      {delivery.id.slice(0, 8)}… <CopyButton text={delivery.id} label="Copy id" />
    </div>
  );
}

function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <>
      <span className="font-semibold">{delivery.attempts}</span>
      {delivery.status === "pending" && delivery.nextAttemptAt && delivery.attempts > 0 && (
        <div className="text-slate-500">next <TimeAgo at={delivery.nextAttemptAt} /></div>
      )}
    </>
  );
}

/** Phones: one card per delivery instead of a table to scroll sideways. */
function DeliveryCard({ endpointId, delivery }: { endpointId: string; delivery: WebhookDelivery }) {
  return (
    <li data-testid="delivery-card" className="p-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <DeliveryStatusBadge status={delivery.status} lastError={delivery.lastError} />
            <span className="font-mono text-xs text-slate-900">{delivery.event}</span>
          </div>
          <DeliveryId delivery={delivery} />
        </div>
        <Redeliver endpointId={endpointId} delivery={delivery} />
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <span>made <TimeAgo at={delivery.createdAt} /></span>
        <span>{delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}{delivery.status === "pending" && delivery.nextAttemptAt && delivery.attempts > 0 && <> · next <TimeAgo at={delivery.nextAttemptAt} /></>}</span>
      </div>
      <div className="mt-2"><Answer delivery={delivery} /></div>
      <Body delivery={delivery} />
    </li>
  );
}

function DeliveryRow({ endpointId, delivery }: { endpointId: string; delivery: WebhookDelivery }) {
  return (
    <tr data-testid="delivery-row" className="align-top">
      <td className="px-4 py-3"><DeliveryStatusBadge status={delivery.status} lastError={delivery.lastError} /></td>
      <td className="px-4 py-3">
        <div className="font-mono text-xs text-slate-900">{delivery.event}</div>
        <DeliveryId delivery={delivery} />
        <Body delivery={delivery} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600"><TimeAgo at={delivery.createdAt} /></td>
      <td className="px-4 py-3 text-xs text-slate-700"><Attempts delivery={delivery} /></td>
      <td className="px-4 py-3"><Answer delivery={delivery} /></td>
      <td className="px-4 py-3 text-right"><Redeliver endpointId={endpointId} delivery={delivery} /></td>
    </tr>
  );
}

export function DeliveriesView({ id }: { id: string }) {
  const router = useRouter();
  const filters = useUrlFilters();
  const parsed = DeliveryStatus.safeParse(filters.get("status"));
  const status = parsed.success ? parsed.data : undefined;
  const cursor = filters.get("cursor");
  const endpoint = useWebhook(id);
  const query = { status, cursor, limit: 50 };
  const empty = status ? "No deliveries with this status." : "No deliveries yet. Runs and workers changing state will show up here, or use “Send test”.";
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
        <StatusFilter current={status} onChange={(next) => filters.set({ status: next })} />
        {endpoint.data && (
          <p className="text-xs text-slate-600">
            {endpoint.data.deliveries.pending} pending · {endpoint.data.deliveries.failed} failed · {endpoint.data.deliveries.delivered} delivered in 24 h
          </p>
        )}
      </div>
      <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm ring-1 ring-slate-200 sm:hidden">
        {data?.items.length === 0 && <li className="px-4 py-10 text-center text-sm text-slate-500">{empty}</li>}
        {data?.items.map((delivery) => <DeliveryCard key={delivery.id} endpointId={id} delivery={delivery} />)}
      </ul>
      <div className="relative hidden overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200 sm:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr><th className="px-4 py-3">Status</th><th className="px-4 py-3">Event</th><th className="px-4 py-3">Made</th><th className="px-4 py-3">Attempts</th><th className="px-4 py-3">Answer</th><th className="px-4 py-3"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data?.items.length === 0 && <tr><td colSpan={6} className="px-4 py-10 text-center text-slate-500">{empty}</td></tr>}
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
