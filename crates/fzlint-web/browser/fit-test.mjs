// Opens HTML pages (from file://) in Debian's Chromium at a given viewport
// and prints one JSON object per page: how wide the document is
// (`document.documentElement.scrollWidth`), the viewport's width, and each
// element matched by SELECTOR that is scrolled sideways (its scrollWidth
// beyond its clientWidth); a screenshot of each page goes to OUT_DIR.
//
//   node fit-test.mjs WIDTH HEIGHT SELECTOR OUT_DIR PAGE.html…
import { chromium } from "playwright-core";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [width, height, selector, out_dir, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.FZLINT_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const seen = [];
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  for (const path of pages) {
    await page.goto(pathToFileURL(path).href);
    await page.waitForLoadState("load");
    const fit = await page.evaluate((selector) => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      overflowing: [...document.querySelectorAll(selector)]
        .filter((e) => e.scrollWidth > e.clientWidth)
        .map((e) => ({ id: e.id || e.className, scrollWidth: e.scrollWidth, clientWidth: e.clientWidth })),
    }), selector);
    await page.screenshot({ path: join(out_dir, basename(path) + ".png") });
    seen.push({ page: path, ...fit });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(seen) + "\n");
