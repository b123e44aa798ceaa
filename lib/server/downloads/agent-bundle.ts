// GET /downloads/runyard-agent.mjs and …/runyard-agent.mjs.sha256: the one-file agent
// (scripts/build-agent.ts) for worker machines that have only Node.
//
// No token needed: the file is this server's own open-source CLI and holds no secret, no URL
// and no token (the agent gets those from its environment). Asking for a token would put one
// on the download command line and into shell history for nothing. Integrity comes from the
// sha256 — pinned in the command the dashboard shows, or fetched beside it — over https.
//
// Served from memory (read once per build), with an ETag (its sha256) and no-cache, so
// agents and scripts always revalidate and get a new file right after a server upgrade.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AGENT_DIR, AGENT_FILE } from "@/cli/bundle-stamp.mjs";
import { version } from "@/package.json";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/server/errors";
import { problemResponse } from "@/lib/server/http/problem";

type Bundle = { body: Buffer; sha256: string; mtimeMs: number; size: number };
let cached: Bundle | undefined;

/** The built bundle and its hash, or undefined when this server has not built it. */
export function agentBundle(root = process.cwd()): Bundle | undefined {
  const file = path.join(root, AGENT_DIR, AGENT_FILE);
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  const body = readFileSync(file);
  const sha256 = readFileSync(`${file}.sha256`, "utf8").split(/\s/)[0]!;
  cached = { body, sha256, mtimeMs: stat.mtimeMs, size: stat.size };
  return cached;
}

/** The sha256 of the bundle this server serves (for the dashboard's install command). */
export const agentBundleSha256 = () => agentBundle()?.sha256 ?? null;

export function agentDownload(request: Request, what: "bundle" | "sha256"): Response {
  const bundle = agentBundle();
  const pathname = new URL(request.url).pathname;
  if (!bundle) {
    return problemResponse(new AppError("not_found", "the agent bundle is not built on this server: run `npm run build` there (`npm start` builds it)"), randomUUID(), pathname);
  }
  const etag = `"${what === "bundle" ? "" : "sha256-"}${bundle.sha256}"`;
  const headers = new Headers({
    etag,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    "x-runyard-version": version,
  });
  if (request.headers.get("if-none-match")?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  const body = what === "bundle" ? bundle.body : Buffer.from(`${bundle.sha256}  ${AGENT_FILE}\n`);
  headers.set("content-type", what === "bundle" ? "text/javascript; charset=utf-8" : "text/plain; charset=utf-8");
  headers.set("content-length", String(body.byteLength));
  if (what === "bundle") {
    headers.set("content-disposition", `attachment; filename="${AGENT_FILE}"`);
    // RFC 9530: clients that understand it can check the download on their own.
    headers.set("repr-digest", `sha-256=:${Buffer.from(bundle.sha256, "hex").toString("base64")}:`);
  }
  // HEAD too: the HTTP server drops the body and keeps its length.
  return new Response(new Uint8Array(body), { status: 200, headers });
}
