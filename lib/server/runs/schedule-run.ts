// POST /runs: schedules a run. With an Idempotency-Key, repeating the same request returns
// the run it made (200) and a different request with the same key is refused (409).
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Run, ScheduleRunBody } from "@/lib/contract/runs";
import { pool } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { AppError, invalid } from "@/lib/server/errors";
import { labelSetId } from "@/lib/server/runs/label-sets";
import { serializeRun, type RunRow } from "@/lib/server/runs/run-sql";
import { unmatchableFlags } from "@/lib/server/matching/match-workers";

type Input = z.output<typeof ScheduleRunBody>;

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function checkIdempotencyKey(key: string | null): string | null {
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw invalid("Idempotency-Key", "Idempotency-Key must be 1–255 visible ASCII characters");
  }
  return key;
}

export async function scheduleRun(principal: Principal, input: Input, idempotencyKey: string | null): Promise<{ run: Run; created: boolean }> {
  const runsOn = input.runsOn ?? [];
  const hash = idempotencyKey ? createHash("sha256").update(stableJson(input)).digest("hex") : null;
  const setId = await labelSetId(principal.teamId, runsOn);
  const { rows } = await pool().query<RunRow>(
    `WITH ins AS (
       INSERT INTO runs (team_id, label_set_id, name, dataset, config, runs_on, priority, max_attempts, idempotency_key, idempotency_hash)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::text[], $7, $8, $9, $10)
       ON CONFLICT (team_id, idempotency_key) DO NOTHING
       RETURNING *
     ),
     ev AS (INSERT INTO run_events (run_id, type, attempt, message) SELECT id, 'SCHEDULED', 0, 'scheduled by ' || $11 FROM ins)
     SELECT ins.*, NULL AS worker_name FROM ins`,
    [principal.teamId, setId, input.name ?? null, input.dataset ?? null, JSON.stringify(input.config ?? {}), runsOn,
      input.priority ?? "MID", input.maxAttempts ?? 3, idempotencyKey, hash, principal.actor],
  );
  let row = rows[0];
  let created = true;
  if (!row) {
    const existing = await pool().query<RunRow & { idempotency_hash: string }>(
      `SELECT r.*, w.name AS worker_name FROM runs r LEFT JOIN workers w ON w.id = r.worker_id
        WHERE r.team_id = $1 AND r.idempotency_key = $2`,
      [principal.teamId, idempotencyKey],
    );
    row = existing.rows[0]!;
    if (existing.rows[0]!.idempotency_hash !== hash) {
      throw new AppError("idempotency_conflict", `Idempotency-Key "${idempotencyKey}" was already used for a different request (run ${row.id})`);
    }
    created = false;
  }
  const unmatchable = row.state === "OPEN" ? ((await unmatchableFlags(principal.teamId, [runsOn])).get(runsOn.join(",")) ?? null) : null;
  if (created && unmatchable) {
    const lacking = unmatchable.closest ? `closest worker ${unmatchable.closest.name} lacks ${unmatchable.missing.join(", ")}` : "no workers are registered";
    await pool().query("INSERT INTO run_events (run_id, type, attempt, message) VALUES ($1, 'UNMATCHABLE', 0, $2)", [
      row.id,
      `no registered worker can take this run: ${lacking}`,
    ]);
  }
  return { run: serializeRun(row, unmatchable), created };
}
