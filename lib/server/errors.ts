// The one error type of the server. Use cases throw AppError with a stable code; the HTTP
// layer (lib/server/http/problem.ts) is the only place that turns codes into statuses.

export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  labels_immutable: 409,
  last_admin: 409,
  stale_lease: 409,
  invalid_transition: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  database_unavailable: 503,
  stopping: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type InvalidParam = { name: string; reason: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly invalidParams?: InvalidParam[];
  /** Seconds the client should wait before trying again (429 and 503: the Retry-After header). */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, options: { invalidParams?: InvalidParam[]; cause?: unknown; retryAfter?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.invalidParams = options.invalidParams;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

export const invalid = (name: string, reason: string) =>
  new AppError("validation_failed", reason, { invalidParams: [{ name, reason }] });
