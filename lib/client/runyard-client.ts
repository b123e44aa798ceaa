// The typed Runyard API client, shared by the dashboard, the CLI and the tests. Method names
// echo the Lightly client (registerComputeWorker, scheduleComputeWorkerRun, …).
import type { AddMemberBody, AuditQuery, CreateTokenBody, JoinTeamBody } from "@/lib/contract/accounts";
import type { NewAccountBody, SetupBody } from "@/lib/contract/account-pages";
import { api } from "@/lib/contract/api";
import type { HeartbeatBody } from "@/lib/contract/fleet";
import type { AppendLogsBody, BatchReportBody, ClaimBody, ListRunsQuery, RunReportBody, ScheduleRunBody } from "@/lib/contract/runs";
import type { DefaultWorkerBody, ListWorkersQuery, RegisterWorkerBody } from "@/lib/contract/workers";
import type { CreateWebhookBody, ListDeliveriesQuery } from "@/lib/contract/webhooks";
import { call, type CallInput, type ClientOptions } from "@/lib/client/transport";

type Query = CallInput["query"];
type Extra = { signal?: AbortSignal };

export class RunyardClient {
  constructor(readonly options: ClientOptions) {}

  withToken(token: string): RunyardClient {
    return new RunyardClient({ ...this.options, token });
  }

  health() {
    return call(this.options, api.health);
  }

  me() {
    return call(this.options, api.me);
  }

  // ── workers ──
  registerComputeWorker(input: RegisterWorkerBody) {
    return call(this.options, api.registerWorker, { body: input });
  }

  getDefaultComputeWorker(input: DefaultWorkerBody = {}) {
    return call(this.options, api.defaultWorker, { body: input });
  }

  getComputeWorkers(query: ListWorkersQuery = {}, extra: Extra = {}) {
    return call(this.options, api.listWorkers, { query: query as Query, ...extra });
  }

  getComputeWorkerById(id: string, extra: Extra = {}) {
    return call(this.options, api.getWorker, { params: { id }, ...extra });
  }

  deleteComputeWorker(id: string) {
    return call(this.options, api.retireWorker, { params: { id } });
  }

  drainComputeWorker(id: string) {
    return call(this.options, api.drainWorker, { params: { id } });
  }

  resumeComputeWorker(id: string) {
    return call(this.options, api.resumeWorker, { params: { id } });
  }

  claimComputeWorkerRuns(workerId: string, input: ClaimBody = {}, extra: Extra = {}) {
    return call(this.options, api.claimRuns, { params: { id: workerId }, body: input, ...extra });
  }

  heartbeatComputeWorker(workerId: string, input: HeartbeatBody = {}, extra: Extra = {}) {
    return call(this.options, api.heartbeat, { params: { id: workerId }, body: input, ...extra });
  }

  // ── runs ──
  scheduleComputeWorkerRun(input: ScheduleRunBody, options: { idempotencyKey?: string } = {}) {
    const headers: Record<string, string> = options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {};
    return call(this.options, api.scheduleRun, { body: input, headers });
  }

  getComputeWorkerRuns(query: ListRunsQuery = {}, extra: Extra = {}) {
    return call(this.options, api.listRuns, { query: query as Query, ...extra });
  }

  getComputeWorkerRunInfo(id: string, extra: Extra = {}) {
    return call(this.options, api.getRun, { params: { id }, ...extra });
  }

  cancelComputeWorkerRun(id: string) {
    return call(this.options, api.cancelRun, { params: { id } });
  }

  explainComputeWorkerRun(id: string) {
    return call(this.options, api.explainRun, { params: { id } });
  }

  reportComputeWorkerRun(id: string, input: RunReportBody, extra: Extra = {}) {
    return call(this.options, api.reportRun, { params: { id }, body: input, ...extra });
  }

  /** Many reports in one request and transaction; each item is fenced alone (per-item results). */
  reportComputeWorkerRuns(workerId: string, input: BatchReportBody, extra: Extra = {}) {
    return call(this.options, api.reportRuns, { params: { id: workerId }, body: input, ...extra });
  }

  appendComputeWorkerRunLogs(id: string, input: AppendLogsBody, extra: Extra = {}) {
    return call(this.options, api.appendLogs, { params: { id }, body: input, ...extra });
  }

  getComputeWorkerRunLogs(id: string, query: { cursor?: string; limit?: number } = {}, extra: Extra = {}) {
    return call(this.options, api.readLogs, { params: { id }, query, ...extra });
  }

  // ── matching ──
  matchComputeWorkers(runsOn: readonly string[], extra: Extra = {}) {
    return call(this.options, api.match, { query: { runsOn }, ...extra });
  }

  getLabels() {
    return call(this.options, api.labels);
  }

  getOverview(extra: Extra = {}) {
    return call(this.options, api.overview, extra);
  }

  // ── accounts ──
  getTeams() {
    return call(this.options, api.listTeams);
  }

  getApiTokens() {
    return call(this.options, api.listTokens);
  }

  createApiToken(input: CreateTokenBody) {
    return call(this.options, api.createToken, { body: input });
  }

  revokeApiToken(id: string) {
    return call(this.options, api.revokeToken, { params: { id } });
  }

  getMembers() {
    return call(this.options, api.listMembers);
  }

  addMember(input: AddMemberBody) {
    return call(this.options, api.addMember, { body: input });
  }

  changeMemberRole(userId: string, role: "admin" | "member") {
    return call(this.options, api.changeMemberRole, { params: { userId }, body: { role } });
  }

  removeMember(userId: string) {
    return call(this.options, api.removeMember, { params: { userId } });
  }

  getAuditLog(query: AuditQuery = {}) {
    return call(this.options, api.audit, { query: query as Query });
  }

  setupFirstAdmin(input: SetupBody) {
    return call(this.options, api.setup, { body: input });
  }

  acceptInvite(input: NewAccountBody) {
    return call(this.options, api.acceptInvite, { body: input });
  }

  /** The signed-in dashboard user accepts an invitation made for their email. */
  joinTeam(input: JoinTeamBody) {
    return call(this.options, api.joinTeam, { body: input });
  }

  getOpenApiDocument() {
    return call(this.options, api.openapi);
  }

  // ── integrations ──
  /** The caller's team in the Prometheus text format (a metrics or admin token). */
  getMetrics() {
    return call(this.options, api.metrics);
  }

  getWebhooks() {
    return call(this.options, api.listWebhooks);
  }

  createWebhook(input: CreateWebhookBody) {
    return call(this.options, api.createWebhook, { body: input });
  }

  getWebhook(id: string) {
    return call(this.options, api.getWebhook, { params: { id } });
  }

  deleteWebhook(id: string) {
    return call(this.options, api.deleteWebhook, { params: { id } });
  }

  rotateWebhookSecret(id: string) {
    return call(this.options, api.rotateWebhookSecret, { params: { id } });
  }

  pingWebhook(id: string) {
    return call(this.options, api.pingWebhook, { params: { id } });
  }

  getWebhookDeliveries(id: string, query: ListDeliveriesQuery = {}, extra: Extra = {}) {
    return call(this.options, api.listWebhookDeliveries, { params: { id }, query: query as Query, ...extra });
  }

  redeliverWebhook(id: string, deliveryId: string) {
    return call(this.options, api.redeliverWebhook, { params: { id, deliveryId } });
  }
}

export { RunyardApiError, RunyardNetworkError } from "@/lib/client/errors";
