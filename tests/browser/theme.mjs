// The default theme as readers meet it, in a real browser: the built sample
// site, served from this machine, at phone (390 px) and desktop (1280 px)
// widths, in light and dark colour schemes.
//
//   node tests/browser/theme.mjs SITE SCREENSHOTS
//
// SITE is a built site (served here at the root), SCREENSHOTS the folder for
// the screenshots (PAGE-WIDTH-SCHEME.png, and the printed dispatch), OTHER_SITE
// a second built site (tests/fixtures/theme-override) and OTHER_DISPATCH_PATH a
// dispatch of it with sources that have URLs, to print; RTL_SITE a site in a
// language written right to left (tests/fixtures/right-to-left) and
// RTL_DISPATCH_PATH a dispatch of it. Every page's title is on its first
// screen, and <html dir> says which way the page runs. For every
// page and mode (the search page too): axe-core finds no WCAG 2 A/AA violation, the page is no wider
// than the screen, no console error, no request to another host. Then the
// print button (shown only with JavaScript), the printed dispatch (date,
// places, sides, sources with their URLs), and the skip link.
// Needs playwright-core and axe-core (through NODE_PATH) and Chromium at
// $CHRONICLE_CHROMIUM (default /usr/bin/chromium). Run by tests/browser.rs;
// exits 0 on success, 1 with every failure otherwise.

import { launch, load, require } from "./chromium.mjs";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";

const [site, screenshots, otherSite, otherPath, rtlSite, rtlPath] = process.argv.slice(2);
if (!site || !screenshots || !otherSite || !otherPath || !rtlSite || !rtlPath) {
  console.error("usage: node tests/browser/theme.mjs SITE SCREENSHOTS OTHER_SITE OTHER_DISPATCH_PATH RTL_SITE RTL_DISPATCH_PATH");
  process.exit(2);
}
const axeSource = load("axe-core", () => readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));

const PAGES = {
  home: "/",
  dispatch: "/2020/10/28/poursuite-des-combats-hadrut-lachin/",
  place: "/places/hadrut/",
  month: "/2020/10/",
  archive: "/archive/",
  search: "/search/",
};
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const SCHEMES = ["light", "dark"];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// A static server for a built site, as GitHub Pages serves it.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".xml": "application/xml", ".json": "application/json", ".png": "image/png" };
const serve = async (site) => {
  const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  let file = join(site, path);
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(readFileSync(join(site, "404.html")));
  }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return [server, `http://127.0.0.1:${server.address().port}`];
};
const [server, base] = await serve(site);
// The other site: a third language, a theme of its own, a light side colour,
// and sources with URLs, for the printed dispatch.
const [otherServer, otherBase] = await serve(otherSite);
// A site in a language written right to left (tests/fixtures/right-to-left).
const [rtlServer, rtlBase] = await serve(rtlSite);

const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${message}`); };
const requests = [];
const consoleErrors = [];
mkdirSync(screenshots, { recursive: true });

const browser = await launch({ timeout: 30_000 });
const watch = (context) => {
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", (page) => {
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`); });
    page.on("pageerror", (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message}`));
  });
};
try {
  for (const scheme of SCHEMES) {
    for (const [widthName, viewport] of Object.entries(WIDTHS)) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      watch(context);
      const page = await context.newPage();
      const more = { other: otherBase + otherPath, rtl: rtlBase + rtlPath, "rtl-home": rtlBase + "/" };
      for (const [name, path] of Object.entries({ ...PAGES, ...more })) {
        const where = `${name} (${path}) at ${widthName} width, ${scheme}`;
        const response = await page.goto(path.startsWith("http") ? path : base + path, { waitUntil: "load" });
        if (response?.status() !== 200) { fail(`${where}: status ${response?.status()}`); continue; }
        // The whole page, and what the first screen shows.
        await page.screenshot({ path: join(screenshots, `${name}-${viewport.width}-${scheme}.png`), fullPage: true });
        await page.screenshot({ path: join(screenshots, `${name}-${viewport.width}-${scheme}-screen.png`) });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) fail(`${where}: the page is ${overflow} px wider than the screen`);
        // A map is never most of a screen (a tall gazetteer drew a locator
        // map of 512 px, mostly empty, on a phone).
        const tall = await page.evaluate(() => [...document.querySelectorAll(".chart svg")]
          .map((svg) => svg.getBoundingClientRect().height)
          .filter((height) => height > window.innerHeight * 0.6 + 1));
        if (tall.length) fail(`${where}: a chart is ${Math.round(tall[0])} px high, more than 60% of the screen`);
        // A chart's words are as readable as the page's small print: text
        // in an SVG shrinks with it (the timeline's dates were 5 px on a phone).
        const tiny = await page.evaluate(() => [...document.querySelectorAll(".chart text, .chart p, .chart span")]
          .filter((t) => t.getClientRects().length)
          .map((t) => {
            const size = parseFloat(getComputedStyle(t).fontSize);
            const scale = t instanceof SVGElement ? t.ownerSVGElement.getScreenCTM().a : 1;
            return [size * scale, t.textContent];
          })
          .filter(([px]) => px < 10.5));
        if (tiny.length) fail(`${where}: a chart's text "${tiny[0][1]}" is ${tiny[0][0].toFixed(1)} px high`);
        // The first screen shows the page's title (a right-to-left page once
        // opened scrolled to an empty stretch beside it).
        const title = await page.evaluate(() => {
          const h = document.querySelector("main h1, h1");
          const box = h?.getBoundingClientRect();
          return { dir: document.documentElement.dir, box: box && { left: box.left, right: box.right, top: box.top } };
        });
        if (!title.box || title.box.right <= 0 || title.box.left >= viewport.width || title.box.top >= viewport.height)
          fail(`${where}: the title is not on the first screen: ${JSON.stringify(title)}`);
        if (title.dir !== (name.startsWith("rtl") ? "rtl" : "ltr")) fail(`${where}: dir="${title.dir}"`);
        // Code reads left to right on a right-to-left page too (JSON came
        // out reordered), and a tag (#topic) keeps its mark before it.
        const backwards = await page.evaluate(() => [...document.querySelectorAll("pre, code")]
          .filter((c) => getComputedStyle(c).direction !== "ltr").map((c) => c.textContent.slice(0, 40)));
        if (backwards.length) fail(`${where}: code read right to left: ${backwards[0]}`);
        if (name === "rtl" && !(await page.$("pre"))) fail(`${where}: the fixture's code block is missing`);
        // Back and forward arrows point the way the page reads: mirrored on a
        // right-to-left page, where back is to the right.
        const arrows = await page.evaluate(() => [...document.querySelectorAll(".arrow")]
          .map((a) => [a.textContent, getComputedStyle(a).transform]));
        if (["dispatch", "rtl"].includes(name) && !arrows.length) fail(`${where}: no back or forward arrow`);
        const mirrored = name.startsWith("rtl") ? (t) => t.startsWith("matrix(-1") : (t) => t === "none";
        for (const [arrow, transform] of arrows)
          if (!mirrored(transform)) fail(`${where}: the arrow ${arrow} has transform ${transform}`);
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
        for (const v of result.violations) {
          const nodes = v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`);
          fail(`${where}: axe ${v.id} (${v.impact}) ${v.help}\n    ${nodes.join("\n    ")}`);
        }
        console.log(`${where}: ${result.passes.length} axe rules pass, ${result.violations.length} violations`);
      }
      await context.close();
    }
  }

  // The print button: there with JavaScript, and it prints; absent without.
  {
    const context = await browser.newContext({ viewport: WIDTHS.desktop });
    watch(context);
    const page = await context.newPage();
    await page.goto(otherBase + otherPath, { waitUntil: "load" });
    await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
    const button = page.locator("button.print-button");
    if (!(await button.isVisible())) fail("the print button is hidden although JavaScript runs");
    else {
      await button.click();
      if ((await page.evaluate(() => window.printed)) !== 1) fail("the print button did not call window.print()");
    }

    // The printed dispatch: the date, places, sides and sources with their URLs; no navigation.
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(screenshots, "dispatch-print.png"), fullPage: true });
    const printed = await page.evaluate(() => {
      const shown = (selector) => [...document.querySelectorAll(selector)].some((e) => getComputedStyle(e).display !== "none" && e.getClientRects().length > 0);
      const after = [...document.querySelectorAll(".sources a.source[href]")].map((a) => ({ href: a.getAttribute("href"), after: getComputedStyle(a, "::after").content }));
      return { nav: shown(".site-nav"), button: shown(".print-button"), date: shown("article .meta time"),
        places: shown(".facts .place"), sides: shown(".facts .badge.side"), permalink: shown(".print-only"), after };
    });
    for (const what of ["date", "places", "sides", "permalink"]) if (!printed[what]) fail(`the printed dispatch does not show its ${what}`);
    if (printed.nav || printed.button) fail("the printed dispatch shows the navigation or the print button");
    if (!printed.after.length) fail("the dispatch has no source link to print");
    for (const { href, after } of printed.after) if (!after.includes(href)) fail(`a printed source does not show its URL ${href}: ${after}`);
    await page.pdf({ path: join(screenshots, "dispatch.pdf"), format: "A4" });
    await context.close();

    const noScript = await browser.newContext({ viewport: WIDTHS.desktop, javaScriptEnabled: false });
    watch(noScript);
    const plain = await noScript.newPage();
    await plain.goto(base + PAGES.dispatch, { waitUntil: "load" });
    if (await plain.locator("button.print-button").isVisible()) fail("without JavaScript the print button shows, and would do nothing");
    await noScript.close();
  }

  // Hebrew on a German (left-to-right) site: the dispatch's title and body
  // read right to left, and a Hebrew name in a list is isolated from the
  // count after it, so "(1)" is not drawn on its wrong side.
  {
    const context = await browser.newContext({ viewport: WIDTHS.desktop });
    watch(context);
    const page = await context.newPage();
    const direction = (selector) => page.evaluate((s) => [...document.querySelectorAll(s)]
      .map((e) => [e.textContent.trim().slice(0, 30), getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi]), selector);
    await page.goto(otherBase + "/2020/11/05/dritter-bericht/", { waitUntil: "load" });
    if ((await page.evaluate(() => document.documentElement.dir)) !== "ltr") fail("the German site is not left to right");
    for (const selector of ["main h1", ".facts .place"])
      for (const [text, dir] of await direction(selector))
        if (dir !== "rtl") fail(`Hebrew ${selector} "${text}" reads ${dir}`);
    // Each paragraph of the body takes the side of its own first letter:
    // a Hebrew one's text ends at its right edge, a Latin one's starts at its left.
    const paragraphs = await page.$$eval("article .body p", (ps) => ps.map((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      const text = range.getBoundingClientRect();
      const box = p.getBoundingClientRect();
      const hebrew = /^[^\p{L}]*[\u0590-\u05ff]/u.test(p.textContent);
      return { text: p.textContent.slice(0, 30), hebrew, right: box.right - text.right, left: text.left - box.left };
    }));
    if (paragraphs.length !== 3) fail(`the Hebrew dispatch has ${paragraphs.length} paragraphs, not 3`);
    for (const p of paragraphs) {
      const [flush, gap] = p.hebrew ? [p.right, p.left] : [p.left, p.right];
      if (Math.abs(flush) > 2 || gap < 20) fail(`the paragraph "${p.text}" is not aligned to its own start: ${JSON.stringify(p)}`);
    }
    await page.goto(otherBase + "/places/", { waitUntil: "load" });
    const names = await direction(".terms a");
    const hebrew = names.filter(([text]) => /[\u0590-\u05ff]/.test(text));
    if (!hebrew.length) fail("the places list has no Hebrew name");
    for (const [text, dir, bidi] of names) {
      const expected = /[\u0590-\u05ff]/.test(text) ? "rtl" : "ltr";
      if (dir !== expected || bidi !== "isolate") fail(`the place "${text}" in the list: ${dir}, unicode-bidi ${bidi}`);
    }
    await context.close();
  }

  // The skip link: the first Tab shows it, Enter goes to the content.
  {
    const context = await browser.newContext({ viewport: WIDTHS.phone });
    watch(context);
    const page = await context.newPage();
    await page.goto(base + PAGES.home, { waitUntil: "load" });
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const a = document.activeElement;
      const box = a.getBoundingClientRect();
      return { cls: a.className, visible: box.left >= 0 && box.width > 0, outline: getComputedStyle(a).outlineStyle };
    });
    if (skip.cls !== "skip-link" || !skip.visible) fail(`the first Tab does not show the skip link: ${JSON.stringify(skip)}`);
    if (skip.outline === "none") fail("the focused skip link has no visible outline");
    await page.screenshot({ path: join(screenshots, "skip-link-390.png") });
    await page.keyboard.press("Enter");
    if (!page.url().endsWith("#main")) fail(`the skip link went to ${page.url()}`);
    await context.close();
  }
} catch (e) {
  fail(`error: ${e.stack}`);
} finally {
  await browser.close().catch(() => {});
  server.close();
  otherServer.close();
  rtlServer.close();
}

const foreign = requests.filter((u) => ![base, otherBase, rtlBase, "data:"].some((b) => u.startsWith(b === "data:" ? b : b + "/")));
if (foreign.length) fail(`requests to other hosts:\n  ${[...new Set(foreign)].join("\n  ")}`);
if (consoleErrors.length) fail(`console errors:\n  ${consoleErrors.join("\n  ")}`);
console.log(`${requests.length} requests, all to ${base} and ${otherBase}; screenshots in ${screenshots}`);
if (failures.length) {
  console.error(`${failures.length} failures:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("ok");
