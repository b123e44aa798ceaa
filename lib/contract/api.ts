// The API's operations (SPEC §5). Add a route here first; app/api implements it, the OpenAPI
// document and the typed client pick it up from here.
import { Health, Problem } from "@/lib/contract/common";
import { operation } from "@/lib/contract/operations";
import { ListWorkersQuery, RegisterWorkerBody, Worker, WorkerIdParams, WorkerPage } from "@/lib/contract/workers";

export const api = {
  health: operation({
    method: "GET",
    path: "/api/health",
    summary: "Liveness and database check",
    scopes: "public",
    responses: { 200: Health, 503: Problem },
  }),
  registerWorker: operation({
    method: "POST",
    path: "/api/v1/workers",
    summary: "Register a worker (idempotent on name; labels are immutable)",
    scopes: [],
    body: RegisterWorkerBody,
    responses: { 201: Worker, 200: Worker },
  }),
  listWorkers: operation({
    method: "GET",
    path: "/api/v1/workers",
    summary: "List workers, filtered by label, state and name",
    scopes: ["scheduler", "worker"],
    query: ListWorkersQuery,
    responses: { 200: WorkerPage },
  }),
  getWorker: operation({
    method: "GET",
    path: "/api/v1/workers/{id}",
    summary: "One worker",
    scopes: ["scheduler", "worker"],
    params: WorkerIdParams,
    responses: { 200: Worker },
  }),
} as const;

export type Api = typeof api;
