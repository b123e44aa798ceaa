// node /tmp/crop.mjs in.png out-prefix height : splits a tall PNG into viewport-sized pieces
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
const [input, prefix, h = "900", maxParts = "3"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
const data = readFileSync(input).toString("base64");
await page.setContent(`<body style="margin:0"><img id=i src="data:image/png;base64,${data}"></body>`);
const { w, hh } = await page.evaluate(() => ({ w: document.getElementById("i").naturalWidth, hh: document.getElementById("i").naturalHeight }));
await page.setViewportSize({ width: w, height: Math.min(hh, 4000) });
for (let i = 0, y = 0; y < hh && i < Number(maxParts); i++, y += Number(h)) {
  await page.screenshot({ path: `${prefix}-${i}.png`, clip: { x: 0, y, width: w, height: Math.min(Number(h), hh - y) }, fullPage: true });
}
await browser.close();
