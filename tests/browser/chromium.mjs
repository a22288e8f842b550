// What the browser tests share (reload.mjs, search.mjs, theme.mjs): Chromium
// at $CHRONICLE_CHROMIUM (default /usr/bin/chromium) driven by playwright-core,
// with the flags known to work here, and npm packages found through NODE_PATH.
import { createRequire } from "node:module";

export const executablePath = process.env.CHRONICLE_CHROMIUM || "/usr/bin/chromium";

// ES modules ignore NODE_PATH; require() honours it.
export const require = createRequire(import.meta.url);

/// `get()`, or the process ends saying that `what` is missing and how to install it.
export function load(what, get) {
  try {
    return get();
  } catch (e) {
    console.error(`cannot load ${what} (NODE_PATH=${process.env.NODE_PATH ?? ""}): ${e.message}\n` +
      "install it with: bash tests/run.sh");
    process.exit(1);
  }
}

export const { chromium } = load("playwright-core", () => require("playwright-core"));

// The flags known to work here: the machine's network is closed, and Chromium's
// own background traffic would only fail. Playwright adds a new empty profile.
export const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/// Starts Chromium with those flags.
export const launch = (options = {}) => chromium.launch({ executablePath, args: ARGS, ...options });
