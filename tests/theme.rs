//! The default theme as readers meet it: every label in the site's language,
//! a third language added by a site, a theme that overrides the default file
//! by file, the month calendar's links, JSON-LD, sharing meta and feeds.
//! (The real-browser checks are in tests/browser.rs.)

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{DEFAULT_CONFIG, Fixture};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn manifest() -> &'static Path {
    Path::new(MANIFEST)
}

/// The sample chronicle, built into a temporary folder.
struct Built {
    _tmp: tempfile::TempDir,
    output: PathBuf,
    stderr: String,
}

impl Built {
    fn sample() -> Built {
        Built::site(manifest())
    }

    /// A site built from a copy of `root` (so that nothing is written beside it).
    fn site(root: &Path) -> Built {
        let tmp = tempfile::tempdir().unwrap();
        let copy = tmp.path().join("site");
        copy_dir(
            root,
            &copy,
            &["target", "public", "tests", ".git", "bench", "fuzz", "src"],
        );
        let output = tmp.path().join("public");
        let run = common::build(&copy, &output, &[]);
        run.assert_ok();
        Built {
            _tmp: tmp,
            output,
            stderr: run.stderr.clone(),
        }
    }

    fn page(&self, url: &str) -> String {
        common::page(&self.output, url)
    }

    fn html_pages(&self) -> Vec<String> {
        common::listing(&self.output)
            .into_iter()
            .filter(|p| p.ends_with(".html"))
            .collect()
    }
}

fn copy_dir(from: &Path, to: &Path, skip: &[&str]) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name), &[]);
        } else {
            fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// The top-level keys of a translation file.
fn keys(path: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(path).unwrap();
    let table: toml::Table = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
    table.keys().cloned().collect()
}

/// Every `t.KEY` a folder of templates uses.
fn labels_used(dir: &Path) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for file in common::listing(dir) {
        let text = fs::read_to_string(dir.join(&file)).unwrap();
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices("t.") {
            // Not part of a longer name (`site.title`, `but.x`).
            if i > 0
                && (bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'_'
                    || bytes[i - 1] == b'.')
            {
                continue;
            }
            let key: String = text[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !key.is_empty() {
                used.insert(key);
            }
        }
    }
    used
}

#[test]
fn every_label_the_templates_use_is_translated_in_each_language_the_theme_ships() {
    let theme = manifest().join("themes/default");
    let used = labels_used(&theme.join("templates"));
    assert!(
        used.contains("places") && used.contains("print") && used.contains("calendar"),
        "the scan finds labels: {used:?}"
    );
    // The optional keys: `first_day` ("1er", which English has no word for),
    // the plural forms beyond "one" and "other", the standalone month names.
    let optional = [
        "first_day",
        "dispatches_zero",
        "dispatches_two",
        "dispatches_few",
        "dispatches_many",
        "months_standalone",
    ];
    let required = |mut keys: BTreeSet<String>| {
        for key in optional {
            keys.remove(key);
        }
        keys
    };
    let en = required(keys(&theme.join("i18n/en.toml")));
    let missing = |keys: &BTreeSet<String>| {
        let lacking = used
            .difference(keys)
            .filter(|key| !optional.contains(&key.as_str()));
        lacking.cloned().collect::<Vec<_>>()
    };
    for language in ["en", "fr", "uk"] {
        let own = required(keys(&theme.join(format!("i18n/{language}.toml"))));
        assert!(
            missing(&own).is_empty(),
            "not in {language}.toml: {:?}",
            missing(&own)
        );
        assert_eq!(
            own.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "{language}.toml and en.toml must have the same keys (these are in one only)",
        );
        // The labels the charts ask for by name, from Rust code.
        for key in [
            "timeline",
            "per_day",
            "per_week",
            "week_of",
            "map_title",
            "map_description",
            "locator_title",
            "locator_description",
        ] {
            assert!(own.contains(key), "{key} in {language}.toml");
        }
    }
    // Ukrainian counts in three forms.
    let uk = keys(&theme.join("i18n/uk.toml"));
    assert!(uk.contains("dispatches_few") && uk.contains("dispatches_many"));
}

#[test]
fn the_third_language_fixture_translates_every_label_too() {
    let fixture = manifest().join("tests/fixtures/theme-override/themes/mine");
    let de = keys(&fixture.join("i18n/de.toml"));
    let en = keys(&manifest().join("themes/default/i18n/en.toml"));
    let mut used = labels_used(&fixture.join("templates"));
    used.extend(en);
    let missing: Vec<_> = used.difference(&de).collect();
    assert!(missing.is_empty(), "not in de.toml: {missing:?}");
}

#[test]
fn the_sample_site_in_french_shows_french_labels_and_no_translation_warning() {
    let site = Built::sample();
    assert!(!site.stderr.contains("translation"), "{}", site.stderr);
    let home = site.page("/");
    for label in [
        "<html lang=\"fr\" dir=\"ltr\">",
        ">Accueil</a>",
        ">Archives</a>",
        ">Lieux</a>",
        ">Camps</a>",
        ">Sujets</a>",
        ">Recherche</a>",
        "Aller au contenu",
        "Flux Atom",
        "Dernières dépêches",
    ] {
        assert!(home.contains(label), "the home page has no {label:?}");
    }
    let dispatch = site.page("/2020/10/28/poursuite-des-combats-hadrut-lachin/");
    for label in [
        ">Imprimer</button>",
        "Camps\u{202f}:</dt>",
        "Lieux\u{202f}:</dt>",
        "mercredi 28 octobre 2020",
    ] {
        assert!(dispatch.contains(label), "the dispatch has no {label:?}");
    }
    for english in [">Home<", ">Print<", ">Places<", "Skip to content"] {
        assert!(
            !dispatch.contains(english),
            "English {english:?} on a French page"
        );
    }
}

#[test]
fn a_site_overrides_the_default_theme_file_by_file_and_adds_a_language() {
    let fixture = manifest().join("tests/fixtures/theme-override");
    let site = Built::site(&fixture);
    assert!(
        !site.stderr.contains("warning"),
        "the German translation is complete: {}",
        site.stderr
    );
    let home = site.page("/");
    // The site's partials/card.html, with its own label.
    assert!(home.contains("class=\"card mine-card\""), "{home}");
    assert!(
        home.contains(
            "Veröffentlicht am <time datetime=\"2020-11-03\">Dienstag, 3. November 2020</time>"
        ),
        "{home}"
    );
    // The default base.html around it, in German.
    assert!(home.contains("<html lang=\"de\" dir=\"ltr\">"));
    assert!(
        home.contains(">Orte</a>")
            && home.contains(">Suche</a>")
            && home.contains("Zum Inhalt springen")
    );
    assert!(home.contains("<meta property=\"og:locale\" content=\"de_DE\">"));
    // A template the site does not override is the default one.
    let dispatch = site.page("/2020/11/01/erster-bericht/");
    assert!(dispatch.contains(">Drucken</button>") && dispatch.contains("Parteien:</dt>"));
    assert!(
        dispatch.contains("Laut <a class=\"side-name\""),
        "{dispatch}"
    );
    // Static files: the site's favicon, the default stylesheet.
    let favicon = fs::read_to_string(site.output.join("favicon.svg")).unwrap();
    assert!(favicon.contains("<!-- mine -->"));
    let css = fs::read(site.output.join("style.css")).unwrap();
    assert_eq!(
        css,
        fs::read(manifest().join("themes/default/static/style.css")).unwrap()
    );
    // The month calendar in German, weeks from Monday: 1 November 2020 was a Sunday.
    let month = site.page("/2020/11/");
    let calendar = common::between(&month, "<table class=\"calendar\">", "</table>");
    assert!(
        calendar.contains("<abbr title=\"Montag\">Mo</abbr>"),
        "{calendar}"
    );
    let first_row = common::between(calendar, "<tbody>", "</tr>");
    assert_eq!(first_row.matches("<td></td>").count(), 6, "{first_row}");
}

#[test]
fn a_translation_without_some_labels_shows_them_in_english_with_a_warning() {
    let site = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"it\"\ntheme = \"t\"\n",
    );
    let en = fs::read_to_string(manifest().join("themes/default/i18n/en.toml")).unwrap();
    // Italian, but without `print` and `sources`.
    let it: String = en
        .lines()
        .filter(|l| !l.starts_with("print =") && !l.starts_with("sources ="))
        .map(|l| match l.split_once(" = ") {
            Some(("home", _)) => "home = \"Pagina iniziale\"".to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("themes/t/i18n/it.toml", it);
    site.simple(
        "2020-10-28-a.md",
        "A",
        "2020-10-28",
        "sources:\n  - name: S\n    url: https://example.com/s\n",
        "Testo.",
    );
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "translation for language `it` has no `print`, `sources`",
        "it.toml",
    ]);
    let page = site.page("/2020/10/28/a/");
    assert!(page.contains(">Pagina iniziale</a>"));
    assert!(page.contains(">Print</button>") && page.contains(">Sources</h2>"));
}

/// The JSON-LD of a page, parsed; panics if it is not JSON.
fn json_ld(page: &str) -> serde_json::Value {
    let script = common::between(page, "<script type=\"application/ld+json\">", "</script>");
    let json =
        &script["<script type=\"application/ld+json\">".len()..script.len() - "</script>".len()];
    serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("JSON-LD is not valid JSON ({e}):\n{json}"))
}

#[test]
fn every_dispatch_has_valid_json_ld_news_article() {
    let site = Built::sample();
    let dispatches: Vec<String> = site
        .html_pages()
        .into_iter()
        .filter(|p| p.starts_with("2020/10/") && p.matches('/').count() == 4)
        .collect();
    assert_eq!(dispatches.len(), 6, "{dispatches:?}");
    for path in dispatches {
        let page = fs::read_to_string(site.output.join(&path)).unwrap();
        let ld = json_ld(&page);
        assert_eq!(ld["@type"], "NewsArticle", "{path}");
        assert_eq!(ld["@context"], "https://schema.org");
        let url = format!(
            "https://example.org/{}",
            path.trim_end_matches("index.html")
        );
        assert_eq!(ld["url"], url.as_str());
        assert!(ld["headline"].as_str().is_some_and(|h| !h.is_empty()));
        assert!(
            ld["datePublished"]
                .as_str()
                .unwrap()
                .starts_with("2020-10-")
        );
        assert!(
            !ld["contentLocation"].as_array().unwrap().is_empty(),
            "{path}"
        );
    }
    let ld = json_ld(&site.page("/2020/10/28/poursuite-des-combats-hadrut-lachin/"));
    assert_eq!(ld["datePublished"], "2020-10-28");
    let places: Vec<&str> = ld["contentLocation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(places.contains(&"Hadrut"), "{places:?}");
}

#[test]
fn json_ld_keeps_a_hostile_title_inside_its_script() {
    let site = Fixture::new();
    site.simple(
        "2020-10-28-x.md",
        // (A `"` after a number stays straight in a title: inches.)
        "Quote 5\\\" and </script><script>alert(1)</script> & <b>",
        "2020-10-28",
        "slug: x\n",
        "Body.",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/28/x/");
    assert!(!page.contains("<script>alert(1)"), "{page}");
    let ld = json_ld(&page);
    assert_eq!(
        ld["headline"],
        "Quote 5\" and </script><script>alert(1)</script> & <b>"
    );
}

#[test]
fn the_month_calendar_links_exactly_the_days_with_dispatches() {
    let site = Built::sample();
    let month = site.page("/2020/10/");
    let calendar = common::between(&month, "<table class=\"calendar\">", "</table>");
    let links: Vec<&str> = calendar
        .split("<a href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let days_with_dispatches: BTreeSet<String> = common::listing(&site.output)
        .into_iter()
        .filter(|p| p.starts_with("2020/10/") && p.matches('/').count() == 4)
        .map(|p| {
            format!(
                "/{}",
                &p[..p.len() - p.rsplit('/').nth(1).unwrap().len() - "/index.html".len()]
            )
        })
        .collect();
    assert_eq!(
        days_with_dispatches
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        [
            "/2020/10/09/",
            "/2020/10/11/",
            "/2020/10/12/",
            "/2020/10/13/",
            "/2020/10/16/",
            "/2020/10/28/"
        ]
    );
    assert_eq!(
        links,
        days_with_dispatches
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    for link in &links {
        assert!(common::exists(&site.output, link), "{link} is not a page");
    }
    // Weeks start on Monday in French: 1 October 2020 was a Thursday.
    assert!(calendar.contains("<th scope=\"col\"><abbr title=\"lundi\">lun.</abbr></th>"));
    let first_row = common::between(calendar, "<tbody>", "</tr>");
    assert_eq!(first_row.matches("<td></td>").count(), 3, "{first_row}");
    assert!(first_row.contains("<time datetime=\"2020-10-01\">1er</time>"));
    // 31 days, each once.
    assert_eq!(calendar.matches("<time datetime=\"2020-10-").count(), 31);
    assert!(calendar.contains(
        "<a href=\"/2020/10/28/\" aria-label=\"mercredi 28 octobre 2020\u{202f}: 1 dépêche\">"
    ));
}

#[test]
fn every_page_has_sharing_meta_canonical_feeds_and_the_header_links() {
    let site = Built::sample();
    let pages: Vec<String> = site
        .html_pages()
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
        .collect();
    let mut checked = 0;
    for path in &pages {
        let page = fs::read_to_string(site.output.join(path)).unwrap();
        if page.contains("http-equiv=\"refresh\"") {
            continue; // an alias's redirect page
        }
        checked += 1;
        let url = format!(
            "https://example.org/{}",
            path.trim_end_matches("index.html")
        );
        for needle in [
            format!("<link rel=\"canonical\" href=\"{url}\">"),
            format!("<meta property=\"og:url\" content=\"{url}\">"),
            "<meta property=\"og:title\" content=\"".into(),
            "<meta name=\"twitter:card\" content=\"summary\">".into(),
            "<meta property=\"og:locale\" content=\"fr_FR\">".into(),
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Chronique du Haut-Karabakh, 2020 — Flux Atom\" href=\"/atom.xml\">".into(),
            "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">".into(),
            "<a class=\"skip-link\" href=\"#main\">".into(),
            "<main id=\"main\">".into(),
            "<a href=\"/search/\"".into(),
        ] {
            assert!(page.contains(&needle), "{path} has no {needle}");
        }
        // Nothing is loaded from another host.
        for attr in ["src=\"http", "src=\"//", "url(http", "@import"] {
            assert!(!page.contains(attr), "{path} loads {attr}…");
        }
        let is_dispatch = page.contains("\"@type\":\"NewsArticle\"");
        assert_eq!(
            page.contains("<meta property=\"og:type\" content=\"article\">"),
            is_dispatch,
            "{path}"
        );
    }
    assert!(checked > 40, "{checked} pages checked");
    let place = site.page("/places/hadrut/");
    assert!(place.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Hadrut — Flux Atom\" href=\"/places/hadrut/atom.xml\">"));
    assert!(
        site.page("/archive/")
            .contains("<a href=\"/archive/\" aria-current=\"page\">Archives</a>")
    );
}

#[test]
fn the_stylesheet_is_small_and_loads_nothing_from_elsewhere() {
    let site = Built::sample();
    let css = fs::read_to_string(site.output.join("style.css")).unwrap();
    assert!(css.len() < 20_000, "style.css is {} bytes", css.len());
    for needle in ["url(", "@import", "@font-face", "http"] {
        assert!(!css.contains(needle), "style.css has {needle}");
    }
    assert!(css.contains("prefers-color-scheme: dark") && css.contains("@media print"));
}

#[test]
fn side_colours_are_drawn_readable_as_badges_and_as_text() {
    let site = Built::site(&manifest().join("tests/fixtures/theme-override"));
    let dispatch = site.page("/2020/11/01/erster-bericht/");
    // A light side colour gets black ink on its badge.
    assert!(dispatch.contains(
        "<a class=\"badge side\" href=\"/chronik/sides/nord/\" dir=\"auto\" style=\"--side: #ffcc00; --side-ink: #000000\">Nord</a>"
    ), "{dispatch}");
    // As text, it is darkened on the light background and kept on the dark one.
    let in_text = common::between(&dispatch, "Laut <a class=\"side-name\"", "</a>");
    assert!(in_text.contains("--side-dark: #ffcc00"), "{in_text}");
    assert!(!in_text.contains("--side-light: #ffcc00"), "{in_text}");
}

#[test]
fn a_site_adds_a_language_with_one_file_in_its_i18n_folder_and_no_theme() {
    let site = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"de\"\n",
    );
    let de = fs::read_to_string(
        manifest().join("tests/fixtures/theme-override/themes/mine/i18n/de.toml"),
    )
    .unwrap();
    // Written before the `draft` label came: a label only a --drafts build
    // shows is no reason for a warning at every build.
    let de: String = de
        .lines()
        .filter(|line| !line.starts_with("draft = "))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write("i18n/de.toml", de);
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Text.");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        !run.stderr.contains("translation"),
        "no translation warning expected\n{}",
        run.dump()
    );
    let home = site.page("/");
    assert!(home.contains(r#"<html lang="de" dir="ltr">"#), "{home}");
    assert!(home.contains(">Startseite</a>") && home.contains(">Archiv</a>"));
    assert!(home.contains(">Suche</a>"));
    // The file wins over a theme's translation, and nothing else changes.
    assert!(site.exists("/style.css") && site.exists("/search/"));
}

#[test]
fn a_translation_s_label_of_the_wrong_kind_or_misspelled_is_said_at_its_line() {
    let site = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"de\"\n",
    );
    let de = fs::read_to_string(
        manifest().join("tests/fixtures/theme-override/themes/mine/i18n/de.toml"),
    )
    .unwrap();
    site.write(
        "i18n/de.toml",
        format!("{de}\nhoem = \"Start\"\na = \"ein\"\n"),
    );
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Text.");
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "warning: unknown label `hoem`: no template uses it, and the theme's i18n/en.toml has no such key",
        "did you mean `home`?",
        // A short key is no template's for appearing in its text.
        "warning: unknown label `a`",
    ]);
    let line = de.lines().count() + 2;
    assert!(
        run.stderr.contains(&format!("i18n/de.toml:{line}:1")),
        "{}",
        run.dump()
    );
    let archive = de
        .lines()
        .position(|l| l.starts_with("archive "))
        .expect("de.toml has `archive`");
    let numbered: String = de
        .lines()
        .map(|l| {
            if l.starts_with("archive ") {
                "archive = 5"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("i18n/de.toml", numbered);
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "error: the label `archive` must be text, not integer",
        &format!("i18n/de.toml:{}:1", archive + 1),
    ]);
}

#[test]
fn an_overridden_card_and_line_show_in_every_list_and_their_errors_name_the_file() {
    let site = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\ntheme = \"t\"\n",
    );
    site.write(
        "themes/t/templates/partials/card.html",
        "<article class=\"my-card\">{{ d.title }} · {{ t.home }} · {{ site.title }}</article>",
    );
    site.write(
        "themes/t/templates/partials/line.html",
        "<span class=\"my-line\">{{ d.title }}</span>",
    );
    site.simple(
        "2020-10-28-a.md",
        "Alpha",
        "2020-10-28",
        "places: [Hadrut]\n",
        "Text.",
    );
    site.build(&[]).assert_ok();
    // Cards are rendered once per dispatch, with the globals, and shown by every list.
    for url in ["/", "/2020/10/28/", "/2020/10/", "/places/hadrut/"] {
        let page = site.page(url);
        assert!(
            page.contains("<article class=\"my-card\">Alpha · Home · T</article>"),
            "{url}: {page}"
        );
    }
    for url in ["/archive/", "/2020/"] {
        let page = site.page(url);
        assert!(
            page.contains("<li><span class=\"my-line\">Alpha</span></li>"),
            "{url}: {page}"
        );
    }
    // A mistake in the card is told with its file and line, and nothing is written.
    site.write(
        "themes/t/templates/partials/card.html",
        "<article>\n{{ d.title | no_such_filter }}</article>",
    );
    site.build(&[])
        .assert_content_error()
        .assert_stderr_has(&["template error", "partials/card.html:2"]);
    assert!(site.page("/").contains("my-card"), "the last output stays");
    // Every unknown filter and missing template, each at its file, line and
    // column, in the same words as the other errors.
    site.write(
        "themes/t/templates/partials/card.html",
        "<article>\n  {{ d.title | no_such_filter }}</article>",
    );
    site.write(
        "themes/t/templates/partials/line.html",
        "<span>{% include \"partials/missing.html\" %}</span>",
    );
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "error: template error: Unknown filter `no_such_filter`",
        "themes/t/templates/partials/card.html:2:16",
        "themes/t/templates/partials/line.html:1:",
    ]);
    assert!(!run.stderr.contains("error: error"), "{}", run.dump());
    assert!(!run.stderr.contains("-->"), "{}", run.dump());
    site.write(
        "themes/t/templates/partials/card.html",
        "<article>{{ d.title }}</article>",
    );
    site.write("themes/t/templates/partials/line.html", "{{ d.title }}");
    site.write(
        "themes/t/templates/day.html",
        "{% extends \"nope.html\" %}\n{% block main %}{% endblock main %}",
    );
    site.build(&[]).assert_content_error().assert_stderr_has(&[
        "template error: `day.html` extends `nope.html`, which the theme does not have",
        "themes/t/templates/day.html:1:13",
    ]);
    assert!(site.page("/").contains("my-card"), "the last output stays");
}

/// Some HTML as a reader sees its text: the tags removed.
fn claim_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A site in `language` with a claim denied by two sides and one denied by three.
fn site_with_denials(language: &str) -> Fixture {
    let site = Fixture::with_config(&format!(
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"{language}\"\n"
    ));
    site.simple(
        "2020-10-28-a.md",
        "A",
        "2020-10-28",
        "claims:\n  - by: Azerbaijan\n    says: \"Two\"\n    denied_by: [Armenia, Artsakh]\n  - by: Azerbaijan\n    says: \"Three\"\n    denied_by: [Armenia, Artsakh, Russia]\n  - by: Armenia\n    says: \"One\"\n    denied_by: [Azerbaijan]\n",
        "Text.",
    );
    site
}

#[test]
fn the_sides_denying_a_claim_read_as_a_sentence_with_and_before_the_last() {
    for (language, two, three, one) in [
        (
            "en",
            "denied by Armenia and Artsakh",
            "denied by Armenia, Artsakh and Russia",
            "denied by Azerbaijan",
        ),
        (
            "fr",
            "démenti par Armenia et Artsakh",
            "démenti par Armenia, Artsakh et Russia",
            "démenti par Azerbaijan",
        ),
    ] {
        let site = site_with_denials(language);
        site.build(&[]).assert_ok();
        let dispatch = site.page("/2020/10/28/a/");
        let claims = claim_text(common::between(
            &dispatch,
            "<section class=\"claims\"",
            "</section>",
        ));
        for expected in [two, three, one] {
            assert!(claims.contains(expected), "{language}: {claims}");
        }
        let side = site.page("/sides/azerbaijan/");
        let made = claim_text(common::between(
            &side,
            "<section class=\"claims\"",
            "</section>",
        ));
        assert!(
            made.contains(two) && made.contains(three),
            "{language}: {made}"
        );
    }
}

#[test]
fn a_translation_without_the_word_for_and_joins_names_with_the_english_one() {
    let site = site_with_denials("it");
    let en = fs::read_to_string(manifest().join("themes/default/i18n/en.toml")).unwrap();
    let it: String = en
        .lines()
        .filter(|l| !l.starts_with("list_and ="))
        .map(|l| match l.split_once(" = ") {
            Some(("denied_by", _)) => "denied_by = \"smentito da\"",
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("i18n/it.toml", it);
    site.build(&[])
        .assert_ok()
        .assert_stderr_has(&["translation for language `it` has no `list_and`"]);
    let claims = claim_text(&site.page("/2020/10/28/a/"));
    assert!(
        claims.contains("smentito da Armenia, Artsakh and Russia"),
        "{claims}"
    );
}

/// A language the theme has no labels for is shown in English, and the
/// warning says where a translation goes: beside chronicle.toml, as the
/// docs say.
#[test]
fn a_language_without_labels_says_where_its_translation_goes() {
    let site = Fixture::with_config(
        "title = \"T\"\nlanguage = \"he\"\nbase_url = \"https://example.org/\"\n",
    );
    site.simple("2023-10-07-a.md", "A", "2023-10-07", "", "x");
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "the theme has no translation for language `he`",
        "add i18n/he.toml beside chronicle.toml",
    ]);
}

/// Labels shown in English count in English: a site in a language without
/// labels (Japanese has one plural form, Russian three) says "1 dispatch".
#[test]
fn counts_in_english_labels_follow_english_plurals() {
    for language in ["ja", "ru"] {
        let site = Fixture::with_config(&format!(
            "title = \"T\"\nlanguage = \"{language}\"\nbase_url = \"https://example.org/\"\n"
        ));
        for day in ["07", "08"] {
            let date = format!("2023-10-{day}");
            site.simple(&format!("{date}-a.md"), "A", &date, "topics: [x]\n", "x");
        }
        site.build(&[]).assert_ok();
        let month = site.page("/2023/10/");
        assert!(month.contains("1 dispatch"), "{language}: {month}");
        assert!(!month.contains("1 dispatches"), "{language}: {month}");
        let topic = site.page("/topics/x/");
        assert!(topic.contains("2 dispatches"), "{language}: {topic}");
    }
}

/// Arabic writes two of a thing in a form of its own (and 3–10, and 11–99,
/// in others): a translation's `dispatches_two` is no unknown label, and
/// the pages count with it.
#[test]
fn an_arabic_translation_counts_two_in_its_own_form() {
    let site = Fixture::with_config(
        "title = \"T\"\nlanguage = \"ar\"\nbase_url = \"https://example.org/\"\n",
    );
    let english = fs::read_to_string(manifest().join("themes/default/i18n/en.toml")).unwrap();
    let arabic = english
        .replace("dispatch = \"dispatch\"", "dispatch = \"برقية\"")
        .replace(
            "dispatches = \"dispatches\"",
            "dispatches = \"برقية\"\ndispatches_two = \"برقيتان\"\ndispatches_few = \"برقيات\"\ndispatches_zero = \"برقية (صفر)\"",
        );
    assert_ne!(arabic, english);
    site.write("i18n/ar.toml", arabic);
    for day in ["07", "08", "09"] {
        let date = format!("2023-10-{day}");
        let topics = if day == "09" {
            "topics: [y]\n"
        } else {
            "topics: [x, y]\n"
        };
        site.simple(&format!("{date}-a.md"), "A", &date, topics, "x");
    }
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("unknown label"), "{}", run.dump());
    // A misspelt form is told the right one.
    let misspelt = fs::read_to_string(site.root().join("i18n/ar.toml")).unwrap();
    site.write(
        "i18n/ar.toml",
        misspelt.replace("dispatches_two", "dispatches_tow"),
    );
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "unknown label `dispatches_tow`",
        "did you mean `dispatches_two`?",
    ]);
    site.write("i18n/ar.toml", misspelt);
    site.build(&[]).assert_ok();
    let two = site.page("/topics/x/");
    assert!(two.contains("2 برقيتان"), "{two}");
    let three = site.page("/topics/y/");
    assert!(three.contains("3 برقيات"), "{three}");
}

#[test]
fn every_problem_of_a_translation_s_date_words_is_said_in_one_build() {
    let site = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"de\"\n",
    );
    let de = fs::read_to_string(
        manifest().join("tests/fixtures/theme-override/themes/mine/i18n/de.toml"),
    )
    .unwrap();
    let broken: Vec<&str> = de
        .lines()
        .filter(|l| !l.starts_with("month_format"))
        .map(|l| {
            if l.starts_with("weekdays ") {
                "weekdays = [\"Montag\", \"Dienstag\"]"
            } else {
                l
            }
        })
        .collect();
    site.write("i18n/de.toml", broken.join("\n"));
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Text.");
    let run = site.build(&[]);
    run.assert_content_error().assert_stderr_has(&[
        "error: invalid translation file: `month_format` is missing",
        "error: invalid translation file: `weekdays` must list 7 names, not 2",
        "build failed: 2 errors",
    ]);
}

/// chronicle.toml's `[extra]` reaches every template as `site.extra`, and
/// a change to it makes the pages again.
#[test]
fn the_config_s_extra_table_reaches_the_templates() {
    let config = |handle: &str| {
        format!(
            "theme = \"mine\"\n{DEFAULT_CONFIG}\n[extra]\ntwitter = \"{handle}\"\nmenu = [{{ name = \"About\" }}]\n"
        )
    };
    let site = Fixture::with_config(&config("@desk"));
    site.write(
        "themes/mine/templates/robots.txt",
        "# {{ site.extra.twitter }} {{ site.extra.menu[0].name }}\nUser-agent: *\n",
    );
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Text.");
    site.build(&[]).assert_ok();
    assert!(site.page("/robots.txt").starts_with("# @desk About\n"));
    site.write("chronicle.toml", config("@other"));
    site.build(&[]).assert_ok();
    assert!(site.page("/robots.txt").starts_with("# @other About\n"));
}

#[test]
fn a_theme_the_site_does_not_have_or_a_broken_static_link_is_said() {
    let site = Fixture::with_config(&format!("theme = \"mien\"\n{DEFAULT_CONFIG}"));
    fs::create_dir_all(site.root().join("themes/mine/templates")).unwrap();
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Text.");
    fs::create_dir_all(site.root().join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/nowhere/map.png", site.root().join("static/map.png")).unwrap();
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "warning: there is no theme `mien` in themes/",
        "chronicle.toml:1:1",
        "this site's themes are: mine",
    ]);
    #[cfg(unix)]
    run.assert_stderr_has(&[
        "static/map.png is a link to a file that is not there; it is left out",
    ]);
    // The default theme stands in, as the contract says.
    assert!(site.exists("/style.css"));
}

/// A link in static/ or in a bundle to a folder outside the site is left out
/// with what it holds, as a link to a file outside is: nothing of the
/// machine is published.
#[cfg(unix)]
#[test]
fn a_link_to_a_folder_outside_the_site_publishes_nothing_of_it() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "SECRET").unwrap();
    let site = Fixture::new();
    site.simple("2020-10-28-a.md", "A", "2020-10-28", "", "Text.");
    let bundle = site.root().join("content/dispatches/2020-10-29-b");
    fs::create_dir_all(&bundle).unwrap();
    fs::write(
        bundle.join("index.md"),
        "---\ntitle: B\ndate: 2020-10-29\n---\n\nText.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), bundle.join("ext")).unwrap();
    fs::create_dir_all(site.root().join("static/inside")).unwrap();
    fs::write(site.root().join("static/inside/kept.txt"), "KEPT").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("static/ext")).unwrap();
    // A link to a folder inside the site is followed.
    std::os::unix::fs::symlink("inside", site.root().join("static/again")).unwrap();
    // Nor a dispatch, or a folder of them, from outside: the published repository has neither.
    fs::write(
        outside.path().join("o.md"),
        "---\ntitle: Out\ndate: 2020-10-30\n---\n\nOUTSIDE\n",
    )
    .unwrap();
    let dispatches = site.root().join("content/dispatches");
    std::os::unix::fs::symlink(
        outside.path().join("o.md"),
        dispatches.join("2020-10-30-o.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), dispatches.join("more")).unwrap();
    let run = site.build(&[]);
    run.assert_ok().assert_stderr_has(&[
        "static/ext links to a folder outside the site; it is left out",
        "content/dispatches/2020-10-29-b/ext links to a folder outside the site; it is left out",
        "content/dispatches/2020-10-30-o.md links to a file outside the site; it is left out",
        "content/dispatches/more links to a folder outside the site; it is left out",
    ]);
    let said = run.stderr.matches("2020-10-29-b/ext links to").count();
    assert_eq!(said, 1, "said once: {}", run.dump());
    assert!(!site.exists("/2020/10/30/o/"));
    assert!(!site.exists("/ext/secret.txt"));
    assert!(!site.exists("/2020/10/29/b/ext/secret.txt"));
    assert!(site.exists("/again/kept.txt") && site.exists("/inside/kept.txt"));
    assert!(site.exists("/2020/10/29/b/"));
}
