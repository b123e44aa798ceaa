import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "components/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/*.agent.test.ts", "**/*.chaos.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          globalSetup: ["lib/testing/vitest-global-setup.ts"],
          setupFiles: ["lib/testing/vitest-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Real app server, real agent processes: one file at a time on a 2-core machine.
          name: "agent",
          include: ["**/*.agent.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          globalSetup: ["lib/testing/vitest-agent-setup.ts"],
          setupFiles: ["lib/testing/vitest-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Fault injection against real app processes, agents and PostgreSQL (docs/reliability.md).
          // RUNYARD_CHAOS=long for the long form.
          name: "chaos",
          include: ["**/*.chaos.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          globalSetup: ["lib/testing/chaos/vitest-chaos-setup.ts"],
          setupFiles: ["lib/testing/vitest-setup.ts"],
          fileParallelism: false,
          testTimeout: 3_600_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
