//! A rebuild into an existing output makes again only the files whose inputs
//! changed (the record the last build left in the site's folder says what
//! each file was made from), and gives what a first build gives.

mod common;

use std::fs;

use common::*;

/// What a first build into a new folder gives for the site as it is now.
fn assert_same_as_a_first_build(site: &Fixture) {
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("public");
    build(site.root(), &out, &[]).assert_ok();
    let (rebuilt, first) = (snapshot(&site.output()), snapshot(&out));
    let names = |files: &Snapshot| files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&rebuilt), names(&first), "the same files");
    for ((file, (a, _)), (_, (b, _))) in rebuilt.iter().zip(&first) {
        assert!(a == b, "{file} differs from a first build's");
    }
}

fn site() -> Fixture {
    let site = Fixture::with_config(&format!("{DEFAULT_CONFIG}[build]\nper_page = 3\n"));
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\n",
    );
    for day in 10..20 {
        site.simple(
            &format!("2020-10-{day}-d{day}.md"),
            &format!("D{day}"),
            &format!("2020-10-{day}"),
            "places: [hadrut]\n",
            "Corps du texte.",
        );
    }
    site
}

#[test]
fn a_rebuild_makes_only_what_an_edit_changed_and_equals_a_first_build() {
    let site = site();
    let first = site.build(&[]);
    first.assert_ok();
    assert!(written(&first) > 40, "{}", first.dump());
    assert!(site.root().join(".chronicle-record").is_file());

    let again = site.build(&[]);
    again.assert_ok();
    assert_eq!(written(&again), 0, "{}", again.dump());

    let_the_clock_move();
    site.simple(
        "2020-10-15-d15.md",
        "D15, retitled",
        "2020-10-15",
        "places: [hadrut]\n",
        "Corps du texte.",
    );
    let edited = site.build(&[]);
    edited.assert_ok();
    let changed = written(&edited);
    assert!(changed > 0 && changed < 25, "{changed}\n{}", edited.dump());
    assert!(site.page("/2020/10/15/d15/").contains("D15, retitled"));
    assert!(
        site.page("/places/hadrut/page/2/")
            .contains("D15, retitled")
    );
    assert_same_as_a_first_build(&site);
}

#[test]
fn a_file_changed_or_removed_in_the_output_is_made_again() {
    let site = site();
    site.build(&[]).assert_ok();
    let page = site.output().join("2020/10/12/d12/index.html");
    let original = fs::read(&page).unwrap();
    let_the_clock_move();
    fs::write(&page, b"changed by hand").unwrap();
    fs::remove_file(site.output().join("2020/10/13/d13/index.html")).unwrap();
    fs::remove_file(site.output().join("search/meta.json")).unwrap();
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(fs::read(&page).unwrap(), original);
    assert!(site.exists("/2020/10/13/d13/"));
    assert!(site.output().join("search/meta.json").is_file());
    assert_same_as_a_first_build(&site);
}

#[test]
fn a_record_of_another_output_or_a_theme_edit_makes_every_page_again() {
    let site = site();
    site.build(&[]).assert_ok();
    let elsewhere = site.root().join("elsewhere");
    let other = build(site.root(), &elsewhere, &[]);
    other.assert_ok();
    assert!(written(&other) > 40, "a first build of another folder");
    let back = site.build(&[]);
    back.assert_ok();
    assert_eq!(written(&back), 0, "same bytes, nothing written");

    // A template edit changes every page: none is taken from the record.
    site.write(
        "chronicle.toml",
        format!("{DEFAULT_CONFIG}theme = \"t\"\n[build]\nper_page = 3\n"),
    );
    site.write(
        "themes/t/templates/dispatch.html",
        "{% extends \"base.html\" %}{% block main %}<p>mine {{ dispatch.title }}</p>{% endblock %}",
    );
    let themed = site.build(&[]);
    themed.assert_ok();
    assert!(site.page("/2020/10/11/d11/").contains("mine D11"));
    assert_same_as_a_first_build(&site);
}

#[test]
fn a_rebuild_that_drops_a_published_page_says_so_and_an_alias_brings_it_back() {
    let site = site();
    site.build(&[]).assert_ok();
    // The dispatch of the 12th moves: its file is renamed, so its slug changes.
    let dispatches = site.root().join("content/dispatches");
    fs::rename(
        dispatches.join("2020-10-12-d12.md"),
        dispatches.join("2020-10-12-moved.md"),
    )
    .unwrap();
    // `check` says it before a build does it.
    let root = site.root().to_str().unwrap();
    chronicle(&["check", "--root", root])
        .assert_ok()
        .assert_stderr_has(&[
            "1 page of the last build is no longer in the site: /2020/10/12/d12/",
            "/2020/10/12/d12/ is likely content/dispatches/2020-10-12-moved.md",
        ]);
    assert!(site.exists("/2020/10/12/d12/"), "check writes nothing");
    let moved = site.build(&[]);
    moved.assert_ok().assert_stderr_has(&[
        "warning: 1 page of the last build is no longer in the site: /2020/10/12/d12/; links to it now get a 404",
        "list its old address in its `aliases`",
        // The one new dispatch of that day is named, with the alias to write.
        "/2020/10/12/d12/ is likely content/dispatches/2020-10-12-moved.md: aliases: [\"/2020/10/12/d12/\"]",
    ]);
    assert!(!site.exists("/2020/10/12/d12/"));
    // Said once: the record of that build no longer has it.
    let again = site.build(&[]);
    again.assert_ok();
    assert!(
        !again.stderr.contains("no longer in the site"),
        "{}",
        again.dump()
    );

    site.simple(
        "2020-10-12-moved.md",
        "D12",
        "2020-10-12",
        "places: [hadrut]\naliases: [\"/2020/10/12/d12/\"]\n",
        "Corps du texte.",
    );
    site.build(&[]).assert_ok();
    assert!(site.page("/2020/10/12/d12/").contains("/2020/10/12/moved/"));

    // Dispatches gone with their day and a list's last page: only the
    // pages a link may point to are named, with how many there are.
    for day in 10..12 {
        fs::remove_file(dispatches.join(format!("2020-10-{day}-d{day}.md"))).unwrap();
    }
    let fewer = site.build(&[]);
    fewer.assert_ok().assert_stderr_has(&[
        "4 pages of the last build are no longer in the site: /2020/10/10/, /2020/10/10/d10/, /2020/10/11/, /2020/10/11/d11/;",
    ]);
    assert!(!fewer.stderr.contains("page/"), "{}", fewer.dump());
    assert!(
        !fewer.stderr.contains("is likely"),
        "no dispatch replaced them: {}",
        fewer.dump()
    );
}

#[test]
fn a_term_given_another_id_keeps_a_redirect_and_says_its_feed_is_gone() {
    let site = Fixture::new();
    site.simple(
        "2022-03-01-a.md",
        "A",
        "2022-03-01",
        "topics: [Infrastructure & Roads]\n",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    assert!(site.exists("/topics/infrastructure-roads/atom.xml"));
    site.write(
        "content/topics.toml",
        "[[topic]]\nid = \"infrastructure\"\nname = \"Infrastructure & Roads\"\n",
    );
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "warning: 1 feed of the last build is no longer in the site: /topics/infrastructure-roads/atom.xml",
        "a feed reader does not follow a redirect",
    ]);
    // The page's old address redirects to the new one.
    assert!(
        site.page("/topics/infrastructure-roads/")
            .contains("url=/topics/infrastructure/")
    );
}

/// A build into an output another build is writing waits for it, and says
/// so: two at once would mix their files (QA saw feeds holding pages).
#[test]
fn a_build_waits_for_another_build_into_the_same_output() {
    let site = Fixture::new();
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Text.");
    site.build(&[]).assert_ok();
    // Another build holds the lock, as it would while it writes.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(chronicle::write::lock_path(&site.output()))
        .unwrap();
    lock.lock().unwrap();
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Edited.");
    let mut waiting = std::process::Command::new(env!("CARGO_BIN_EXE_chronicle"))
        .args(["build", "--root", site.root().to_str().unwrap()])
        .args(["--output", site.output().to_str().unwrap()])
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "the build did not wait"
    );
    assert!(!site.page("/2020/10/28/a/").contains("Edited."));
    lock.unlock().unwrap();
    let done = waiting.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    assert!(
        stderr.contains("waiting for another chronicle build into"),
        "{stderr}"
    );
    assert!(site.page("/2020/10/28/a/").contains("Edited."));
    assert_same_as_a_first_build(&site);
}

/// CI builds from a fresh checkout, without the last build's output: given
/// the published site's sitemap.xml (the workflow `init` writes downloads
/// it), the build still says which published pages and feeds it drops, and
/// which dispatch likely replaced one. In GitHub Actions each warning is an
/// annotation too.
#[test]
fn a_build_from_a_fresh_checkout_is_told_what_the_published_site_loses() {
    let site = site();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\n\n[[place]]\nid = \"lachin\"\nname = \"Lachin\"\n",
    );
    site.simple(
        "2020-10-14-l.md",
        "L",
        "2020-10-14",
        "places: [lachin]\n",
        "Corps.",
    );
    let published = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    let deployed = published.path().join("site");
    common::build(
        site.root(),
        &deployed,
        &["--base-url", "https://u.github.io/repo/"],
    )
    .assert_ok();
    let sitemap = published.path().join("sitemap.xml");
    fs::copy(deployed.join("sitemap.xml"), &sitemap).unwrap();

    // The dispatch of the 12th is renamed, and Lachin loses its only dispatch.
    let dispatches = site.root().join("content/dispatches");
    fs::rename(
        dispatches.join("2020-10-12-d12.md"),
        dispatches.join("2020-10-12-moved.md"),
    )
    .unwrap();
    fs::remove_file(dispatches.join("2020-10-14-l.md")).unwrap();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\n",
    );
    let fresh = published.path().join("fresh");
    let args = [
        "build",
        "--root",
        root,
        "--output",
        fresh.to_str().unwrap(),
        "--base-url",
        "https://u.github.io/repo/",
        "--published",
        sitemap.to_str().unwrap(),
    ];
    let run = chronicle_with_env(&args, &[("GITHUB_ACTIONS", "true")]);
    run.assert_ok().assert_stderr_has(&[
        "of the published site are no longer in the site: /2020/10/12/d12/, /2020/10/14/l/, /places/lachin/, /places/lachin/atom.xml",
        "/2020/10/12/d12/ is likely content/dispatches/2020-10-12-moved.md: aliases: [\"/2020/10/12/d12/\"]",
        "a feed reader does not follow a redirect",
    ]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("::warning::3 pages and 1 feed of the published site")),
        "{}",
        run.dump()
    );
    // `check` says it too, writing nothing.
    chronicle(&[
        "check",
        "--root",
        root,
        "--published",
        sitemap.to_str().unwrap(),
    ])
    .assert_ok()
    .assert_stderr_has(&[
        "3 pages and 1 feed of the published site are no longer in the site: /2020/10/12/d12/",
    ]);
    // The site moved to a domain of its own: the published addresses are
    // read under the published home page, and only what is gone is said.
    let mut moved = args;
    moved[6] = "https://chronique.example/";
    chronicle(&moved).assert_ok().assert_stderr_has(&[
        "3 pages and 1 feed of the published site are no longer in the site: /2020/10/12/d12/, /2020/10/14/l/, /places/lachin/, /places/lachin/atom.xml;",
    ]);
    // Without the variable, no annotation.
    let quiet = chronicle(&args);
    quiet.assert_ok();
    assert!(!quiet.stdout.contains("::warning"), "{}", quiet.dump());

    // A sitemap that is not there is the command line's mistake.
    let mut missing = args;
    missing[8] = "/nowhere/sitemap.xml";
    chronicle(&missing)
        .assert_usage_error()
        .assert_stderr_has(&["--published /nowhere/sitemap.xml: there is no such file"]);
    // What is not a sitemap (a 404 page saved by mistake) is said, and the
    // build goes on: a deployment does not wait on the comparison.
    fs::write(&sitemap, "<html>Not Found</html>\n").unwrap();
    chronicle(&args).assert_ok().assert_stderr_has(&[
        "warning: ",
        "sitemap.xml lists no address; the build goes on without comparing with the published site",
        "sitemap.xml:1:1",
    ]);
    assert!(fresh.join("index.html").is_file());
}

/// The warning names ten gone addresses; `check --format json` gives
/// every one, for a script to turn into aliases or redirects.
#[test]
fn check_in_json_lists_every_gone_address() {
    let site = site();
    for day in 1..=12 {
        site.simple(
            &format!("2020-09-{day:02}-g.md"),
            "G",
            &format!("2020-09-{day:02}"),
            "",
            "Corps.",
        );
    }
    let published = tempfile::tempdir().unwrap();
    let deployed = published.path().join("site");
    common::build(site.root(), &deployed, &[]).assert_ok();
    let sitemap = published.path().join("sitemap.xml");
    fs::copy(deployed.join("sitemap.xml"), &sitemap).unwrap();
    for day in 1..=12 {
        fs::remove_file(
            site.root()
                .join(format!("content/dispatches/2020-09-{day:02}-g.md")),
        )
        .unwrap();
    }
    let root = site.root().to_str().unwrap();
    let sitemap = sitemap.to_str().unwrap();
    chronicle(&["check", "--root", root, "--published", sitemap])
        .assert_ok()
        .assert_stderr_has(&[
            "25 pages of the published site are no longer in the site: /2020/09/, /2020/09/01/, /2020/09/01/g/, ",
            " more; links to them now get a 404",
            "`chronicle check --format json` lists them all",
        ]);
    let run = chronicle(&[
        "check",
        "--root",
        root,
        "--published",
        sitemap,
        "--format",
        "json",
    ]);
    run.assert_ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let gone: Vec<&str> = json["gone"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", run.dump()))
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    for day in 1..=12 {
        let address = format!("/2020/09/{day:02}/g/");
        assert!(gone.contains(&address.as_str()), "{address}: {gone:?}");
    }
    // The month and days of September went with them, and nothing else.
    assert!(gone.contains(&"/2020/09/"), "{gone:?}");
    assert!(gone.iter().all(|a| a.starts_with("/2020/09/")), "{gone:?}");
    // Without a published site or a last build, nothing is gone.
    let run = chronicle(&["check", "--root", root, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["gone"], serde_json::json!([]), "{}", run.dump());
}

/// A warning at a line of a file is annotated at that line, in GitHub
/// Actions' format, the file named from the repository's folder (the
/// escaping is tested in main.rs).
#[test]
fn a_warning_in_github_actions_is_an_annotation_at_its_line() {
    let site = site();
    site.simple(
        "2020-10-20-x.md",
        "X, y: 100%",
        "2020-10-20",
        "places: [nulle-part]\n",
        "Corps.",
    );
    let run = chronicle_with_env(
        &["check", "--root", site.root().to_str().unwrap()],
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_WORKSPACE", site.root().to_str().unwrap()),
        ],
    );
    run.assert_ok();
    let annotation = run
        .stdout
        .lines()
        .find(|l| l.contains("nulle-part"))
        .unwrap_or_else(|| panic!("{}", run.dump()));
    assert_eq!(
        annotation,
        "::warning file=content/dispatches/2020-10-20-x.md,line=4,col=10,endLine=4::place `nulle-part` is not declared in content/places.toml"
    );
}
