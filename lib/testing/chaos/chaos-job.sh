#!/bin/sh
# The chaos suite's job: a shell script rather than node, so thousands of runs stay cheap on a
# small machine. Appends start / end (or sigterm) to the ledger in TEST_JOB_LEDGER, the same
# JSONL shape as cli/agent/testing/fake-job.mjs; sleeps CHAOS_JOB_SECONDS (default 0.2).
record() {
  printf '{"event":"%s","run":"%s","attempt":%s,"worker":"%s","pid":%s,"t":%s}\n' "$1" "$RUNYARD_RUN_ID" "$RUNYARD_RUN_ATTEMPT" "$RUNYARD_WORKER_ID" $$ "$(date +%s%3N)" >> "$TEST_JOB_LEDGER"
}
record start
trap 'record sigterm; exit 143' TERM
sleep "${CHAOS_JOB_SECONDS:-0.2}" &
wait $!
record end
