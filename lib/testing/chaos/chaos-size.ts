// How big each chaos scenario is: a short form for CI and `npm test` (a few minutes on two
// cores), and RUNYARD_CHAOS=long for the long form whose figures are in docs/reliability.md.
export type ChaosSize = {
  form: "short" | "long";
  /** Runs scheduled through the kill storm (a third of the agents is kill -9'd meanwhile). */
  stormRuns: number;
  stormAgents: number;
  /** Runs scheduled around each restart of PostgreSQL / the app, and how many restarts. */
  restartRuns: number;
  restarts: number;
  fuzzRequests: number;
};

export function chaosSize(): ChaosSize {
  if (process.env.RUNYARD_CHAOS === "long") {
    return { form: "long", stormRuns: 5000, stormAgents: 9, restartRuns: 600, restarts: 3, fuzzRequests: 10_000 };
  }
  return { form: "short", stormRuns: 400, stormAgents: 6, restartRuns: 120, restarts: 1, fuzzRequests: 2000 };
}
