// Injected by `chronicle serve` only (never in a build): reloads the page when
// the site is rebuilt, swaps stylesheets for CSS-only edits, follows a page that
// moved, and shows a broken edit's error over the page.
(() => {
  const overlayId = "chronicle-error-overlay";
  const showError = (text) => {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;" +
        "background:rgba(20,20,20,.96);color:#f5f5f5;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "chronicle: the last edit broke the build; the page shows the last good site.\n\n" + text;
  };
  const hideError = () => document.getElementById(overlayId)?.remove();
  const events = new EventSource("/__chronicle/events");
  events.addEventListener("error-report", (e) => showError(JSON.parse(e.data).text));
  events.addEventListener("reload", (e) => {
    const change = JSON.parse(e.data);
    hideError();
    const here = location.pathname;
    const page = here.replace(/index\.html$/, "");
    const moved = change.moved && change.moved[here];
    if (moved) {
      location.replace(moved + location.hash);
      return;
    }
    // An edit's own page comes first, the rest of the site just after.
    if ((change.only && !change.only.includes(page)) || (change.fresh && change.fresh.includes(page))) {
      return;
    }
    if (change.css_only) {
      for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
        const url = new URL(link.href);
        url.searchParams.set("chronicle-reload", String(change.version));
        link.href = url.toString();
      }
    } else {
      location.reload();
    }
  });
})();
