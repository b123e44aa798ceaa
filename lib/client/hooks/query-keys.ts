// Query-key factories: every cache key the dashboard uses is built here, never inline, so
// mutations can invalidate exactly what they changed.
import type { AuditQuery } from "@/lib/contract/accounts";
import type { ListRunsQuery } from "@/lib/contract/runs";
import type { ListWorkersQuery } from "@/lib/contract/workers";
import type { ListDeliveriesQuery } from "@/lib/contract/webhooks";

export const workerKeys = {
  all: ["workers"] as const,
  list: (filters: ListWorkersQuery) => [...workerKeys.all, "list", filters] as const,
  detail: (id: string) => [...workerKeys.all, "detail", id] as const,
};

export const runKeys = {
  all: ["runs"] as const,
  list: (filters: ListRunsQuery) => [...runKeys.all, "list", filters] as const,
  detail: (id: string) => [...runKeys.all, "detail", id] as const,
  logs: (id: string) => [...runKeys.all, "logs", id] as const,
  explain: (id: string) => [...runKeys.all, "explain", id] as const,
};

export const matchKeys = {
  preview: (runsOn: readonly string[]) => ["match", [...runsOn].sort()] as const,
  labels: ["labels"] as const,
};

export const overviewKeys = { all: ["overview"] as const };

export const accountKeys = {
  teams: ["teams"] as const,
  tokens: ["tokens"] as const,
  members: ["members"] as const,
  audit: (filters: AuditQuery) => ["audit", filters] as const,
};

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  detail: (id: string) => [...webhookKeys.all, "detail", id] as const,
  deliveries: (id: string, query: ListDeliveriesQuery) => [...webhookKeys.all, "deliveries", id, query] as const,
};
