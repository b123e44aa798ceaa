"use client";
// Register a worker: name and labels (fixed for its life), then a token for it and the one
// command that starts its agent (components/workers/agent-install.tsx).
import { useState } from "react";
import { LabelChipInput } from "@/components/runs/label-chip-input";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { AgentInstall } from "@/components/workers/agent-install";
import { RunyardApiError } from "@/lib/client/errors";
import { useLabels } from "@/lib/client/hooks/use-labels";
import { useRegisterWorker } from "@/lib/client/hooks/use-register-worker";
import type { Worker } from "@/lib/contract/workers";

export function RegisterWorkerDialog({ open, onClose, origin, agentSha256 }: { open: boolean; onClose: () => void; origin: string; agentSha256: string | null }) {
  const register = useRegisterWorker();
  const labels = useLabels();
  const [name, setName] = useState("");
  const [chips, setChips] = useState<string[]>([]);
  const [concurrency, setConcurrency] = useState("1");
  const [registered, setRegistered] = useState<Worker | null>(null);
  const error = register.error instanceof RunyardApiError ? register.error : null;
  const close = () => {
    onClose();
    setRegistered(null);
    setName("");
    setChips([]);
    setConcurrency("1");
    register.reset();
  };
  return (
    <Dialog open={open} onClose={close} title={registered ? `Worker ${registered.name} is registered` : "Register a worker"} wide
      description={registered ? "Start its agent on the machine: one command, nothing to install but Node 20." : "Labels describe the machine (GPU model, data centre, team). They are fixed once registered."}>
      {registered ? (
        <AgentInstall worker={registered} origin={origin} sha256={agentSha256} onDone={close} />
      ) : (
        <form
          className="space-y-4"
          onSubmit={async (e) => {
            e.preventDefault();
            const worker = await register.mutateAsync({ name: name.trim(), labels: chips, maxConcurrency: Number(concurrency) }).catch(() => null);
            if (worker) setRegistered(worker);
          }}
        >
          <Field label="Name" htmlFor="worker-name" hint="3–64 characters: letters, digits, spaces, _ and -." error={error?.reasonFor("name") ?? (error?.problem.code === "labels_immutable" ? error.problem.detail : undefined)}>
            <TextInput id="worker-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="gpu-box-7" invalid={Boolean(error?.reasonFor("name"))} />
          </Field>
          <Field label="Labels" htmlFor="worker-labels" hint="Enter or comma adds a label. None: the worker takes every run." error={error?.reasonFor("labels")}>
            <LabelChipInput id="worker-labels" value={chips} onChange={setChips} suggestions={labels.data?.labels} placeholder="gpu, gpu-A100, eu-west…" />
          </Field>
          <Field label="Runs at once" htmlFor="worker-concurrency" hint="1 runs one after another." error={error?.reasonFor("maxConcurrency")}>
            <div className="w-28"><TextInput id="worker-concurrency" type="number" min={1} max={256} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} /></div>
          </Field>
          {error && !error.problem.invalidParams && error.problem.code !== "labels_immutable" && <p role="alert" className="text-sm font-medium text-rose-700">{error.problem.detail}</p>}
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={register.isPending}>{register.isPending ? "Registering…" : "Register"}</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
