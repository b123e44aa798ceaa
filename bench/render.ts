// `npx tsx bench/render.ts bench/results/<file>.json`: regenerates docs/benchmarks.md and
// docs/benchmarks.svg from a saved run (after editing the renderer or bench/optimisations.md).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderMarkdown, renderSvg } from "./lib/render";
import type { BenchReport } from "./lib/summary";

const file = process.argv[2];
if (!file) {
  console.error("usage: npx tsx bench/render.ts bench/results/<file>.json");
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, "utf8")) as BenchReport;
writeFileSync(path.join("docs", "benchmarks.svg"), renderSvg(report));
writeFileSync(path.join("docs", "benchmarks.md"), renderMarkdown(report, file));
console.log("wrote docs/benchmarks.md and docs/benchmarks.svg");
