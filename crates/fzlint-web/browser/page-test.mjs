// Drives target/web/fzlint.html in Debian's Chromium, opened from file://,
// as an author and a supervisor would, and prints one JSON object with what
// it saw; crates/fzlint-web/tests/page.rs compares that with the command
// line's JSON and asserts on it.
//
//   node page-test.mjs PAGE.html OUT_DIR FILE…
//
// For every FILE: the result of `fzlint.check(name, bytes)` (the page's JS
// API), then the first FILE opened through the page's file input (the
// report view: what is marked, listed and checked off), then all FILEs at
// once (the audit view, its CSV and HTML exports saved as OUT_DIR/audit-page.*;
// then the audit through fzlint.audit with the names as given, and its
// exports as OUT_DIR/audit.*), with a screenshot of each view in OUT_DIR;
// with FZLINT_MANIFEST_AUDIT (a folder with a manifest.csv), its reports
// audited with the manifest through fzlint.auditWithNotes; then a draft
// pasted into the page and checked. With
// FZLINT_FIX_FILE, that file is opened, all safe fixes applied in the page
// and the result downloaded to OUT_DIR/fixed, then it is opened again,
// reviewed with the keyboard and one finding fixed; with FZLINT_ANNOTATE_FILE
// (a .docx), the commented copy is downloaded to OUT_DIR/annotated.docx,
// then with 改正写成修订 ticked to OUT_DIR/tracked.docx, and the same asked
// of fzlint.annotate(…, {trackChanges: true}) saved as
// OUT_DIR/tracked-api.docx;
// with FZLINT_EDIT_FILE, its text is edited in the page (a placeholder
// typed at the end) and the findings seen before and after; with
// FZLINT_PACK_DIR, FZLINT_PACK_REPORT and FZLINT_BAD_RULES, the pack in
// that folder is loaded (fzlint.loadPack), the report checked with it, the
// bad rule file loaded through the page's input and its errors read, and
// the default rules restored; with FZLINT_CONFIG, FZLINT_CONFIG_REPORT and
// FZLINT_BAD_CONFIG, the config is chosen through the page's input, the
// report checked with it, and the broken config's errors read. Every
// network request the page makes is recorded; a page that fetches nothing
// records none.
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [page_path, out_dir, ...files] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.FZLINT_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});
const out = { requests: [], console: [], checks: {}, report: null, audit: null, timings: {} };
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("file:") && !url.startsWith("data:") && !url.startsWith("blob:")) {
      out.requests.push(url);
    }
  });
  page.on("console", (message) => out.console.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => out.console.push(`pageerror: ${error.message}`));

  const started = Date.now();
  await page.goto(pathToFileURL(page_path).href);
  await page.evaluate(() => window.fzlint.ready);
  out.timings.ready_ms = Date.now() - started;
  out.about = await page.evaluate(() => window.fzlint.about());

  for (const file of files) {
    const bytes = [...readFileSync(file)];
    out.checks[file] = await page.evaluate(
      ([name, bytes]) => window.fzlint.check(name, new Uint8Array(bytes)),
      [file, bytes],
    );
  }

  // Opens one file through the file input and waits until the report view
  // shows it (not the report shown before).
  const openReport = async (path) => {
    await page.evaluate(() => { document.querySelector("#status").textContent = ""; });
    await page.setInputFiles("#files", path);
    await page.waitForFunction((name) => document.querySelector("#status").textContent.startsWith("已检查 " + name),
      basename(path));
    await page.waitForSelector("#report:not([hidden])");
  };

  // One file through the file input: the report view.
  await openReport(files[0]);
  out.report = await page.evaluate(() => ({
    marks: [...document.querySelectorAll("#text mark")].map((m) => ({
      rule: m.dataset.rule, severity: m.dataset.severity, text: m.textContent,
    })),
    findings: [...document.querySelectorAll("#findings .finding")].map((f) => ({
      rule: f.dataset.rule, severity: f.dataset.severity,
    })),
    checklist: [...document.querySelectorAll("#checklist [data-element]")].map((c) => ({
      element: c.dataset.element, status: c.dataset.status,
    })),
    outline: [...document.querySelectorAll("#outline a")].map((a) => a.textContent),
    text: document.querySelector("#text").textContent,
    status: document.querySelector("#status").textContent,
  }));
  await page.screenshot({ path: join(out_dir, "report.png") });

  // All files at once: the audit view.
  await page.setInputFiles("#files", files);
  await page.waitForSelector("#audit:not([hidden]) table");
  out.audit = await page.evaluate(() => [...document.querySelectorAll("#audit [data-report]")].map((row) => ({
    report: row.dataset.report,
    submitted: row.querySelector("[data-submitted]")?.dataset.submitted,
    published: row.querySelector("[data-published]")?.dataset.published,
    cells: [...row.querySelectorAll("[data-element]")].map((c) => ({ element: c.dataset.element, status: c.dataset.status })),
  })));
  // How wide the matrix is against its box (1366-pixel viewport).
  out.audit_fit = await page.evaluate(() => {
    const box = document.querySelector("#audit .scroll");
    return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, page: document.documentElement.scrollWidth };
  });
  out.clusters = await page.evaluate(() => [...document.querySelectorAll("#similar [data-cluster]")].map((c) => ({
    members: c.dataset.members.split("|"),
    heading: c.querySelector("strong").textContent,
    passages: c.querySelectorAll(".muted").length,
  })));
  await page.screenshot({ path: join(out_dir, "audit.png"), fullPage: true });
  for (const format of ["csv", "html"]) {
    const downloading = page.waitForEvent("download");
    await page.click(`[data-action="export-${format}"]`);
    await (await downloading).saveAs(join(out_dir, `audit-page.${format}`));
  }
  // The audit through the JS API, as an add-in would ask for it, with the
  // names the command line is given, and its exports.
  out.audit_json = await page.evaluate(
    (files) => window.fzlint.audit(files.map(([name, bytes]) => ({ name, bytes: new Uint8Array(bytes) })), { similar: true }),
    files.map((file) => [file, [...readFileSync(file)]]),
  );
  for (const format of ["csv", "html"]) {
    const bytes = await page.evaluate(async (format) => [...await window.fzlint.exportAudit(format)], format);
    writeFileSync(join(out_dir, `audit.${format}`), Buffer.from(bytes));
  }
  out.names = files.map((f) => basename(f));

  // A supervisor's folder and its list (manifest.csv in it: paths relative
  // to the folder), audited through the JS API.
  if (process.env.FZLINT_MANIFEST_AUDIT) {
    const dir = process.env.FZLINT_MANIFEST_AUDIT;
    const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]);
    const reports = walk(dir).filter((p) => /\.(txt|md|docx|html)$/.test(p) && !p.endsWith("EXPECTED.md")).sort();
    const manifest = [...readFileSync(join(dir, "manifest.csv"))];
    out.manifest_audit = {
      reports,
      result: await page.evaluate(([files, manifest, base]) => window.fzlint.auditWithNotes(
        files.map(([name, bytes]) => ({ name, bytes: new Uint8Array(bytes) })),
        { similar: true, manifest: { name: "manifest.csv", bytes: new Uint8Array(manifest), base } },
      ), [reports.map((p) => [p, [...readFileSync(p)]]), manifest, dir]),
    };
  }

  // Pasted text: the box opened, a draft pasted and checked.
  await page.click("#paste-box summary");
  await page.fill("#paste", "湄川县司法局2024年度法治政府建设情况报告\n一、主要举措\n全年办理行政复议案件XX件。\n");
  await page.click("#check-paste");
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("已检查 粘贴的文字"));
  out.paste = await page.evaluate(() => [...document.querySelectorAll("#findings .finding")].map((f) => f.dataset.rule));

  const findings = () => page.evaluate(() =>
    [...document.querySelectorAll("#findings .finding")].map((f) => f.dataset.rule));
  if (process.env.FZLINT_FIX_FILE) {
    await openReport(process.env.FZLINT_FIX_FILE);
    const before = await findings();
    await page.click('[data-action="fix"]');
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("已应用安全改正"));
    const after = await findings();
    const downloading = page.waitForEvent("download");
    await page.click('[data-action="download"]');
    const download = await downloading;
    await download.saveAs(join(out_dir, "fixed"));
    out.fix = { before, after, name: download.suggestedFilename() };
    // Reviewing with the keyboard and fixing one finding: the file opened
    // again, J to the first finding (marked in the text), its fix applied.
    await openReport(process.env.FZLINT_FIX_FILE);
    await page.click("#title");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    out.fix.keyboard = await page.evaluate(() => ({
      focused: [...document.querySelectorAll("#findings .finding")].indexOf(document.activeElement),
      marked: [...document.querySelectorAll("#text mark.current")].map((m) => m.dataset.findings),
    }));
    const first = await page.evaluate(() => {
      const button = document.querySelector('[data-action="fix-one"]');
      return [...document.querySelectorAll("#findings .finding")].indexOf(button.closest(".finding"));
    });
    await page.click('[data-action="fix-one"]');
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("已按第"));
    out.fix.one = { index: first, after: await findings() };
  }
  if (process.env.FZLINT_ANNOTATE_FILE) {
    await openReport(process.env.FZLINT_ANNOTATE_FILE);
    await page.waitForSelector('#report:not([hidden]) [data-action="annotate"]:not([hidden])');
    const downloading = page.waitForEvent("download");
    await page.click('[data-action="annotate"]');
    const download = await downloading;
    await download.saveAs(join(out_dir, "annotated.docx"));
    out.annotate = { name: download.suggestedFilename() };
    // Again with 改正写成修订 ticked: the tracked-changes copy.
    await page.check("#track-changes");
    const tracking = page.waitForEvent("download");
    await page.click('[data-action="annotate"]');
    const tracked = await tracking;
    await tracked.saveAs(join(out_dir, "tracked.docx"));
    out.annotate.tracked_name = tracked.suggestedFilename();
    // And through the JS API.
    const api = await page.evaluate(async (bytes) => {
      const copy = await window.fzlint.annotate("report.docx", new Uint8Array(bytes), { trackChanges: true });
      return Array.from(copy);
    }, Array.from(readFileSync(process.env.FZLINT_ANNOTATE_FILE)));
    writeFileSync(join(out_dir, "tracked-api.docx"), Buffer.from(api));
  }
  if (process.env.FZLINT_PACK_DIR) {
    const dir = process.env.FZLINT_PACK_DIR;
    const pack = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()
      .map((n) => ({ name: n, text: readFileSync(join(dir, n), "utf8") }));
    const report = process.env.FZLINT_PACK_REPORT;
    out.pack = await page.evaluate(async ([pack, name, bytes]) => ({
      answer: await window.fzlint.loadPack("province", pack),
      check: await window.fzlint.check(name, new Uint8Array(bytes)),
      about: await window.fzlint.about(),
    }), [pack, report, [...readFileSync(report)]]);
    await page.setInputFiles("#pack-files", process.env.FZLINT_BAD_RULES);
    await page.waitForSelector("#pack-errors:not([hidden]) [data-pack-error]");
    out.pack.errors = await page.evaluate(() =>
      [...document.querySelectorAll("#pack-errors [data-pack-error]")].map((e) => e.dataset.packError));
    out.pack.after_bad = await page.evaluate(() => window.fzlint.about());
    out.pack.reset = await page.evaluate(() => window.fzlint.loadPack("fazhi", []));
  }
  if (process.env.FZLINT_CONFIG) {
    // A .fzlint.yaml chosen through the page's input, a report checked
    // with it, which files of a folder it has checked; then a broken one.
    await page.setInputFiles("#config-file", process.env.FZLINT_CONFIG);
    // The header names the config in effect (the status line may already
    // say something else: the open report is checked again).
    await page.waitForFunction(() => document.querySelector("#about").textContent.includes("配置文件"));
    const report = process.env.FZLINT_CONFIG_REPORT;
    out.config = await page.evaluate(async ([name, bytes]) => ({
      check: await window.fzlint.check(name, new Uint8Array(bytes)),
      wants: await window.fzlint.wants(["报告/a.md", "报告/drafts/b.md", "报告/c.txt"]),
    }), [basename(report), [...readFileSync(report)]]);
    if (process.env.FZLINT_FOLDER) {
      // A folder chosen through the page's input: the config decides which
      // reports are checked; every other file is named under the table.
      await page.setInputFiles("#folder", process.env.FZLINT_FOLDER);
      await page.waitForSelector("#audit tr[data-report]");
      out.config.folder = await page.evaluate(() => ({
        rows: [...document.querySelectorAll("#audit tbody tr[data-report]")].map((r) => r.dataset.report),
        excluded: [...document.querySelectorAll("[data-excluded] li")].map((li) => li.textContent),
        skipped: [...document.querySelectorAll("[data-skipped] li")].map((li) => li.textContent),
        not_reports: [...document.querySelectorAll("[data-not-reports] li")].map((li) => li.textContent),
        // Text nodes of the audit view itself (not inside an element).
        stray: [...document.querySelector("#audit").childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent),
      }));
    }
    await page.setInputFiles("#config-file", process.env.FZLINT_BAD_CONFIG);
    await page.waitForSelector("#pack-errors:not([hidden]) [data-pack-error]");
    out.config.errors = await page.evaluate(() =>
      [...document.querySelectorAll("#pack-errors [data-pack-error]")].map((e) => e.dataset.packError));
    out.config.reset = await page.evaluate(() => window.fzlint.loadConfig(null));
  }
  if (process.env.FZLINT_EDIT_FILE) {
    await openReport(process.env.FZLINT_EDIT_FILE);
    const before = await findings();
    await page.click('[data-action="edit"]');
    await page.focus("#editor");
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\n全年办理XX件。\n");
    await page.waitForFunction(
      (count) => document.querySelectorAll("#findings .finding").length > count, before.length);
    const typed = await findings();
    await page.click('[data-action="edit"]');
    await page.waitForSelector("#text:not([hidden])");
    out.edit = {
      before, typed,
      marked: await page.evaluate(() => [...document.querySelectorAll("#text mark")].map((m) => m.dataset.rule)),
    };
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
