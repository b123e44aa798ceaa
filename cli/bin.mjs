#!/usr/bin/env node
// The `runyard` command. Runs the TypeScript CLI through tsx, so a clone works without a build.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import(path.join(root, "cli", "main.ts"));
