"use client";
// The Webhooks page: the team's endpoints, how their deliveries are going, and adding one.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { AddWebhookDialog } from "@/components/webhooks/add-webhook-dialog";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { useWebhooks } from "@/lib/client/hooks/use-webhooks";
import type { WebhookEndpoint } from "@/lib/contract/webhooks";

function Counts({ deliveries }: { deliveries: WebhookEndpoint["deliveries"] }) {
  return (
    <div className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
      <span><span className="font-semibold text-emerald-700">{deliveries.delivered}</span> delivered (24 h)</span>
      <span className={deliveries.pending ? "text-amber-800" : ""}><span className="font-semibold">{deliveries.pending}</span> pending</span>
      <span className={deliveries.failed ? "text-rose-700" : ""}><span className="font-semibold">{deliveries.failed}</span> failed</span>
    </div>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const last = endpoint.lastDelivery;
  return (
    <li data-testid="webhook-row" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between sm:gap-3">
        <div className="min-w-0 flex-1">
          <Link href={`/webhooks/${endpoint.id}`} className="block break-all font-mono text-sm font-medium text-indigo-700 hover:underline">{endpoint.url}</Link>
          {endpoint.description && <p className="mt-0.5 text-sm text-slate-600">{endpoint.description}</p>}
          <div className="mt-2 flex flex-wrap gap-1.5">
            {endpoint.events.map((event) => <span key={event} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">{event}</span>)}
            <span className="rounded bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] text-slate-500" title="The secret's first characters">secret {endpoint.secretPrefix}</span>
          </div>
        </div>
        <EndpointActions endpoint={endpoint} />
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-3">
        {last ? (
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span>Last:</span>
            <DeliveryStatusBadge status={last.status} lastError={last.lastError} />
            <span className="font-mono">{last.event}</span>
            {last.responseStatus !== null && <span className="font-mono">HTTP {last.responseStatus}</span>}
            <TimeAgo at={last.at} />
            {last.lastError && last.status !== "delivered" && <span className="max-w-md truncate text-rose-700" title={last.lastError}>{last.lastError}</span>}
          </div>
        ) : (
          <p className="text-xs text-slate-500">No deliveries yet — send a test to check the receiver.</p>
        )}
        <div className="flex items-center gap-3">
          <Counts deliveries={endpoint.deliveries} />
          <Link href={`/webhooks/${endpoint.id}`} className="text-xs font-medium text-indigo-700 hover:underline">Deliveries →</Link>
        </div>
      </div>
    </li>
  );
}

export function WebhooksView() {
  const { data, error } = useWebhooks();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Runyard POSTs signed JSON to these URLs when runs and workers change state: retried for 24 hours until the receiver answers 2xx."
        actions={<Button variant="primary" onClick={() => setAdding(true)}>Add endpoint</Button>}
      />
      {error && <p role="alert" className="mb-4 rounded-lg bg-rose-50 p-3 text-sm text-rose-700">Could not load the endpoints: {error.message}</p>}
      {data && data.items.length === 0 ? (
        <EmptyState title="No webhook endpoints yet" action={<Button variant="primary" onClick={() => setAdding(true)}>Add endpoint</Button>}>
          Add an endpoint to tell Slack, PagerDuty or your autoscaler when a run finishes or a worker goes offline. Each delivery is signed with a secret only you and Runyard know.
        </EmptyState>
      ) : (
        <ul className="space-y-3">{data?.items.map((endpoint) => <EndpointCard key={endpoint.id} endpoint={endpoint} />)}</ul>
      )}
      <AddWebhookDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
