//! The sample chronicle (the repository itself: chronicle.toml and content/),
//! built as a user would, and checked page by page as a reader would open it.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The six dispatches of the sample, oldest first: (day of October 2020, slug).
const DISPATCHES: [(u32, &str); 6] = [
    (9, "poutine-invite-armeniens-et-azeris-a-moscou"),
    (11, "pas-de-cessez-le-feu-bombardements"),
    (12, "la-treve-toujours-pas-respectee"),
    (13, "poursuite-des-combats-tartar-hadrut"),
    (16, "poursuite-des-bombardements-martouni-berdashen"),
    (28, "poursuite-des-combats-hadrut-lachin"),
];

fn permalink(day: u32, slug: &str) -> String {
    format!("/2020/10/{day:02}/{slug}/")
}

const LATEST: &str = "/2020/10/28/poursuite-des-combats-hadrut-lachin/";

/// The sample site, built into a fresh temporary folder.
struct Sample {
    out: tempfile::TempDir,
    run: Run,
}

impl Sample {
    fn build(extra: &[&str]) -> Sample {
        let out = tempfile::tempdir().unwrap();
        let run = build(&root(), out.path(), extra);
        run.assert_ok();
        Sample { out, run }
    }

    fn output(&self) -> &Path {
        self.out.path()
    }

    fn page(&self, url: &str) -> String {
        page(self.output(), url)
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The HTML files of an output folder with their text.
fn html_files(output: &Path) -> Vec<(String, String)> {
    listing(output)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|p| {
            let text = std::fs::read_to_string(output.join(&p)).unwrap();
            (p, text)
        })
        .collect()
}

#[test]
fn every_page_of_the_url_table_exists() {
    let site = Sample::build(&[]);
    let mut urls: Vec<String> = [
        "/",
        "/2020/",
        "/2020/10/",
        "/2020/10/28/",
        "/archive/",
        "/places/",
        "/places/hadrut/",
        "/topics/",
        "/sides/",
        "/sides/azerbaijan/",
        "/atom.xml",
        "/places/hadrut/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/404.html",
        "/.nojekyll",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    urls.extend(DISPATCHES.iter().map(|(day, slug)| permalink(*day, slug)));
    let missing: Vec<&String> = urls
        .iter()
        .filter(|url| !exists(site.output(), url))
        .collect();
    assert!(
        missing.is_empty(),
        "missing pages: {missing:?}\noutput has:\n{}",
        listing(site.output()).join("\n")
    );
}

#[test]
fn the_six_dispatches_of_9_to_28_october_2020_each_have_their_page() {
    let site = Sample::build(&[]);
    let dispatch_pages: Vec<String> = listing(site.output())
        .into_iter()
        .filter(|p| {
            p.starts_with("2020/10/") && p.matches('/').count() == 4 && p.ends_with("/index.html")
        })
        .collect();
    let expected: Vec<String> = DISPATCHES
        .iter()
        .map(|(day, slug)| format!("2020/10/{day:02}/{slug}/index.html"))
        .collect();
    assert_eq!(dispatch_pages, expected);
    for (day, slug) in DISPATCHES {
        let text = site.page(&permalink(day, slug));
        assert!(
            text.contains("<h1 dir=\"auto\">"),
            "{slug}: a dispatch page has a heading"
        );
    }
    let day = site.page("/2020/10/28/");
    assert!(
        day.contains(&format!("href=\"{LATEST}\"")),
        "the day page /2020/10/28/ lists its dispatch"
    );
}

#[test]
fn the_home_page_lists_dispatches_newest_first() {
    let site = Sample::build(&[]);
    let home = site.page("/");
    let positions: Vec<(u32, usize)> = DISPATCHES
        .iter()
        .map(|(day, slug)| {
            let link = format!("href=\"{}\"", permalink(*day, slug));
            let at = home
                .find(&link)
                .unwrap_or_else(|| panic!("the home page links to {link}"));
            (*day, at)
        })
        .collect();
    // Newest first: 28 before 16 before 13 before 12 before 11 before 9.
    for pair in positions.windows(2) {
        let (older, older_at) = pair[0];
        let (newer, newer_at) = pair[1];
        assert!(
            newer_at < older_at,
            "the dispatch of the {newer} comes before the one of the {older} on the home page"
        );
    }
}

#[test]
fn dates_are_written_in_french_and_pages_say_lang_fr() {
    let site = Sample::build(&[]);
    let text = site.page(LATEST);
    assert!(
        text.contains("mercredi 28 octobre 2020"),
        "the 28 October dispatch shows its date in French"
    );
    assert!(
        text.contains("<html lang=\"fr\""),
        "the page declares lang=\"fr\""
    );
    assert!(site.page("/").contains("<html lang=\"fr\""));
    assert!(
        site.page("/2020/10/").contains("octobre 2020"),
        "the month page is named in French"
    );
}

#[test]
fn french_titles_get_a_narrow_no_break_space_before_the_colon() {
    let site = Sample::build(&[]);
    let text = site.page(LATEST);
    let h1 = between(&text, "<h1 dir=\"auto\">", "</h1>");
    assert!(
        h1.contains("Nagorny-Karabakh\u{202F}: Poursuite"),
        "expected U+202F before \":\" in the title, got {h1:?}"
    );
    assert!(
        !h1.contains("Karabakh :"),
        "no ordinary space before \":\" in {h1:?}"
    );
}

#[test]
fn french_guillemets_get_narrow_no_break_spaces_inside() {
    // DESIGN.md: "narrow no-break space before ; : ! ? and inside « »".
    let site = Sample::build(&[]);
    let text = site.page(LATEST);
    let body = between(&text, "<div class=\"body\" dir=\"auto\">", "</div>");
    assert!(
        body.contains('«'),
        "the 28 October dispatch quotes « unités ennemies »"
    );
    let chars: Vec<char> = body.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let context: String = chars[i.saturating_sub(20)..(i + 20).min(chars.len())]
            .iter()
            .collect();
        if *c == '«' {
            assert!(
                matches!(chars.get(i + 1), Some('\u{202F}') | Some('\u{A0}')),
                "expected a narrow no-break space after «, in {context:?}"
            );
        }
        if *c == '»' {
            assert!(
                i > 0 && matches!(chars[i - 1], '\u{202F}' | '\u{A0}'),
                "expected a narrow no-break space before », in {context:?}"
            );
        }
    }
}

#[test]
fn a_dispatch_page_shows_side_badges_places_sources_and_claims() {
    let site = Sample::build(&[]);
    let text = site.page(LATEST);
    for side in ["azerbaijan", "armenia", "artsakh", "turkey"] {
        assert!(
            text.contains(&format!("href=\"/sides/{side}/\"")),
            "a badge links to /sides/{side}/"
        );
    }
    for place in [
        "hadrut",
        "lachin-corridor",
        "barda",
        "chouchi",
        "stepanakert",
    ] {
        assert!(
            text.contains(&format!("href=\"/places/{place}/\"")),
            "a link to /places/{place}/"
        );
    }
    assert!(
        text.contains("Ministère arménien de la Défense"),
        "the sources are listed"
    );
    assert!(text.contains("Al-Hadath"), "the sources are listed");
    assert!(
        text.contains("démenti par"),
        "a denied claim says who denies it"
    );
    assert!(text.contains("Jalal Harutyunyan"), "the claims are shown");
    // The claim by Azerbaijan denied by Artsakh: both sides appear in the claim.
    let claim = between(&text, "Jalal Harutyunyan", "</li>");
    assert!(claim.contains("démenti par"), "{claim}");
    assert!(
        claim.contains("href=\"/sides/artsakh/\""),
        "the denying side is linked: {claim}"
    );
}

#[test]
fn a_dispatch_page_links_to_the_previous_and_next_dispatch() {
    let site = Sample::build(&[]);
    let text = site.page(&permalink(
        16,
        "poursuite-des-bombardements-martouni-berdashen",
    ));
    let older = permalink(13, "poursuite-des-combats-tartar-hadrut");
    assert!(
        text.contains(&format!("rel=\"prev\" href=\"{older}\""))
            || text.contains(&format!("href=\"{older}\" rel=\"prev\"")),
        "the 16 October dispatch links to the one of the 13th as previous"
    );
    assert!(
        text.contains(&format!("rel=\"next\" href=\"{LATEST}\""))
            || text.contains(&format!("href=\"{LATEST}\" rel=\"next\"")),
        "the 16 October dispatch links to the one of the 28th as next"
    );
    let first = site.page(&permalink(9, "poutine-invite-armeniens-et-azeris-a-moscou"));
    assert!(
        !first.contains("rel=\"prev\""),
        "the first dispatch has no previous one"
    );
    let last = site.page(LATEST);
    assert!(
        !last.contains("rel=\"next\""),
        "the latest dispatch has no next one"
    );
}

#[test]
fn under_a_base_url_with_a_path_every_link_stays_under_it() {
    let site = Sample::build(&["--base-url", "https://user.github.io/repo/"]);
    let mut bad = Vec::new();
    for (path, text) in html_files(site.output()) {
        for attribute in [
            "href=\"/",
            "src=\"/",
            "action=\"/",
            "href=\"https://user.github.io/",
            "src=\"https://user.github.io/",
        ] {
            for (at, _) in text.match_indices(attribute) {
                let rest = &text[at + attribute.len()..];
                if !rest.starts_with("repo/") {
                    bad.push(format!(
                        "{path}: {}",
                        &text[at..(at + 60).min(text.len())].lines().next().unwrap()
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "links outside /repo/:\n{}", bad.join("\n"));

    // Feeds, sitemap and robots.txt give absolute URLs under the base URL.
    for url in [
        "/atom.xml",
        "/places/hadrut/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
    ] {
        let text = site.page(url);
        let mut found = 0;
        for (at, _) in text.match_indices("https://user.github.io/") {
            found += 1;
            let rest = &text[at + "https://user.github.io/".len()..];
            assert!(
                rest.starts_with("repo/"),
                "{url}: a URL outside https://user.github.io/repo/: {}",
                &text[at..(at + 60).min(text.len())]
            );
        }
        assert!(
            found > 0,
            "{url} has URLs under https://user.github.io/repo/"
        );
        if let Some(at) = text.find("https://example.org") {
            panic!(
                "{url} still uses the config's base_url: {}",
                &text[at..(at + 60).min(text.len())]
            );
        }
    }
    let sitemap = site.page("/sitemap.xml");
    for loc in sitemap.split("<loc>").skip(1) {
        assert!(
            loc.starts_with("https://user.github.io/repo/"),
            "sitemap <loc>{}",
            loc.split('<').next().unwrap()
        );
    }
    assert!(sitemap.contains(&format!("<loc>https://user.github.io/repo{LATEST}</loc>")));
    let feed = site.page("/atom.xml");
    assert!(
        feed.contains(&format!("href=\"https://user.github.io/repo{LATEST}\"")),
        "the feed links to the latest dispatch"
    );
    // Escaped HTML inside feed entries must not link to the host's root either.
    assert!(
        feed.contains("href=&quot;/"),
        "the entries' HTML links to places"
    );
    for (at, _) in feed.match_indices("href=&quot;/") {
        assert!(
            feed[at + "href=&quot;/".len()..].starts_with("repo/"),
            "feed content link outside /repo/: {}",
            &feed[at..(at + 60).min(feed.len())]
        );
    }
}

#[test]
fn the_404_page_links_work_from_any_depth() {
    // GitHub Pages serves /404.html for any missing path, so its links must not be relative.
    let site = Sample::build(&["--base-url", "https://user.github.io/repo/"]);
    let text = site.page("/404.html");
    for attribute in ["href=\"", "src=\""] {
        for (at, _) in text.match_indices(attribute) {
            let rest = &text[at + attribute.len()..];
            assert!(
                rest.starts_with("/repo/") || rest.starts_with("https://") || rest.starts_with('#'),
                "a link of 404.html that breaks below the top folder: {}",
                &text[at..(at + 50).min(text.len())]
            );
        }
    }
}

#[test]
fn the_summary_line_says_how_many_dispatches_and_pages() {
    let site = Sample::build(&[]);
    let line = site
        .run
        .stdout
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no summary line on stdout\n{}", site.run.dump()));
    let rest = line
        .strip_prefix("built 6 dispatches, ")
        .unwrap_or_else(|| panic!("expected `built 6 dispatches, …`, got {line:?}"));
    let (pages, rest) = rest
        .split_once(" pages in ")
        .unwrap_or_else(|| panic!("expected `N pages in`, got {line:?}"));
    let pages: usize = pages
        .parse()
        .unwrap_or_else(|_| panic!("N is a number in {line:?}"));
    let (ms, _) = rest
        .split_once(" ms")
        .unwrap_or_else(|| panic!("expected `T ms`, got {line:?}"));
    let _: u64 = ms
        .parse()
        .unwrap_or_else(|_| panic!("T is a whole number of milliseconds in {line:?}"));
    let html = html_files(site.output()).len();
    assert_eq!(
        pages, html,
        "the summary counts the HTML pages written ({line:?})"
    );
}

#[test]
fn a_rebuild_without_changes_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    build(&root(), out.path(), &[]).assert_ok();
    let before = snapshot(out.path());
    let_the_clock_move();
    let second = build(&root(), out.path(), &[]);
    second.assert_ok();
    // "(0 files written" — not "10 files written".
    assert_eq!(
        written(&second),
        0,
        "the second build says `0 files written`\n{}",
        second.dump()
    );
    let after = snapshot(out.path());
    assert_same_snapshot(&before, &after);
}

#[test]
fn a_place_page_and_a_side_page_list_their_dispatches() {
    let site = Sample::build(&[]);
    let hadrut = site.page("/places/hadrut/");
    assert!(
        hadrut.contains(&format!("href=\"{LATEST}\"")),
        "Hadrut lists the 28 October dispatch"
    );
    assert!(
        hadrut.contains("href=\"/2020/10/13/poursuite-des-combats-tartar-hadrut/\""),
        "Hadrut lists the 13 October dispatch"
    );
    let feed = site.page("/places/hadrut/atom.xml");
    assert!(
        feed.contains("poursuite-des-combats-hadrut-lachin"),
        "Hadrut's feed has the 28 October dispatch"
    );
    let azerbaijan = site.page("/sides/azerbaijan/");
    assert!(
        azerbaijan.contains(&format!("href=\"{LATEST}\"")),
        "Azerbaijan's page lists the 28 October dispatch"
    );
    assert!(
        azerbaijan.contains("Jalal Harutyunyan"),
        "a side's page lists its claims"
    );
    // Each term page describes itself: a topic by its description, other
    // terms by their count, for search engines and link previews.
    let ceasefire = site.page("/topics/cessez-le-feu/");
    let described = "content=\"Trêves annoncées, leur entrée en vigueur et leurs violations";
    assert!(
        ceasefire.contains(&format!("<meta name=\"description\" {described}"))
            && ceasefire.contains(&format!("<meta property=\"og:description\" {described}")),
        "{ceasefire}"
    );
    assert!(
        hadrut.contains("<meta name=\"description\" content=\"Hadrut\u{202f}: "),
        "{hadrut}"
    );
}

#[test]
fn a_feed_entry_holds_its_dispatch_s_html_escaped_once() {
    let site = Sample::build(&[]);
    let page = site.page(LATEST);
    fn inside<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
        let found = common::between(text, start, end);
        found[start.len()..found.len() - end.len()].trim()
    }
    let body = inside(&page, "<div class=\"body\" dir=\"auto\">", "</div>");
    let feed = site.page("/atom.xml");
    // Relative links (a bundle's images, footnotes) resolve against the
    // dispatch's page, not the feed's base.
    let base = inside(&feed, "<content type=\"html\" xml:base=\"", "\">");
    assert!(
        base.starts_with("http") && base.ends_with(LATEST),
        "the newest entry's content has its page as base: {base}"
    );
    let entry = inside(&feed, &format!("xml:base=\"{base}\">"), "</content>");
    assert!(!entry.contains("&amp;lt;"), "escaped twice: {entry}");
    let unescaped = entry
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    assert_eq!(unescaped, body, "a feed reader shows the page's body");
    assert!(body.starts_with("<p>"), "{body}");
}

#[test]
fn claims_read_according_to_a_side_and_denied_by_another_in_their_colours() {
    let site = Sample::build(&[]);
    let page = site.page("/2020/10/28/poursuite-des-combats-hadrut-lachin/");
    let claims = common::between(&page, "<section class=\"claims\"", "</section>");
    // In text, each side's colour is shaded (if it must be) to read on the
    // light and on the dark background.
    assert!(
        claims.contains("Selon <a class=\"side-name\" dir=\"auto\" href=\"/sides/azerbaijan/\" style=\"--side-light: #0072b2; --side-dark: "),
        "{claims}"
    );
    assert!(
        claims.contains("\">l’Azerbaïdjan</a>, <q dir=\"auto\">Des tirs de missiles arméniens"),
        "{claims}"
    );
    assert!(claims.contains("démenti par <a class=\"side-name\" dir=\"auto\" href=\"/sides/armenia/\" style=\"--side-light: #c05500; --side-dark: "), "{claims}");
    assert!(claims.contains("\">l’Arménie</a>"), "{claims}");
    // Names, quotations, titles and the printed address are isolated from
    // the text around them (a Hebrew quote in an English sentence read
    // before its author), and the arrows are marked for mirroring.
    let nav = common::between(&page, "<nav class=\"prev-next\"", "</nav>");
    assert!(
        nav.contains("<span><span class=\"arrow\" aria-hidden=\"true\">←</span> Dépêche précédente</span> <bdi>"),
        "{nav}"
    );
    assert!(
        page.contains("<span dir=\"ltr\">https://example.org/2020/10/28/poursuite-des-combats-hadrut-lachin/</span>"),
        "{page}"
    );
}

#[test]
fn timings_show_each_stage_and_the_steps_of_the_render() {
    let site = Sample::build(&["--timings"]);
    let lines: Vec<&str> = site.run.stderr.lines().collect();
    for stage in ["load", "index", "render", "write"] {
        assert!(
            lines
                .iter()
                .any(|l| l.trim_start().starts_with(stage) && l.ends_with(" ms")),
            "no `{stage} … ms` line\n{}",
            site.run.dump()
        );
    }
    for step in ["markdown", "planning", "pages", "search", "static files"] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(" ms  ") && l.ends_with(step)),
            "no `… ms  {step}` step under render\n{}",
            site.run.dump()
        );
    }
}
