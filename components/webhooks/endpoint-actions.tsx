"use client";
// What an admin can do to one endpoint: send a test ping, rotate its secret (shown once), delete it.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Dialog } from "@/components/ui/dialog";
import { SecretReveal } from "@/components/webhooks/secret-reveal";
import { useDeleteWebhook, usePingWebhook, useRotateWebhookSecret } from "@/lib/client/hooks/use-webhook-mutations";
import type { WebhookEndpoint } from "@/lib/contract/webhooks";

export function EndpointActions({ endpoint, onDeleted }: { endpoint: WebhookEndpoint; onDeleted?: () => void }) {
  const ping = usePingWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="-ml-2 flex flex-wrap items-center gap-1 sm:ml-0 sm:justify-end">
      <Button size="sm" variant="ghost" disabled={ping.isPending} onClick={() => ping.mutate(endpoint.id)}>
        {ping.isPending ? "Sending…" : ping.isSuccess ? "Ping queued" : "Send test"}
      </Button>
      <ConfirmButton
        size="sm"
        variant="ghost"
        title="Rotate the signing secret?"
        body="A new secret replaces the old one at once: deliveries from now on are signed with it, so update your receiver right away."
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        error={rotate.error?.message}
        onConfirm={async () => setSecret((await rotate.mutateAsync(endpoint.id)).secret)}
      >
        Rotate secret
      </ConfirmButton>
      <ConfirmButton
        size="sm"
        variant="dangerGhost"
        title="Delete this endpoint?"
        body={<>Nothing more is sent to <span className="break-all font-mono text-xs">{endpoint.url}</span>; its {endpoint.deliveries.pending} pending deliveries are dropped.</>}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={async () => {
          await remove.mutateAsync(endpoint.id);
          onDeleted?.();
        }}
      >
        Delete
      </ConfirmButton>
      <Dialog open={secret !== null} onClose={() => setSecret(null)} title="Copy the new signing secret now" description="This is the only time it is shown. The old secret no longer signs anything.">
        {secret && <SecretReveal secret={secret} onDone={() => setSecret(null)} />}
      </Dialog>
    </div>
  );
}
