// Spec fixtures: the app's address, and API access for seeding data as a real client would.
import { test as base } from "@playwright/test";
import { RunyardClient } from "@/lib/client/runyard-client";
import { closePool } from "@/lib/db/pool";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";

export const test = base.extend<{ api: RunyardClient }>({
  baseURL: async ({}, provide) => provide(process.env.RUNYARD_E2E_URL),
  api: async ({}, provide) => {
    // The dashboard shows the default team until accounts arrive.
    const teamId = await ensureTeam();
    const { secret } = await createToken({ teamId, scope: "admin", name: "e2e" });
    await provide(new RunyardClient({ baseUrl: process.env.RUNYARD_E2E_URL!, token: secret, validateResponses: true }));
  },
});

test.afterAll(async () => {
  await closePool();
});

export { expect } from "@playwright/test";
