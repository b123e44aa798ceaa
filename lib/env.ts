// Runtime configuration, read and validated once. Every consumer imports `env()` from here;
// nobody reads process.env for Runyard settings elsewhere.
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/server/http/trusted-proxies";

const number = () => z.coerce.number({ error: "must be a number" }).int({ error: "must be a whole number" });
const seconds = (fallback: number, max: number) => number().min(1).max(max).default(fallback);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
    .optional(),
  PORT: number().min(1).max(65535).default(3000),
  RUNYARD_DATA_DIR: z.string().min(1).default(".data"),
  RUNYARD_LEASE_S: seconds(15, 3600),
  RUNYARD_WORKER_OFFLINE_AFTER_S: seconds(15, 3600),
  RUNYARD_SWEEP_INTERVAL_MS: number().min(50).max(60_000).default(1000),
  /** How often (±20 %) each instance re-checks the queue for its waiting claims without a notification: a rare safety net; LISTEN/NOTIFY does the work. */
  RUNYARD_CLAIM_RECHECK_MS: number().min(100).max(600_000).default(60_000),
  /** A worker whose last this-many runs all failed is shown as failing (and Drain is offered). */
  RUNYARD_FAILING_AFTER_FAILURES: number().min(1).max(1000).default(3),
  /** Drain a worker automatically after this many consecutive failed runs; 0: never (the default). */
  RUNYARD_AUTO_DRAIN_AFTER_FAILURES: number().min(0).max(1000).default(0),
  RUNYARD_DB_POOL_SIZE: number().min(1).max(500).default(20),
  RUNYARD_MAX_BODY_BYTES: number().min(1024).default(512 * 1024),
  /** The address people and agents reach Runyard by (links, cookie flags, origin checks); unset: each request's own. */
  RUNYARD_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL, e.g. https://runyard.example.com" })
    .refine((value) => ["", "/"].includes(new URL(value).pathname) && !new URL(value).search, "must be an origin without a path, e.g. https://runyard.example.com")
    .transform((value) => new URL(value).origin)
    .optional(),
  /** Peers whose X-Forwarded-* headers are believed: addresses, CIDRs, `loopback`, `private` or `none`. */
  RUNYARD_TRUSTED_PROXIES: z
    .string()
    .default("loopback")
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** The address the HTTP server binds to; unset: every interface. */
  RUNYARD_BIND: z.string().min(1).optional(),
  // ── Integrations (docs/integrations.md) ──
  /** Label sets per team that get their own `runs_on` series on /metrics; the rest are summed into `_other`. */
  RUNYARD_METRICS_MAX_LABEL_SETS: number().min(1).max(1000).default(50),
  /** "1": webhooks may target private, loopback and link-local addresses (SSRF guard off). */
  RUNYARD_WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1", "true", "false"], { error: "must be 1 or 0" }).default("0").transform((v) => v === "1" || v === "true"),
  /** Longest a receiver may take to answer one delivery. */
  RUNYARD_WEBHOOK_TIMEOUT_MS: number().min(100).max(60_000).default(10_000),
  /** Delay after the first failed attempt; it doubles with each attempt (capped at an hour) for 24 h. */
  RUNYARD_WEBHOOK_BACKOFF_BASE_MS: number().min(100).max(3_600_000).default(10_000),
  /** How often each instance looks for due deliveries and for changed worker states. */
  RUNYARD_WEBHOOK_POLL_MS: number().min(50).max(60_000).default(1000),
  /** Delivered and failed deliveries are kept this long, then pruned. */
  RUNYARD_WEBHOOK_KEEP_DAYS: number().min(1).max(365).default(7),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Parses an environment (process.env by default); empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, source[key] === "" ? undefined : source[key]]),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  return result.data;
}

const cache = globalThis as unknown as { runyardEnv?: Env };

export function env(): Env {
  cache.runyardEnv ??= parseEnv();
  return cache.runyardEnv;
}
