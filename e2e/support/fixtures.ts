// Spec fixtures. Each test gets its own team with an admin token (for seeding through the API,
// as a script would) and can sign a user of that team into the browser through the API.
import { test as base, type Page } from "@playwright/test";
import { RunyardClient } from "@/lib/client/runyard-client";
import { closePool, pool } from "@/lib/db/pool";
import { getAuth } from "@/lib/server/accounts/auth";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { uniqueName } from "@/lib/testing/fixtures";

export type TeamFixture = {
  teamId: string;
  name: string;
  api: RunyardClient;
  workerToken: string;
  /** Makes a user with this role in the team and signs them in on `page`. */
  signIn(page: Page, role?: "admin" | "member"): Promise<{ email: string; password: string }>;
};

/**
 * Signs in through Better Auth's endpoint. Sign-in is limited per client address, and every
 * spec reaches the app from 127.0.0.1 — which the e2e app trusts as a proxy (the default
 * RUNYARD_TRUSTED_PROXIES=loopback) — so, as a reverse proxy would, each sign-in says which
 * client it is with an X-Forwarded-For of its own.
 */
export async function signInThroughApi(page: Page, email: string, password: string): Promise<void> {
  const base = process.env.RUNYARD_E2E_URL!;
  const response = await page.request.post(`${base}/api/auth/sign-in/email`, {
    data: { email, password },
    headers: { origin: base, "x-forwarded-for": `10.1.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}

export const test = base.extend<{ team: TeamFixture }, { database: void }>({
  // One database pool per Playwright worker process, closed when the worker ends.
  database: [
    async ({}, provide) => {
      await provide();
      await closePool();
    },
    { scope: "worker", auto: true },
  ],
  baseURL: async ({}, provide) => provide(process.env.RUNYARD_E2E_URL),
  team: async ({}, provide) => {
    const name = uniqueName("team");
    const teamId = await ensureTeam(name);
    const admin = await createToken({ teamId, scope: "admin", name: "e2e seed" });
    const worker = await createToken({ teamId, scope: "worker", name: "e2e agent" });
    const url = process.env.RUNYARD_E2E_URL!;
    await provide({
      teamId,
      name,
      api: new RunyardClient({ baseUrl: url, token: admin.secret, validateResponses: true }),
      workerToken: worker.secret,
      signIn: async (page, role = "admin") => {
        const email = `${uniqueName(role)}@example.com`.toLowerCase();
        const password = "correct horse battery";
        const auth = await getAuth();
        const { user } = await auth.api.signUpEmail({ body: { name: `${role === "admin" ? "Ada" : "Max"} ${name}`, email, password }, headers: new Headers({ host: new URL(url).host }) });
        await pool().query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3)", [teamId, user.id, role]);
        await signInThroughApi(page, email, password);
        return { email, password };
      },
    });
  },
});

export { expect } from "@playwright/test";
