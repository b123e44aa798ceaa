// Dashboard sessions in tests: sign in through Better Auth's real endpoint and carry the
// cookie, with the Origin header a browser would send.
import { createToken } from "@/lib/server/auth/tokens";
import { getAuth } from "@/lib/server/accounts/auth";
import { pool } from "@/lib/db/pool";
import { inProcessFetch, inProcessFetchFrom } from "@/lib/testing/in-process-fetch";
import { uniqueName } from "@/lib/testing/fixtures";

export const ORIGIN = "http://runyard.test";

export type Browserish = {
  cookie: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any route
};

export function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export function browser(cookie: string): Browserish {
  return {
    cookie,
    async request(method, path, body, headers = {}) {
      const response = await inProcessFetch(`${ORIGIN}${path}`, {
        method,
        headers: { cookie, origin: ORIGIN, host: "runyard.test", ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/**
 * A client address for one test's sign-ins. Sign-in is rate-limited per address, so each test
 * calls from its own (in-process requests have no TCP peer: inProcessFetchFrom says who calls).
 */
export const someIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

export async function signIn(email: string, password: string, ip = someIp()): Promise<Response> {
  return inProcessFetchFrom(ip)(`${ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, host: "runyard.test" },
    body: JSON.stringify({ email, password }),
  });
}

/** A user in a team with a role, signed in. */
export async function userInTeam(teamId: string, role: "admin" | "member") {
  const email = `${uniqueName(role)}@example.com`.toLowerCase();
  const password = "correct horse battery";
  const auth = await getAuth();
  const { user } = await auth.api.signUpEmail({ body: { name: `${role} user`, email, password }, headers: new Headers({ host: "runyard.test" }) });
  await pool().query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3)", [teamId, user.id, role]);
  const response = await signIn(email, password);
  return { userId: user.id, email, password, session: browser(cookiesOf(response)) };
}

export { createToken };
