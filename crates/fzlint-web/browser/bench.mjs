// The page's benchmark (run by bench/web.sh): in Debian's Chromium, from
// file://, with the browser already running, times
//   - ready: navigation start → fzlint.ready resolved (each load a new page);
//   - first check of a Word document (a new page each time: the first
//     check a user's report gets, rule regexes compiled on demand);
//   - re-check of the same text report, as while an author types;
//   - the audit of every report of a folder, through the file input, until
//     the matrix is on screen;
// and the memory after the audit (the worker's WebAssembly memory and the
// page's JavaScript heap). Prints JSON.
//
//   node bench.mjs PAGE.html DOCX TXT AUDIT_DIR RUNS
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [page_path, docx, txt, audit_dir, runs_arg] = process.argv.slice(2);
const runs = Number(runs_arg || 9);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
}).filter((p) => /\.(txt|md|docx|html)$/.test(p)).sort();

const browser = await chromium.launch({
  executablePath: process.env.FZLINT_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const url = pathToFileURL(page_path).href;
const out = { ready_ms: [], first_docx_check_ms: [], recheck_ms: [], audit: null };
try {
  const docx_bytes = [...readFileSync(docx)];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await page.goto(url);
    out.ready_ms.push(await page.evaluate(async () => { await window.fzlint.ready; return performance.now(); }));
    out.first_docx_check_ms.push(await page.evaluate(async (bytes) => {
      const data = new Uint8Array(bytes);
      const start = performance.now();
      const file = await window.fzlint.check("report-20k.docx", data);
      const ms = performance.now() - start;
      if (file.error || file.format !== "docx") throw new Error("not checked: " + file.error);
      return ms;
    }, docx_bytes));
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(url);
  await page.evaluate(() => window.fzlint.ready);
  out.recheck_ms = await page.evaluate(async ([bytes, runs]) => {
    const text = new TextDecoder().decode(new Uint8Array(bytes));
    const times = [];
    for (let i = 0; i < runs * 3; i++) {
      // An edit: the author adds a sentence; the whole text is checked again.
      const data = new TextEncoder().encode(text + `全年新增办理事项${i}件。\n`);
      const start = performance.now();
      const file = await window.fzlint.check("report-20k.txt", data);
      times.push(performance.now() - start);
      if (file.error || !file.findings) throw new Error("not checked: " + file.error);
    }
    return times;
  }, [[...readFileSync(txt)], runs]);
  const reports = files(audit_dir);
  const bytes = reports.reduce((n, p) => n + statSync(p).size, 0);
  const start = Date.now();
  await page.setInputFiles("#files", reports);
  await page.waitForSelector("#audit:not([hidden]) table", { timeout: 600000 });
  out.audit = { reports: reports.length, bytes, ms: Date.now() - start };
  // Memory after the audit: the engine's WebAssembly memory (it only
  // grows) and the page's JavaScript heap (after a collection).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const { wasm_bytes } = await page.evaluate(() => window.fzlint.memory());
  out.memory = { wasm_bytes, page_js_heap_bytes: usedSize, total_mb: Math.round((wasm_bytes + usedSize) / 1e5) / 10 };
} finally {
  await browser.close();
}
out.median = {
  ready_ms: median(out.ready_ms),
  first_docx_check_ms: median(out.first_docx_check_ms),
  recheck_ms: median(out.recheck_ms),
};
process.stdout.write(JSON.stringify(out));
