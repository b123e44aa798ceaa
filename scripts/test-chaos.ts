// `npm run test:chaos`: the chaos suite's short form (CI); `-- --long` (or `npm run
// test:chaos:long`) the long form whose figures are in docs/reliability.md. Other arguments go
// to vitest (e.g. a file name, or -t to pick a scenario).
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const long = args.includes("--long");
const rest = args.filter((a) => a !== "--long");
const result = spawnSync("npx", ["vitest", "run", "--project", "chaos", ...rest], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(long ? { RUNYARD_CHAOS: "long" } : {}) },
});
process.exit(result.status ?? 1);
