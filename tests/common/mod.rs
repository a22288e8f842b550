//! Helpers shared by the end-to-end tests: running the `chronicle` binary,
//! writing fixture sites into temporary folders, and reading built pages by URL.

#![allow(dead_code)]

pub mod browser;
pub mod server;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the whole output unless the run succeeded.
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected exit status 0\n{}", self.dump());
        self
    }

    /// Panics with the whole output unless the run failed with status 1 (content errors).
    pub fn assert_content_error(&self) -> &Self {
        assert_eq!(
            self.code,
            1,
            "expected exit status 1 (content errors)\n{}",
            self.dump()
        );
        self
    }

    /// Panics with the whole output unless the run failed with status 2 (bad usage).
    pub fn assert_usage_error(&self) -> &Self {
        assert_eq!(
            self.code,
            2,
            "expected exit status 2 (bad usage)\n{}",
            self.dump()
        );
        self
    }

    /// Panics unless stderr contains every fragment.
    pub fn assert_stderr_has(&self, fragments: &[&str]) -> &Self {
        for fragment in fragments {
            assert!(
                self.stderr.contains(fragment),
                "expected stderr to contain {fragment:?}\n{}",
                self.dump()
            );
        }
        self
    }

    /// Panics unless stderr contains at least one of the fragments.
    pub fn assert_stderr_has_any(&self, fragments: &[&str]) -> &Self {
        assert!(
            fragments.iter().any(|f| self.stderr.contains(f)),
            "expected stderr to contain one of {fragments:?}\n{}",
            self.dump()
        );
        self
    }

    pub fn dump(&self) -> String {
        format!(
            "--- exit status: {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `chronicle` with these arguments.
pub fn chronicle(args: &[&str]) -> Run {
    run(Command::new(env!("CARGO_BIN_EXE_chronicle")).args(args))
}

/// Runs `chronicle` with these arguments from the folder `dir` (as a user
/// does, with `--root` left out or relative).
pub fn chronicle_in(dir: &Path, args: &[&str]) -> Run {
    run(Command::new(env!("CARGO_BIN_EXE_chronicle"))
        .args(args)
        .current_dir(dir))
}

/// Runs `chronicle` with these arguments and environment variables.
pub fn chronicle_with_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chronicle"));
    run(command.args(args).envs(env.iter().copied()))
}

fn run(command: &mut Command) -> Run {
    // (Tests run in GitHub Actions too: chronicle's annotations only where asked.)
    if !command.get_envs().any(|(key, _)| key == "GITHUB_ACTIONS") {
        command.env_remove("GITHUB_ACTIONS");
    }
    let output = command
        .env("NO_COLOR", "1")
        .output()
        .expect("the chronicle binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `chronicle build --root ROOT --output OUTPUT` plus `extra` arguments.
pub fn build(root: &Path, output: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    chronicle(&args)
}

/// How many files a build says it wrote (`… (N files written, …`, `1 file`).
pub fn written(run: &Run) -> usize {
    let at = run
        .stdout
        .find(" written,")
        .unwrap_or_else(|| panic!("no `N files written` in\n{}", run.dump()));
    let before = &run.stdout[..at];
    let before = before
        .strip_suffix(" files")
        .or_else(|| before.strip_suffix(" file"))
        .unwrap_or_else(|| panic!("no `N files written` in\n{}", run.dump()));
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

/// The file a URL path of the site is served from: `/2020/` → `2020/index.html`.
pub fn file_of(output: &Path, url: &str) -> PathBuf {
    let relative = url.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        output.join(relative).join("index.html")
    } else {
        output.join(relative)
    }
}

/// The text of the page at a URL path; panics, listing what the output has, when it is missing.
pub fn page(output: &Path, url: &str) -> String {
    let path = file_of(output, url);
    match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!(
            "cannot read {url} ({}): {e}\noutput has:\n{}",
            path.display(),
            listing(output).join("\n")
        ),
    }
}

pub fn exists(output: &Path, url: &str) -> bool {
    file_of(output, url).is_file()
}

/// Every file under a folder, by `/`-separated relative path, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(
                    path.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file of a folder, by its path, with its bytes and modification time.
pub type Snapshot = BTreeMap<String, (Vec<u8>, SystemTime)>;

/// Every file under a folder with its bytes and modification time.
pub fn snapshot(dir: &Path) -> Snapshot {
    listing(dir)
        .into_iter()
        .map(|relative| {
            let path = dir.join(&relative);
            let bytes = fs::read(&path).unwrap();
            let mtime = fs::metadata(&path).unwrap().modified().unwrap();
            (relative, (bytes, mtime))
        })
        .collect()
}

/// Panics, naming the first difference, unless two snapshots are the same.
pub fn assert_same_snapshot(
    before: &BTreeMap<String, (Vec<u8>, SystemTime)>,
    after: &BTreeMap<String, (Vec<u8>, SystemTime)>,
) {
    let old: Vec<&String> = before.keys().collect();
    let new: Vec<&String> = after.keys().collect();
    assert_eq!(old, new, "the set of files changed");
    for (path, (bytes, mtime)) in before {
        let (bytes_after, mtime_after) = &after[path];
        assert!(bytes == bytes_after, "{path} changed content");
        assert_eq!(
            mtime, mtime_after,
            "{path} was rewritten (its modification time changed)"
        );
    }
}

/// Enough time for a rewritten file to get a different modification time on any file system.
pub fn let_the_clock_move() {
    std::thread::sleep(std::time::Duration::from_millis(1100));
}

/// The part of a page between two markers (the first `start`, then the next `end`).
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &text[from..];
    let to = rest
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?} in the page"));
    &rest[..to + end.len()]
}

/// A site made by a test in a temporary folder, built into `ROOT/public`.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const DEFAULT_CONFIG: &str =
    "title = \"Fixture chronicle\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n";

impl Fixture {
    /// A site with a minimal `chronicle.toml` and an empty `content/dispatches/`.
    pub fn new() -> Self {
        Self::with_config(DEFAULT_CONFIG)
    }

    pub fn with_config(config: &str) -> Self {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        fixture.write("chronicle.toml", config);
        fs::create_dir_all(fixture.root().join("content/dispatches")).unwrap();
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file of the site, making its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    /// Writes `content/dispatches/NAME`.
    pub fn dispatch(&self, name: &str, contents: impl AsRef<[u8]>) {
        self.write(&format!("content/dispatches/{name}"), contents);
    }

    /// Writes a YAML dispatch with a title, a date and extra front-matter lines.
    pub fn simple(&self, name: &str, title: &str, date: &str, extra: &str, body: &str) {
        self.dispatch(
            name,
            format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n{body}\n"),
        );
    }

    /// `chronicle build --root ROOT --output ROOT/public` plus `extra`.
    pub fn build(&self, extra: &[&str]) -> Run {
        build(self.root(), &self.output(), extra)
    }

    pub fn page(&self, url: &str) -> String {
        page(&self.output(), url)
    }

    pub fn exists(&self, url: &str) -> bool {
        exists(&self.output(), url)
    }
}
