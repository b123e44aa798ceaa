// GET (and HEAD, which Next answers from GET) /downloads/runyard-agent.mjs.sha256 — no token: `<sha256>  runyard-agent.mjs`, for sha256sum -c.
import { agentDownload } from "@/lib/server/downloads/agent-bundle";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => agentDownload(request, "sha256");
