// A page for one run or one worker that does not exist (or is another team's) must answer
// 404, not 200. The dashboard streams its pages behind a loading skeleton, and once that has
// been sent the status is 200 whatever the page finds; so the dashboard layout — rendered
// before anything is sent — checks the target first. proxy.ts passes the path it routed.
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { pool } from "@/lib/db/pool";
import { PAGE_PATH_HEADER } from "@/lib/server/http/page-path";


const TARGETS: { pattern: RegExp; sql: string }[] = [
  { pattern: /^\/runs\/([^/]+)\/?$/, sql: "SELECT 1 FROM runs WHERE id = $1 AND team_id = $2" },
  { pattern: /^\/workers\/([^/]+)\/?$/, sql: "SELECT 1 FROM workers WHERE id = $1 AND team_id = $2 AND retired_at IS NULL" },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Calls notFound() when the page's path names a run or worker this team does not have. */
export async function notFoundUnlessPageTargetExists(teamId: string | undefined): Promise<void> {
  const path = (await headers()).get(PAGE_PATH_HEADER);
  if (!path || !teamId) return;
  for (const target of TARGETS) {
    const match = target.pattern.exec(path);
    if (!match) continue;
    if (match[1] === "new") return; // /runs/new is a page, not a run
    if (!UUID.test(match[1]!)) notFound();
    const { rowCount } = await pool().query(target.sql, [match[1], teamId]);
    if (rowCount === 0) notFound();
    return;
  }
}
