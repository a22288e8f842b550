//! The corpus of bad chronicles in tests/corpus/bad/: each one must fail `build`
//! and `check` with exit status 1 (never a panic), name every expected
//! file:line:col and message of its `expected.txt`, and leave the previous
//! output byte for byte. The chronicles in tests/corpus/good/ must build.

mod common;

use std::path::{Path, PathBuf};

use common::{build, chronicle, snapshot};

fn cases(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(kind);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no case in {}", dir.display());
    cases
}

#[test]
fn every_bad_chronicle_fails_with_its_messages_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    // A previous, good build of the sample chronicle in the output folder.
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &output, &[]).assert_ok();
    let before = snapshot(&output);
    let mut failures = Vec::new();
    for case in cases("bad") {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        for run in [
            build(&case, &output, &[]),
            chronicle(&["check", "--root", case.to_str().unwrap()]),
        ] {
            if run.code != 1 {
                failures.push(format!(
                    "{name}: exit status {} instead of 1\n{}",
                    run.code,
                    run.dump()
                ));
            }
            for line in expected.lines().filter(|l| !l.is_empty()) {
                if !run.stderr.contains(line) {
                    failures.push(format!("{name}: stderr lacks {line:?}\n{}", run.dump()));
                }
            }
        }
        assert!(
            before == snapshot(&output),
            "{name}: the previous output changed"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_good_chronicle_builds_and_checks() {
    for case in cases("good") {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        let run = build(&case, &dir.path().join("public"), &[]);
        assert_eq!(run.code, 0, "{name}\n{}", run.dump());
        let run = chronicle(&["check", "--root", case.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{name}\n{}", run.dump());
    }
}

#[test]
fn a_very_large_dispatch_builds() {
    let site = common::Fixture::new();
    let paragraph =
        "Les forces ont poursuivi leurs tirs sur des localités du Karabakh : « trêve » rompue ! "
            .repeat(40);
    let body: String = (0..2_000)
        .map(|i| format!("## Section {i}\n\n{paragraph}\n\n"))
        .collect();
    site.dispatch(
        "2020-10-12-long.md",
        format!("---\ntitle: Long\ndate: 2020-10-12\n---\n{body}"),
    );
    assert!(body.len() > 6_000_000);
    site.build(&[]).assert_ok();
    assert!(
        site.page("/2020/10/12/long/")
            .contains("id=\"section-1999\"")
    );
}
