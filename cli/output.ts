// Plain-text tables and small formatting helpers for the CLI.
import { out, visibleLength } from "@/cli/style";

/** Columns sized by what is visible (colour codes take no room); the header in bold. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ""))));
  const pad = (cell: string, i: number) => cell + " ".repeat(Math.max(0, widths[i]! - visibleLength(cell)));
  const line = (cells: string[]) => cells.map(pad).join("  ").trimEnd();
  return [out.bold(line(headers)), ...rows.map(line)].join("\n");
}

export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export const labelsText = (labels: readonly string[]) => (labels.length ? labels.join(",") : "-");
