//! Output checks: build the sample site with the real binary, then validate it
//! with the Nu HTML Checker (vnu) and check its links with lychee, offline.
//!
//! These tests are `#[ignore]`d so that a plain `cargo test` needs no external
//! tools. `bash tests/run.sh` installs the tools into `tests/tools/` and runs
//! them with `cargo test --release -- --include-ignored`.
//!
//! Tool paths come from `CHRONICLE_VNU_JAR` and `CHRONICLE_LYCHEE`, falling back
//! to where `tests/run.sh` installs them. Set `CHRONICLE_KEEP_OUTPUT=1` to keep
//! the built site in the temporary folder for inspection after a failure.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPO_ROOT: &str = env!("CARGO_MANIFEST_DIR");
const CHRONICLE: &str = env!("CARGO_BIN_EXE_chronicle");

#[test]
#[ignore = "needs vnu and lychee; run tests/run.sh"]
fn the_sample_site_is_valid_html_with_no_broken_links_at_the_root() {
    let (vnu_jar, lychee) = (vnu_jar(), lychee());
    let tmp = temp_dir();
    let site = tmp.path().join("site");
    let base_url = "https://example.org/";

    build_site(&site, base_url);
    check_html(&vnu_jar, &site);
    check_links(&lychee, &site, &site, base_url);
}

#[test]
#[ignore = "needs vnu and lychee; run tests/run.sh"]
fn the_sample_site_works_under_a_sub_path() {
    let (vnu_jar, lychee) = (vnu_jar(), lychee());
    let tmp = temp_dir();
    // The site is served from https://user.github.io/repo/, so its files live
    // in <root>/repo and a link such as /repo/2020/10/28/x/ resolves to
    // <root>/repo/2020/10/28/x/ on disk. Nothing else is put in <root>: a link
    // that escapes /repo/ points at a file that isn't there.
    let root = tmp.path().join("root");
    let site = root.join("repo");
    let base_url = "https://user.github.io/repo/";

    build_site(&site, base_url);
    check_stays_under_sub_path(&site, "/repo/", "https://user.github.io", "/repo");
    check_html(&vnu_jar, &site);
    check_links(&lychee, &site, &root, base_url);
}

// ---------------------------------------------------------------------------

fn temp_dir() -> tempfile::TempDir {
    let keep = std::env::var_os("CHRONICLE_KEEP_OUTPUT").is_some_and(|v| !v.is_empty());
    let dir = tempfile::Builder::new()
        .prefix("chronicle-output-check-")
        .disable_cleanup(keep)
        .tempdir()
        .expect("cannot create a temporary folder");
    if keep {
        eprintln!(
            "CHRONICLE_KEEP_OUTPUT is set: the output stays in {}",
            dir.path().display()
        );
    }
    dir
}

/// A tool's path: from the environment variable, else the default under the
/// repository; panics with a hint if it's not there.
fn tool(var: &str, default_under_repo: &str) -> PathBuf {
    let path = match std::env::var_os(var) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(REPO_ROOT).join(default_under_repo),
    };
    if !path.is_file() {
        panic!(
            "{} not found (set {var}, or run `bash tests/run.sh`, which installs it into tests/tools/ \
             and runs these tests)",
            path.display()
        );
    }
    path
}

fn vnu_jar() -> PathBuf {
    tool(
        "CHRONICLE_VNU_JAR",
        "tests/tools/node_modules/vnu-jar/build/dist/vnu.jar",
    )
}

fn lychee() -> PathBuf {
    tool("CHRONICLE_LYCHEE", "tests/tools/venv/bin/lychee")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", describe(cmd)))
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

fn report(cmd: &Command, out: &Output) -> String {
    format!(
        "command: {}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        describe(cmd),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn build_site(output: &Path, base_url: &str) {
    let mut cmd = Command::new(CHRONICLE);
    cmd.arg("build")
        .arg("--root")
        .arg(REPO_ROOT)
        .arg("--output")
        .arg(output)
        .arg("--base-url")
        .arg(base_url);
    let out = run(&mut cmd);
    assert!(
        out.status.success(),
        "chronicle build failed\n{}",
        report(&cmd, &out)
    );
    assert!(
        output.join("index.html").is_file(),
        "chronicle build succeeded but wrote no {}\n{}",
        output.join("index.html").display(),
        report(&cmd, &out)
    );
}

/// Every HTML file (and CSS and SVG file) must pass the Nu HTML Checker with no
/// error. Feeds and other files are skipped: vnu checks HTML, CSS and SVG only.
fn check_html(vnu_jar: &Path, site: &Path) {
    let mut cmd = Command::new("java");
    cmd.arg("-jar")
        .arg(vnu_jar)
        .args(["--skip-non-html", "--also-check-css", "--also-check-svg"])
        .args(["--errors-only", "--format", "gnu"])
        .arg(site);
    let out = run(&mut cmd);
    // With --errors-only, vnu prints nothing for a valid site. Java's own
    // "Picked up JAVA_TOOL_OPTIONS: ..." notice is not a finding.
    let findings: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&out.stderr).lines())
        .filter(|l| !l.trim().is_empty())
        .filter(|l| !(l.starts_with("Picked up ") || l.starts_with("NOTE: Picked up ")))
        .map(str::to_owned)
        .collect();
    assert!(
        out.status.success() && findings.is_empty(),
        "the Nu HTML Checker found {} problem(s) in {}:\n{}\n\ncommand: {}\nstatus: {}",
        findings.len(),
        site.display(),
        findings.join("\n"),
        describe(&cmd),
        out.status
    );
}

/// lychee, offline, over every file of the site: links between local files
/// (root-relative ones resolved against `root_dir`), `#fragment`s, and folder
/// links, which need an index.html as on a static host. Absolute links to the
/// site's own base URL are remapped to the files on disk and checked too;
/// links to other hosts are excluded by --offline, never fetched.
fn check_links(lychee: &Path, site: &Path, root_dir: &Path, base_url: &str) {
    let site_url = format!("file://{}/", site.display());
    let remap = format!("^{} {}", regex_escape(base_url), site_url);
    let mut cmd = Command::new(lychee);
    cmd.current_dir(site.parent().unwrap()) // away from any lychee.toml in the repo
        .args([
            "--offline",
            "--no-progress",
            "--mode",
            "plain",
            "--format",
            "json",
        ])
        .args(["--no-ignore", "--hidden"])
        .args(["--include-fragments", "--index-files", "index.html"])
        .arg("--root-dir")
        .arg(root_dir)
        .arg("--remap")
        .arg(&remap)
        .arg("--")
        .arg(site);
    let out = run(&mut cmd);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let errors = json_count(&stdout, "errors");
    let successful = json_count(&stdout, "successful");
    if !(out.status.success() && errors == Some(0)) {
        // The full JSON report also lists every excluded link of every page:
        // show only its error_map, when there is one.
        match error_map(&stdout) {
            Some(errors) => panic!(
                "lychee found broken links in {}:\n{errors}\n\ncommand: {}\nstatus: {}\n--- stderr ---\n{}",
                site.display(),
                describe(&cmd),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ),
            None => panic!(
                "lychee failed on {}\n{}",
                site.display(),
                report(&cmd, &out)
            ),
        }
    }
    assert!(
        successful.is_some_and(|n| n > 0),
        "lychee checked no link at all in {}\n{}",
        site.display(),
        report(&cmd, &out)
    );
}

/// Escapes a URL for use as a literal in a regular expression.
fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The number in `"key": N` of lychee's JSON report (the top-level counters).
fn json_count(json: &str, key: &str) -> Option<u64> {
    let needle = format!("\"{key}\":");
    let start = json.find(&needle)? + needle.len();
    let digits: String = json[start..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The "error_map" part of lychee's JSON report, which lists the broken links.
fn error_map(json: &str) -> Option<&str> {
    match (json.find("\"error_map\""), json.find("\"timeout_map\"")) {
        (Some(a), Some(b)) if a < b => Some(json[a..b].trim_end()),
        _ => None,
    }
}

/// On a host that serves the site under a sub-path (GitHub Pages project
/// sites), a root-relative link outside that path is broken. Checks every
/// `href`/`src`/`srcset` in the HTML files, and every absolute URL to the host
/// in any text file (feeds, sitemaps, robots.txt, CSS).
fn check_stays_under_sub_path(site: &Path, prefix: &str, origin: &str, path: &str) {
    let mut bad = Vec::new();
    for file in files_under(site) {
        let ext = file.extension().and_then(OsStr::to_str).unwrap_or("");
        if !matches!(
            ext,
            "html" | "htm" | "xml" | "css" | "txt" | "json" | "svg" | "js"
        ) {
            continue;
        }
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        let rel = file
            .strip_prefix(site)
            .unwrap_or(&file)
            .display()
            .to_string();
        if matches!(ext, "html" | "htm" | "svg") {
            for (line, value) in root_relative_urls(&text) {
                if !value.starts_with(prefix) {
                    bad.push(format!(
                        "{rel}:{line}: {value:?} does not start with {prefix:?}"
                    ));
                }
            }
        }
        for (i, _) in text.match_indices(origin) {
            let rest = &text[i + origin.len()..];
            let ok = rest.starts_with(&format!("{path}/"))
                || (rest.starts_with(path)
                    && !rest[path.len()..]
                        .starts_with(|c: char| c.is_alphanumeric() || "-_.".contains(c)));
            if !ok {
                let line = text[..i].matches('\n').count() + 1;
                let shown: String = text[i..]
                    .chars()
                    .take(80)
                    .take_while(|c| !"\"'<> \n".contains(*c))
                    .collect();
                bad.push(format!(
                    "{rel}:{line}: {shown:?} is outside {origin}{path}/"
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} link(s) escape the sub-path {prefix} (they would 404 when the site is served there):\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// (line, value) of every root-relative URL (`/x`, not `//host/x`) in an
/// `href`, `src` or `srcset` attribute (any attribute whose name ends so, e.g.
/// `xlink:href`, `data-src`), quoted with `"` or `'`.
fn root_relative_urls(html: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for attr in ["href", "src", "srcset"] {
        for (i, _) in lower.match_indices(attr) {
            let mut rest = &html[i + attr.len()..];
            // `src` also matches the start of `srcset`: that one is handled as srcset.
            if attr == "src" && lower[i..].starts_with("srcset") {
                continue;
            }
            rest = rest.trim_start();
            let Some(after_eq) = rest.strip_prefix('=') else {
                continue;
            };
            let after_eq = after_eq.trim_start();
            let Some(quote) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(end) = after_eq[1..].find(quote) else {
                continue;
            };
            let value = &after_eq[1..1 + end];
            let line = html[..i].matches('\n').count() + 1;
            let urls: Vec<&str> = if attr == "srcset" {
                value
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .collect()
            } else {
                vec![value.trim()]
            };
            for url in urls {
                if url.starts_with('/') && !url.starts_with("//") {
                    found.push((line, url.to_owned()));
                }
            }
        }
    }
    found
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot read {}: {e}", d.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", d.display()));
            let path = entry.path();
            let ty = entry
                .file_type()
                .unwrap_or_else(|e| panic!("cannot stat {}: {e}", path.display()));
            if ty.is_dir() {
                stack.push(path);
            } else if ty.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
