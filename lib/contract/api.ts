// The API's operations (SPEC §5). Add a route here first; app/api implements it, and the
// OpenAPI document and the typed client pick it up from here.
import { z } from "zod";
import { AddMemberBody, AddMemberResult, AuditPage, AuditQuery, ChangeMemberRoleBody, CreateTokenBody, CreatedToken, ApiTokenInfo, JoinTeamBody, JoinedTeam, Member, MemberList, TeamList, TokenIdParams, TokenList, UserIdParams } from "@/lib/contract/accounts";
import { NewAccountBody, SetupBody } from "@/lib/contract/account-pages";
import { Health, Problem } from "@/lib/contract/common";
import { Overview } from "@/lib/contract/overview";
import { ExplainResponse, HeartbeatBody, HeartbeatResponse, Labels, MatchQuery, MatchResponse, Me } from "@/lib/contract/fleet";
import { operation } from "@/lib/contract/operations";
import {
  AppendLogsBody, ClaimBody, ClaimResponse, ListRunsQuery, LogPage, LogsQuery, Run, RunDetail, RunIdParams, RunPage,
  BatchReportBody, BatchReportResponse, RunReportBody, RunReportResponse, ScheduleRunBody,
} from "@/lib/contract/runs";
import { DefaultWorkerBody, ListWorkersQuery, RegisterWorkerBody, Worker, WorkerIdParams, WorkerPage } from "@/lib/contract/workers";
import {
  CreateWebhookBody, DeliveryIdParams, DeliveryPage, ListDeliveriesQuery, WebhookDelivery, WebhookEndpoint, WebhookIdParams, WebhookList,
  WebhookWithSecret,
} from "@/lib/contract/webhooks";

const Empty = z.object({}).strict();

export const api = {
  health: operation({
    method: "GET", path: "/api/health", summary: "Liveness and database check", scopes: "public",
    responses: { 200: Health, 503: Problem },
  }),
  me: operation({
    method: "GET", path: "/api/v1/me", summary: "The caller: team, scope and bound worker", scopes: ["scheduler", "worker"],
    responses: { 200: Me },
  }),
  registerWorker: operation({
    method: "POST", path: "/api/v1/workers", summary: "Register a worker (idempotent on name; labels are immutable)", scopes: [],
    body: RegisterWorkerBody, responses: { 201: Worker, 200: Worker },
  }),
  defaultWorker: operation({
    method: "POST", path: "/api/v1/workers/default", summary: "A default worker that is not online, or a new one", scopes: ["worker"],
    body: DefaultWorkerBody, responses: { 200: Worker, 201: Worker },
  }),
  listWorkers: operation({
    method: "GET", path: "/api/v1/workers", summary: "List workers, filtered by label, state and name", scopes: ["scheduler", "worker"],
    query: ListWorkersQuery, responses: { 200: WorkerPage },
  }),
  getWorker: operation({
    method: "GET", path: "/api/v1/workers/{id}", summary: "One worker", scopes: ["scheduler", "worker"],
    params: WorkerIdParams, responses: { 200: Worker },
  }),
  retireWorker: operation({
    method: "DELETE", path: "/api/v1/workers/{id}", summary: "Retire a worker: its held runs are re-queued and its id can no longer claim", scopes: [],
    params: WorkerIdParams, responses: { 200: Worker },
  }),
  drainWorker: operation({
    method: "POST", path: "/api/v1/workers/{id}/drain", summary: "Stop giving the worker new runs; it finishes what it holds", scopes: [],
    params: WorkerIdParams, body: Empty, responses: { 200: Worker },
  }),
  resumeWorker: operation({
    method: "POST", path: "/api/v1/workers/{id}/resume", summary: "Give a drained worker runs again", scopes: [],
    params: WorkerIdParams, body: Empty, responses: { 200: Worker },
  }),
  claimRuns: operation({
    method: "POST", path: "/api/v1/workers/{id}/claim", summary: "Claim up to `max` runs this worker may take; waits up to `waitSeconds` for one", scopes: ["worker"],
    params: WorkerIdParams, body: ClaimBody, responses: { 200: ClaimResponse },
  }),
  heartbeat: operation({
    method: "POST", path: "/api/v1/workers/{id}/heartbeat", summary: "Extend the worker's leases; answers runs to abort and runs lost", scopes: ["worker"],
    params: WorkerIdParams, body: HeartbeatBody, responses: { 200: HeartbeatResponse },
  }),
  reportRuns: operation({
    method: "POST", path: "/api/v1/workers/{id}/reports",
    summary: "Batch report: many runs of this worker in one transaction, each fenced by its own lease token; a stale item fails alone (per-item results)",
    scopes: ["worker"], params: WorkerIdParams, body: BatchReportBody, responses: { 200: BatchReportResponse },
  }),
  scheduleRun: operation({
    method: "POST", path: "/api/v1/runs", summary: "Schedule a run (honours Idempotency-Key)", scopes: ["scheduler"],
    body: ScheduleRunBody, responses: { 201: Run, 200: Run },
  }),
  listRuns: operation({
    method: "GET", path: "/api/v1/runs", summary: "List runs, newest first", scopes: ["scheduler", "worker"],
    query: ListRunsQuery, responses: { 200: RunPage },
  }),
  getRun: operation({
    method: "GET", path: "/api/v1/runs/{id}", summary: "One run with its event timeline", scopes: ["scheduler", "worker"], jobToken: true,
    params: RunIdParams, responses: { 200: RunDetail },
  }),
  cancelRun: operation({
    method: "POST", path: "/api/v1/runs/{id}/cancel", summary: "Cancel a run: Queued (OPEN) → Cancelled (CANCELED); Claimed or Running → abort requested, then Aborted", scopes: ["scheduler"],
    params: RunIdParams, body: Empty, responses: { 200: Run },
  }),
  explainRun: operation({
    method: "GET", path: "/api/v1/runs/{id}/explain", summary: "Why the run is (not) being picked up", scopes: ["scheduler", "worker"],
    params: RunIdParams, responses: { 200: ExplainResponse },
  }),
  reportRun: operation({
    method: "POST", path: "/api/v1/runs/{id}/events", summary: "Worker report: RUNNING, progress, message, COMPLETED, FAILED, ABORTED", scopes: ["worker"], jobToken: true,
    params: RunIdParams, body: RunReportBody, responses: { 200: RunReportResponse },
  }),
  appendLogs: operation({
    method: "POST", path: "/api/v1/runs/{id}/logs", summary: "Append log lines of the current attempt", scopes: ["worker"], jobToken: true,
    params: RunIdParams, body: AppendLogsBody, responses: { 200: z.object({ appended: z.number().int() }) },
  }),
  readLogs: operation({
    method: "GET", path: "/api/v1/runs/{id}/logs", summary: "Read log lines after a cursor", scopes: ["scheduler", "worker"], jobToken: true,
    params: RunIdParams, query: LogsQuery, responses: { 200: LogPage },
  }),
  match: operation({
    method: "GET", path: "/api/v1/match", summary: "Which workers could take a run with this runsOn, online or not, plus hints", scopes: ["scheduler", "worker"],
    query: MatchQuery, responses: { 200: MatchResponse },
  }),
  labels: operation({
    method: "GET", path: "/api/v1/labels", summary: "Labels in use by workers and runs (for autocomplete)", scopes: ["scheduler", "worker"],
    responses: { 200: Labels },
  }),
  listTokens: operation({
    method: "GET", path: "/api/v1/tokens", summary: "The team's API tokens (never their secrets)", scopes: [],
    responses: { 200: TokenList },
  }),
  createToken: operation({
    method: "POST", path: "/api/v1/tokens", summary: "Make an API token; its secret is in this answer only", scopes: [],
    body: CreateTokenBody, responses: { 201: CreatedToken },
  }),
  revokeToken: operation({
    method: "DELETE", path: "/api/v1/tokens/{id}", summary: "Revoke a token at once", scopes: [],
    params: TokenIdParams, responses: { 200: ApiTokenInfo },
  }),
  listMembers: operation({
    method: "GET", path: "/api/v1/members", summary: "The team's members and open invitations", scopes: ["scheduler"],
    responses: { 200: MemberList },
  }),
  addMember: operation({
    method: "POST", path: "/api/v1/members", summary: "Invite someone by email: always an invitation link, whether or not they have an account", scopes: [],
    body: AddMemberBody, responses: { 200: AddMemberResult },
  }),
  removeMember: operation({
    method: "DELETE", path: "/api/v1/members/{userId}", summary: "Remove a member from the team", scopes: [],
    params: UserIdParams, responses: { 200: z.object({ removed: z.literal(true) }) },
  }),
  changeMemberRole: operation({
    method: "PATCH", path: "/api/v1/members/{userId}", summary: "Make a member admin or member (409 last_admin: a team keeps at least one admin)", scopes: [],
    params: UserIdParams, body: ChangeMemberRoleBody, responses: { 200: Member },
  }),
  listTeams: operation({
    method: "GET", path: "/api/v1/teams", summary: "The caller's teams (the dashboard's team switcher)", scopes: ["scheduler", "worker"],
    responses: { 200: TeamList },
  }),
  audit: operation({
    method: "GET", path: "/api/v1/audit", summary: "The team's audit log, newest first", scopes: [],
    query: AuditQuery, responses: { 200: AuditPage },
  }),
  setup: operation({
    method: "POST", path: "/api/v1/account/setup", summary: "First run: create the first admin (needs the install's admin token)", scopes: "public",
    body: SetupBody, responses: { 201: z.object({ ok: z.literal(true) }) }, rateLimited: true,
  }),
  acceptInvite: operation({
    method: "POST", path: "/api/v1/account/invite", summary: "Accept an invitation: create the account and join the team", scopes: "public",
    body: NewAccountBody, responses: { 201: z.object({ ok: z.literal(true) }) }, rateLimited: true,
  }),
  joinTeam: operation({
    method: "POST", path: "/api/v1/account/invite/join", summary: "Accept an invitation as the signed-in user it was made for (dashboard session only)", scopes: "public",
    body: JoinTeamBody, responses: { 200: JoinedTeam }, rateLimited: true,
  }),
  overview: operation({
    method: "GET", path: "/api/v1/overview", summary: "The queue by label set, the fleet, and the last hour minute by minute", scopes: ["scheduler", "worker"],
    responses: { 200: Overview },
  }),
  openapi: operation({
    method: "GET", path: "/api/v1/openapi.json", summary: "This document", scopes: ["scheduler", "worker"],
    responses: { 200: z.record(z.string(), z.unknown()) },
  }),
  // ── integrations (docs/integrations.md) ──
  metrics: operation({
    method: "GET", path: "/metrics", summary: "Prometheus metrics of the caller's team: the queue per label set, the fleet, run counters and this instance's request counters", scopes: ["metrics"],
    contentType: "text/plain; version=0.0.4; charset=utf-8", responses: { 200: z.string() },
  }),
  listWebhooks: operation({
    method: "GET", path: "/api/v1/webhooks", summary: "The team's webhook endpoints (never their secrets)", scopes: [],
    responses: { 200: WebhookList },
  }),
  createWebhook: operation({
    method: "POST", path: "/api/v1/webhooks", summary: "Add a webhook endpoint; its signing secret is in this answer only", scopes: [],
    body: CreateWebhookBody, responses: { 201: WebhookWithSecret },
  }),
  getWebhook: operation({
    method: "GET", path: "/api/v1/webhooks/{id}", summary: "One webhook endpoint", scopes: [],
    params: WebhookIdParams, responses: { 200: WebhookEndpoint },
  }),
  deleteWebhook: operation({
    method: "DELETE", path: "/api/v1/webhooks/{id}", summary: "Delete a webhook endpoint and its pending deliveries", scopes: [],
    params: WebhookIdParams, responses: { 200: WebhookEndpoint },
  }),
  rotateWebhookSecret: operation({
    method: "POST", path: "/api/v1/webhooks/{id}/rotate", summary: "Replace the signing secret at once; the new one is in this answer only", scopes: [],
    params: WebhookIdParams, body: Empty, responses: { 200: WebhookWithSecret },
  }),
  pingWebhook: operation({
    method: "POST", path: "/api/v1/webhooks/{id}/ping", summary: "Send a `ping` event to the endpoint (a test delivery)", scopes: [],
    params: WebhookIdParams, body: Empty, responses: { 201: WebhookDelivery },
  }),
  listWebhookDeliveries: operation({
    method: "GET", path: "/api/v1/webhooks/{id}/deliveries", summary: "The endpoint's deliveries, newest first", scopes: [],
    params: WebhookIdParams, query: ListDeliveriesQuery, responses: { 200: DeliveryPage },
  }),
  redeliverWebhook: operation({
    method: "POST", path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", summary: "Send a delivery again now, with the same X-Runyard-Delivery id", scopes: [],
    params: DeliveryIdParams, body: Empty, responses: { 200: WebhookDelivery },
  }),
} as const;

export type Api = typeof api;
