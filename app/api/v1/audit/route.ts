// GET /api/v1/audit — admin: who did what, newest first.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { listAudit } from "@/lib/server/audit/list-audit";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.audit, async ({ auth, query }) => ({ body: await listAudit(auth.teamId, query) }));
