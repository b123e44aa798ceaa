// GET /api/v1/teams — any scope: the caller's teams (a token has one).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { listTeams } from "@/lib/server/accounts/list-teams";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.listTeams, async ({ auth }) => ({ body: await listTeams(auth) }));
