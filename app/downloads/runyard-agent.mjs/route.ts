// GET (and HEAD, which Next answers from GET) /downloads/runyard-agent.mjs — no token: the one-file agent and CLI (Node ≥ 20).
import { agentDownload } from "@/lib/server/downloads/agent-bundle";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => agentDownload(request, "bundle");
