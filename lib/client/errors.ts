import type { Problem } from "@/lib/contract/common";

/** A non-2xx answer from the API, carrying its problem+json body. */
export class RunyardApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(`${problem.title} (${status}): ${problem.detail}`);
    this.name = "RunyardApiError";
    this.status = status;
    this.problem = problem;
  }

  /** The reason given for one field, for showing beside that field in a form. */
  reasonFor(field: string): string | undefined {
    return this.problem.invalidParams?.find((p) => p.name === field || p.name.startsWith(`${field}[`) || p.name.startsWith(`${field}.`))?.reason;
  }
}

/** The API could not be reached at all (network down, server restarting). */
export class RunyardNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RunyardNetworkError";
  }
}
