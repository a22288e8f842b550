#!/usr/bin/env python3
"""Measures `chronicle serve`: the time from saving an edited dispatch to its
updated page being served, on a generated chronicle.

    python3 bench/serve_latency.py [COUNT] [EDITS]      (default 10000 dispatches, 30 edits)

It builds the release binary, generates the chronicle in a temporary folder,
starts `chronicle serve --port 0`, then, EDITS times: writes a new title into
one dispatch (a different dispatch each time) and measures until the new title
is served, in two ways, EDITS times each:

- polling: the page is fetched every millisecond until it has the new title
  (the fetching competes with the rebuild for this machine's two cores);
- as a browser: the open page's event stream says "reload", then the page is
  fetched once, as the live-reload script does.

Prints the median, p95 and max of each.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

# Between two saves: editors save seconds apart; a rebuild finishes its search
# index after the page is served, which takes a few hundred ms at 10,000.
SETTLE = 1.0

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    binary = os.path.join(REPO, "target", "release", "chronicle")
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "site")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), root, str(count)], check=True)
        server = subprocess.Popen([binary, "serve", "--port", "0", "--root", root],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            started = time.monotonic()
            url = None
            for line in server.stdout:
                match = re.search(r"http://\S+", line)
                if match:
                    url = match.group(0).rstrip("/")
                    break
            print(f"{count} dispatches: first build and serve ready in {time.monotonic() - started:.1f} s")
            # Keep reading the log so the server never blocks on a full pipe.
            log = []
            import threading
            threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()
            dispatches = sorted(os.listdir(os.path.join(root, "content", "dispatches")))
            events = reload_events(url)
            for mode in ("polling", "as a browser"):
                measure(mode, root, url, dispatches, edits, events, log)
        finally:
            server.terminate()
            server.wait()


def reload_events(url):
    """A queue that gets a line for every reload event the server sends."""
    import http.client
    import queue
    import threading
    from urllib.parse import urlparse
    got = queue.Queue()
    address = urlparse(url)

    def listen():
        conn = http.client.HTTPConnection(address.hostname, address.port)
        conn.request("GET", "/__chronicle/events", headers={"Accept": "text/event-stream"})
        response = conn.getresponse()
        while True:
            line = response.fp.readline()
            if not line:
                return
            if line.startswith(b"event: reload"):
                got.put(time.monotonic())

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(0.2)
    return got


def measure(mode, root, url, dispatches, edits, events, log):
    import queue
    latencies = []
    offset = 0 if mode == "polling" else edits
    for n in range(offset, offset + edits):
        name = dispatches[(n * 7919) % len(dispatches)]
        path = os.path.join(root, "content", "dispatches", name)
        with open(path) as f:
            text = f.read()
        marker = f"Édition {n} {time.time_ns()}"
        text = re.sub(r'^title: "[^"]*"', f'title: "{marker}"', text, count=1, flags=re.M)
        day, slug = name[:10], name[11:-3]
        page = f"{url}/{day.replace('-', '/')}/{slug}/"
        time.sleep(0.3)  # let the previous rebuild settle
        while not events.empty():
            events.get()
        saved = time.monotonic()
        with open(path, "w") as f:
            f.write(text)
        while True:
            if mode != "polling":
                try:
                    events.get(timeout=10)
                except queue.Empty:
                    sys.exit("no reload event within 10 s")
            body = urllib.request.urlopen(page).read().decode()
            if marker in body:
                break
            if mode == "polling":
                time.sleep(0.001)
        latencies.append((time.monotonic() - saved) * 1000)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"save → served ({mode}), {edits} edits: median {statistics.median(latencies):.0f} ms, "
          f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms")
    rebuilds = [l for l in log if l.startswith("rebuilt")]
    for line in rebuilds[-2:]:
        print("  rebuild:", line.strip())


if __name__ == "__main__":
    main()
