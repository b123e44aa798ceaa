// How to start the app's HTTP server (scripts/serve.ts) as a child process: shared by `npm start`
// and by everything that starts the built app for tests and benchmarks.
import path from "node:path";

export function serveCommand(options: { dev?: boolean; root?: string } = {}): { command: string; args: string[] } {
  const root = options.root ?? process.cwd();
  return { command: process.execPath, args: ["--import", "tsx", path.join(root, "scripts", "serve.ts"), ...(options.dev ? ["--dev"] : [])] };
}
