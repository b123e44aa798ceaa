// People type short ids (the 8 characters the CLI prints) or any unique prefix of an id; the
// server finds the matches by range on the primary key (idPrefix). Worker names work too.
import { CliError } from "@/cli/errors";
import type { RunyardClient } from "@/lib/client/runyard-client";
import { MIN_ID_PREFIX, shortId, UUID_PATTERN } from "@/lib/domain/short-id";

function checkPrefix(text: string, what: string) {
  if (!/^[0-9a-f-]+$/i.test(text) || text.replaceAll("-", "").length < MIN_ID_PREFIX) {
    throw new CliError(`"${text}" is not a ${what} id: give the id or at least its first ${MIN_ID_PREFIX} characters (runyard ${what === "run" ? "runs" : "workers"} lists them)`);
  }
}

function one(text: string, what: string, ids: string[], more: boolean): string {
  if (ids.length === 1 && !more) return ids[0]!;
  if (ids.length === 0) throw new CliError(`no ${what} id starts with "${text}" in your team`, 1);
  const shown = ids.slice(0, 5).map((id) => id.slice(0, Math.max(text.length + 4, 12))).join(", ");
  throw new CliError(`"${text}" matches ${more ? "several" : ids.length} ${what}s (${shown}${ids.length > 5 || more ? ", …" : ""}): give more characters`);
}

export async function resolveRunId(client: RunyardClient, text: string): Promise<string> {
  if (UUID_PATTERN.test(text)) return text.toLowerCase();
  checkPrefix(text, "run");
  const page = await client.getComputeWorkerRuns({ idPrefix: text, limit: 6 });
  return one(text, "run", page.items.map((r) => r.id), page.nextCursor !== null);
}

/** A worker by id, unique id prefix or exact name. */
export async function resolveWorkerId(client: RunyardClient, text: string): Promise<string> {
  if (UUID_PATTERN.test(text)) return text.toLowerCase();
  const byName = (await client.getComputeWorkers({ q: text, limit: 500 })).items.filter((w) => w.name === text);
  if (byName.length === 1) return byName[0]!.id;
  checkPrefix(text, "worker");
  const page = await client.getComputeWorkers({ idPrefix: text, limit: 6 });
  return one(text, "worker", page.items.map((w) => w.id), page.nextCursor !== null);
}

export { shortId };
