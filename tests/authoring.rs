//! `init`, `new` and `check`, run as an editor would run them, and what every
//! command says and exits with when its `--root` or `--base-url` is wrong.

mod common;

use common::{Fixture, chronicle, snapshot};

#[test]
fn init_then_build_gives_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("chronique");
    let root_arg = root.to_str().unwrap();
    chronicle(&["init", root_arg]).assert_ok();
    for file in [
        "chronicle.toml",
        "content/places.toml",
        "content/sides.toml",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    // The sample dispatch is named as `new` names one: its date, then its slug.
    let dispatches: Vec<String> = std::fs::read_dir(root.join("content/dispatches"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(dispatches.len(), 1, "{dispatches:?}");
    let name = &dispatches[0];
    assert!(name.ends_with("-first-dispatch.md"), "{name}");
    assert!(
        chrono::NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").is_ok(),
        "{name}"
    );
    let run = chronicle(&["build", "--root", root_arg]);
    run.assert_ok();
    assert!(run.stdout.contains("built 1 dispatch,"), "{}", run.dump());
    assert!(root.join("public/index.html").is_file());
    assert!(root.join("public/places/capital/index.html").is_file());
    // What init makes is clean: nothing for `check --strict` to fail on.
    let run = chronicle(&["check", "--strict", "--root", root_arg]);
    run.assert_ok();
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.dump()
    );
}

/// `init` takes its folder as the other commands do, with `--root`.
#[test]
fn init_takes_root_as_every_command_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("chronique");
    let root_arg = root.to_str().unwrap();
    chronicle(&["init", "--root", root_arg]).assert_ok();
    assert!(root.join("chronicle.toml").is_file());
    chronicle(&["build", "--root", root_arg]).assert_ok();
    let both = chronicle(&["init", "a", "--root", root_arg]);
    both.assert_usage_error();
    assert!(!dir.path().join("a").exists());
}

/// The sample chronicle is clean too: an editor's first `check --strict` on it passes.
#[test]
fn the_sample_chronicle_passes_a_strict_check() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = chronicle(&["check", "--strict", "--root", root]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("checked 6 dispatches: 0 errors, 0 warnings"),
        "{}",
        run.dump()
    );
}

#[test]
fn init_on_a_file_says_it_is_not_a_folder_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("afile");
    std::fs::write(&file, "mine").unwrap();
    let run = chronicle(&["init", file.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.dump());
    run.assert_stderr_has(&["afile is not a folder"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn init_refuses_a_folder_that_already_holds_a_chronicle_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    chronicle(&["init", root]).assert_ok();
    std::fs::write(dir.path().join("chronicle.toml"), "edited by hand").unwrap();
    let before = snapshot(dir.path());
    chronicle(&["init", root])
        .assert_usage_error()
        .assert_stderr_has(&["already holds a chronicle"]);
    assert_eq!(before, snapshot(dir.path()));
}

/// A folder with a content/ of its own and no chronicle.toml is likely
/// another tool's site: said as such, not as a chronicle, and left as it is.
#[test]
fn init_refuses_another_tools_site_and_says_what_it_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    std::fs::write(dir.path().join("content/posts/a.md"), "# A\n").unwrap();
    std::fs::write(dir.path().join("hugo.toml"), "title = 'mine'\n").unwrap();
    let before = snapshot(dir.path());
    let run = chronicle(&["init", dir.path().to_str().unwrap()]);
    run.assert_usage_error().assert_stderr_has(&[
        "already has a content/ folder (and hugo.toml: another tool's site?)",
        "run `chronicle init NEW-FOLDER` to start the chronicle in a folder of its own",
    ]);
    assert!(!run.stderr.contains("holds a chronicle"), "{}", run.dump());
    assert_eq!(before, snapshot(dir.path()));
}

/// A chronicle made inside another's content would be read as dispatches
/// and gazetteer files of that one: refused, nothing written.
#[test]
fn init_refuses_a_folder_inside_a_chronicles_content() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    chronicle(&["init", root]).assert_ok();
    let before = snapshot(dir.path());
    let inner = dir.path().join("content/other");
    chronicle(&["init", inner.to_str().unwrap()])
        .assert_usage_error()
        .assert_stderr_has(&["is inside the content of the chronicle in"]);
    assert_eq!(before, snapshot(dir.path()));
}

#[test]
fn new_writes_a_dated_file_prints_its_path_and_resolves_references() {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\naliases = [\"Hadrout\"]\n",
    );
    let root = site.root().to_str().unwrap();
    let run = chronicle(&[
        "new",
        "Combats à Hadrout",
        "--date",
        "2020-10-12",
        "--place",
        "hadrout",
        "--place",
        "Hadrot",
        "--side",
        "Arménie",
        "--root",
        root,
    ]);
    run.assert_ok();
    let path = run.stdout.trim();
    assert!(
        path.ends_with("content/dispatches/2020-10-12-combats-a-hadrout.md"),
        "{}",
        run.dump()
    );
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("places: [\"hadrut\", \"Hadrot\"]"), "{text}");
    run.assert_stderr_has(&[
        "place `Hadrot` is not declared",
        "did you mean `hadrut` (Hadrut)?",
    ]);
    site.build(&[]).assert_ok();
    assert!(site.exists("/2020/10/12/combats-a-hadrout/"));
}

#[test]
fn new_never_overwrites_a_dispatch() {
    let site = Fixture::new();
    let root = site.root().to_str().unwrap();
    let args = ["new", "Bilan", "--date", "2020-10-13", "--root", root];
    let first = chronicle(&args);
    first.assert_ok();
    let path = first.stdout.trim().to_string();
    std::fs::write(&path, "the editor's words").unwrap();
    chronicle(&args)
        .assert_content_error()
        .assert_stderr_has(&["already exists", "2020-10-13-bilan.md"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "the editor's words"
    );
}

/// A bad `--date` and a title or a place, side or topic with no letter or
/// digit are bad usage, exit status 2, and nothing is written.
#[test]
fn new_with_a_bad_date_or_an_empty_title_is_bad_usage() {
    let site = Fixture::new();
    let root = site.root().to_str().unwrap();
    for (args, said) in [
        (
            &["new", "Bilan", "--date", "13/10/2020"][..],
            "invalid --date `13/10/2020`",
        ),
        (
            &["new", "Bilan", "--date", "2020-02-30"],
            "invalid --date `2020-02-30`",
        ),
        (
            &["new", "!!!"],
            "cannot make a file name from the title `!!!`",
        ),
        (&["new", ""], "cannot make a file name from the title ``"),
        // Names that the build would refuse.
        (&["new", "Bilan", "--place", ""], "invalid --place ``"),
        (&["new", "Bilan", "--side", "  "], "invalid --side `  `"),
        (&["new", "Bilan", "--topic=---"], "invalid --topic `---`"),
    ] {
        let mut args = args.to_vec();
        args.extend(["--root", root]);
        let run = chronicle(&args);
        assert_eq!(run.code, 2, "{args:?}: expected bad usage\n{}", run.dump());
        run.assert_stderr_has(&[said]);
    }
    let dispatches = site.root().join("content/dispatches");
    let written = std::fs::read_dir(&dispatches).map_or(0, |d| d.count());
    assert_eq!(written, 0);
}

#[test]
fn new_defaults_to_now_with_an_offset() {
    let site = Fixture::new();
    let run = chronicle(&["new", "Maintenant", "--root", site.root().to_str().unwrap()]);
    run.assert_ok();
    let text = std::fs::read_to_string(run.stdout.trim()).unwrap();
    let date = text.lines().find_map(|l| l.strip_prefix("date: ")).unwrap();
    assert_eq!(date.len(), 25, "RFC 3339 with offset: {date}");
    assert!(date.contains('T'), "{date}");
}

#[test]
fn check_reports_problems_like_a_compiler_and_writes_nothing() {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\n\n[[place]]\nid = \"barda\"\n",
    );
    site.write(
        "content/sides.toml",
        "[[side]]\nid = \"armenia\"\nname = \"Arménie\"\n",
    );
    site.dispatch(
        "2020-10-12-a.md",
        "---\ntitle: A\ndate: 2020-10-12\nplaces: [Hadrot]\nsides: [armenia]\npalces: [x]\nclaims:\n  - by: azerbaidjan\n    says: x\ntags: [x]\nlastmod: 2020-10-13\n---\nVoir ![carte](carte.png).\n",
    );
    site.dispatch("2099-01-01-b.md", "---\ntitle: B\ndate: 2099-01-01\n---\n");
    site.dispatch(
        "2020-10-13-c.md",
        "+++\ntitle = \"C\"\ndate = 2020-10-13\ncategories = [\"x\"]\n+++\nTexte.\n",
    );
    let root = site.root().to_str().unwrap();
    let run = chronicle(&["check", "--root", root]);
    run.assert_ok().assert_stderr_has(&[
        "unknown field `palces`",
        "did you mean `places`?",
        "`tags` is another tool's field (Hugo, Zola or Jekyll); chronicle calls it `topics`",
        "rename it `topics`, or write it under `extra:` if it is for the theme",
        "2020-10-12-a.md:10:1",
        // In TOML front-matter, the table.
        "2020-10-13-c.md:4:1",
        "write it under `[extra]` if it is for the theme",
        "`lastmod` is another tool's field (Hugo, Zola or Jekyll); chronicle calls it `updated`",
        "place `Hadrot` is not declared",
        "did you mean `hadrut` (Hadrut)?",
        "side `azerbaidjan` is not declared",
        "link to a file the site does not have",
        "page bundle",
        "this dispatch has no place",
        "this dispatch has no side",
        "the date 2099-01-01 is in the future",
        "the place `barda` is declared but no dispatch uses it",
        "2020-10-12-a.md:4:10",
        "checked 3 dispatches: 0 errors,",
        // The hints name this chronicle's own places and sides (the most
        // used, here none: the first by id), not the sample's.
        "places: [barda]",
        "sides: [armenia]",
    ]);
    assert!(
        !run.stderr.contains("azerbaijan, armenia"),
        "{}",
        run.dump()
    );
    chronicle(&["check", "--root", root, "--strict"]).assert_content_error();
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn check_fails_on_errors_and_speaks_json_for_editors() {
    let site = Fixture::new();
    site.dispatch("a.md", "---\ntitle: A\ndate: 2020-02-30\n---\n");
    site.dispatch("b.md", "---\ntitle: B\ndate: 2020-02-28\n---\n");
    let root = site.root().to_str().unwrap();
    chronicle(&["check", "--root", root])
        .assert_content_error()
        .assert_stderr_has(&["a.md:3:7", "checked 2 dispatches: 1 error"]);
    let run = chronicle(&["check", "--root", root, "--format", "json"]);
    run.assert_content_error();
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.dump()));
    assert_eq!(json["errors"], 1);
    let first = &json["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "content/dispatches/a.md");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 7);
    assert!(
        first["label"].as_str().unwrap().contains("no day 30"),
        "{first}"
    );
}

#[test]
fn the_sample_chronicle_checks_without_errors() {
    let run = chronicle(&["check", "--root", env!("CARGO_MANIFEST_DIR")]);
    run.assert_ok();
    assert!(
        run.stderr.contains("checked 6 dispatches: 0 errors"),
        "{}",
        run.dump()
    );
}

/// A new GitHub repository has a README and a .gitignore: `init` keeps both,
/// adds to the .gitignore only the lines it lacks, and refuses nothing else.
#[test]
fn init_in_a_new_github_repository_keeps_its_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# My chronicle\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "/public/\n*.log").unwrap();
    let root = dir.path().to_str().unwrap();
    let run = chronicle(&["init", root]);
    run.assert_ok();
    assert!(
        run.stdout.contains("added the lines chronicle needs to"),
        "{}",
        run.dump()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "# My chronicle\n"
    );
    let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert!(
        ignore.starts_with("/public/\n*.log\n\n# chronicle\n"),
        "{ignore}"
    );
    assert_eq!(ignore.matches("/public/").count(), 1, "{ignore}");
    assert!(
        ignore.contains("/.chronicle-record*") && ignore.contains(".*.chronicle-new/"),
        "{ignore}"
    );
    assert!(dir.path().join("chronicle.toml").is_file());
    // A second init is refused, and changes nothing.
    let before = snapshot(dir.path());
    chronicle(&["init", root]).assert_usage_error();
    assert_eq!(before, snapshot(dir.path()));
}

/// A `--root` that is no folder and a `--base-url` that is no URL are bad
/// usage, exit status 2 (not 1, which says the content has errors), for every
/// command that takes them, and the message says which folder or URL.
#[test]
fn a_root_that_is_no_folder_and_a_bad_base_url_are_bad_usage_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nonexistent");
    let missing = missing.to_str().unwrap();
    let file = dir.path().join("a-file.txt");
    std::fs::write(&file, "not a chronicle").unwrap();
    let file = file.to_str().unwrap();
    let usage = |args: &[&str], said: &str| {
        let run = chronicle(args);
        assert_eq!(run.code, 2, "{args:?}: expected bad usage\n{}", run.dump());
        run.assert_stderr_has(&[said, "give --root the folder that holds chronicle.toml"]);
        assert!(run.stdout.is_empty(), "{args:?}\n{}", run.dump());
    };
    for command in [
        &["build"][..],
        &["check"],
        &["check", "--format", "json"],
        &["new", "A title"],
        &["serve", "--port", "0"],
    ] {
        for (root, said) in [
            (missing, format!("error: there is no folder {missing}")),
            (file, format!("error: {file} is not a folder")),
        ] {
            let mut args = command.to_vec();
            args.extend(["--root", root]);
            usage(&args, &said);
        }
    }
    assert!(!dir.path().join("nonexistent").exists(), "nothing was made");

    let site = Fixture::new();
    let root = site.root().to_str().unwrap();
    for url in ["notaurl", "/repo/", "ftp://example.org/"] {
        let run = chronicle(&["build", "--root", root, "--base-url", url]);
        assert_eq!(run.code, 2, "{url}: expected bad usage\n{}", run.dump());
        run.assert_stderr_has(&[
            &format!("error: invalid --base-url `{url}`"),
            "expected an absolute http(s) URL",
        ]);
        assert!(!site.output().exists(), "{url}: nothing was written");
    }
    // A good --base-url still builds; a folder that is no chronicle is the
    // content's problem, as before.
    chronicle(&[
        "build",
        "--root",
        root,
        "--base-url",
        "https://user.github.io/repo/",
    ])
    .assert_ok();
    let empty = tempfile::tempdir().unwrap();
    chronicle(&["check", "--root", empty.path().to_str().unwrap()])
        .assert_content_error()
        .assert_stderr_has(&["cannot read", "chronicle.toml"]);
}

/// The Build step of the workflow `init` writes, run as GitHub runs it (its
/// script in bash, with its variables), against the published site served
/// over HTTP: it downloads the sitemap and says which published page a
/// renamed dispatch loses; before the first deployment (nothing served) it
/// builds all the same.
#[test]
fn the_workflows_build_step_warns_of_what_the_published_site_loses() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("war");
    chronicle(&["init", root.to_str().unwrap()]).assert_ok();
    let workflow = std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    // The `run: |` block of the Build step, unindented.
    let step = workflow
        .split("- name: Build")
        .nth(1)
        .expect("a Build step");
    let block = step.split("run: |\n").nth(1).expect("a run block");
    let script: String = block
        .lines()
        .take_while(|line| line.is_empty() || line.starts_with("          "))
        .map(|line| format!("{}\n", line.trim_start()))
        .collect();
    assert!(script.contains("--published"), "{script}");

    let deployed = dir.path().join("deployed");
    std::fs::create_dir_all(&deployed).unwrap();
    let mut server = std::process::Command::new("python3")
        .args([
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(&deployed)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 runs");
    let mut said = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stdout.take().unwrap()),
        &mut said,
    )
    .unwrap();
    let port = said
        .split(" port ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no port in {said:?}"))
        .to_string();
    let base = format!("http://127.0.0.1:{port}");
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_chronicle"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run_step = || {
        let runner_temp = tempfile::tempdir().unwrap();
        let output = std::process::Command::new("bash")
            // As GitHub runs a step's script: `bash -e`.
            .args(["--noprofile", "--norc", "-e", "-c", &script])
            .env("BASE_URL", &base)
            .env("RUNNER_TEMP", runner_temp.path())
            .env("GITHUB_WORKSPACE", &root)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_ACTIONS")
            .output()
            .unwrap();
        let _ = std::fs::remove_dir_all(root.join("public"));
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };

    // The first deployment: nothing is published yet.
    let (ok, stderr) = run_step();
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("no longer in the site"), "{stderr}");
    // Published, then a dispatch renamed.
    common::build(&root, &deployed, &["--base-url", &format!("{base}/")]).assert_ok();
    let dispatches = root.join("content/dispatches");
    let name = std::fs::read_dir(&dispatches)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with("-first-dispatch.md"))
        .unwrap();
    let date = &name[..10];
    std::fs::rename(
        dispatches.join(&name),
        dispatches.join(format!("{date}-renamed.md")),
    )
    .unwrap();
    let (ok, stderr) = run_step();
    assert!(ok, "{stderr}");
    let old = format!("/{}/first-dispatch/", date.replace('-', "/"));
    let lost = format!("1 page of the published site is no longer in the site: {old}");
    assert!(stderr.contains(&lost), "{stderr}");
    assert!(
        stderr.contains(&format!("aliases: [\"{old}\"]")),
        "{stderr}"
    );
    // A site big enough for a sitemap index: its parts are downloaded too.
    std::fs::rename(deployed.join("sitemap.xml"), deployed.join("sitemap-1.xml")).unwrap();
    let index = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex>\n\
         <sitemap><loc>{base}/sitemap-1.xml</loc></sitemap><sitemap><loc>{base}/sitemap-2.xml</loc></sitemap>\n\
         </sitemapindex>\n"
    );
    std::fs::write(deployed.join("sitemap.xml"), index).unwrap();
    std::fs::write(
        deployed.join("sitemap-2.xml"),
        format!("<urlset><url><loc>{base}/</loc></url></urlset>\n"),
    )
    .unwrap();
    let (ok, stderr) = run_step();
    assert!(ok, "{stderr}");
    assert!(stderr.contains(&lost), "{stderr}");
    // A part that cannot be downloaded: the site is built and deployed all the same.
    std::fs::remove_file(deployed.join("sitemap-2.xml")).unwrap();
    let (ok, stderr) = run_step();
    let _ = server.kill();
    let _ = server.wait();
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("no longer in the site"), "{stderr}");
}
