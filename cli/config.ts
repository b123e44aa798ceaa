// Where the CLI finds the API: flags, else RUNYARD_URL / RUNYARD_TOKEN.
import { RunyardClient } from "@/lib/client/runyard-client";
import { CliError } from "@/cli/errors";
import { CLI_VERSION } from "@/cli/version";

/** publicUrl: the server's RUNYARD_PUBLIC_URL once an answer said it; links are printed with it. */
export type CliConfig = { url: string; token: string; publicUrl?: string };

export function apiConfig(flags: { url?: string; token?: string } = {}): CliConfig {
  const url = flags.url ?? process.env.RUNYARD_URL ?? "http://localhost:3000";
  const token = flags.token ?? process.env.RUNYARD_TOKEN;
  if (!/^https?:\/\/\S+$/.test(url)) throw new CliError(`RUNYARD_URL must be an http(s) URL (got "${url}")`);
  if (!token) {
    throw new CliError("RUNYARD_TOKEN is not set: make one on the dashboard's Tokens page (or `npx runyard token create --scope admin` on the server) and export it");
  }
  return { url: url.replace(/\/$/, ""), token };
}

export function apiClient(config: CliConfig): RunyardClient {
  return new RunyardClient({
    baseUrl: config.url,
    token: config.token,
    userAgent: `runyard-cli/${CLI_VERSION}`,
    onPublicUrl: (url) => (config.publicUrl = url),
  });
}

/** The address people open links at: the server's public URL when it said one, else RUNYARD_URL. */
export function linkBase(config: CliConfig): string {
  return config.publicUrl ?? config.url;
}
