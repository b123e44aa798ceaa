// Every HTTP operation of the API, declared once: method, path, who may call it and the
// schemas of its input and output. Route handlers (app/api), the OpenAPI document and the
// typed client (lib/client) are all built from this table, so they cannot drift apart.
import { z } from "zod";

/** `metrics` may read GET /metrics and nothing else (a Prometheus scrape token). */
export const SCOPES = ["admin", "scheduler", "worker", "metrics"] as const;
export type Scope = (typeof SCOPES)[number];

export type Operation = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  /** Scopes allowed besides admin (admin may call everything); "public" needs no token. */
  scopes: readonly Scope[] | "public";
  /** A job token (RUNYARD_JOB_TOKEN) may call it, for its own run only. */
  jobToken?: true;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, z.ZodType>;
  /** The success body's media type when it is not JSON (then its schema is a string). */
  contentType?: string;
  /** Refused with 429 after too many calls from one client address (documented in OpenAPI). */
  rateLimited?: true;
};

export function operation<const T extends Operation>(op: T): T {
  return op;
}

/** The success body type of an operation (union over its 2xx responses). */
export type ResponseOf<T extends Operation> = {
  [S in keyof T["responses"]]: T["responses"][S] extends z.ZodType ? z.output<T["responses"][S]> : never;
}[keyof T["responses"]];
