#!/usr/bin/env python3
"""Measures `chronicle serve`: the time from saving an edited dispatch to its
updated page being served, on a generated chronicle.

    python3 bench/serve_latency.py [COUNT] [EDITS]      (default 10000 dispatches, 30 edits)

It builds the release binary, generates the chronicle in a temporary folder,
starts `chronicle serve --port 0`, then, EDITS times: writes a new title into
one dispatch (a different dispatch each time) and polls its page every
millisecond until the new title is served. Prints the median, p95 and max.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

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
            latencies = []
            for n in range(edits):
                name = dispatches[(n * 7919) % len(dispatches)]
                path = os.path.join(root, "content", "dispatches", name)
                with open(path) as f:
                    text = f.read()
                marker = f"Édition {n} {time.time_ns()}"
                text = re.sub(r'^title: "[^"]*"', f'title: "{marker}"', text, count=1, flags=re.M)
                day, slug = name[:10], name[11:-3]
                page = f"{url}/{day.replace('-', '/')}/{slug}/"
                time.sleep(0.3)  # let the previous rebuild settle
                saved = time.monotonic()
                with open(path, "w") as f:
                    f.write(text)
                while True:
                    body = urllib.request.urlopen(page).read().decode()
                    if marker in body:
                        break
                    time.sleep(0.001)
                latencies.append((time.monotonic() - saved) * 1000)
            latencies.sort()
            p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
            print(f"save → served, {edits} edits: median {statistics.median(latencies):.0f} ms, "
                  f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms")
            rebuilds = [l for l in log if l.startswith("rebuilt")]
            if rebuilds:
                for line in rebuilds[-3:]:
                    print("rebuild:", line.strip())
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
