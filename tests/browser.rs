//! `chronicle serve` in a real browser: headless Chromium, driven by
//! Playwright (tests/browser/reload.mjs), watches an open dispatch page reload
//! itself after an edit and show, then drop, a broken edit's error; and the
//! default theme, built, as readers meet it (tests/browser/theme.mjs).
//!
//! Needs Chromium and the npm package playwright-core: `bash tests/run.sh`
//! installs both and sets CHRONICLE_CHROMIUM and CHRONICLE_NODE_MODULES.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::server::Server;

/// A path from the environment, or the default; panics, saying how to install
/// the browser tools, if it does not exist.
fn tool(variable: &str, default: &Path, what: &str) -> PathBuf {
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

/// In a module so that `bash tests/run.sh browser` (a filter on test names) picks it.
mod browser {
    use super::*;

    /// The node_modules that hold playwright-core (and axe-core), checked.
    fn node_modules(manifest: &Path, packages: &[&str]) -> PathBuf {
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
        node_modules
    }

    /// The sample site in Chromium at phone and desktop widths, light and
    /// dark: screenshots in target/screenshots/theme/ (or
    /// $CHRONICLE_SCREENSHOTS), axe-core's WCAG 2 A/AA rules, no console
    /// error, no request elsewhere, the print button and the printed dispatch.
    #[test]
    #[ignore = "needs chromium, playwright-core and axe-core; run tests/run.sh"]
    fn the_default_theme_passes_axe_in_light_and_dark_at_phone_and_desktop_widths() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let chromium = tool(
            "CHRONICLE_CHROMIUM",
            Path::new("/usr/bin/chromium"),
            "Chromium",
        );
        let node_modules = node_modules(manifest, &["playwright-core", "axe-core"]);
        let screenshots = std::env::var_os("CHRONICLE_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("target/screenshots/theme"));
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        common::build(manifest, &site, &[]).assert_ok();
        // A site with a language, a theme and side colours of its own, and
        // sources with URLs (the sample's have none) for the printed page.
        let other = tmp.path().join("other");
        common::build(
            &manifest.join("tests/fixtures/theme-override"),
            &other,
            &["--base-url", "http://127.0.0.1/"],
        )
        .assert_ok();

        let script = manifest.join("tests/browser/theme.mjs");
        let run = Command::new("node")
            .arg(&script)
            .arg(&site)
            .arg(&screenshots)
            .arg(&other)
            .arg("/2020/11/01/erster-bericht/")
            .env("NODE_PATH", &node_modules)
            .env("CHRONICLE_CHROMIUM", &chromium)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run node (see tests/run.sh): {e}"));
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            run.status.success(),
            "{} failed ({}):\n--- its output\n{stdout}\n--- its errors\n{stderr}",
            script.display(),
            run.status,
        );
        println!("{stdout}");
    }

    #[test]
    #[ignore = "needs chromium and playwright-core; run tests/run.sh"]
    fn an_open_page_reloads_itself_after_an_edit_and_shows_a_broken_edit() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let chromium = tool(
            "CHRONICLE_CHROMIUM",
            Path::new("/usr/bin/chromium"),
            "Chromium",
        );
        let node_modules = node_modules(manifest, &["playwright-core"]);
        let script = manifest.join("tests/browser/reload.mjs");

        let server = Server::sample();
        let started = Instant::now();
        let run = Command::new("node")
            .arg(&script)
            .arg(&server.url)
            .arg(&server.root)
            .env("NODE_PATH", &node_modules)
            .env("CHRONICLE_CHROMIUM", &chromium)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| {
                panic!("cannot run node (needed for the browser test; see tests/run.sh): {e}")
            });
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            run.status.success(),
            "{} {} {} failed ({}):\n--- its output\n{stdout}\n--- its errors\n{stderr}\n--- chronicle serve said\n{}",
            script.display(),
            server.url,
            server.root.display(),
            run.status,
            server.output.lock().unwrap()
        );
        println!(
            "{stdout}browser test took {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
}
