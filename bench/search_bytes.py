#!/usr/bin/env python3
"""Measures what one search costs a reader: the requests and bytes a query
takes in a real browser (headless Chromium, empty cache), on a generated
chronicle, and how many files and bytes the search index adds to the site.

    python3 bench/search_bytes.py [COUNT] [QUERY...]     (default 10000 dispatches)

Needs what `bash tests/run.sh` installs (Chromium, playwright-core in
tests/tools/node_modules). It builds the release binary, generates the
chronicle in a temporary folder, builds it, and runs
`node tests/browser/search.mjs --measure` on the output. Bytes are as the
server sends them, uncompressed; GitHub Pages would gzip the JSON and scripts.
"""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
QUERIES = ["bombardement", "treve humanitaire", "Lieu 167", "4217", "Dépêche 4217", "zzqxw"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    queries = sys.argv[2:] or QUERIES
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    binary = os.path.join(REPO, "target", "release", "chronicle")
    with tempfile.TemporaryDirectory() as tmp:
        root, out = os.path.join(tmp, "site"), os.path.join(tmp, "public")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), root, str(count)], check=True)
        subprocess.run([binary, "build", "--root", root, "--output", out], check=True)
        files = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(out, "search")) for f in fs]
        size = sum(os.path.getsize(f) for f in files)
        total = sum(len(fs) for _, _, fs in os.walk(out))
        print(f"{count} dispatches: the search index is {len(files)} of the site's {total} files, "
              f"{size / 1e6:.1f} MB")
        env = dict(os.environ, NODE_PATH=os.path.join(REPO, "tests", "tools", "node_modules"))
        run = subprocess.run(["node", os.path.join(REPO, "tests", "browser", "search.mjs"), "--measure", out,
                              *queries], env=env, check=True, capture_output=True, text=True)
        print(f"{'query':<22} {'results':>8} {'requests':>9} {'bytes':>9} {'gzip -9':>9} {'of which index':>15}")
        for r in json.loads(run.stdout):
            zipped = 0
            for line in r["files"]:
                path = line.rsplit(" ", 1)[0]
                local = os.path.join(out, path.lstrip("/"))
                if path.endswith("/"):
                    local = os.path.join(local, "index.html")
                with open(local, "rb") as f:
                    zipped += len(gzip.compress(f.read(), 9))
            digits = re.match(r"[\d\s\u202f\u00a0]*", r["status"]).group(0)
            results = re.sub(r"\D", "", digits) if r["shown"] else "0"
            print(f"{r['q']:<22} {results:>8} {r['requests']:>9} {r['bytes']:>9} {zipped:>9} {r['index_bytes']:>15}")


if __name__ == "__main__":
    main()
