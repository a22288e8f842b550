//! Running a Node script that drives headless Chromium (playwright-core), for
//! the real-browser tests. `bash tests/run.sh` installs Chromium and the npm
//! packages and sets CHRONICLE_CHROMIUM and CHRONICLE_NODE_MODULES.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A path from the environment, or the default; panics, saying how to install
/// the browser tools, if it does not exist.
pub fn tool(variable: &str, default: &Path, what: &str) -> PathBuf {
    let path = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| default.to_path_buf());
    assert!(
        path.exists(),
        "{what} not found at {} (set {variable} to override): run `bash tests/run.sh` \
         (or `bash tests/run.sh browser`), which installs Chromium and playwright-core",
        path.display()
    );
    path
}

/// Runs `node tests/browser/SCRIPT ARGS…` with Chromium and the tools'
/// node_modules (checked to hold `packages`); panics with its output, and
/// `context`, unless it succeeds. Returns what it printed.
pub fn run_script(
    script: &str,
    args: &[&dyn AsRef<std::ffi::OsStr>],
    packages: &[&str],
    context: &dyn Fn() -> String,
) -> String {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = tool(
        "CHRONICLE_CHROMIUM",
        Path::new("/usr/bin/chromium"),
        "Chromium",
    );
    let node_modules = tool(
        "CHRONICLE_NODE_MODULES",
        &manifest.join("tests/tools/node_modules"),
        "the tools' node_modules",
    );
    for package in packages {
        assert!(
            node_modules.join(package).join("package.json").exists(),
            "{package} not found in {} (set CHRONICLE_NODE_MODULES to override): run \
             `bash tests/run.sh` (or `bash tests/run.sh browser`), which installs it",
            node_modules.display()
        );
    }
    let script = manifest.join("tests/browser").join(script);
    let run = Command::new("node")
        .arg(&script)
        .args(args.iter().map(|a| a.as_ref()))
        .env("NODE_PATH", &node_modules)
        .env("CHRONICLE_CHROMIUM", &chromium)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run node (needed for the browser tests; see tests/run.sh): {e}")
        });
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "{} failed ({}):\n--- its output\n{stdout}\n--- its errors\n{stderr}{}",
        script.display(),
        run.status,
        context()
    );
    stdout
}
