// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
import { z } from "zod";
import { api } from "@/lib/contract/api";
import { Problem } from "@/lib/contract/common";
import type { Operation } from "@/lib/contract/operations";

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  delete json.$schema; // the document declares its dialect once
  return json;
}

/** The limits this server enforces that JSON Schema cannot say, as the document states them. */
export type ServerLimits = { maxBodyBytes: number; maxJsonDepth: number };

// Problems any operation can answer, and those only some can (added where they apply).
function errorStatuses(op: Operation, limits: ServerLimits): Record<string, string> {
  return {
    "400": "Invalid input (invalidParams names each problem)",
    "401": "Missing or invalid token",
    "403": "The token's scope does not allow this",
    "404": "Not found (or another team's)",
    "405": "This method is not allowed on this path; the Allow header lists those that are",
    "409": "Conflict (immutable labels, stale lease, invalid transition)",
    ...(op.body
      ? {
          "413": `Body larger than ${limits.maxBodyBytes} bytes (RUNYARD_MAX_BODY_BYTES)`,
          "415": "The request has a body that is not declared Content-Type: application/json (UTF-8)",
        }
      : {}),
    ...(op.rateLimited ? { "429": "Too many requests from this client address; retry after Retry-After seconds" } : {}),
    "503": "Database unavailable; retry after Retry-After seconds",
  };
}

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  const add = (where: "path" | "query", schema: z.ZodType | undefined) => {
    if (!schema) return;
    for (const [name, field] of Object.entries((schema as z.ZodObject).shape as Record<string, z.ZodType>)) {
      const isOptional = field.safeParse(undefined).success;
      out.push({ name, in: where, required: where === "path" || !isOptional, schema: schemaOf(field, "input"), ...(where === "query" ? { style: "form", explode: true } : {}) });
    }
  };
  add("path", op.params);
  add("query", op.query);
  return out;
}

export function openApiDocument(version: string, limits: ServerLimits): Json {
  const paths: Record<string, Json> = {};
  for (const [operationId, op] of Object.entries(api) as [string, Operation][]) {
    const responses: Json = {};
    const errors = errorStatuses(op, limits);
    for (const [status, schema] of Object.entries(op.responses)) {
      const isProblem = schema === Problem;
      const mediaType = isProblem ? "application/problem+json" : (op.contentType ?? "application/json");
      responses[status] = {
        description: isProblem ? errors[status] ?? "Error" : "Success",
        content: { [mediaType]: { schema: isProblem ? { $ref: "#/components/schemas/Problem" } : schemaOf(schema, "output") } },
      };
    }
    for (const [status, description] of Object.entries(errors)) {
      responses[status] ??= { description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId,
      summary: op.summary,
      security: op.scopes === "public" ? [] : [{ bearerToken: [] }],
      "x-runyard-scopes": op.scopes === "public" ? [] : ["admin", ...op.scopes, ...(op.jobToken ? ["job"] : [])],
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Runyard API",
      version,
      description: [
        "Control plane for fleets of compute workers. Errors are RFC 9457 problem+json.",
        `Limits beyond the schemas: request bodies of at most ${limits.maxBodyBytes} bytes, sent as Content-Type: application/json (UTF-8);`,
        `JSON nested at most ${limits.maxJsonDepth} levels deep; no NUL (\\u0000) characters or unpaired UTF-16 surrogates in any string.`,
      ].join(" "),
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "A team API token (scopes admin, scheduler, worker, metrics), or a job's RUNYARD_JOB_TOKEN (scope job: its own run only)" } },
      schemas: { Problem: schemaOf(Problem, "output") },
    },
    paths,
  };
}
