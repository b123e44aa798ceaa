// Where the one-file agent (cli/ bundled by scripts/build-agent.ts) lives in a clone, and
// whether it is current. Plain JavaScript: cli/bin.mjs asks this before anything is compiled,
// so a current bundle starts in well under a second.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const AGENT_FILE = "runyard-agent.mjs";
/** Inside .next: not committed, and `next build` empties it (the bundle is rebuilt after). */
export const AGENT_DIR = path.join(".next", "runyard");
export const BUILD_INFO = "build-info.json";

/** A hash over the files the bundle was built from (paths and contents), in the given order. */
export function hashInputs(root, inputs) {
  const hash = createHash("sha256");
  for (const input of inputs) {
    hash.update(input).update("\0");
    const file = path.join(root, input);
    hash.update(existsSync(file) ? readFileSync(file) : "(missing)").update("\0");
  }
  return hash.digest("hex");
}

/** The bundle's path when it exists and every file it was built from is unchanged. */
export function currentBundle(root) {
  const dir = path.join(root, AGENT_DIR);
  try {
    const info = JSON.parse(readFileSync(path.join(dir, BUILD_INFO), "utf8"));
    const bundle = path.join(dir, AGENT_FILE);
    if (!existsSync(bundle) || info.versionOverride) return undefined;
    return hashInputs(root, info.inputs) === info.sourceHash ? bundle : undefined;
  } catch {
    return undefined;
  }
}
