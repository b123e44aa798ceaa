// The typed Runyard API client, shared by the dashboard, the CLI and the tests. Method names
// echo the Lightly client (registerComputeWorker, scheduleComputeWorkerRun, …).
import { api } from "@/lib/contract/api";
import type { ListWorkersQuery, RegisterWorkerBody } from "@/lib/contract/workers";
import { call, type CallInput, type ClientOptions } from "@/lib/client/transport";

type Query = CallInput["query"];

export class RunyardClient {
  constructor(readonly options: ClientOptions) {}

  health() {
    return call(this.options, api.health);
  }

  registerComputeWorker(input: RegisterWorkerBody) {
    return call(this.options, api.registerWorker, { body: input });
  }

  getComputeWorkers(query: ListWorkersQuery = {}) {
    return call(this.options, api.listWorkers, { query: query as Query });
  }

  getComputeWorkerById(id: string) {
    return call(this.options, api.getWorker, { params: { id } });
  }
}

export { RunyardApiError, RunyardNetworkError } from "@/lib/client/errors";
