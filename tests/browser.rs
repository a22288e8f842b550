//! `chronicle serve` in a real browser: headless Chromium, driven by
//! Playwright (tests/browser/reload.mjs), watches an open dispatch page reload
//! itself after an edit and show, then drop, a broken edit's error; and the
//! default theme, built, as readers meet it (tests/browser/theme.mjs).
//!
//! Needs Chromium and the npm package playwright-core: `bash tests/run.sh`
//! installs both and sets CHRONICLE_CHROMIUM and CHRONICLE_NODE_MODULES.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use common::browser::run_script;
use common::server::Server;

/// In a module so that `bash tests/run.sh browser` (a filter on test names) picks it.
mod browser {
    use super::*;

    /// The sample site in Chromium at phone and desktop widths, light and
    /// dark: screenshots in target/screenshots/theme/ (or
    /// $CHRONICLE_SCREENSHOTS), axe-core's WCAG 2 A/AA rules, no console
    /// error, no request elsewhere, the print button and the printed dispatch.
    #[test]
    #[ignore = "needs chromium, playwright-core and axe-core; run tests/run.sh"]
    fn the_default_theme_passes_axe_in_light_and_dark_at_phone_and_desktop_widths() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
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
        // A site in a language written right to left.
        let rtl = tmp.path().join("rtl");
        common::build(
            &manifest.join("tests/fixtures/right-to-left"),
            &rtl,
            &["--base-url", "http://127.0.0.1/"],
        )
        .assert_ok();

        let stdout = run_script(
            "theme.mjs",
            &[
                &site,
                &screenshots,
                &other,
                &"/2020/11/01/erster-bericht/",
                &rtl,
                &"/2023/04/15/khartoum/",
            ],
            &["playwright-core", "axe-core"],
            &String::new,
        );
        println!("{stdout}");
    }

    #[test]
    #[ignore = "needs chromium and playwright-core; run tests/run.sh"]
    fn an_open_page_reloads_itself_after_an_edit_and_shows_a_broken_edit() {
        let server = Server::sample();
        let started = Instant::now();
        let stdout = run_script(
            "reload.mjs",
            &[&server.url, &server.root],
            &["playwright-core"],
            &|| {
                format!(
                    "\n--- chronicle serve said\n{}",
                    server.output.lock().unwrap()
                )
            },
        );
        println!(
            "{stdout}browser test took {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
}
