// GET /api/v1/openapi.json — any scope: the OpenAPI 3.1 document of this API.
import { api } from "@/lib/contract/api";
import { openApiDocument } from "@/lib/contract/openapi";
import { env } from "@/lib/env";
import { apiRoute } from "@/lib/server/http/api-route";
import { MAX_JSON_DEPTH } from "@/lib/server/http/json-limits";
import { version } from "@/package.json";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.openapi, async () => ({
  body: openApiDocument(version, { maxBodyBytes: env().RUNYARD_MAX_BODY_BYTES, maxJsonDepth: MAX_JSON_DEPTH }),
}));
