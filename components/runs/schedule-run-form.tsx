"use client";
// Schedule a run: runsOn chips with a live preview of who can take it, priority, dataset and
// config JSON, with every error shown beside its field.
import { useRouter } from "next/navigation";
import { useMemo, useState, useSyncExternalStore } from "react";
import { LabelChipInput } from "@/components/runs/label-chip-input";
import { MatchPreview } from "@/components/runs/match-preview";
import { Button } from "@/components/ui/button";
import { Field, TextInput, inputClass } from "@/components/ui/field";
import { RunyardApiError } from "@/lib/client/errors";
import { useLabels } from "@/lib/client/hooks/use-labels";
import { useScheduleRun } from "@/lib/client/hooks/use-schedule-run";
import { MAX_CONFIG_BYTES, RUN_PRIORITIES, type RunPriority } from "@/lib/contract/runs";

function parseConfig(text: string): { value?: Record<string, unknown>; problem?: string } {
  if (text.trim() === "") return { value: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { problem: "config must be a JSON object, like {\"epochs\": 10}" };
    if (new TextEncoder().encode(text).length > MAX_CONFIG_BYTES) return { problem: "config must be at most 256 KiB" };
    return { value: parsed as Record<string, unknown> };
  } catch (error) {
    return { problem: `not valid JSON: ${(error as Error).message}` };
  }
}

const WIDE = "(min-width: 64rem)";
/** Whether the preview has the column beside the form (lg and up) or sits under "Runs on". */
function useWideLayout(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}

export function ScheduleRunForm() {
  const wide = useWideLayout();
  const router = useRouter();
  const schedule = useScheduleRun();
  const labels = useLabels();
  const [runsOn, setRunsOn] = useState<string[]>([]);
  // The one-click fix for a case mismatch: the asked label becomes the one a worker has.
  const replaceLabel = (wanted: string, has: string) => setRunsOn((current) => [...new Set(current.map((l) => (l === wanted ? has : l)))]);
  const [priority, setPriority] = useState<RunPriority>("MID");
  // Empty: the example is a placeholder, not a value someone has to delete first.
  const [config, setConfig] = useState("");
  const parsed = useMemo(() => parseConfig(config), [config]);
  const serverError = schedule.error instanceof RunyardApiError ? schedule.error : null;
  const reason = (field: string) => serverError?.reasonFor(field);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        className="space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!parsed.value) return;
          const form = new FormData(e.currentTarget);
          const text = (key: string) => String(form.get(key) ?? "").trim() || undefined;
          const run = await schedule
            .mutateAsync({ runsOn, priority, config: parsed.value, name: text("name"), dataset: text("dataset"), maxAttempts: Number(form.get("maxAttempts")) })
            .catch(() => null);
          if (run) router.push(`/runs/${run.id}`);
        }}
      >
        <Field label="Runs on" htmlFor="runs-on" hint="The labels a worker must all have. None: any worker may take it." error={reason("runsOn")}>
          <LabelChipInput id="runs-on" value={runsOn} onChange={setRunsOn} suggestions={labels.data?.labels} placeholder="gpu, gpu-A100…" invalid={Boolean(reason("runsOn"))} />
        </Field>
        {!wide && (
          <section aria-label="Who can take this run">
            <MatchPreview runsOn={runsOn} onUseLabel={replaceLabel} />
          </section>
        )}
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Priority</legend>
          <div className="mt-1 inline-flex rounded-md shadow-sm ring-1 ring-slate-300" role="radiogroup">
            {RUN_PRIORITIES.map((p) => (
              <label key={p} className={`cursor-pointer px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md has-[:focus-visible]:relative has-[:focus-visible]:z-10 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${priority === p ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}>
                <input type="radio" name="priority" value={p} checked={priority === p} onChange={() => setPriority(p)} className="sr-only" />
                {p.charAt(0) + p.slice(1).toLowerCase()}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500">Critical runs are picked up first; within a priority, oldest first.</p>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" htmlFor="run-name" hint="Optional, shown in lists." error={reason("name")}>
            <TextInput id="run-name" name="name" placeholder="train-resnet50" maxLength={200} />
          </Field>
          <Field label="Dataset" htmlFor="run-dataset" hint="Optional. Runs of one dataset never run at the same time." error={reason("dataset")}>
            <TextInput id="run-dataset" name="dataset" placeholder="imagenet-2026-11" maxLength={200} />
          </Field>
        </div>
        <Field label="Attempts" htmlFor="run-attempts" hint="How often a run whose worker died is retried." error={reason("maxAttempts")}>
          <div className="w-28"><TextInput id="run-attempts" name="maxAttempts" type="number" min={1} max={100} defaultValue={3} /></div>
        </Field>
        <Field label="Config (JSON)" htmlFor="run-config" hint="Given to the job as the file in RUNYARD_RUN_CONFIG." error={parsed.problem ?? reason("config")}>
          <textarea
            id="run-config"
            value={config}
            onChange={(e) => setConfig(e.target.value)}
            placeholder={'{\n  "epochs": 10\n}'}
            rows={8}
            spellCheck={false}
            aria-invalid={Boolean(parsed.problem || reason("config")) || undefined}
            className={`${inputClass} font-mono text-xs`}
          />
        </Field>
        {serverError && !serverError.problem.invalidParams && <p role="alert" className="text-sm font-medium text-rose-700">{serverError.problem.detail}</p>}
        {schedule.error && !serverError && <p role="alert" className="text-sm font-medium text-rose-700">{schedule.error.message}</p>}
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <Button onClick={() => router.back()}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={schedule.isPending || Boolean(parsed.problem)}>{schedule.isPending ? "Scheduling…" : "Schedule run"}</Button>
        </div>
      </form>
      {wide && (
        <aside aria-label="Who can take this run" className="space-y-2 lg:sticky lg:top-20 lg:self-start">
          <h2 className="text-sm font-semibold text-slate-700">Who can take it</h2>
          <MatchPreview runsOn={runsOn} onUseLabel={replaceLabel} />
        </aside>
      )}
    </div>
  );
}
