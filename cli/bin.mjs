#!/usr/bin/env node
// The `runyard` command in a clone. It runs the one-file bundle (scripts/build-agent.ts) when
// that is current — about a tenth of a second to start — and otherwise builds it first (a few
// seconds, once). If the bundle cannot be built here, it runs the TypeScript through tsx.
// `runyard token …` always runs from source: on the server it writes to the database (the
// bundle's goes through the API and needs a token, which a fresh install does not have yet).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { currentBundle } from "./bundle-stamp.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function bundle() {
  const current = currentBundle(root);
  if (current) return current;
  try {
    const { register } = await import("tsx/esm/api");
    register({ tsconfig: path.join(root, "tsconfig.json") });
    const { buildAgentBundle } = await import(path.join(root, "scripts", "build-agent.ts"));
    return (await buildAgentBundle({ root })).file;
  } catch (error) {
    if (process.env.RUNYARD_DEBUG) console.error(`runyard: running from source (${error.message})`);
    return undefined;
  }
}

const serverCommand = process.argv[2] === "token" || (process.argv[2] === "help" && process.argv[3] === "token");
const file = serverCommand ? undefined : await bundle();
if (file) {
  await import(file);
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  await import(path.join(root, "cli", "main.ts"));
}
