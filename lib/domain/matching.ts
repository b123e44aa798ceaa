// THE matching rule of Runyard (SPEC §1). Every other place that decides who may take a run
// (the claim SQL in lib/server/runs/claim-sql.ts, explain, match, wake-ups) must agree with
// this function; claim-sql.integration.test.ts checks the SQL against it on generated cases.

/**
 * A worker may take a run when the worker has no labels (legacy: it takes everything) or
 * when every label the run asks for is one of the worker's. A run asking for nothing is
 * therefore taken by every worker.
 */
export function canTake(workerLabels: readonly string[], runsOn: readonly string[]): boolean {
  if (workerLabels.length === 0) return true;
  const has = new Set(workerLabels);
  return runsOn.every((label) => has.has(label));
}

/** The labels of `runsOn` that the worker lacks (empty when it can take the run). */
export function missingLabels(workerLabels: readonly string[], runsOn: readonly string[]): string[] {
  if (workerLabels.length === 0) return [];
  const has = new Set(workerLabels);
  return runsOn.filter((label) => !has.has(label));
}

/** Labels a worker has that differ from a missing one only by case: `GPU` vs `gpu`. */
export function caseMismatches(workerLabels: readonly string[], missing: readonly string[]) {
  const byLower = new Map(workerLabels.map((label) => [label.toLowerCase(), label]));
  return missing.flatMap((wanted) => {
    const has = byLower.get(wanted.toLowerCase());
    return has === undefined ? [] : [{ wanted, has }];
  });
}
