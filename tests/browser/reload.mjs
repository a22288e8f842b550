// A real browser against `chronicle serve`: an open dispatch page reloads by
// itself after an edit, shows a broken edit's error over the page and drops it
// once fixed, swaps its stylesheet without reloading after a CSS-only edit, and
// follows its dispatch to a new date.
//
//   node tests/browser/reload.mjs URL ROOT
//
// URL is the address `chronicle serve` printed, ROOT the site it serves (a
// copy: this script edits it). Needs playwright-core (found through NODE_PATH)
// and Chromium at $CHRONICLE_CHROMIUM (default /usr/bin/chromium). With
// $CHRONICLE_SCREENSHOTS=DIR it saves DIR/dispatch.png and DIR/overlay.png.
// Run by tests/browser.rs; exits 0 on success, 1 with the reason otherwise.

import { launch } from "./chromium.mjs";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [url, root] = process.argv.slice(2);
if (!url || !root) {
  console.error("usage: node tests/browser/reload.mjs URL ROOT");
  process.exit(2);
}
const screenshots = process.env.CHRONICLE_SCREENSHOTS || "";

const TIMEOUT_MS = 10_000;

const base = new URL(url);
const DISPATCH_FILE_PREFIX = "2020-10-09-";
const PAGE = "/2020/10/09/poutine-invite-armeniens-et-azeris-a-moscou/";
const MOVED_PAGE = "/2020/10/10/poutine-invite-armeniens-et-azeris-a-moscou/";
const OVERLAY = "chronicle-error-overlay";

const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(2)} s] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class Failure extends Error {}
const fail = (message) => { throw new Failure(message); };

/// Polls `check` (which may throw while the page is navigating) until it
/// returns something truthy; fails after TIMEOUT_MS with `what` and the last state.
async function waitUntil(what, check, describe) {
  const deadline = Date.now() + TIMEOUT_MS;
  const since = Date.now();
  let last = "";
  for (;;) {
    try {
      const value = await check();
      if (value) {
        log(`  ${what}: after ${Date.now() - since} ms`);
        return value;
      }
      last = describe ? await describe() : "";
    } catch (e) {
      last = `(${e.message.split("\n")[0]})`;
    }
    if (Date.now() > deadline) fail(`timed out after ${TIMEOUT_MS / 1000} s waiting for ${what}; last seen: ${last}`);
    await sleep(50);
  }
}

const dispatchDir = join(root, "content", "dispatches");
const name = readdirSync(dispatchDir).find((f) => f.startsWith(DISPATCH_FILE_PREFIX));
if (!name) {
  console.error(`no dispatch ${DISPATCH_FILE_PREFIX}* in ${dispatchDir}`);
  process.exit(1);
}
const file = join(dispatchDir, name);
const original = readFileSync(file, "utf8");

const requests = [];
const consoleErrors = [];
const badResponses = [];
let navigations = 0;
let streamOpen = false;

const browser = await launch({ timeout: 30_000 });
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  context.on("request", (r) => requests.push(r.url()));
  context.on("response", (r) => { if (r.status() >= 400) badResponses.push(`${r.status()} ${r.url()}`); });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`console: ${m.text()} (${m.location().url})`); });
  page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on("framenavigated", (f) => { if (f === page.mainFrame()) { navigations += 1; streamOpen = false; } });
  page.on("response", (r) => {
    if (new URL(r.url()).pathname === "/__chronicle/events" && r.frame() === page.mainFrame()) streamOpen = true;
  });

  const h1 = () => page.evaluate(() => document.querySelector("main h1")?.textContent.replace(/\s+/g, " ").trim() ?? null);
  const state = async () => JSON.stringify(await page.evaluate(() => ({
    url: location.pathname, h1: document.querySelector("main h1")?.textContent.trim(),
    marker: window.chronicleTestMarker ?? null,
    overlay: document.getElementById("chronicle-error-overlay")?.textContent.slice(0, 300) ?? null,
  })));
  // A mark on the window: a reload wipes it, anything less keeps it.
  const mark = (value) => page.evaluate((v) => { window.chronicleTestMarker = v; }, value);
  const marked = () => page.evaluate(() => window.chronicleTestMarker ?? null);
  // The page's own event stream answered (so the server has it subscribed)
  // since the page last loaded: an edit before that could go unheard.
  const connected = () => streamOpen;

  // 0. The dispatch page, as a reader opened it.
  log(`opening ${new URL(PAGE, base)}`);
  const response = await page.goto(new URL(PAGE, base).href, { waitUntil: "load" });
  if (response?.status() !== 200) fail(`GET ${PAGE}: ${response?.status()}`);
  const oldTitle = await h1();
  if (!oldTitle || !original.includes(oldTitle)) fail(`the page's h1 (${oldTitle}) is not the title in ${name}`);
  log(`  h1: ${oldTitle}`);
  if (!(await page.evaluate(() => [...document.scripts].some((s) => s.src.endsWith("/__chronicle/reload.js"))))) {
    fail("the page has no /__chronicle/reload.js script");
  }
  await waitUntil("the reload script's event stream to be open", connected);
  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "dispatch.png") });
  }

  // A second tab on the home page, which lists the dispatch.
  const home = await context.newPage();
  let homeNavigations = 0;
  let homeStreamOpen = false;
  home.on("framenavigated", (f) => { if (f === home.mainFrame()) { homeNavigations += 1; homeStreamOpen = false; } });
  home.on("response", (r) => {
    if (new URL(r.url()).pathname === "/__chronicle/events" && r.frame() === home.mainFrame()) homeStreamOpen = true;
  });
  await home.goto(new URL("/", base).href, { waitUntil: "load" });
  await waitUntil("the home tab's event stream to be open", () => homeStreamOpen);

  // 1. An edit of the title: the page reloads by itself and shows it. The
  //    edited dispatch's page is served first, the rest of the site just
  //    after: each open page reloads once, when its own new version is there.
  const newTitle = `Titre modifié pendant que la page est ouverte ${process.pid}`;
  const edited = original.replace(/^title: .*$/m, `title: "${newTitle}"`);
  if (edited === original) fail(`no title line in ${name}`);
  await mark("before the edit");
  const navigationsBefore = navigations;
  const homeNavigationsBefore = homeNavigations;
  log(`editing the title in content/dispatches/${name}`);
  writeFileSync(file, edited);
  await waitUntil("the page to reload itself and show the new title",
    async () => (await h1()) === newTitle && (await marked()) === null, state);
  if (navigations === navigationsBefore) fail("the title changed but the page did not navigate");
  if (new URL(page.url()).pathname !== PAGE) fail(`the page went to ${page.url()}`);
  if ((await page.title()).startsWith(newTitle) === false) fail(`document.title is ${await page.title()}`);
  await waitUntil("the home tab to reload and list the new title",
    () => home.evaluate((t) => document.body.textContent.includes(t), newTitle));
  await sleep(500);
  if (navigations !== navigationsBefore + 1) fail(`the dispatch page loaded ${navigations - navigationsBefore} times for one edit`);
  if (homeNavigations !== homeNavigationsBefore + 1) fail(`the home tab loaded ${homeNavigations - homeNavigationsBefore} times for one edit`);
  log("  each open page reloaded once");
  await home.close();

  // 2. A broken edit: the error shows over the page, which is not reloaded
  //    and still shows the last good site; fixing the file removes it.
  await page.waitForLoadState("load");
  await waitUntil("the reloaded page's event stream to be open", connected);
  await mark("during the broken edit");
  const closing = edited.indexOf("\n---", 3);
  if (!edited.startsWith("---\n") || closing < 0) fail(`${name} has no front-matter`);
  log(`breaking ${name}: front-matter without its closing ---`);
  writeFileSync(file, edited.slice(0, closing + 1));
  const overlayText = await waitUntil("the error overlay naming the file",
    () => page.evaluate((id) => document.getElementById(id)?.textContent ?? null, OVERLAY)
      .then((text) => (text && text.includes(name) ? text : null)),
    state);
  log(`  overlay: ${overlayText.replace(/\s+/g, " ").slice(0, 240)}`);
  if (!(await page.isVisible(`#${OVERLAY}`))) fail("the overlay is in the page but not visible");
  if ((await marked()) !== "during the broken edit") fail("the page reloaded after the broken edit");
  if ((await h1()) !== newTitle) fail(`the page under the overlay shows ${await h1()}, not the last good site`);
  if (screenshots) await page.screenshot({ path: join(screenshots, "overlay.png") });
  log(`fixing ${name}`);
  writeFileSync(file, edited);
  await waitUntil("the overlay to go",
    () => page.evaluate((id) => document.getElementById(id) === null, OVERLAY), state);
  await waitUntil("the fixed page to show the title", async () => (await h1()) === newTitle, state);

  // 3. A CSS-only edit, in a theme of the site's own overriding style.css: the
  //    stylesheet is swapped and the page is not reloaded. Setting the theme up
  //    (a new folder, a config edit) may reload the page or swap its stylesheet,
  //    so the test waits for the override to apply, then for things to settle.
  await page.waitForLoadState("load");
  const css = await (await fetch(new URL("/style.css", base))).text();
  const property = () => page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue("--chronicle-browser-test").trim());
  if ((await property()) !== "") fail("the test's custom property is set before the theme");
  const config = join(root, "chronicle.toml");
  const themeStatic = join(root, "themes", "browser-test", "static");
  log("adding themes/browser-test/static/style.css (the default one, plus a custom property) and theme = \"browser-test\"");
  writeFileSync(config, `theme = "browser-test"\n${readFileSync(config, "utf8")}`);
  mkdirSync(themeStatic, { recursive: true });
  writeFileSync(join(themeStatic, "style.css"), `${css}\n:root { --chronicle-browser-test: 1px; }\n`);
  await waitUntil("the theme's stylesheet to apply", async () => (await property()) === "1px", state);
  await sleep(300);
  await page.waitForLoadState("load");
  await waitUntil("the page's event stream to be open", connected);
  await mark("during the CSS edit");
  const navigationsBeforeCss = navigations;
  log("editing themes/browser-test/static/style.css");
  writeFileSync(join(themeStatic, "style.css"), `${css}\n:root { --chronicle-browser-test: 2px; }\n`);
  await waitUntil("the edited stylesheet to apply", async () => (await property()) === "2px", state);
  if ((await marked()) !== "during the CSS edit" || navigations !== navigationsBeforeCss) {
    fail("the page reloaded for a CSS-only edit");
  }
  const href = await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').href);
  if (!href.includes("chronicle-reload=")) fail(`the stylesheet link was not swapped: ${href}`);
  log(`  stylesheet now ${new URL(href).pathname}${new URL(href).search}, no reload`);

  // 4. The dispatch moves to another date: the open page follows it.
  log("moving the dispatch from 2020-10-09 to 2020-10-10");
  const moved = edited.replace(/^date: 2020-10-09$/m, "date: 2020-10-10");
  if (moved === edited) fail(`no 'date: 2020-10-09' line in ${name}`);
  writeFileSync(file, moved);
  await waitUntil(`the page to follow its dispatch to ${MOVED_PAGE}`,
    async () => new URL(page.url()).pathname === MOVED_PAGE && (await h1()) === newTitle, state);
  await page.waitForLoadState("load");

  // 5. Nothing but the server was asked, and the console stayed clean.
  await sleep(300);
  const foreign = requests.filter((u) => {
    const r = new URL(u);
    return !(r.protocol === "data:" || (r.protocol === "http:" && r.host === base.host));
  });
  log(`${requests.length} requests, all to ${base.host}: ${[...new Set(requests.map((u) => new URL(u).pathname))].join(" ")}`);
  if (foreign.length) fail(`requests to other hosts than ${base.host}:\n  ${foreign.join("\n  ")}`);
  if (badResponses.length) fail(`error responses:\n  ${badResponses.join("\n  ")}`);
  if (consoleErrors.length) fail(`console errors:\n  ${consoleErrors.join("\n  ")}`);
  log(`ok: ${navigations} navigations (1 open, reloads, 1 move)`);
} catch (e) {
  failed = true;
  console.error(`FAILED: ${e instanceof Failure ? e.message : e.stack}`);
  if (requests.length) console.error(`requests so far:\n  ${requests.join("\n  ")}`);
  if (consoleErrors.length) console.error(`console errors so far:\n  ${consoleErrors.join("\n  ")}`);
} finally {
  await browser.close().catch(() => {});
}
process.exit(failed ? 1 : 0);
