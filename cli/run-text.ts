// How a run reads in the CLI: the dashboard's words, local times, short ids, its link.
import type { Paint } from "@/cli/style";
import { runStateText } from "@/cli/style";
import type { Run } from "@/lib/contract/runs";
import { shortId } from "@/lib/domain/short-id";

/** "Running on gpu-box-1, 42% — epoch 3/7" */
export function describeRun(run: Run, paint: Paint): string {
  const where = run.workerName ? ` on ${run.workerName}` : "";
  const progress = run.state === "RUNNING" ? `, ${run.progress}%` : "";
  const message = run.message ? ` — ${run.message.split("\n")[0]}` : "";
  return `${runStateText(run.state, paint)}${where}${progress}${message}`;
}

/** "train (0f3c9a12)" or "0f3c9a12" */
export const runLabel = (run: Pick<Run, "id" | "name">) => (run.name ? `${run.name} (${shortId(run.id)})` : shortId(run.id));

export const runLink = (baseUrl: string, id: string) => `${baseUrl}/runs/${id}`;

const pad = (n: number) => String(n).padStart(2, "0");

/** A time in this machine's time zone: 2026-12-01 15:04:05. */
export function localTime(iso: string | null): string {
  if (!iso) return "-";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The local time zone, as shown beside local times: "Europe/Berlin, UTC+01:00". */
export function timeZoneLabel(at = new Date()): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  // The zone as the user named it (TZ), else as the system calls it.
  const zone = process.env.TZ && /^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(process.env.TZ) ? process.env.TZ : Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${zone}, UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** 12s, 3m 05s, 2h 03m, 3d 4h */
export function duration(fromIso: string | null, toIso: string | null, now = Date.now()): string {
  if (!fromIso) return "-";
  const s = Math.max(0, Math.round(((toIso ? new Date(toIso).getTime() : now) - new Date(fromIso).getTime()) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${pad(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor(s / 3600) % 24}h`;
}
