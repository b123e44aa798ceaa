// GET /api/v1/me — any scope: the caller's team, scope and bound worker (the CLI checks tokens with it).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { describeCaller } from "@/lib/server/teams/describe-caller";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.me, async ({ auth }) => ({ body: await describeCaller(auth) }));
