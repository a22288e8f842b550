//! Fixture sites written by each test into a temporary folder, checking what
//! `chronicle build` does with bad input, and with unusual but valid input.

mod common;

use common::*;

/// A site with one dispatch file; the build must fail with exit status 1 and
/// an error at `path:line:col` that shows the offending line.
fn one_broken_file(name: &str, contents: &[u8]) -> (Fixture, Run) {
    let site = Fixture::new();
    site.dispatch(name, contents);
    let run = site.build(&[]);
    run.assert_content_error();
    assert!(
        !run.stdout.contains("built "),
        "a failed build prints no summary\n{}",
        run.dump()
    );
    (site, run)
}

// ---------------------------------------------------------------------------
// Bad front-matter: exit 1, file:line:col, the offending line, what was expected.

#[test]
fn a_dispatch_without_a_date_is_an_error_at_line_1_column_1() {
    let (_site, run) = one_broken_file("sans-date.md", b"---\ntitle: Sans date\n---\nCorps\n");
    run.assert_stderr_has(&[
        "content/dispatches/sans-date.md:1:1",
        "missing `date`",
        "expected",
    ]);
}

#[test]
fn a_yaml_syntax_error_is_reported_at_its_line_and_column() {
    // The classic French trap: an unquoted " : " in a title.
    let (_site, run) = one_broken_file(
        "yaml.md",
        b"---\ntitle: Nagorny-Karabakh : suite\ndate: 2020-10-10\n---\nCorps\n",
    );
    run.assert_stderr_has(&[
        "content/dispatches/yaml.md:2:25",
        "YAML",
        "title: Nagorny-Karabakh : suite",
    ]);
    run.assert_stderr_has_any(&["quote", "expected"]);
}

#[test]
fn a_toml_syntax_error_is_reported_at_its_line_and_column() {
    let (_site, run) = one_broken_file(
        "toml.md",
        b"+++\ntitle = x\ndate = 2020-10-10\n+++\nCorps\n",
    );
    run.assert_stderr_has(&[
        "content/dispatches/toml.md:2:9",
        "TOML",
        "title = x",
        "expected",
    ]);
}

#[test]
fn a_file_without_front_matter_is_an_error() {
    let (_site, run) = one_broken_file("texte.md", "Juste du texte, sans en-tête.\n".as_bytes());
    run.assert_stderr_has(&[
        "content/dispatches/texte.md:1:1",
        "front-matter",
        "Juste du texte",
        "expected",
        "---",
    ]);
}

#[test]
fn an_unclosed_front_matter_is_an_error() {
    let (_site, run) = one_broken_file(
        "ouvert.md",
        b"---\ntitle: A\ndate: 2020-10-10\nCorps sans fin\n",
    );
    run.assert_stderr_has(&["content/dispatches/ouvert.md:1:1", "closed", "expected"]);
}

#[test]
fn an_impossible_date_is_reported_at_its_line_and_column() {
    let (_site, run) = one_broken_file(
        "fevrier.md",
        b"---\ntitle: A\ndate: 2020-02-30\n---\nCorps\n",
    );
    run.assert_stderr_has(&["content/dispatches/fevrier.md:3:7", "date: 2020-02-30"]);
    // Says why: there is no 30 February (or what a valid date looks like).
    run.assert_stderr_has_any(&["no day 30", "expected"]);
}

#[test]
fn a_field_of_the_wrong_type_is_reported_at_its_value() {
    let (_site, run) = one_broken_file(
        "type.md",
        b"---\ntitle: A\ndate: 2020-10-10\nplaces: 3\n---\nCorps\n",
    );
    run.assert_stderr_has(&[
        "content/dispatches/type.md:4:9",
        "places: 3",
        "expected a list",
    ]);
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let (_site, run) = one_broken_file(
        "latin1.md",
        b"---\ntitle: A\ndate: 2020-10-10\n---\nCorps \xff\xfe ici\n",
    );
    run.assert_stderr_has(&[
        "content/dispatches/latin1.md:5:7",
        "UTF-8",
        "or remove it if it is not a dispatch",
    ]);
    // A gazetteer in Latin-1 is asked to be saved as UTF-8, not removed.
    let site = Fixture::new();
    site.simple("a.md", "A", "2020-10-10", "", "Corps.");
    std::fs::write(
        site.root().join("content/places.toml"),
        b"[[place]]\nid = \"x\"\nname = \"Caf\xe9\"\n",
    )
    .unwrap();
    let run = site.build(&[]);
    run.assert_content_error()
        .assert_stderr_has(&["content/places.toml:3:12", "save the file as UTF-8"]);
    assert!(!run.stderr.contains("not a dispatch"), "{}", run.dump());
}

#[test]
fn a_slug_that_is_a_path_is_an_error_never_a_path() {
    let (site, run) = one_broken_file(
        "slug.md",
        b"---\ntitle: A\ndate: 2020-10-10\nslug: ../x\n---\nCorps\n",
    );
    run.assert_stderr_has(&["content/dispatches/slug.md:4:7", "slug", "../x", "expected"]);
    assert!(
        !site.root().join("public/2020/10/x").exists() && !site.output().exists(),
        "nothing was written"
    );
}

#[test]
fn all_errors_of_a_build_are_reported_not_only_the_first() {
    let site = Fixture::new();
    site.dispatch("a-sans-date.md", "---\ntitle: A\n---\nCorps\n");
    site.simple("b-bon.md", "Bon", "2020-10-10", "", "Corps");
    site.dispatch(
        "c-mauvaise-date.md",
        "---\ntitle: C\ndate: 2020-13-01\n---\nCorps\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_stderr_has(&[
        "content/dispatches/a-sans-date.md:1:1",
        "content/dispatches/c-mauvaise-date.md:3:7",
    ]);
}

#[test]
fn two_dispatches_with_the_same_date_and_slug_are_an_error_naming_both_files() {
    let site = Fixture::new();
    site.simple(
        "premier.md",
        "Premier",
        "2020-10-10",
        "slug: meme\n",
        "Corps",
    );
    site.simple("second.md", "Second", "2020-10-10", "slug: meme\n", "Corps");
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_stderr_has(&[
        "content/dispatches/premier.md",
        "content/dispatches/second.md",
    ]);
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = Fixture::new();
    site.simple("2020-10-10-un.md", "Un", "2020-10-10", "", "Corps un");
    site.simple("2020-10-11-deux.md", "Deux", "2020-10-11", "", "Corps deux");
    site.build(&[]).assert_ok();
    let before = snapshot(&site.output());
    assert!(before.contains_key("2020/10/11/deux/index.html"));
    let_the_clock_move();
    // A new good dispatch (which would change the home page) and a broken one.
    site.simple(
        "2020-10-12-trois.md",
        "Trois",
        "2020-10-12",
        "",
        "Corps trois",
    );
    site.dispatch(
        "2020-10-11-deux.md",
        "---\ntitle: Deux\ndate: 2020-10-32\n---\nCorps deux\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    assert_same_snapshot(&before, &snapshot(&site.output()));
}

/// Pages are staged while they render: a template that breaks on the day
/// pages, once the dispatch pages are staged, must leave nothing behind.
#[test]
fn a_build_that_fails_once_pages_are_staged_leaves_no_trace() {
    let site = Fixture::with_config(&format!("{DEFAULT_CONFIG}theme = \"t\"\n"));
    for day in 10..20 {
        site.simple(
            &format!("2020-10-{day}-d.md"),
            &format!("D{day}"),
            &format!("2020-10-{day}"),
            "",
            "Corps",
        );
    }
    let beside = |site: &Fixture| {
        let names: Vec<String> = std::fs::read_dir(site.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("chronicle-new"))
            .collect();
        names
    };
    // A first build: no output folder, nothing beside where it would be.
    site.write(
        "themes/t/templates/day.html",
        "{{ page.title | no_such_filter }}",
    );
    site.build(&[])
        .assert_content_error()
        .assert_stderr_has(&["day.html"]);
    assert!(
        !site.output().exists(),
        "no output folder after a failed first build"
    );
    assert_eq!(beside(&site), Vec::<String>::new());

    // A rebuild: the output as it was, and no waiting room left in it.
    std::fs::remove_file(site.root().join("themes/t/templates/day.html")).unwrap();
    site.build(&[]).assert_ok();
    let before = snapshot(&site.output());
    let_the_clock_move();
    site.simple("2020-10-21-d.md", "D21", "2020-10-21", "", "Corps");
    site.write(
        "themes/t/templates/day.html",
        "{{ page.title | no_such_filter }}",
    );
    site.build(&[]).assert_content_error();
    assert_same_snapshot(&before, &snapshot(&site.output()));
    assert!(!site.output().join(".chronicle-staging").exists());
    assert_eq!(beside(&site), Vec::<String>::new());
}

// ---------------------------------------------------------------------------
// Unusual but valid input.

#[test]
fn a_dispatch_with_a_bom_and_crlf_line_endings_builds() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-10-avec-bom.md",
        "\u{FEFF}---\r\ntitle: Avec BOM\r\ndate: 2020-10-10\r\nplaces: [Hadrut]\r\n---\r\nCorps du texte.\r\n\r\nSecond paragraphe.\r\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    let text = site.page("/2020/10/10/avec-bom/");
    assert!(
        text.contains("<h1 dir=\"auto\">Avec BOM</h1>"),
        "the title is read without a BOM or a \\r"
    );
    assert!(text.contains("Corps du texte."), "the body is rendered");
    assert!(text.contains("Second paragraphe."), "the body is rendered");
    assert!(!text.contains('\u{FEFF}'), "no BOM in the page");
    assert!(site.exists("/places/hadrut/"));
}

#[test]
fn a_dispatch_saved_with_carriage_returns_only_builds_and_errors_point_at_its_lines() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-10-mac.md",
        "---\rtitle: Fichier Mac\rdate: 2020-10-10\rplaces: [Hadrut]\r---\rPremier paragraphe.\r\rSecond paragraphe.\r",
    );
    site.build(&[]).assert_ok();
    let text = site.page("/2020/10/10/mac/");
    assert!(text.contains("<h1 dir=\"auto\">Fichier Mac</h1>"), "{text}");
    assert!(text.contains("<p>Second paragraphe.</p>"), "{text}");

    site.dispatch(
        "2020-10-10-mac.md",
        "---\rtitle: Fichier Mac\rdate: 2020-13-10\r---\rCorps.\r",
    );
    site.build(&[])
        .assert_content_error()
        .assert_stderr_has(&["content/dispatches/2020-10-10-mac.md:3:7"]);
}

#[test]
fn toml_front_matter_with_a_native_date_builds() {
    let site = Fixture::new();
    site.dispatch(
        "toml-date.md",
        "+++\ntitle = \"En TOML\"\ndate = 2020-10-11\nplaces = [\"Hadrut\"]\n+++\nCorps.\n",
    );
    site.build(&[]).assert_ok();
    assert!(site.page("/2020/10/11/toml-date/").contains("En TOML"));
}

/// What a source lacks or misspells is said in the front matter's own
/// language: TOML's `name = "AFP"`, not YAML's `name: "AFP"`.
#[test]
fn a_source_in_toml_front_matter_is_told_in_toml() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-11-t.md",
        "+++\ntitle = \"T\"\ndate = 2020-10-11\n\n[[sources]]\nurl = \"https://afp.com/\"\n\n\
         [[sources]]\nname = \"AFP\"\nurll = \"https://afp.com/\"\n+++\nCorps.\n",
    );
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "a source without a `name`",
        "expected `name`, such as name = \"AFP\"",
        "unknown field `urll` in a source; it is ignored",
        "did you mean `url`?",
    ]);
    assert!(!run.stderr.contains("name: \"AFP\""), "{}", run.dump());
}

#[test]
fn a_datetime_is_filed_under_its_own_date_not_utc() {
    let site = Fixture::new();
    site.simple(
        "minuit.md",
        "Minuit et demie",
        "2020-10-10T00:30:00+04:00",
        "",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    assert!(
        site.exists("/2020/10/10/minuit/"),
        "filed under 2020-10-10 as written\n{}",
        listing(&site.output()).join("\n")
    );
    assert!(
        !site.exists("/2020/10/09/minuit/"),
        "not converted to UTC (2020-10-09T20:30Z)"
    );
    assert!(
        site.page("/2020/10/10/")
            .contains("href=\"/2020/10/10/minuit/\""),
        "the day page lists it"
    );
    assert!(!site.exists("/2020/10/09/"), "no day page for the UTC date");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Fixture::new();
    site.simple("publie.md", "Publié", "2020-10-10", "", "Corps.");
    site.simple(
        "brouillon.md",
        "Brouillon",
        "2020-10-11",
        "draft: true\n",
        "Corps.",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(site.exists("/2020/10/10/publie/"));
    assert!(
        !site.exists("/2020/10/11/brouillon/"),
        "a draft is not built without --drafts"
    );
    assert!(
        !site.page("/").contains("Brouillon"),
        "a draft is not listed"
    );
    assert!(
        !site.page("/atom.xml").contains("Brouillon"),
        "a draft is not in the feed"
    );
    assert!(
        run.stdout.starts_with("built 1 dispatch,"),
        "{}",
        run.dump()
    );

    let run = site.build(&["--drafts"]);
    run.assert_ok();
    assert!(
        site.exists("/2020/10/11/brouillon/"),
        "--drafts builds drafts"
    );
    assert!(
        run.stdout.starts_with("built 2 dispatches,"),
        "{}",
        run.dump()
    );
    // A draft says so, and asks not to be indexed if such a build is ever
    // published; the sitemap leaves it out.
    let draft = site.page("/2020/10/11/brouillon/");
    assert!(
        draft.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{draft}"
    );
    assert!(draft.contains("class=\"draft\""), "{draft}");
    let sitemap = site.page("/sitemap.xml");
    assert!(!sitemap.contains("brouillon"), "{sitemap}");
    let other = site.page("/2020/10/10/publie/");
    assert!(
        !other.contains("noindex") && !other.contains("class=\"draft\""),
        "{other}"
    );
}

#[test]
fn an_undeclared_place_still_gets_its_page() {
    let site = Fixture::new();
    site.simple(
        "mardakert.md",
        "Combats à Mardakert",
        "2020-10-10",
        "places: [Mardakert]\n",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    let place = site.page("/places/mardakert/");
    assert!(
        place.contains("href=\"/2020/10/10/mardakert/\""),
        "the place page lists the dispatch"
    );
    assert!(
        site.page("/2020/10/10/mardakert/")
            .contains("href=\"/places/mardakert/\""),
        "the dispatch links to it"
    );
}

const GAZETTEER: &str = r#"
[[place]]
id = "hadrut"
name = "Hadrut"
aliases = ["Hadrout", "Հադրութ"]
lat = 39.52
lon = 47.03
kind = "town"
"#;

#[test]
fn a_place_alias_resolves_to_the_declared_place_ignoring_case_and_accents() {
    let site = Fixture::new();
    site.write("content/places.toml", GAZETTEER);
    site.simple(
        "alias.md",
        "Par un alias",
        "2020-10-10",
        "places: [\"HADROÛT\"]\n",
        "Corps.",
    );
    site.simple(
        "nom.md",
        "Par le nom",
        "2020-10-11",
        "places: [\"hadrut\"]\n",
        "Corps.",
    );
    site.simple(
        "arm.md",
        "En arménien",
        "2020-10-12",
        "places: [\"Հադրութ\"]\n",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    let dispatch = site.page("/2020/10/10/alias/");
    assert!(
        dispatch.contains("href=\"/places/hadrut/\""),
        "HADROÛT links to /places/hadrut/"
    );
    let place = site.page("/places/hadrut/");
    for url in ["/2020/10/10/alias/", "/2020/10/11/nom/", "/2020/10/12/arm/"] {
        assert!(
            place.contains(&format!("href=\"{url}\"")),
            "Hadrut lists {url}"
        );
    }
    let places = site.page("/places/");
    assert!(
        !places.contains("HADROÛT"),
        "no second place made from the alias"
    );
}

#[test]
fn every_place_alias_gets_a_redirect_page() {
    // DESIGN.md: "Every alias gets a small redirect page (/places/hadrout/ → /places/hadrut/)".
    let site = Fixture::new();
    site.write("content/places.toml", GAZETTEER);
    site.simple(
        "alias.md",
        "Hadrut",
        "2020-10-10",
        "places: [hadrut]\n",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    assert!(
        site.exists("/places/hadrout/"),
        "/places/hadrout/ exists\n{}",
        listing(&site.output()).join("\n")
    );
    assert!(
        site.page("/places/hadrout/").contains("/places/hadrut/"),
        "it points to /places/hadrut/"
    );
}

/// Inline raw HTML keeps what it holds as written: a script's quotes stay
/// straight (curled, it would not run), so do a `<code>`'s, no place is
/// linked inside a `<textarea>`, and what a script or a style holds is no
/// part of the summary, the feed or the search.
#[test]
fn inline_raw_html_is_kept_as_written_and_out_of_the_summary() {
    for raw_html in ["allow", "sanitize"] {
        let site = Fixture::with_config(&format!(
            "{DEFAULT_CONFIG}\n[build]\nraw_html = \"{raw_html}\"\n"
        ));
        site.write(
            "content/places.toml",
            "[[place]]\nid = \"capital\"\nname = \"Capital City\"\n",
        );
        site.simple(
            "2023-04-15-widget.md",
            "Widget",
            "2023-04-15",
            "",
            "Day one. <script>document.title = 'n' + \"x\";</script> <style>p{content:'a'}</style> \
             Run <code>grep --count 'x'</code> in Capital City.\n",
        );
        site.simple(
            "2023-04-16-form.md",
            "Form",
            "2023-04-16",
            "",
            "Form: <textarea>Capital City 'as typed'</textarea> done, in Capital City.\n",
        );
        site.build(&[]).assert_ok();
        let page = site.page("/2023/04/15/widget/");
        let body = common::between(&page, "<div class=\"body\"", "</div>");
        if raw_html == "allow" {
            assert!(
                body.contains("<script>document.title = 'n' + \"x\";</script>"),
                "{body}"
            );
            assert!(body.contains("<style>p{content:'a'}</style>"), "{body}");
        } else {
            assert!(!body.contains("document.title"), "{body}");
        }
        assert!(body.contains("<code>grep --count 'x'</code>"), "{body}");
        let form = site.page("/2023/04/16/form/");
        let form = common::between(&form, "<div class=\"body\"", "</div>");
        let textarea = match raw_html {
            "allow" => "<textarea>Capital City 'as typed'</textarea>",
            _ => "Form: Capital City 'as typed' done, in <a href=\"/places/capital/\">",
        };
        assert!(form.contains(textarea), "{raw_html}: {form}");
        assert!(
            body.contains("<a href=\"/places/capital/\""),
            "the text's mention: {body}"
        );
        let description = common::between(&page, "<meta name=\"description\"", ">");
        assert!(
            description
                .contains("content=\"Day one. Run grep --count &#39;x&#39; in Capital City.\""),
            "{raw_html}: {description}"
        );
        let feed = site.page("/atom.xml");
        let summary = common::between(&feed, "<summary", "</summary>");
        assert!(!summary.contains("document.title"), "{raw_html}: {summary}");
        let search = std::fs::read_dir(site.output().join("search"))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
            .collect::<String>();
        assert!(
            !search.contains("document"),
            "{raw_html}: the search finds the script"
        );
    }
}

#[test]
fn front_matter_is_autoescaped_and_raw_html_in_the_body_is_sanitized() {
    let site = Fixture::new();
    site.simple(
        "escape.md",
        "<script>alert(1)</script>",
        "2020-10-10",
        "summary: \"<img src=x onerror=alert(3)>\"\n",
        "Texte.\n\n<script>alert(2)</script>\n\n<p onclick=\"evil()\">sain <em>gardé</em></p>",
    );
    site.build(&[]).assert_ok();
    let text = site.page("/2020/10/10/escape/");
    assert!(
        text.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the title is shown, escaped"
    );
    for url in [
        "/2020/10/10/escape/",
        "/",
        "/archive/",
        "/2020/10/10/",
        "/atom.xml",
        "/sitemap.xml",
    ] {
        let page = site.page(url);
        assert!(
            !page.contains("<script>alert(1)"),
            "{url}: the title appears as a raw tag"
        );
        assert!(
            !page.contains("<img src=x onerror"),
            "{url}: the summary appears as a raw tag"
        );
        assert!(
            !page.contains("<script>alert(2)"),
            "{url}: raw <script> in the body is kept"
        );
    }
    assert!(!text.contains("evil()"), "event handlers are removed");
    assert!(text.contains("<em>gardé</em>"), "safe HTML is kept");
}

#[test]
fn a_link_to_another_dispatch_file_becomes_its_permalink() {
    let site = Fixture::new();
    site.simple(
        "2020-10-10-a.md",
        "A",
        "2020-10-10",
        "",
        "Voir [la suite](2020-10-11-b.md) et [plus loin](sous/c.md#detail).",
    );
    site.simple(
        "2020-10-11-b.md",
        "B",
        "2020-10-11",
        "",
        "Retour à [A](./2020-10-10-a.md).",
    );
    site.simple(
        "sous/c.md",
        "C",
        "2020-10-12",
        "",
        "Retour à [A](../2020-10-10-a.md).",
    );
    site.build(&[]).assert_ok();
    let a = site.page("/2020/10/10/a/");
    assert!(a.contains("href=\"/2020/10/11/b/\""), "link to b.md");
    assert!(
        a.contains("href=\"/2020/10/12/c/#detail\""),
        "link to sous/c.md with its fragment"
    );
    assert!(
        site.page("/2020/10/11/b/")
            .contains("href=\"/2020/10/10/a/\"")
    );
    assert!(
        site.page("/2020/10/12/c/")
            .contains("href=\"/2020/10/10/a/\""),
        "a relative path from a sub-folder"
    );
}

#[test]
fn a_link_to_a_missing_dispatch_file_is_an_error_naming_the_file() {
    let site = Fixture::new();
    site.simple(
        "lien.md",
        "Lien",
        "2020-10-10",
        "",
        "Voir [ailleurs](absent.md).",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_stderr_has(&["content/dispatches/lien.md:", "absent.md"]);
}

#[test]
fn titles_in_other_scripts_get_ascii_slugs() {
    let site = Fixture::new();
    site.dispatch(
        "Gəncə.md",
        "---\ntitle: Gəncə\ndate: 2020-10-17\n---\nCorps.\n",
    );
    site.dispatch(
        "Степанакерт.md",
        "---\ntitle: Степанакерт\ndate: 2020-10-18\n---\nCorps.\n",
    );
    site.dispatch(
        "Maternité.md",
        "---\ntitle: Maternité\ndate: 2020-10-19\n---\nCorps.\n",
    );
    site.build(&[]).assert_ok();
    assert!(
        site.exists("/2020/10/17/gence/"),
        "Gəncə → gence\n{}",
        listing(&site.output()).join("\n")
    );
    assert!(
        site.exists("/2020/10/18/stepanakert/"),
        "Степанакерт → stepanakert\n{}",
        listing(&site.output()).join("\n")
    );
    assert!(
        site.exists("/2020/10/19/maternite/"),
        "Maternité → maternite"
    );
    for path in listing(&site.output()) {
        assert!(path.is_ascii(), "every output path is ASCII: {path}");
    }
}

#[test]
fn building_into_the_site_root_is_refused_and_nothing_is_deleted() {
    let site = Fixture::new();
    site.simple("a.md", "A", "2020-10-10", "", "Corps.");
    site.write("notes.txt", "mes notes");
    let before = snapshot(site.root());
    let run = build(site.root(), site.root(), &[]);
    run.assert_usage_error()
        .assert_stderr_has(&["it is the site's root folder"]);
    assert_same_snapshot(&before, &snapshot(site.root()));
    // The same folder given by chronicle.toml is the chronicle's error.
    site.write(
        "chronicle.toml",
        format!("{DEFAULT_CONFIG}\n[build]\noutput_dir = \".\"\n"),
    );
    let before = snapshot(site.root());
    let root = site.root().to_str().unwrap();
    chronicle(&["build", "--root", root])
        .assert_content_error()
        .assert_stderr_has(&[
            "it is the site's root folder",
            "chronicle.toml:6:1",
            "choose another folder for `output_dir` in chronicle.toml",
        ]);
    assert_same_snapshot(&before, &snapshot(site.root()));
    // `check` says it too.
    chronicle(&["check", "--root", root])
        .assert_content_error()
        .assert_stderr_has(&["it is the site's root folder", "chronicle.toml:6:1"]);
}

#[test]
fn building_into_the_content_folder_is_refused_and_nothing_is_deleted() {
    let site = Fixture::new();
    site.simple("a.md", "A", "2020-10-10", "", "Corps.");
    let before = snapshot(site.root());
    let run = build(site.root(), &site.root().join("content"), &[]);
    run.assert_usage_error();
    assert_same_snapshot(&before, &snapshot(site.root()));
}

/// `--output` naming a file is the command line's mistake: exit 2, before
/// anything is read, and the file stays.
#[test]
fn building_into_a_file_is_bad_usage_and_the_file_stays() {
    let site = Fixture::new();
    site.simple("a.md", "A", "2020-10-10", "", "Corps.");
    site.write("notes.txt", "mes notes");
    build(site.root(), &site.root().join("notes.txt"), &[])
        .assert_usage_error()
        .assert_stderr_has(&["refusing to build into", "notes.txt: it is a file"]);
    assert_eq!(
        std::fs::read_to_string(site.root().join("notes.txt")).unwrap(),
        "mes notes"
    );
}

/// An output inside static/ (or a theme) would be published again inside
/// itself by the next build.
#[test]
fn building_into_the_static_folder_is_refused_and_nothing_is_written() {
    let site = Fixture::new();
    site.simple("a.md", "A", "2020-10-10", "", "Corps.");
    site.write("static/robots-extra.txt", "x");
    let before = snapshot(site.root());
    let run = build(site.root(), &site.root().join("static/sub"), &[]);
    run.assert_usage_error()
        .assert_stderr_has(&["it is inside a folder whose files are published"]);
    assert_same_snapshot(&before, &snapshot(site.root()));
}

#[test]
fn the_home_page_is_paginated_by_per_page() {
    let site = Fixture::with_config(&format!("{DEFAULT_CONFIG}\n[build]\nper_page = 2\n"));
    for day in 1..=5 {
        let topic = if day == 1 { "topics: [solo]\n" } else { "" };
        site.simple(
            &format!("2020-10-0{day}-jour-{day}.md"),
            &format!("Jour {day}"),
            &format!("2020-10-0{day}"),
            &format!("sides: [alpha]\n{topic}"),
            "Corps.",
        );
    }
    site.build(&[]).assert_ok();
    assert!(
        site.exists("/page/2/"),
        "/page/2/ exists\n{}",
        listing(&site.output()).join("\n")
    );
    assert!(site.exists("/page/3/"), "/page/3/ exists");
    assert!(!site.exists("/page/4/"), "/page/4/ does not exist");
    let home = site.page("/");
    assert!(
        home.contains("href=\"/2020/10/05/jour-5/\"")
            && home.contains("href=\"/2020/10/04/jour-4/\""),
        "the two newest on /"
    );
    assert!(
        !home.contains("href=\"/2020/10/03/jour-3/\""),
        "only two per page"
    );
    assert!(
        home.contains("href=\"/page/2/\""),
        "the home page links to /page/2/"
    );
    let last = site.page("/page/3/");
    assert!(
        last.contains("href=\"/2020/10/01/jour-1/\""),
        "the oldest on /page/3/"
    );
    // /page/1/, which a reader on /page/2/ may try, sends to the first page
    // (here and on a term's list); it is in no sitemap.
    for (first, list) in [("/", "/page/1/"), ("/sides/alpha/", "/sides/alpha/page/1/")] {
        let redirect = site.page(list);
        assert!(
            redirect.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={first}\">"
            )),
            "{list}: {redirect}"
        );
        assert!(redirect.contains("noindex"), "{redirect}");
    }
    assert!(
        !site.exists("/topics/solo/page/1/"),
        "a list of one page has none"
    );
    let sitemap = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("page/1/"), "{sitemap}");
}

#[test]
fn a_site_theme_overrides_one_template_and_keeps_the_default_for_the_rest() {
    let site = Fixture::with_config(&format!("theme = \"mine\"\n{DEFAULT_CONFIG}"));
    site.write(
        "themes/mine/templates/dispatch.html",
        "<!doctype html>\n<html lang=\"{{ site.language }}\"><title>{{ dispatch.title }}</title>\n<body><h1 class=\"mine\">MINE {{ dispatch.title }}</h1></body></html>\n",
    );
    site.simple("a.md", "Ma dépêche", "2020-10-10", "", "Corps.");
    let run = site.build(&[]);
    run.assert_ok();
    let dispatch = site.page("/2020/10/10/a/");
    assert!(
        dispatch.contains("<h1 class=\"mine\">MINE Ma dépêche</h1>"),
        "the site's dispatch.html is used\n{dispatch}"
    );
    let home = site.page("/");
    assert!(!home.contains("MINE"), "other pages keep the default theme");
    assert!(
        home.contains("href=\"/2020/10/10/a/\""),
        "the default index.html lists the dispatch"
    );
    let default_home = {
        let plain = Fixture::new();
        plain.simple("a.md", "Ma dépêche", "2020-10-10", "", "Corps.");
        plain.build(&[]).assert_ok();
        plain.page("/")
    };
    assert_eq!(
        home, default_home,
        "the home page is the embedded default's"
    );
    assert!(
        site.exists("/style.css"),
        "the default theme's static files are still copied"
    );
}

#[test]
fn a_link_to_a_missing_file_is_a_warning_at_its_line_and_column() {
    // A build lets the dispatches' file text go before the last checks; the
    // warning about a link, made once every path of the site is known, must
    // still point into the file.
    let site = Fixture::new();
    site.dispatch(
        "2020-10-12-a.md",
        "---\ntitle: A\ndate: 2020-10-12\n---\nUn paragraphe.\n\nVoir [le rapport](/files/rapport.pdf).\n",
    );
    site.dispatch(
        "2020-10-13-b.md",
        "---\ntitle: B\ndate: 2020-10-13\n---\nRien.\n",
    );
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "link to a file the site does not have: /files/rapport.pdf",
        "content/dispatches/2020-10-12-a.md:7:6",
        "Voir [le rapport](/files/rapport.pdf).",
    ]);
}

#[test]
fn control_characters_are_replaced_with_a_warning_so_pages_and_feeds_stay_valid() {
    // Text pasted from elsewhere can bring an escape or a form feed, which
    // HTML and XML forbid; a YAML escape can write one into a value too.
    let site = Fixture::new();
    site.dispatch(
        "2020-10-12-a.md",
        "---\ntitle: \"Esc \\x1b ici\"\ndate: 2020-10-12\n---\nTexte collé avec \u{1b} un échappement et un saut de page \u{c}.\n",
    );
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "content/dispatches/2020-10-12-a.md:2:8",
        "title: \"Esc \\x1b ici\"",
        "content/dispatches/2020-10-12-a.md:5:18",
        "2 control characters (the first, U+001B, here)",
        "replaced by a space",
    ]);
    let output = site.output();
    for file in ["2020/10/12/a/index.html", "atom.xml", "index.html"] {
        let text = std::fs::read_to_string(output.join(file)).unwrap();
        assert!(
            !text.contains(|c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
            "{file} has a control character"
        );
    }
    let page = site.page("/2020/10/12/a/");
    assert!(page.contains("Texte collé avec   un échappement"), "{page}");
    assert!(page.contains("Esc   ici"), "{page}");
}

#[test]
fn a_file_named_only_by_its_date_takes_its_slug_from_the_title() {
    // "the file name without a leading YYYY-MM-DD-, otherwise the title":
    // a name that is only a date leaves nothing of its own.
    let site = Fixture::new();
    site.dispatch(
        "2020-10-09.md",
        "---\ntitle: Bombardement de Stepanakert\ndate: 2020-10-09\n---\nCorps.\n",
    );
    site.dispatch(
        "2020-10-10-treve.md",
        "---\ntitle: Une trêve\ndate: 2020-10-10\n---\nCorps.\n",
    );
    site.build(&[]).assert_ok();
    let files = listing(&site.output()).join("\n");
    assert!(
        site.exists("/2020/10/09/bombardement-de-stepanakert/"),
        "{files}"
    );
    assert!(site.exists("/2020/10/10/treve/"), "{files}");
    // The address it had before (the date as its slug) redirects to it.
    let old = site.page("/2020/10/09/2020-10-09/");
    assert!(
        old.contains(
            "http-equiv=\"refresh\" content=\"0; url=/2020/10/09/bombardement-de-stepanakert/\""
        ),
        "{old}"
    );
    assert!(
        !site.page("/sitemap.xml").contains("2020-10-09/"),
        "a redirect is not in the sitemap"
    );
}

#[test]
fn a_regional_language_uses_its_language_s_words_and_a_right_to_left_one_runs_right_to_left() {
    let config = |language: &str| {
        format!("title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"{language}\"\n")
    };
    let site = Fixture::with_config(&config("fr-CA"));
    site.dispatch(
        "2020-10-28-a.md",
        "---\ntitle: \"Bakou : trêve ?\"\ndate: 2020-10-28\n---\nCorps.\n",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/28/a/");
    assert!(page.contains("<html lang=\"fr-CA\" dir=\"ltr\">"), "{page}");
    assert!(
        page.contains("mercredi 28 octobre 2020"),
        "French dates: {page}"
    );
    assert!(
        page.contains("Bakou\u{202F}: trêve\u{202F}?"),
        "French typography: {page}"
    );
    assert!(page.contains("og:locale\" content=\"fr_CA\""), "{page}");

    let site = Fixture::with_config(&config("ar"));
    site.dispatch(
        "2020-10-28-a.md",
        "---\ntitle: \"قصف\"\ndate: 2020-10-28\n---\nنص.\n",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/28/a/");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert!(
        page.contains("og:locale\" content=\"ar\""),
        "not English's: {page}"
    );
}

#[test]
fn a_language_that_is_not_a_language_tag_is_an_error_where_it_is_set() {
    let site = Fixture::with_config(
        "# language = \"fr\" for French\ntitle = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"en_US\"\n",
    );
    site.dispatch(
        "2020-10-28-a.md",
        "---\ntitle: A\ndate: 2020-10-28\n---\nCorps.\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "chronicle.toml:4:12",
        "invalid language `en_US`",
        "en-US",
    ]);
}

/// An invalid base_url is said, and the links written under its path are
/// checked under that path meanwhile: no warning for each of them.
#[test]
fn an_invalid_base_url_brings_no_warnings_about_the_links_under_its_path() {
    let site = Fixture::with_config("title = \"T\"\nbase_url = \"user.github.io/repo/\"\n");
    site.write("static/x.png", "png");
    site.dispatch(
        "2020-10-10-a.md",
        "---\ntitle: A\ndate: 2020-10-10\n---\n![x](/repo/x.png) [a](/repo/2020/10/10/a/)\n",
    );
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "invalid base_url `user.github.io/repo/`",
        "build failed: 1 error;",
    ]);
    assert!(!run.stderr.contains("warning"), "{}", run.dump());
}

/// A place whose id is invalid is an error, said once: the dispatches that
/// name it are not each said to name an undeclared place.
#[test]
fn an_invalid_place_id_is_said_once_not_at_every_dispatch() {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"Sderot!\"\nname = \"Sderot\"\n",
    );
    for day in 1..=3 {
        site.dispatch(
            &format!("2020-01-0{day}-a.md"),
            format!("---\ntitle: A{day}\ndate: 2020-01-0{day}\nplaces: [sderot, Sderot]\n---\nx\n"),
        );
    }
    let run = site.build(&[]);
    run.assert_content_error()
        .assert_stderr_has(&["invalid place id `Sderot!`", "build failed: 1 error;"]);
    assert!(!run.stderr.contains("warning"), "{}", run.dump());
}

/// A wrong value in the config does not hide the content's errors: all
/// are said at once, and nothing is written.
#[test]
fn a_wrong_config_value_and_the_content_s_errors_are_said_together() {
    let site = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\n\n[build]\nper_page = 0\n",
    );
    site.dispatch(
        "2020-10-28-a.md",
        "---\ntitle: A\ndate: 2020-13-01\n---\nCorps.\n",
    );
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"Bad Id\"\nname = \"B\"\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "per_page must be at least 1",
        "chronicle.toml:5:12",
        "there is no month 13",
        "content/dispatches/2020-10-28-a.md:3:7",
        "invalid place id `Bad Id`",
        "build failed: 3 errors",
    ]);
    assert!(!site.output().exists());
}

#[test]
fn urls_in_raw_html_get_the_base_path_and_are_checked_like_markdown_s() {
    for config in ["", "[build]\nraw_html = \"allow\"\n"] {
        let site = Fixture::with_config(&format!("{DEFAULT_CONFIG}{config}"));
        site.write("static/images/map.png", b"png");
        site.dispatch(
            "2020-10-12-a.md",
            "---\ntitle: A\ndate: 2020-10-12\n---\nVoir la carte.\n\n<figure><img src=\"/images/map.png\" alt=\"carte\"></figure>\n\n<img src=\"/images/nothere.png\" alt=\"manque\"> et <a href=\"2020-10-13-b.md#suite\">la suite</a>.\n\n<figure>\n<img\n  src=\"/images/map.png\" alt=\"deux lignes\">\n</figure>\n\n<!-- <a href=\"2020-01-01-gone.md\">old</a> -->\n",
        );
        site.dispatch(
            "2020-10-13-b.md",
            "---\ntitle: B\ndate: 2020-10-13\n---\nSuite.\n",
        );
        site.build(&["--base-url", "https://user.github.io/repo/"])
            .assert_ok()
            .assert_stderr_has(&[
                "link to a file the site does not have: /images/nothere.png",
                "content/dispatches/2020-10-12-a.md:9:11",
            ]);
        let page = site.page("/2020/10/12/a/");
        assert!(
            page.contains("<img src=\"/repo/images/map.png\" alt=\"carte\">"),
            "{config}: {page}"
        );
        assert!(
            page.contains("<a href=\"/repo/2020/10/13/b/#suite\">la suite</a>"),
            "a raw link to a dispatch's file is its permalink: {page}"
        );
        assert!(
            page.contains("src=\"/repo/images/map.png\" alt=\"deux lignes\""),
            "a tag over two lines of an HTML block: {page}"
        );
    }
}

/// Every URL of raw HTML gets the base path: each candidate of a `srcset`,
/// and a URL written with character references or spaces around it, as a
/// browser reads it; the files they name are checked as they are read.
#[test]
fn srcset_candidates_and_urls_written_with_references_get_the_base_path() {
    let site = Fixture::with_config(&format!("{DEFAULT_CONFIG}[build]\nraw_html = \"allow\"\n"));
    site.write("static/images/a.png", b"png");
    site.write("static/images/a@2x.png", b"png");
    site.dispatch(
        "2024-01-03-c.md",
        "---\ntitle: C\ndate: 2024-01-03\n---\n\
         <img src=\"/images/a.png\" srcset=\"/images/a.png 1x, /images/a@2x.png 2x,/images/none.png 3x\" alt=\"map\">\n\n\
         <picture><source srcset=\"/images/a@2x.png\" media=\"(min-width: 600px)\"><img src=\"/images/a.png\" alt=\"m\"></picture>\n\n\
         <a href=\" /images/a.png\">space</a> <a href=\"&#47;images/a&#46;png?x=1&amp;y=2\">references</a>\n",
    );
    let run = site.build(&["--base-url", "https://user.github.io/repo/"]);
    run.assert_ok().assert_stderr_has(&[
        "link to a file the site does not have: /images/none.png",
        "content/dispatches/2024-01-03-c.md:5:72",
    ]);
    assert_eq!(
        run.stderr.matches("does not have").count(),
        1,
        "{}",
        run.dump()
    );
    let page = site.page("/2024/01/03/c/");
    for html in [
        "srcset=\"/repo/images/a.png 1x, /repo/images/a@2x.png 2x,/repo/images/none.png 3x\"",
        "<source srcset=\"/repo/images/a@2x.png\" media=\"(min-width: 600px)\">",
        "<a href=\"/repo/images/a.png\">space</a>",
        "<a href=\"/repo/images/a.png?x=1&amp;y=2\">references</a>",
    ] {
        assert!(page.contains(html), "{html} in {page}");
    }
}

#[test]
fn links_to_missing_anchors_are_warnings_and_anchors_in_other_scripts_link_their_heading() {
    let site = Fixture::new();
    site.dispatch(
        "2020-01-01-target.md",
        "---\ntitle: Target\ndate: 2020-01-01\n---\n## Розділ один\n\n## Casualties\n\nA note[^n].\n\n[^n]: The note.\n",
    );
    site.dispatch(
        "2020-01-02-linker.md",
        "---\ntitle: Linker\ndate: 2020-01-02\n---\n## Here\n\n[a](2020-01-01-target.md#розділ-один) [b](2020-01-01-target.md#casualtes) [c](#nowhere) [d](#here) [e](2020-01-01-target.md#n) [f](#own)\n\n<span id=\"own\"></span>\n",
    );
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "link to a missing anchor: #casualtes",
        "content/dispatches/2020-01-02-linker.md:7:39",
        "#rozdil-odyn, #casualties",
    ]);
    // #nowhere is not reported: the dispatch's raw HTML sets ids of its own.
    for fine in ["#rozdil-odyn", "#here", "#n\n", "#own", "#nowhere"] {
        assert!(
            !run.stderr.contains(&format!("missing anchor: {fine}")),
            "{fine}\n{}",
            run.dump()
        );
    }
    let page = site.page("/2020/01/02/linker/");
    assert!(
        page.contains("<a href=\"/2020/01/01/target/#rozdil-odyn\">a</a>"),
        "{page}"
    );
    assert!(
        site.page("/2020/01/01/target/")
            .contains("<h2 id=\"rozdil-odyn\">")
    );

    // Without raw ids, a missing anchor of the page itself is reported too.
    site.dispatch(
        "2020-01-02-linker.md",
        "---\ntitle: Linker\ndate: 2020-01-02\n---\n[c](#nowhere)\n",
    );
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "link to a missing anchor: #nowhere",
        "content/dispatches/2020-01-02-linker.md:5:1",
        "this dispatch has no heading or footnote to link to",
    ]);
}

#[test]
fn a_number_where_text_is_wanted_is_kept_as_written() {
    // YAML reads 1.10 and 007 as numbers; a title or a topic wants the text.
    let site = Fixture::new();
    site.dispatch(
        "2020-10-12-a.md",
        "---\ntitle: 1.10\ndate: 2020-10-12\ntopics: [007, 1e3]\n---\nCorps.\n",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/12/a/");
    assert!(page.contains("<title>1.10 — "), "{page}");
    assert!(
        site.exists("/topics/007/"),
        "{}",
        listing(&site.output()).join("\n")
    );
    assert!(
        site.exists("/topics/1e3/"),
        "{}",
        listing(&site.output()).join("\n")
    );
}

#[test]
fn links_to_a_page_s_own_footnote_or_the_theme_s_ids_are_not_missing_anchors() {
    let site = Fixture::new();
    site.dispatch(
        "2020-01-02-notes.md",
        "---\ntitle: Notes\ndate: 2020-01-02\n---\nUne note[^примітка].\n\n[renvoi](#примітка) [haut](#main) [titre](#Заголовок)\n\n## Заголовок\n\n[^примітка]: La note.\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("missing anchor"), "{}", run.dump());
    let page = site.page("/2020/01/02/notes/");
    // The footnote's id is as written (percent-encoded in the link, as
    // browsers match it); the heading's is its ASCII slug.
    assert!(
        page.contains("<a href=\"#%D0%BF%D1%80%D0%B8%D0%BC%D1%96%D1%82%D0%BA%D0%B0\">renvoi</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"#zagolovok\">titre</a>"), "{page}");
    assert!(page.contains("id=\"main\""), "the theme has #main: {page}");
}

/// Editors leave files beside the one being edited: Emacs a lock `.#NAME.md`
/// (a link to nothing), vim `.NAME.md.swp`, others `NAME.md~`. None of them is
/// a dispatch, and none stops a build; a dispatch file that is a link to
/// nothing is left out with a warning that names it.
#[cfg(unix)]
#[test]
fn editors_lock_and_backup_files_are_ignored_and_a_dangling_link_is_a_warning() {
    let site = Fixture::new();
    site.simple("2020-10-01-alpha.md", "Alpha", "2020-10-01", "", "Texte.");
    let dispatches = site.root().join("content/dispatches");
    std::os::unix::fs::symlink(
        "user@host.12345:1700000000",
        dispatches.join(".#2020-10-01-alpha.md"),
    )
    .unwrap();
    site.write("content/dispatches/2020-10-01-alpha.md~", "---\ntitle: [\n");
    site.write("content/dispatches/.2020-10-01-alpha.md.swp", "\0\0binary");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.dump());
    assert!(site.exists("/2020/10/01/alpha/"));

    // Hugo reads `.markdown` too: such a file is said, not silently dropped.
    site.write(
        "content/dispatches/2020-10-03-bravo.markdown",
        "---\ntitle: B\n---\n",
    );
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "2020-10-03-bravo.markdown is not read: dispatches are .md files",
        "rename it to end with .md",
    ]);
    std::fs::remove_file(dispatches.join("2020-10-03-bravo.markdown")).unwrap();

    std::os::unix::fs::symlink("gone.md", dispatches.join("2020-10-02-moved.md")).unwrap();
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "2020-10-02-moved.md is a link to a file that is not there; it is left out",
    ]);
    let check = common::chronicle(&["check", "--root", site.root().to_str().unwrap()]);
    check.assert_ok();
}

/// RFC 3339 allows any number of digits after the seconds, HTML's `datetime`
/// at most three: pages show the time to the millisecond.
#[test]
fn a_time_with_microseconds_is_shown_to_the_millisecond() {
    let site = Fixture::new();
    site.simple(
        "a.md",
        "A",
        "2020-10-02T10:00:00.123456-03:30",
        "",
        "Texte.",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/02/a/");
    assert!(
        page.contains(r#"<time datetime="2020-10-02T10:00:00.123-03:30">"#),
        "{page}"
    );
    assert!(!page.contains("123456"), "{page}");
}

/// A title-long slug is cut after a whole word (file systems take names of
/// 255 bytes at most); a slug written that long is an error at its line, and
/// so is a topic whose name is a paragraph, said once.
#[test]
fn long_slugs_are_cut_or_refused_before_anything_is_written() {
    let site = Fixture::new();
    let title = "Heavy shelling reported overnight in the southern districts ".repeat(5);
    site.simple("2020-10-02.md", title.trim(), "2020-10-02", "", "Texte.");
    site.build(&[]).assert_ok();
    let day = std::fs::read_dir(site.output().join("2020/10/02")).unwrap();
    let slugs: Vec<String> = day
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The date-only name's old address redirects.
        .filter(|n| n != "index.html" && n != "2020-10-02")
        .collect();
    assert_eq!(slugs.len(), 1, "{slugs:?}");
    // Cut after a whole word, within what a file system takes.
    assert!(
        slugs[0].len() <= 255 && slugs[0].len() > 240 && slugs[0].ends_with("-heavy-shelling"),
        "{slugs:?}"
    );

    let slug = "a".repeat(300);
    site.simple(
        "b.md",
        "B",
        "2020-10-03",
        &format!("slug: {slug}\n"),
        "Texte.",
    );
    let topic = "Heavy shelling reported overnight ".repeat(9);
    site.simple(
        "c.md",
        "C",
        "2020-10-04",
        &format!("topics: [\"{topic}\"]\n"),
        "Texte.",
    );
    let before = common::snapshot(&site.output());
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "a slug of 300 characters",
        "content/dispatches/b.md:4:7",
        "expected at most 255",
        "a topic name of 305 characters is too long",
        "content/dispatches/c.md:4:10",
    ]);
    assert_eq!(
        run.stderr.matches("a topic name of").count(),
        1,
        "{}",
        run.dump()
    );
    assert!(
        before == common::snapshot(&site.output()),
        "the output changed"
    );
}

/// A static file where the site has a folder of pages (`static/archive`, a
/// file, and the archive's pages in `archive/`) is left out with a warning:
/// the build neither fails half-way nor loses the archive.
#[test]
fn a_static_file_in_the_way_of_a_folder_of_pages_is_left_out() {
    let site = Fixture::new();
    site.simple("a.md", "A", "2020-10-02", "", "Texte.");
    site.build(&[]).assert_ok();
    site.write("static/archive", "a file");
    site.write("static/atom.xml/feed.xml", "a file under a page");
    site.simple("a.md", "A changed", "2020-10-02", "", "Texte.");
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "static/archive is left out: chronicle makes pages in a folder archive/",
        "static/atom.xml/feed.xml is left out: chronicle makes the page atom.xml",
    ]);
    assert!(site.page("/archive/").contains("A changed"));
    assert!(site.page("/2020/10/02/a/").contains("A changed"));
}

/// `aliases:` (as in Hugo and Zola) keeps a dispatch's old addresses: each is
/// a redirect page to its permalink, kept out of the sitemap. An alias that is
/// a page of the site, or another dispatch's too, or not a path of the site,
/// is an error at its line.
#[test]
fn aliases_keep_old_addresses_and_bad_ones_are_errors_at_their_line() {
    let site = Fixture::new();
    site.simple(
        "2020-10-03-new-slug.md",
        "Renamed",
        "2020-10-03",
        "aliases: [\"/2020/10/02/old-slug/\", \"old/page.html\", \"2020/10/01/other\"]\n",
        "Texte.",
    );
    site.build(&[]).assert_ok();
    for old in [
        "/2020/10/02/old-slug/",
        "/old/page.html",
        "/2020/10/01/other/",
    ] {
        let page = site.page(old);
        assert!(
            page.contains(r#"<meta http-equiv="refresh" content="0; url=/2020/10/03/new-slug/">"#)
                && page.contains(
                    r#"<link rel="canonical" href="https://example.org/2020/10/03/new-slug/">"#
                ),
            "{old}: {page}"
        );
    }
    let sitemap = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("old-slug"), "{sitemap}");

    site.simple(
        "2020-10-04-b.md",
        "B",
        "2020-10-04",
        "aliases:\n  - https://example.org/x/\n  - /a/../b/\n  - /.git/\n  - /.git/config/\n",
        "Texte.",
    );
    // An output that is a gh-pages worktree holds its `.git`: no alias goes there.
    std::fs::create_dir_all(site.output().join(".git")).unwrap();
    std::fs::write(site.output().join(".git/index.html"), "precious").unwrap();
    std::fs::write(site.output().join(".git/config"), "[core]").unwrap();
    let before = common::snapshot(&site.output());
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "invalid alias `https://example.org/x/`: an alias is an address of this site, without a host",
        "content/dispatches/2020-10-04-b.md:5:5",
        "invalid alias `/a/../b/`: an alias has no empty, `.` or `..` part",
        "content/dispatches/2020-10-04-b.md:6:5",
        "invalid alias `/.git/`: an alias has no part starting with `.`",
        "content/dispatches/2020-10-04-b.md:7:5",
        "content/dispatches/2020-10-04-b.md:8:5",
    ]);
    assert_eq!(common::snapshot(&site.output()), before);
    site.simple(
        "2020-10-04-b.md",
        "B",
        "2020-10-04",
        "aliases:\n  - /archive/\n  - /2020/10/02/old-slug/\n",
        "Texte.",
    );
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "the alias /archive/ is the address of a page of the site",
        "content/dispatches/2020-10-04-b.md:5:5",
        "two dispatches have the alias /2020/10/02/old-slug/",
        "content/dispatches/2020-10-04-b.md:6:5",
        // The other dispatch's alias, at its line.
        "content/dispatches/2020-10-03-new-slug.md:4:11",
    ]);
    // A place's redirect page, a file of the site, twice the same.
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\naliases = [\"Hadrout\"]\n",
    );
    site.simple(
        "2020-10-04-b.md",
        "B",
        "2020-10-04",
        "aliases: [/places/hadrout/, b/, /b]\n",
        "Texte.",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "the alias /places/hadrout/ is the address of a page of the site",
        "the alias /b/ is listed twice",
    ]);
    // Generated files, said before any page is written (a first build into
    // an empty folder writes pages as they render).
    site.simple(
        "2020-10-04-b.md",
        "B",
        "2020-10-04",
        "aliases: [/atom.xml/, /search/meta.json/, /search/old/]\n",
        "",
    );
    let fresh = site.root().join("fresh");
    let run = common::build(site.root(), &fresh, &[]);
    let atom = "the alias /atom.xml/ needs a folder where the site has the file /atom.xml";
    for once in [atom, "the alias /search/old/ is inside /search/"] {
        assert_eq!(
            run.stderr.matches(once).count(),
            1,
            "said once\n{}",
            run.dump()
        );
    }
    run.assert_content_error().assert_stderr_has(&[
        "the alias /atom.xml/ needs a folder where the site has the file /atom.xml",
        "content/dispatches/2020-10-04-b.md:4:11",
        "the alias /search/meta.json/ is inside /search/, the folder of the site's search index",
        "the alias /search/old/ is inside /search/, the folder of the site's search index",
    ]);
    assert!(!fresh.exists());
    // A static file of the theme.
    site.simple(
        "2020-10-04-b.md",
        "B",
        "2020-10-04",
        "aliases: [style.css]\n",
        "",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "the alias /style.css/ needs a folder where the site has the file /style.css",
        "content/dispatches/2020-10-04-b.md:4:11",
    ]);
    assert!(
        before == common::snapshot(&site.output()),
        "the output changed"
    );
}

/// An optional field written without a value is not there; an update dated
/// before its dispatch is a warning at its line.
#[test]
fn empty_optional_fields_are_absent_and_an_update_before_the_date_is_said() {
    let site = Fixture::new();
    site.dispatch(
        "a.md",
        "---\ntitle: A\ndate: 2020-10-10\nsummary:\nslug:\nupdated: 2020-10-01\n---\nCorps.\n",
    );
    let run = site.build(&[]);
    run.assert_ok()
        .assert_stderr_has(&["`updated` is before `date`", "content/dispatches/a.md:6:10"]);
    assert!(site.exists("/2020/10/10/a/"));
    // Such an update is no update: the page, the feed, the sitemap and the
    // export give the date.
    assert!(!site.page("/2020/10/10/a/").contains("2020-10-01"));
    let feed = site.page("/atom.xml");
    assert!(!feed.contains("2020-10-01"), "{feed}");
    assert!(!site.page("/sitemap.xml").contains("2020-10-01"));
    let export = site.page("/data/dispatches.json");
    assert!(!export.contains("2020-10-01"), "{export}");
    // Later as an instant, though on an earlier day as written.
    site.dispatch(
        "a.md",
        "---\ntitle: A\ndate: 2020-10-10T01:00:00+04:00\nupdated: 2020-10-09T22:00:00Z\n---\nCorps.\n",
    );
    let run = site.build(&[]);
    assert!(!run.assert_ok().stderr.contains("before"), "{}", run.dump());
}

/// A place with half its coordinates is left off the maps, and said.
#[test]
fn a_place_with_a_latitude_and_no_longitude_is_a_warning() {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\nlat = 39.52\n",
    );
    site.simple("a.md", "A", "2020-10-10", "places: [hadrut]\n", "Corps.");
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "place `hadrut` has `lat` but no `lon`; it is left off the maps",
        "content/places.toml:4:1",
    ]);
    // A latitude out of range is an error, said once.
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\nlat = 139.52\nlon = 46.9\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    assert!(!run.stderr.contains("but no"), "{}", run.dump());
}

/// One run reports every problem it can: an error in one dispatch does not
/// hide the others' warnings or the errors only a render finds, and a link
/// to the dispatch that failed is not reported as a link to nothing.
#[test]
fn an_error_in_one_dispatch_hides_nothing_else_of_the_chronicle() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-01-a.md",
        "---\ntitle: A\ndate: 2020-10-01\n---\n![carte](/img/absente.png) et [B](2020-10-02-b.md).\n",
    );
    site.dispatch(
        "2020-10-02-b.md",
        "---\ntitle: B\ndate: 2020-13-02\n---\nCorps.\n",
    );
    site.dispatch(
        "2020-10-03-c.md",
        "---\ntitle: C\ndate: 2020-10-03\naliases: [\"/2020/10/01/a/\"]\n---\nCorps.\n",
    );
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "invalid `date`: `2020-13-02`",
        "content/dispatches/2020-10-02-b.md:3:7",
        "the alias /2020/10/01/a/ is the address of a page of the site",
        "link to a file the site does not have: /img/absente.png",
        "content/dispatches/2020-10-01-a.md:5:1",
        "build failed: 2 errors",
    ]);
    assert!(!run.stderr.contains("missing dispatch"), "{}", run.dump());
    assert!(!site.output().exists(), "a failed build writes nothing");

    let check = chronicle(&[
        "check",
        "--root",
        site.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(check.code, 1, "{}", check.dump());
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    for expected in [
        "invalid `date`: `2020-13-02`",
        "the alias /2020/10/01/a/ is the address of a page of the site",
        "link to a file the site does not have: /img/absente.png",
        "this dispatch has no place",
    ] {
        assert!(messages.contains(&expected), "{expected:?} in {messages:?}");
    }
    assert_eq!(report["errors"], 2, "{messages:?}");
}

/// The render's own errors do not hide each other either: a broken link
/// between dispatches, found in the Markdown, and an alias taken by a page,
/// found once the pages are planned, come out of one build.
#[test]
fn a_broken_link_and_a_taken_alias_are_reported_together() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-01-a.md",
        "---\ntitle: A\ndate: 2020-10-01\n---\nVoir [la suite](2020-10-09-absente.md).\n",
    );
    site.dispatch(
        "2020-10-03-c.md",
        "---\ntitle: C\ndate: 2020-10-03\naliases: [\"/2020/10/01/a/\"]\n---\nCorps.\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "link to a missing dispatch: `2020-10-09-absente.md`",
        "content/dispatches/2020-10-01-a.md:5:6",
        "the alias /2020/10/01/a/ is the address of a page of the site",
        "build failed: 2 errors",
    ]);
    assert!(!site.output().exists(), "a failed build writes nothing");
    // Nor does an error in the theme's card, made with the dispatches' values.
    site.write(
        "chronicle.toml",
        format!("{DEFAULT_CONFIG}theme = \"mine\"\n"),
    );
    site.write(
        "themes/mine/templates/partials/card.html",
        "<article class=\"card\">{{ d.nothing.here }}</article>\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "link to a missing dispatch: `2020-10-09-absente.md`",
        "Field `nothing` is not defined",
        "build failed: 2 errors",
    ]);
}

/// An error in a source or a claim does not hide the same dispatch's
/// broken link: the dispatch is still rendered for the checks.
#[test]
fn a_bad_source_url_does_not_hide_a_broken_link_of_its_dispatch() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-01-a.md",
        "---\ntitle: A\ndate: 2020-10-01\nsources:\n  - name: AFP\n    url: afp.com\n\
         claims:\n  - says: x\n---\nVoir [la suite](2020-10-09-absente.md).\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "invalid `url` `afp.com`",
        "content/dispatches/2020-10-01-a.md:6:10",
        "a claim without `by`",
        "link to a missing dispatch: `2020-10-09-absente.md`",
        "content/dispatches/2020-10-01-a.md:10:6",
        "build failed: 3 errors",
    ]);
    assert!(!site.output().exists(), "a failed build writes nothing");
}

/// A dispatch with a broken link to another dispatch still has its other
/// links checked: the file the site lacks and the missing anchor are said
/// in the same build, not one build later.
#[test]
fn a_broken_dispatch_link_does_not_hide_the_same_dispatchs_other_link_warnings() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-01-a.md",
        "---\ntitle: A\ndate: 2020-10-01\n---\n## Début\n\nVoir [la suite](2020-10-09-absente.md), \
         ![carte](/images/carte.png) et [plus haut](#fin).\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "link to a missing dispatch: `2020-10-09-absente.md`",
        "link to a file the site does not have: /images/carte.png",
        "link to a missing anchor: #fin",
        "build failed: 1 error",
    ]);
}

/// Raw HTML that sets an id the theme's page has (`main`, the skip link's
/// target) is a warning at that id, in a build and in `check`, and again in
/// the next build: the page would hold two elements with one id.
#[test]
fn raw_html_with_an_id_of_the_themes_page_is_a_warning_at_the_id() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-01-a.md",
        "---\ntitle: A\ndate: 2020-10-01\n---\nTexte.\n\n<div id=\"main\">Encadré</div>\n\n<p id=\"mine\">x</p>\n",
    );
    let expected = [
        "the theme's page already has an element with the id `main`",
        "content/dispatches/2020-10-01-a.md:7:10",
    ];
    for _ in 0..2 {
        let run = site.build(&[]);
        run.assert_ok().assert_stderr_has(&expected);
        assert!(!run.stderr.contains("`mine`"), "{}", run.dump());
    }
    let run = common::chronicle(&["check", "--root", site.root().to_str().unwrap()]);
    run.assert_stderr_has(&expected);
}

/// A heading takes no id that the dispatch's raw HTML sets, wherever the
/// two are: a page holds each id once.
#[test]
fn a_heading_takes_no_id_of_the_raw_html() {
    let site = Fixture::new();
    site.dispatch(
        "2020-10-01-a.md",
        "---\ntitle: A\ndate: 2020-10-01\n---\n## Intro\n\nTexte.\n\n<p id=\"intro\">x</p>\n\n\
         ## Suite\n\n<span id=\"suite\">y</span> et [retour](#intro).\n",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/01/a/");
    for id in ["intro", "suite"] {
        let written = format!("id=\"{id}\"");
        assert_eq!(page.matches(&written).count(), 1, "{written} in {page}");
        assert!(page.contains(&format!("id=\"{id}-1\"")), "{id}-1 in {page}");
    }
}

/// A claim denied by the side that makes it (by its id or another of its
/// names) is a warning at that `denied_by` entry; `check --strict` fails on it.
#[test]
fn a_claim_denied_by_the_side_that_makes_it_is_a_warning_at_the_denial() {
    let site = Fixture::new();
    site.write(
        "content/sides.toml",
        "[[side]]\nid = \"azerbaijan\"\nname = \"Azerbaïdjan\"\naliases = [\"Bakou\"]\n\n[[side]]\nid = \"armenia\"\nname = \"Arménie\"\n",
    );
    site.simple(
        "2020-10-12-a.md",
        "A",
        "2020-10-12",
        "sides: [azerbaijan, armenia]\nclaims:\n  - by: azerbaijan\n    says: \"Pris.\"\n    denied_by: [armenia, Bakou]\n  - by: armenia\n    says: \"Repris.\"\n    denied_by: [azerbaijan]\n",
        "Corps.",
    );
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "warning: `Bakou` denies a claim that it makes itself",
        "content/dispatches/2020-10-12-a.md:8:26",
        "the claim is made by this side",
    ]);
    assert_eq!(
        run.stderr.matches("makes itself").count(),
        1,
        "{}",
        run.dump()
    );
    let root = site.root().to_str().unwrap();
    chronicle(&["check", "--root", root])
        .assert_ok()
        .assert_stderr_has(&["content/dispatches/2020-10-12-a.md:8:26"]);
    chronicle(&["check", "--root", root, "--strict"]).assert_content_error();
}

/// A date-only `updated` is written as a date-only `date` is (the site has no
/// time zone of its own): as the day where pages show it, at midnight UTC in
/// feeds and the sitemap; and a date-time keeps its own offset in both.
#[test]
fn a_date_only_update_is_written_as_a_date_only_date_in_pages_and_feeds() {
    let site = Fixture::new();
    site.simple(
        "2020-10-02-a.md",
        "A",
        "2020-10-02",
        "updated: 2020-10-03\n",
        "Corps.",
    );
    site.simple(
        "2020-10-01-b.md",
        "B",
        "2020-10-01",
        "updated: 2020-10-03T09:30:00+04:00\n",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/02/a/");
    for shown in [
        "<meta property=\"article:published_time\" content=\"2020-10-02\">",
        "<meta property=\"article:modified_time\" content=\"2020-10-03\">",
        "\"datePublished\":\"2020-10-02\"",
        "\"dateModified\":\"2020-10-03\"",
        "<time datetime=\"2020-10-02\">",
        "<time datetime=\"2020-10-03\">",
    ] {
        assert!(page.contains(shown), "{shown}\n{page}");
    }
    let page = site.page("/2020/10/01/b/");
    assert!(
        page.contains("<time datetime=\"2020-10-03T09:30:00+04:00\">"),
        "{page}"
    );
    let feed = site.page("/atom.xml");
    let entry =
        |title: &str| between(&feed, &format!("<title>{title}</title>"), "</entry>").to_string();
    let a = entry("A");
    assert!(
        a.contains("<published>2020-10-02T00:00:00Z</published>"),
        "{a}"
    );
    assert!(a.contains("<updated>2020-10-03T00:00:00Z</updated>"), "{a}");
    let b = entry("B");
    assert!(
        b.contains("<published>2020-10-01T00:00:00Z</published>"),
        "{b}"
    );
    assert!(
        b.contains("<updated>2020-10-03T09:30:00+04:00</updated>"),
        "{b}"
    );
    let sitemap = site.page("/sitemap.xml");
    assert!(
        sitemap.contains("2020/10/02/a/</loc><lastmod>2020-10-03T00:00:00Z</lastmod>"),
        "{sitemap}"
    );
    let data = site.page("/data/dispatches.json");
    assert!(data.contains("\"updated\":\"2020-10-03\""), "{data}");
}

/// A feed's `<updated>` is the last time one of its entries changed: an older
/// dispatch updated since the newest was published counts, and a bare
/// `updated` on the day of a timed `date` (midnight, before it) does not
/// take the feed back in time.
#[test]
fn a_feed_is_updated_when_the_last_of_its_entries_was() {
    let site = Fixture::new();
    site.simple(
        "2020-10-10-new.md",
        "Nouvelle",
        "2020-10-10T10:00:00+04:00",
        "updated: 2020-10-10\n",
        "Corps.",
    );
    site.simple(
        "2020-10-09-same.md",
        "Même jour",
        "2020-10-09",
        "",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    // The feed's own, before its entries'.
    let updated = |feed: &str| {
        let head = between(feed, "<feed", "<entry>");
        between(head, "<updated>", "</updated>")
            .trim_start_matches("<updated>")
            .trim_end_matches("</updated>")
            .to_string()
    };
    assert_eq!(
        updated(&site.page("/atom.xml")),
        "2020-10-10T10:00:00+04:00",
        "not midnight UTC, six hours before the dispatch was published"
    );
    site.simple(
        "2020-10-01-old.md",
        "Ancienne",
        "2020-10-01",
        "updated: 2020-10-20T10:00:00+02:00\n",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        updated(&site.page("/atom.xml")),
        "2020-10-20T10:00:00+02:00"
    );
}

/// A missing anchor in another dispatch is found whatever the root is
/// called: from the site's folder with no `--root`, `--root .`, or its
/// full path (the first two were silent).
#[test]
fn a_missing_anchor_in_another_dispatch_is_found_from_a_relative_root() {
    let site = Fixture::new();
    site.dispatch(
        "2023-01-01-a.md",
        "---\ntitle: A\ndate: 2023-01-01\n---\n\nVoir [B](2023-01-02-b.md#absente).\n",
    );
    site.dispatch(
        "2023-01-02-b.md",
        "---\ntitle: B\ndate: 2023-01-02\n---\n\n## Réelle\n\nTexte.\n",
    );
    let root = site.root().to_str().unwrap();
    for args in [
        &["check"][..],
        &["check", "--root", "."],
        &["check", "--root", root],
    ] {
        let run = chronicle_in(site.root(), args);
        run.assert_ok()
            .assert_stderr_has(&["missing anchor", "#absente"]);
    }
}

/// A folder holding only `.git` (a `git worktree` of the gh-pages branch)
/// is an empty output: the build goes into it and leaves `.git` alone.
#[test]
fn building_into_a_gh_pages_worktree_holding_only_git_is_allowed() {
    let site = Fixture::new();
    site.simple("2023-01-01-a.md", "A", "2023-01-01", "", "Corps.");
    let output = site.output();
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join(".git"), "gitdir: /repo/.git/worktrees/public\n").unwrap();
    site.build(&[]).assert_ok();
    assert!(site.exists("/2023/01/01/a/"));
    assert_eq!(
        std::fs::read_to_string(output.join(".git")).unwrap(),
        "gitdir: /repo/.git/worktrees/public\n"
    );
    // A folder with anything else in it is still refused.
    let other = site.root().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("index.html"), "not ours").unwrap();
    let run = common::build(site.root(), &other, &[]);
    run.assert_stderr_has(&["it is not empty and was not made by chronicle"]);
    assert_eq!(
        std::fs::read_to_string(other.join("index.html")).unwrap(),
        "not ours"
    );
}

/// Another tool's output also has a `.nojekyll` (GitHub Pages asks for
/// one): it is not taken for chronicle's, whose says so, and nothing of it
/// is removed. chronicle's own output is built into again.
#[test]
fn another_tools_output_with_its_own_nojekyll_is_left_alone() {
    let site = Fixture::new();
    site.simple("2023-01-01-a.md", "A", "2023-01-01", "", "Corps.");
    let other = site.root().join("docs");
    std::fs::create_dir_all(other.join("posts")).unwrap();
    std::fs::write(other.join(".nojekyll"), "").unwrap();
    std::fs::write(other.join("posts/index.html"), "another site").unwrap();
    let run = common::build(site.root(), &other, &[]);
    assert_ne!(run.code, 0, "{}", run.dump());
    run.assert_stderr_has(&[
        "refusing to build into",
        "its .nojekyll is another tool's",
        "if an earlier chronicle made this one",
    ]);
    assert_eq!(
        std::fs::read_to_string(other.join("posts/index.html")).unwrap(),
        "another site"
    );
    site.build(&[]).assert_ok();
    let marker = std::fs::read_to_string(site.output().join(".nojekyll")).unwrap();
    assert!(marker.starts_with("Made by chronicle"), "{marker}");
    site.simple("2023-01-02-b.md", "B", "2023-01-02", "", "Corps.");
    site.build(&[]).assert_ok();
    assert!(site.exists("/2023/01/02/b/"));
}

/// Two topics whose addresses are the same but whose spellings differ by
/// more than case, accents and punctuation (`C#`, `C++`) are one topic, and
/// a warning says so where the second is written; `haut-karabakh` finding
/// `Haut Karabakh` is no news.
#[test]
fn two_topics_that_share_an_address_are_warned_about() {
    let site = Fixture::new();
    site.simple(
        "2023-01-02-a.md",
        "A",
        "2023-01-02",
        "topics: [\"C++\", Haut Karabakh]\n",
        "x",
    );
    site.simple(
        "2023-01-03-b.md",
        "B",
        "2023-01-03",
        "topics: [\"C#\", haut-karabakh]\n",
        "x",
    );
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "topic `C#` is taken for the topic `C++`: both make the address /topics/c/",
        "2023-01-03-b.md:4:10",
        "spell one with other letters",
    ]);
    assert!(
        !run.stderr.contains("haut-karabakh` is taken"),
        "{}",
        run.dump()
    );
    let warnings = run.stderr.matches("is taken for the topic").count();
    assert_eq!(warnings, 1, "{}", run.dump());
    // Whichever comes first: `f` finding `F#` (whose address, `f`, is no
    // spelling of its own).
    site.simple(
        "2023-01-04-c.md",
        "C",
        "2023-01-04",
        "topics: [\"F#\"]\n",
        "x",
    );
    site.simple("2023-01-05-d.md", "D", "2023-01-05", "topics: [f]\n", "x");
    let run = site.build(&[]);
    run.assert_ok();
    let said = [
        "topic `f` is taken for the topic `F#`",
        "topic `F#` is taken for the topic `f`",
    ];
    run.assert_stderr_has_any(&said);
}

/// A file of another dispatch's bundle is linked by its path from the
/// linking file, as that dispatch's `.md` is: it becomes the file's address
/// under the dispatch's permalink (with the base path), from any root. A
/// file that bundle does not have is still reported. A link to the
/// bundle's folder is one to its `index.md`.
#[test]
fn a_file_of_another_dispatchs_bundle_is_linked_by_its_path() {
    let site = Fixture::with_config(
        "title = \"T\"\nlanguage = \"en\"\nbase_url = \"https://example.org/war/\"\n",
    );
    site.dispatch(
        "2023-04-15-fighting/index.md",
        "---\ntitle: Fighting\ndate: 2023-04-15\n---\n\n![smoke](smoke.png), \
         [by its path from the folder that holds it](../2023-04-15-fighting/smoke.png#x)\n",
    );
    site.write("content/dispatches/2023-04-15-fighting/smoke.png", "PNG");
    site.write(
        "content/dispatches/2023-04-15-fighting/docs/my report.pdf",
        "PDF",
    );
    site.dispatch(
        "2023-05-20-later.md",
        "---\ntitle: Later\ndate: 2023-05-20\n---\n\n\
         [dispatch](2023-04-15-fighting/index.md), ![photo](2023-04-15-fighting/smoke.png), \
         [report](<2023-04-15-fighting/docs/my report.pdf#page=2>), \
         <img src=\"./2023-04-15-fighting/smoke.png\" alt=\"again\"> and \
         ![gone](2023-04-15-fighting/fire.png); [its folder](2023-04-15-fighting/#smoke), \
         <a href=\"./2023-04-15-fighting\">raw</a>\n",
    );
    for args in [&["build"][..], &["build", "--root", "."]] {
        let run = common::chronicle_in(site.root(), args);
        run.assert_ok().assert_stderr_has(&[
            "link to a file the site does not have: /2023/04/15/fighting/fire.png",
            "the page bundle content/dispatches/2023-04-15-fighting has no such file: put it beside its index.md",
            // The folder's anchor is checked against its index.md.
            "link to a missing anchor: #smoke",
            "2023-04-15-fighting/index.md has no heading or footnote to link to",
        ]);
        assert_eq!(
            run.stderr.matches("does not have").count(),
            1,
            "{}",
            run.dump()
        );
        let page = site.page("/2023/05/20/later/");
        for url in [
            "href=\"/war/2023/04/15/fighting/\"",
            "src=\"/war/2023/04/15/fighting/smoke.png\"",
            "href=\"/war/2023/04/15/fighting/docs/my%20report.pdf#page=2\"",
        ] {
            assert!(page.contains(url), "{url} in {page}");
        }
        // The Markdown image and the raw one.
        let photos = page
            .matches("src=\"/war/2023/04/15/fighting/smoke.png\"")
            .count();
        assert_eq!(photos, 2, "{page}");
        // A link to the bundle's folder is one to its index.md.
        assert!(
            page.contains("href=\"/war/2023/04/15/fighting/#smoke\""),
            "{page}"
        );
        let body = common::between(&page, "<div class=\"body\" dir=\"auto\">", "</div>");
        assert_eq!(
            body.matches("href=\"/war/2023/04/15/fighting/\"").count(),
            2,
            "{body}"
        );
        assert!(site.exists("/2023/04/15/fighting/smoke.png"));
        assert!(site.exists("/2023/04/15/fighting/docs/my report.pdf"));
        // The bundle's own file, by a path that leaves the bundle and comes
        // back: the page's folder holds the file.
        let own = site.page("/2023/04/15/fighting/");
        assert!(own.contains("href=\"smoke.png#x\""), "{own}");
    }
}

/// A Mac stores file names decomposed (`e` and U+0301); the link typed in
/// an editor, and the address a browser asks for, have `é` composed. A
/// bundle's and static/'s files are published under their composed names.
#[test]
fn files_named_on_a_mac_are_published_under_composed_names() {
    let site = Fixture::new();
    let decomposed = "carte-e\u{301}te\u{301}.png";
    site.dispatch(
        "2023-04-15-e\u{301}te\u{301}/index.md",
        "---\ntitle: Fighting\ndate: 2023-04-15\n---\n\n![carte](carte-\u{e9}t\u{e9}.png)\n",
    );
    site.write(
        &format!("content/dispatches/2023-04-15-e\u{301}te\u{301}/{decomposed}"),
        "PNG",
    );
    site.write(&format!("static/{decomposed}"), "STATIC");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("does not have"), "{}", run.dump());
    let output = site.output();
    assert!(
        output
            .join("2023/04/15/ete/carte-\u{e9}t\u{e9}.png")
            .is_file()
    );
    assert!(!output.join(format!("2023/04/15/ete/{decomposed}")).exists());
    assert!(output.join("carte-\u{e9}t\u{e9}.png").is_file());
    let page = site.page("/2023/04/15/ete/");
    assert!(page.contains("src=\"carte-%C3%A9t%C3%A9.png\""), "{page}");
}

/// static/ is copied as it is, hidden files included (`.well-known/`,
/// `.htaccess`); editors' leftovers, the system's and the repository's files
/// are not, nor a `.nojekyll` (chronicle makes its own).
#[test]
fn static_files_are_copied_hidden_ones_too_but_not_leftovers() {
    let site = Fixture::new();
    site.dispatch(
        "2023-04-15-a.md",
        "---\ntitle: A\ndate: 2023-04-15\n---\n\nText.\n",
    );
    for file in [
        ".well-known/security.txt",
        ".htaccess",
        "docs/.hidden",
        ".nojekyll",
        "notes.md~",
        ".notes.md.swp",
        "4913",
        ".DS_Store",
        "images/.gitkeep",
    ] {
        site.write(&format!("static/{file}"), file);
    }
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.dump());
    let output = site.output();
    for copied in [".well-known/security.txt", ".htaccess", "docs/.hidden"] {
        let text = std::fs::read_to_string(output.join(copied)).unwrap_or_default();
        assert_eq!(text, copied);
    }
    for left in [
        "notes.md~",
        ".notes.md.swp",
        "4913",
        ".DS_Store",
        "images/.gitkeep",
    ] {
        assert!(!output.join(left).exists(), "{left}");
    }
    let nojekyll = std::fs::read_to_string(output.join(".nojekyll")).unwrap();
    assert_ne!(nojekyll, ".nojekyll", "chronicle's own");
}

/// Two files of static/ whose names differ only in how their accents are
/// encoded would be one address: the one named as typed is published, the
/// other is said and left out.
#[test]
fn two_static_files_one_name_once_composed_are_said() {
    let site = Fixture::new();
    site.dispatch(
        "2023-04-15-fighting.md",
        "---\ntitle: Fighting\ndate: 2023-04-15\n---\n\nText.\n",
    );
    site.write("static/carte-e\u{301}te\u{301}.png", "MAC");
    site.write("static/carte-\u{e9}t\u{e9}.png", "TYPED");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: static/carte-e\u{301}te\u{301}.png is left out: its name is \
             static/carte-\u{e9}t\u{e9}.png's but for how its accents are encoded"
        ),
        "{}",
        run.dump()
    );
    let published = std::fs::read_to_string(site.output().join("carte-\u{e9}t\u{e9}.png")).unwrap();
    assert_eq!(published, "TYPED");
}

/// A file of static/ that another file of the site stands in for is said:
/// a page at its path, or a page bundle's file published there.
#[test]
fn a_static_file_that_the_site_hides_is_said() {
    let site = Fixture::new();
    site.dispatch(
        "2023-04-15-fighting/index.md",
        "---\ntitle: Fighting\ndate: 2023-04-15\n---\n\n![smoke](smoke.png)\n",
    );
    site.write("content/dispatches/2023-04-15-fighting/smoke.png", "BUNDLE");
    site.write("static/2023/04/15/fighting/smoke.png", "STATIC");
    site.write("static/index.html", "<p>mine</p>");
    site.write("static/robots-mine.txt", "kept");
    // As a Hugo site has it: the help says how to make it one's own.
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "static/index.html is hidden by a page chronicle makes at the same path",
        "static/robots.txt is hidden by a page chronicle makes at the same path",
        "to make robots.txt your own, put a template of that name in themes/NAME/templates/",
        "static/2023/04/15/fighting/smoke.png is hidden by \
         content/dispatches/2023-04-15-fighting/smoke.png, a file of a page bundle published at \
         the same path",
    ]);
    assert_eq!(
        run.stderr.matches("is hidden by").count(),
        3,
        "{}",
        run.dump()
    );
    let output = site.output();
    let smoke = std::fs::read(common::file_of(&output, "/2023/04/15/fighting/smoke.png")).unwrap();
    assert_eq!(smoke, b"BUNDLE");
    assert!(site.exists("/robots-mine.txt"));
}

/// A place id declared twice is an error, and the entry nothing uses is
/// one warning, not one per declaration.
#[test]
fn a_duplicated_place_id_is_one_error_and_one_unused_warning() {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"a\"\nname = \"Alpha\"\n\n[[place]]\nid = \"a\"\nname = \"Alpha two\"\n\n\
         [[place]]\nid = \"b\"\nname = \"Beta\"\n",
    );
    site.simple("2023-01-01-x.md", "X", "2023-01-01", "places: [b]\n", "x");
    let run = common::chronicle(&["check", "--root", site.root().to_str().unwrap()]);
    run.assert_content_error()
        .assert_stderr_has(&["duplicate place id `a`", "content/places.toml:6:6"]);
    let unused = run
        .stderr
        .matches("the place `a` is declared but no dispatch uses it");
    assert_eq!(unused.count(), 1, "{}", run.dump());
}

/// Hugo's and Zola's section page and a README, kept beside the dispatches
/// by users of those tools and of GitHub, are errors that say what they are.
#[test]
fn a_section_page_or_a_readme_among_the_dispatches_is_told_what_to_do() {
    let site = Fixture::new();
    site.simple("2020-10-01-alpha.md", "Alpha", "2020-10-01", "", "Texte.");
    site.dispatch("_index.md", "---\ntitle: Dépêches\n---\nLa section.\n");
    site.dispatch("README.md", "# Les dépêches\n\nUne par fichier.\n");
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "error: missing `date` in the front-matter",
        "content/dispatches/_index.md:1:1",
        "`_index.md` is a section's page for Hugo and Zola; chronicle has no sections",
        "error: missing front-matter",
        "content/dispatches/README.md:1:1",
        "move the README out of the folder (to the site's root, beside chronicle.toml)",
    ]);
}

/// A Mac (and a zip or an rsync from one) stores `été` in a file name
/// decomposed, as e and U+0301; a link typed in an editor has it composed.
/// The link finds the dispatch, and the heading it names.
#[test]
fn a_link_finds_a_dispatch_whose_file_name_is_decomposed() {
    let site = Fixture::new();
    site.simple(
        "2024-03-02-e\u{301}te\u{301}.md",
        "Été",
        "2024-03-02",
        "",
        "## Bilan\n\nTexte.",
    );
    site.simple(
        "2024-03-03-suite.md",
        "Suite",
        "2024-03-03",
        "",
        "Voir [le rapport](2024-03-02-été.md) et [son bilan](2024-03-02-%C3%A9t%C3%A9.md#bilan).",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("missing"), "{}", run.dump());
    let page = site.page("/2024/03/03/suite/");
    assert!(
        page.contains("<a href=\"/2024/03/02/ete/\">le rapport</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/2024/03/02/ete/#bilan\">son bilan</a>"),
        "{page}"
    );
}

/// A tab after a field's colon, which YAML reads before some values and
/// not others, is pointed at and named.
#[test]
fn a_tab_after_a_field_s_colon_is_named() {
    let site = Fixture::new();
    site.dispatch(
        "2024-01-16-a.md",
        "---\ntitle:\t\"A\"\ndate:\t2024-01-16\n---\nTexte.\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "error: invalid YAML in the front-matter",
        "content/dispatches/2024-01-16-a.md:3:6",
        "a tab after `date:`",
        "write a space after the colon",
    ]);
}

/// A chronicle without `content/dispatches/` (run from the wrong folder, a
/// folder misnamed) builds an empty site, and says why it is empty.
#[test]
fn a_chronicle_without_its_dispatches_folder_is_told_so() {
    let site = Fixture::new();
    std::fs::remove_dir_all(site.root().join("content")).unwrap();
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "warning: there is no folder content/dispatches/ here: the site has no dispatches",
        "--root",
    ]);
}

#[test]
fn files_in_the_dispatches_folder_that_are_not_published_are_named() {
    let site = Fixture::new();
    site.write("content/dispatches/photo.jpg", "jpeg");
    site.write("content/dispatches/2020/notes.txt", "notes");
    site.write(
        "content/dispatches/colonne/index.md",
        "---\ntitle: Colonne\ndate: 2020-10-11\n---\n![Vue](img/vue.png)\n",
    );
    site.write("content/dispatches/colonne/img/vue.png", "png");
    site.write("content/dispatches/colonne/index.html", "<p>mine</p>");
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "2 files in content/dispatches/ are not published, as they are neither dispatches nor a \
         bundle's files: content/dispatches/2020/notes.txt, content/dispatches/photo.jpg",
        "content/dispatches/colonne/index.html is not published: the dispatch's page is made at \
         the same path, /2020/10/11/colonne/index.html",
    ]);
    assert!(
        !run.stderr.contains("vue.png"),
        "a bundle's own files are published: {}",
        run.dump()
    );
    assert!(site.exists("/2020/10/11/colonne/img/vue.png"));
    assert!(
        site.page("/2020/10/11/colonne/")
            .contains("<h1 dir=\"auto\">Colonne</h1>")
    );
}

#[test]
fn every_bad_alias_of_a_dispatch_is_said_in_one_build() {
    let site = Fixture::new();
    site.simple(
        "2022-02-24-invasion.md",
        "Invasion",
        "2022-02-24",
        "",
        "Corps.",
    );
    site.simple(
        "al.md",
        "Al",
        "2022-03-09",
        "aliases: [\"/2022/02/24/invasion/\", \"/feed.xml\", \"https://other.example/x\"]\n",
        "Corps.",
    );
    let before = snapshot(&site.output());
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "the alias /2022/02/24/invasion/ is the address of a page of the site",
        "invalid alias `/feed.xml`",
        "invalid alias `https://other.example/x`",
        "build failed: 3 errors",
    ]);
    assert_same_snapshot(&before, &snapshot(&site.output()));
}

#[test]
fn a_bundle_file_with_a_hash_in_its_name_is_linked_to_that_file() {
    let site = Fixture::new();
    site.write(
        "content/dispatches/2022-03-10-colonne/index.md",
        "---\ntitle: Colonne\ndate: 2022-03-10\n---\n![Vue](<img/photo #1.jpg>) et [la carte](carte?v2.pdf).\n",
    );
    site.write(
        "content/dispatches/2022-03-10-colonne/img/photo #1.jpg",
        "jpeg",
    );
    site.write("content/dispatches/2022-03-10-colonne/carte?v2.pdf", "pdf");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("does not have"), "{}", run.dump());
    let page = site.page("/2022/03/10/colonne/");
    assert!(page.contains("src=\"img/photo%20%231.jpg\""), "{page}");
    assert!(page.contains("href=\"carte%3Fv2.pdf\""), "{page}");
    assert!(site.exists("/2022/03/10/colonne/img/photo #1.jpg"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_said() {
    use std::os::unix::ffi::OsStrExt;
    let site = Fixture::new();
    let name = std::ffi::OsStr::from_bytes(b"2022-03-02-caf\xe9.md");
    std::fs::write(
        site.root().join("content/dispatches").join(name),
        "---\ntitle: Café\ndate: 2022-03-02\n---\nCorps.\n",
    )
    .unwrap();
    site.build(&[])
        .assert_ok()
        .assert_stderr_has(&["is not UTF-8 text: its slug is made from what is"]);
}

/// A gazetteer entry without a usable id still has its other fields
/// checked: its bad `lat` is said in the same build.
#[test]
fn a_place_without_an_id_still_has_its_coordinates_checked() {
    let site = Fixture::new();
    site.simple("a.md", "A", "2020-10-10", "", "Corps.");
    site.write(
        "content/places.toml",
        "[[place]]\nname = \"Hadrut\"\nlat = 999\nlon = 47.03\n\n\
         [[place]]\nid = \"Not A Slug\"\nlat = 39.5\nlon = 400\n\n\
         [[place]]\nid = \"y\"\nname = [\"Y\"]\nlat = -91\n",
    );
    site.write(
        "content/sides.toml",
        "[[side]]\nname = \"Arménie\"\ncolor = \"red\"\n",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "a [[place]] without an `id`",
        "content/places.toml:3:7",
        "invalid place id `Not A Slug`",
        "content/places.toml:9:7",
        "a [[side]] without an `id`",
        "invalid colour `red`",
        "content/places.toml:13:8",
        "content/places.toml:14:7",
        "build failed: 8 errors, 1 warning;",
    ]);
}

/// A gazetteer that is not TOML (or not UTF-8) is one error: the places it
/// would declare are not each told they are not declared.
#[test]
fn a_broken_gazetteer_is_one_error_not_a_warning_per_reference() {
    for broken in [
        &b"[[place]\nid = \"hadrut\"\n"[..],
        b"[[place]]\nid = \"x\"\nname = \"Caf\xe9\"\n",
    ] {
        let site = Fixture::new();
        for day in 1..=3 {
            site.dispatch(
                &format!("2020-10-0{day}-a.md"),
                format!("---\ntitle: A{day}\ndate: 2020-10-0{day}\nplaces: [Hadrut, Lachin]\n---\nCorps.\n"),
            );
        }
        std::fs::write(site.root().join("content/places.toml"), broken).unwrap();
        let run = site.build(&[]);
        run.assert_content_error()
            .assert_stderr_has(&["content/places.toml:", "build failed: 1 error;"]);
        assert!(!run.stderr.contains("not declared"), "{}", run.dump());
    }
}

/// A file named by one date and dated by another is a warning at the date:
/// one of the two is a typo. A date-time's own date is the one compared.
#[test]
fn a_file_name_and_a_date_that_disagree_are_a_warning() {
    let site = Fixture::new();
    site.simple("2020-10-12-treve.md", "Trêve", "2020-10-11", "", "Corps.");
    site.dispatch(
        "2020-10-13-soir.md",
        "---\ntitle: Soir\ndate: 2020-10-13T23:30:00-05:00\n---\nCorps.\n",
    );
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "the file name says 2020-10-12 but `date` says 2020-10-11",
        "content/dispatches/2020-10-12-treve.md:3:7",
        "filed under its `date`, at /2020/10/11/",
    ]);
    assert!(!run.stderr.contains("2020-10-13-soir"), "{}", run.dump());
    assert!(site.exists("/2020/10/11/treve/"));
}

/// A gazetteer alias with no letter or digit names nothing (matching
/// ignores punctuation) and can make no redirect page: it is said, not
/// silently dropped.
#[test]
fn an_alias_with_no_letter_or_digit_is_a_warning() {
    let site = Fixture::new();
    site.simple(
        "2020-10-10-a.md",
        "A",
        "2020-10-10",
        "places: [hadrut]\n",
        "Corps.",
    );
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\naliases = [\"Hadrout\", \"!!!\"]\n",
    );
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "the alias `!!!` of place `hadrut` has no letter or digit; it is ignored",
        "content/places.toml:4:23",
    ]);
    assert!(site.exists("/places/hadrout/"));
}

/// One blank item of a list is said as such, at the item, not as the whole
/// field being empty.
#[test]
fn a_blank_item_of_a_list_is_said_at_the_item() {
    let (_site, run) = one_broken_file(
        "2020-10-10-a.md",
        b"---\ntitle: A\ndate: 2020-10-10\nplaces: [Hadrut, \"  \"]\n---\nCorps\n",
    );
    run.assert_stderr_has(&[
        "an empty item in `places`",
        "content/dispatches/2020-10-10-a.md:4:18",
    ]);
    assert!(!run.stderr.contains("`places` is empty"), "{}", run.dump());
}
