"use client";
// Adding a webhook endpoint: where to POST, which events; then its secret, shown once.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { SecretReveal } from "@/components/webhooks/secret-reveal";
import { RunyardApiError } from "@/lib/client/errors";
import { useCreateWebhook } from "@/lib/client/hooks/use-webhook-mutations";
import { WEBHOOK_EVENTS, type WebhookEvent, type WebhookWithSecret } from "@/lib/contract/webhooks";

export const EVENT_HELP: Record<WebhookEvent, string> = {
  "run.state_changed": "A run was scheduled, claimed, started, finished, cancelled or re-queued.",
  "worker.state_changed": "A worker went idle, busy, offline or crashed, was drained or retired.",
};

export function AddWebhookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateWebhook();
  const [events, setEvents] = useState<WebhookEvent[]>(["run.state_changed"]);
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  const error = create.error instanceof RunyardApiError ? create.error : null;
  const close = () => {
    setCreated(null);
    setEvents(["run.state_changed"]);
    create.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={created ? "Copy the signing secret now" : "Add a webhook endpoint"} description={created ? "This is the only time it is shown. Store it where your receiver reads its configuration." : "Runyard POSTs a signed JSON body to this URL for each event you choose."}>
      {created ? (
        <SecretReveal secret={created.secret} onDone={close} />
      ) : (
        <form
          className="space-y-4"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const hook = await create.mutateAsync({ url: String(form.get("url")), events, description: String(form.get("description") ?? "") || undefined }).catch(() => null);
            if (hook) setCreated(hook);
          }}
        >
          <Field label="Payload URL" htmlFor="webhook-url" hint="An http or https URL reachable from the Runyard server; private addresses are refused unless the server allows them." error={error?.reasonFor("url")}>
            <TextInput id="webhook-url" name="url" type="url" required autoFocus placeholder="https://hooks.example.com/runyard" invalid={Boolean(error?.reasonFor("url"))} aria-describedby={error?.reasonFor("url") ? "webhook-url-error" : undefined} onChange={() => create.error && create.reset()} />
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex cursor-pointer items-start gap-3 rounded-lg p-2 ring-1 ring-inset ring-slate-200 has-[:checked]:bg-indigo-50/60 has-[:checked]:ring-indigo-300">
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600"
                  checked={events.includes(event)}
                  onChange={(e) => setEvents(e.target.checked ? [...events, event] : events.filter((x) => x !== event))}
                />
                <span>
                  <span className="block font-mono text-xs font-medium text-slate-900">{event}</span>
                  <span className="block text-xs text-slate-500">{EVENT_HELP[event]}</span>
                </span>
              </label>
            ))}
            {error?.reasonFor("events") && <p role="alert" className="text-xs font-medium text-rose-700">{error.reasonFor("events")}</p>}
          </fieldset>
          <Field label="Description" htmlFor="webhook-description" hint="Optional: what listens there." error={error?.reasonFor("description")}>
            <TextInput id="webhook-description" name="description" maxLength={200} placeholder="Slack bridge, autoscaler, …" />
          </Field>
          {error && !error.problem.invalidParams && <p role="alert" className="text-sm font-medium text-rose-700">{error.problem.detail}</p>}
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending || events.length === 0}>{create.isPending ? "Checking the URL…" : "Add endpoint"}</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
