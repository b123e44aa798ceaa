// POST /api/v1/workers/{id}/drain — admin: the worker finishes what it holds and gets no new runs.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { setDraining } from "@/lib/server/workers/set-draining";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.drainWorker, async ({ auth, params }) => ({ body: await setDraining(auth, params.id, true) }));
