"use client";
// After registering a worker: make a token bound to it, then the one command that starts its
// agent on a bare machine with Node ≥ 20 (download, check, start) — or installs it as a
// systemd service. The token is in this dialog once; nothing stores it.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, TextInput } from "@/components/ui/field";
import { serviceCommand, tryItCommand } from "@/components/workers/install-command";
import { useCreateToken } from "@/lib/client/hooks/use-token-mutations";
import type { Worker } from "@/lib/contract/workers";

type Mode = "try" | "service";

export function AgentInstall({ worker, origin, sha256, onDone }: { worker: Worker; origin: string; sha256: string | null; onDone: () => void }) {
  const createToken = useCreateToken();
  const [token, setToken] = useState<string | null>(null);
  const [jobCommand, setJobCommand] = useState("");
  const [mode, setMode] = useState<Mode>("try");
  const options = { origin, sha256, workerId: worker.id, maxConcurrency: worker.maxConcurrency, token, jobCommand };
  const command = mode === "try" ? tryItCommand(options) : serviceCommand(options);
  return (
    <div className="space-y-4">
      <section aria-labelledby="token-step" className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
        <h3 id="token-step" className="text-sm font-medium text-slate-900">1. A token for this worker</h3>
        {token ? (
          <p className="mt-1 text-sm text-emerald-700" data-testid="token-made">
            Made a worker token bound to {worker.name}: it can act only as this worker. It is in the command below and shown only here — copy the command before you close this dialog.
          </p>
        ) : (
          <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-600">The agent needs a worker token. One bound to {worker.name} can take runs only as this worker.</p>
            <Button variant="primary" size="sm" disabled={createToken.isPending}
              onClick={async () => {
                const made = await createToken.mutateAsync({ scope: "worker", workerId: worker.id, name: `agent on ${worker.name}` }).catch(() => null);
                if (made) setToken(made.secret);
              }}>
              {createToken.isPending ? "Creating…" : "Create worker token"}
            </Button>
          </div>
        )}
        {createToken.error && <p role="alert" className="mt-1 text-xs font-medium text-rose-700">{createToken.error.message}</p>}
      </section>

      <Field label="2. What to run for each run" htmlFor="job-command" hint="Runs in the directory you start the agent from, with RUNYARD_RUN_ID and RUNYARD_RUN_CONFIG (a private JSON file) in its environment.">
        <TextInput id="job-command" value={jobCommand} onChange={(e) => setJobCommand(e.target.value)} placeholder="python train.py" className="font-mono" />
      </Field>

      <div>
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-sm font-medium text-slate-800">3. On the machine (Linux, Node 20 or later)</h3>
          <div role="radiogroup" aria-label="How to run the agent" className="inline-flex rounded-md bg-slate-100 p-0.5 text-xs font-medium">
            {([["try", "Start now"], ["service", "As a systemd service"]] as const).map(([value, label]) => (
              <button key={value} type="button" role="radio" aria-checked={mode === value} onClick={() => setMode(value)}
                className={`rounded px-2.5 py-1 ${mode === value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}>
                {label}
              </button>
            ))}
          </div>
        </div>
        <div className="palette-fixed overflow-hidden rounded-lg bg-slate-900">
          <div className="flex items-center justify-between border-b border-slate-700/60 px-3 py-1.5">
            <span className="font-mono text-[11px] text-slate-400">{mode === "try" ? "shell, on the worker machine" : "shell, with sudo, on the worker machine"}</span>
            <CopyButton text={command} label="Copy command" className="text-slate-200 hover:bg-slate-700 hover:text-white" />
          </div>
          {/* Wraps (at spaces first) rather than scrolling sideways: nothing of it is ever out of sight. */}
          <pre data-testid="start-command" className="max-h-72 overflow-y-auto whitespace-pre-wrap p-4 font-mono text-xs leading-relaxed text-slate-100 [overflow-wrap:anywhere]">{command}</pre>
        </div>
        <p className="mt-2 text-xs text-slate-500">
          {mode === "try"
            ? "Downloads the agent from this server, checks its SHA-256, and starts it in the foreground (Ctrl-C lets running jobs finish)."
            : "Installs the agent in /opt/runyard, the token in /etc/runyard/agent.env (root only, 0600), and a service that runs as you, in this directory, restarts on failure and lets jobs finish when stopped."}
        </p>
      </div>
      <div className="flex justify-end"><Button variant="primary" onClick={onDone}>Done</Button></div>
    </div>
  );
}
