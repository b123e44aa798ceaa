// Maps every error to an RFC 9457 problem+json response: AppError by its code, zod issues as
// 400 with invalidParams, database constraint and outage errors by their SQLSTATE. Anything
// else is a bug: logged with the request id, answered as a bare 500 that leaks nothing.
import { ZodError } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode, type InvalidParam } from "@/lib/server/errors";
import { setApiHeaders } from "@/lib/server/http/security-headers";

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "Invalid request",
  malformed_json: "Malformed JSON",
  unauthorized: "Authentication required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  labels_immutable: "Worker labels are immutable",
  last_admin: "A team needs an admin",
  stale_lease: "Stale lease",
  invalid_transition: "Invalid state transition",
  idempotency_conflict: "Idempotency key reused",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Too many requests",
  database_unavailable: "Database unavailable",
  stopping: "Instance stopping",
  internal: "Internal server error",
};

/** Names each problem by its field path as the client sent it: `labels[2]`, `config`. */
export function zodToInvalidParams(error: ZodError, fallbackName = "body"): InvalidParam[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
    const name = path.replace(/^\./, "") || fallbackName;
    let reason = issue.message;
    if (issue.code === "unrecognized_keys") reason = `unknown field(s): ${issue.keys.join(", ")}`;
    return { name, reason };
  });
}

// SQLSTATE classes that mean "the database is not reachable right now", plus socket errors.
const OUTAGE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P02", "57P03", "53300"]);

function databaseError(error: unknown): AppError | undefined {
  const candidate = error as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof candidate?.code === "string" ? candidate.code : undefined;
  if (code && (OUTAGE_CODES.has(code) || code.startsWith("08"))) {
    return new AppError("database_unavailable", "the database is unavailable; retry shortly", { cause: error });
  }
  const message = typeof candidate?.message === "string" ? candidate.message : "";
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) {
    return new AppError("database_unavailable", "the database is unavailable; retry shortly", { cause: error });
  }
  // Text PostgreSQL cannot store (NUL characters, in text or inside JSON strings).
  if (code === "22021" || code === "22P05") {
    return new AppError("validation_failed", "text must not contain NUL (\\u0000) characters", { cause: error });
  }
  if (code === "23505" || code === "P2002") return new AppError("conflict", "that already exists", { cause: error });
  if (code === "P2025") return new AppError("not_found", "not found", { cause: error });
  if (candidate?.cause && candidate.cause !== error) return databaseError(candidate.cause);
  return undefined;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const invalidParams = zodToInvalidParams(error);
    return new AppError("validation_failed", invalidParams.map((p) => `${p.name}: ${p.reason}`).join("; "), { invalidParams });
  }
  return databaseError(error) ?? new AppError("internal", "an unexpected error occurred", { cause: error });
}

/** The fields of a problem for one item of a batch (no request id or instance of its own). */
export function itemProblem(error: unknown): { type: string; title: string; status: number; code: string; detail: string } {
  const appError = toAppError(error);
  return {
    type: `https://runyard.dev/problems/${appError.code.replaceAll("_", "-")}`,
    title: TITLES[appError.code],
    status: ERROR_STATUS[appError.code],
    code: appError.code,
    detail: appError.message,
  };
}

export function problemResponse(error: unknown, requestId: string, instance?: string): Response {
  const appError = toAppError(error);
  if (appError.code === "internal") {
    console.error(`[runyard] ${requestId} unhandled error`, appError.cause ?? error);
  }
  const status = ERROR_STATUS[appError.code];
  const body = {
    type: `https://runyard.dev/problems/${appError.code.replaceAll("_", "-")}`,
    title: TITLES[appError.code],
    status,
    detail: appError.code === "internal" ? `an unexpected error occurred (request ${requestId})` : appError.message,
    code: appError.code,
    requestId,
    ...(instance ? { instance } : {}),
    ...(appError.invalidParams ? { invalidParams: appError.invalidParams } : {}),
  };
  const headers = new Headers({ "content-type": "application/problem+json", "x-request-id": requestId });
  setApiHeaders(headers);
  if (appError.code === "database_unavailable") headers.set("retry-after", "2");
  if (appError.code === "stopping") headers.set("retry-after", "1");
  if (appError.retryAfter !== undefined) headers.set("retry-after", String(appError.retryAfter));
  if (appError.code === "unauthorized") headers.set("www-authenticate", 'Bearer realm="runyard"');
  return new Response(JSON.stringify(body), { status, headers });
}
