// Dashboard sign-in, sessions and password hashing are Better Auth's (chosen because it runs
// on our own PostgreSQL pool with no extra service, keeps sessions server-side so sign-out and
// revocation are immediate, and ships scrypt hashing, CSRF origin checks and a rate limiter
// that can live in the database, shared by all app instances). We only map its tables to our
// snake_case schema and close public sign-up: accounts are made by setup or invitation.
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { pool } from "@/lib/db/pool";
import { passwordProblem } from "@/lib/server/accounts/password-policy";
import { authSecret } from "@/lib/server/accounts/settings";
import { isSecureOrigin, publicOrigin } from "@/lib/server/http/public-origin";

/** The one header Better Auth reads the client address from: lib/server/accounts/auth-request.ts sets it. */
export const CLIENT_ADDRESS_HEADER = "x-runyard-client-address";

const timestamps = { createdAt: "created_at", updatedAt: "updated_at" } as const;

async function createAuth(secureCookies: boolean) {
  return betterAuth({
    appName: "Runyard",
    secret: await authSecret(),
    database: pool(),
    // Self-hosted under whatever name people reach it by; RUNYARD_PUBLIC_URL pins one.
    baseURL: process.env.RUNYARD_PUBLIC_URL || { allowedHosts: ["*"], protocol: "auto" },
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: true },
    user: { modelName: "users", fields: { emailVerified: "email_verified", ...timestamps } },
    session: {
      modelName: "sessions",
      fields: { userId: "user_id", expiresAt: "expires_at", ipAddress: "ip_address", userAgent: "user_agent", ...timestamps },
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    account: {
      modelName: "accounts",
      fields: {
        accountId: "account_id", providerId: "provider_id", userId: "user_id", accessToken: "access_token",
        refreshToken: "refresh_token", idToken: "id_token", accessTokenExpiresAt: "access_token_expires_at",
        refreshTokenExpiresAt: "refresh_token_expires_at", ...timestamps,
      },
    },
    verification: { modelName: "verifications", fields: { expiresAt: "expires_at", ...timestamps } },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rate_limits",
      fields: { lastRequest: "last_request" },
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 5 }, "/sign-up/email": { window: 60, max: 5 } },
    },
    // ── Issue 14 (security): origins, client address, rate limits. ──
    // Trusted origin: exactly Runyard's public origin (RUNYARD_PUBLIC_URL, or the scheme and
    // host the request came in with, as the edge server vouches for them), never a wildcard.
    // lib/server/accounts/auth-request.ts refuses other origins before Better Auth runs.
    trustedOrigins: (request) => (request ? [publicOrigin(request.headers)] : []),
    advanced: {
      // Issue 12: cookies follow the scheme. Better Auth decides Secure and the `__Secure-`
      // prefix once per instance (and, with a dynamic baseURL, from NODE_ENV alone), so there
      // are two instances and getAuth() picks one per request: over plain http on a LAN name
      // a Secure cookie would be dropped by the browser and nobody could sign in.
      useSecureCookies: secureCookies,
      // Better Auth's own origin check runs in tests too (it skips itself under NODE_ENV=test).
      disableOriginCheck: false,
      // The client address for rate limits and sessions: set by auth-request.ts from the edge
      // server's verdict (trusted proxies only), never read from X-Forwarded-For directly.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Accounts come from first-run setup or an invitation (our own routes call sign-up
        // server-side, without a request); the public sign-up endpoint stays closed.
        if (ctx.path === "/sign-up/email" && ctx.request) {
          throw new APIError("FORBIDDEN", { message: "Accounts are created by invitation: ask a team admin for an invite link" });
        }
        // Issue 14: a new password chosen through Better Auth's own routes meets our policy too.
        const newPassword = (ctx.body as { newPassword?: unknown } | undefined)?.newPassword;
        if ((ctx.path === "/change-password" || ctx.path === "/reset-password") && typeof newPassword === "string") {
          const problem = await passwordProblem(newPassword);
          if (problem) throw new APIError("BAD_REQUEST", { message: problem });
        }
      }),
    },
  });
}

type Auth = Awaited<ReturnType<typeof createAuth>>;
type Flavour = "secure" | "plain";
const cache = globalThis as unknown as { runyardAuth?: Partial<Record<Flavour, Promise<Auth>>> };

/**
 * Better Auth for a request: with Secure, `__Secure-`-prefixed cookies when the request came
 * over https (directly or through a trusted proxy) or RUNYARD_PUBLIC_URL is https; plain cookies
 * otherwise. Without headers (server-side calls whose cookies nobody reads): by
 * RUNYARD_PUBLIC_URL alone.
 */
export function getAuth(headers?: Headers): Promise<Auth> {
  const secure = headers ? isSecureOrigin(headers) : (process.env.RUNYARD_PUBLIC_URL ?? "").startsWith("https:");
  const flavour: Flavour = secure ? "secure" : "plain";
  const instances = (cache.runyardAuth ??= {});
  instances[flavour] ??= createAuth(secure).catch((error: unknown) => {
    instances[flavour] = undefined;
    throw error;
  });
  return instances[flavour];
}
