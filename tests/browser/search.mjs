// Search in a real browser: headless Chromium opens /search/?q=… on built
// sites served as files (at the root and under a sub-path, the way GitHub
// Pages serves a project), and checks the results, the marks, the filters, the
// typing, the console and that no request leaves the machine.
//
//   node tests/browser/search.mjs CHECKS.json     (run by tests/search_browser.rs)
//   node tests/browser/search.mjs --measure DIR QUERY...
//
// CHECKS.json: { "sites": [{ "dir", "prefix", "cases"?, "typed"? }], "cases": [{ "q", "params"?,
// "expect": [paths] }], "words": [text], "terms": [[term]] } — `terms` are what
// the Rust side makes of `words`, to compare with search.js.
// --measure serves DIR at / and prints, for each query run in a fresh browser
// context (empty cache), the requests and bytes it took, as JSON.
// Needs playwright-core (through NODE_PATH) and Chromium at $CHRONICLE_CHROMIUM.

import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { launch } from "./chromium.mjs";

const TIMEOUT_MS = 15_000;
class Failure extends Error {}
const fail = (message) => { throw new Failure(message); };
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
};

// A static file server for one folder under a path prefix, counting what it sends.
function serve(dir, prefix) {
  const sent = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = null;
    if (path.startsWith(prefix)) {
      file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir))) file = null;
      else if (path.endsWith("/")) file = join(file, "index.html");
    }
    let body;
    try {
      if (!file || !statSync(file).isFile()) throw new Error("missing");
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      sent.push({ path, status: 404, bytes: 0 });
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(body);
    sent.push({ path, status: 200, bytes: body.length });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    resolve({ server, sent, origin: `http://127.0.0.1:${server.address().port}` });
  }));
}

// Opens a search URL and waits until its results are those of `q`.
async function open(page, url, q) {
  await page.goto(url);
  await page.waitForSelector(`#search-results[aria-busy="false"][data-query="${q.replace(/["\\]/g, "\\$&")}"]`,
    { state: "attached", timeout: TIMEOUT_MS }).catch(async () => {
    const status = await page.textContent("#search-status").catch(() => "?");
    fail(`${url}: no results for ${JSON.stringify(q)} within ${TIMEOUT_MS} ms (status: ${status})`);
  });
  return page.$$eval("#search-results h2 a", (links) => links.map((a) => a.getAttribute("href")));
}

async function check(config) {
  const browser = await launch();
  const problems = [];
  try {
    for (const site of config.sites) {
      const { dir, prefix } = site;
      // A site may have cases of its own (a chronicle in another language).
      const cases = site.cases || config.cases;
      const typedQuery = site.typed || config.typed;
      const { server, origin } = await serve(dir, prefix);
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on("console", (m) => { if (m.type() === "error") problems.push(`console error on ${page.url()}: ${m.text()}`); });
      page.on("pageerror", (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
      page.on("request", (r) => {
        const host = new URL(r.url()).host;
        if (!r.url().startsWith("data:") && host !== new URL(origin).host) problems.push(`request to another host: ${r.url()}`);
      });
      try {
        for (const c of cases) {
          const params = new URLSearchParams({ q: c.q, ...(c.params || {}) });
          const found = await open(page, `${origin}${prefix}search/?${params}`, c.q);
          const want = c.expect.map((p) => prefix + p);
          const got = [...found].sort();
          if (JSON.stringify(got) !== JSON.stringify([...want].sort())) {
            fail(`${prefix} ${params}: expected ${JSON.stringify(want)}, found ${JSON.stringify(found)}`);
          }
          if (c.q && want.length > 0) {
            const marks = await page.$$eval("#search-results mark", (m) => m.map((x) => x.textContent));
            if (c.marks && marks.length === 0) fail(`${prefix} ${params}: no word marked in the results`);
          }
          // A result in Hebrew or Arabic reads right to left on any site.
          const backwards = await page.$$eval("#search-results h2 a, #search-results .summary, #search-results .tags a",
            (nodes) => nodes.filter((n) => /^[^\p{L}]*[\u0590-\u06ff]/u.test(n.textContent) && getComputedStyle(n).direction !== "rtl")
              .map((n) => n.textContent.slice(0, 30)));
          if (backwards.length) fail(`${prefix} ${params}: read left to right: ${backwards[0]}`);
          if (want.length === 0) {
            const status = await page.textContent("#search-status");
            if (!status.trim()) fail(`${prefix} ${params}: no message for no results`);
          }
          console.log(`${prefix} ?${params}: ${found.length} results, as expected`);
        }

        // Typing runs the search and puts the query in the address.
        await page.goto(`${origin}${prefix}search/`);
        await page.waitForFunction(() => window.chronicleSearch, null, { timeout: TIMEOUT_MS });
        await page.fill("#search-q", "");
        await page.type("#search-q", typedQuery.q, { delay: 20 });
        await page.waitForSelector(`#search-results[aria-busy="false"][data-query="${typedQuery.q}"]`,
          { state: "attached", timeout: TIMEOUT_MS });
        const typed = await page.$$eval("#search-results h2 a", (l) => l.map((a) => a.getAttribute("href")));
        if (typed.length !== typedQuery.count) fail(`typing ${typedQuery.q}: ${typed.length} results, expected ${typedQuery.count}`);
        const query = new URL(page.url()).searchParams.get("q");
        if (query !== typedQuery.q) fail(`typing ${typedQuery.q}: the address says q=${query}`);
        // A result leads to its dispatch.
        await Promise.all([page.waitForURL((u) => u.pathname === typed[0], { timeout: TIMEOUT_MS }),
          page.click("#search-results h2 a")]);
        console.log(`${prefix}: typing "${typedQuery.q}" found ${typed.length}, the first opens ${typed[0]}`);

        // The browser's words are the index's words (as the sites' shared
        // cases' language stems them).
        if (site.cases) continue;
        await page.goto(`${origin}${prefix}search/`);
        await page.waitForFunction(() => window.chronicleSearch, null, { timeout: TIMEOUT_MS });
        const terms = await page.evaluate((words) => words.map((w) => window.chronicleSearch.terms(w)), config.words);
        config.words.forEach((w, i) => {
          if (JSON.stringify(terms[i]) !== JSON.stringify(config.terms[i])) {
            fail(`"${w}": search.js makes ${JSON.stringify(terms[i])}, the index ${JSON.stringify(config.terms[i])}`);
          }
        });
        console.log(`${prefix}: ${config.words.length} words give the same terms in the browser and the index`);
      } finally {
        await context.close();
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (problems.length) fail(problems.join("\n"));
}

async function measure(dir, queries) {
  const { server, sent, origin } = await serve(dir, "/");
  const browser = await launch();
  const report = [];
  try {
    for (const q of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      sent.length = 0;
      const found = await open(page, `${origin}/search/?q=${encodeURIComponent(q)}`, q);
      const status = await page.textContent("#search-status");
      const index = sent.filter((s) => s.path.startsWith("/search/") && s.path.endsWith(".json"));
      report.push({
        q, status, shown: found.length,
        requests: sent.length, bytes: sent.reduce((n, s) => n + s.bytes, 0),
        index_requests: index.length, index_bytes: index.reduce((n, s) => n + s.bytes, 0),
        files: sent.map((s) => `${s.path} ${s.bytes}`),
      });
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(JSON.stringify(report, null, 1));
}

try {
  if (process.argv[2] === "--measure") await measure(process.argv[3], process.argv.slice(4));
  else await check(JSON.parse(readFileSync(process.argv[2], "utf8")));
} catch (e) {
  console.error(e instanceof Failure ? `FAILED: ${e.message}` : e.stack);
  process.exit(1);
}
