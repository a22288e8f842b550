//! Places, sides and time as readers see them: alias redirects, mentions,
//! regions, the SVG charts, and the data exports.

mod common;

use common::{DEFAULT_CONFIG, Fixture};

fn site() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"karabakh\"\nname = \"Haut-Karabakh\"\nkind = \"region\"\nlat = 39.83\nlon = 46.77\n\n\
         [[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\naliases = [\"Hadrout\", \"Հադրութ\", \"Гадрут\"]\nregion = \"karabakh\"\nlat = 39.52\nlon = 47.03\n\n\
         [[place]]\nid = \"tokh\"\nname = \"Tokh\"\nregion = \"hadrut\"\nlat = 39.58\nlon = 46.96\n\n\
         [[place]]\nid = \"barda\"\nname = \"Barda\"\nlat = 40.37\nlon = 47.13\n\n\
         [[place]]\nid = \"moscou\"\nname = \"Moscou\"\nlat = 55.75\nlon = 37.62\n",
    );
    site.write("content/sides.toml", "[[side]]\nid = \"armenia\"\nname = \"Arménie\"\ncolor = \"#c05500\"\n\n[[side]]\nid = \"azerbaijan\"\nname = \"Azerbaïdjan\"\ncolor = \"#0072b2\"\n");
    site.dispatch(
        "2020-10-12-tokh.md",
        "---\ntitle: Tokh bombardé\ndate: 2020-10-12\nplaces: [tokh]\nsides: [azerbaijan]\nsources:\n  - name: AFP\n    url: https://www.afp.com/\n    by: azerbaijan\nclaims:\n  - by: azerbaijan\n    says: \"Des positions visées\"\n    denied_by: [armenia]\n---\n\
         ## Vers Hadrut\n\nLes tirs ont touché Tokh, près de HADROUT ; plus tard Hadrut encore. Voir [Barda](https://example.org/barda) et `Barda`.\n",
    );
    site.dispatch("2020-10-28-barda.md", "---\ntitle: Barda\ndate: 2020-10-28\nplaces: [Barda]\nsides: [armenia, azerbaijan]\n---\nÀ Barda, comme à Hadrut.\n");
    site.build(&[]).assert_ok();
    site
}

#[test]
fn every_alias_redirects_to_its_place_with_a_canonical_link() {
    let site = site();
    for alias in ["/places/hadrout/", "/places/gadrut/"] {
        let page = site.page(alias);
        assert!(
            page.contains("http-equiv=\"refresh\"") && page.contains("url=/places/hadrut/"),
            "{page}"
        );
        assert!(
            page.contains("<link rel=\"canonical\" href=\"https://example.org/places/hadrut/\">"),
            "{page}"
        );
    }
    // Հադրութ is `hadrut` (BGN/PCGN), the place's own address: no redirect.
    assert!(!site.exists("/places/hadrowt/"));
    assert!(
        !site.page("/sitemap.xml").contains("/places/hadrout/"),
        "redirects are not in the sitemap"
    );
}

#[test]
fn a_term_declared_after_the_fact_keeps_its_old_address_and_every_spelling_redirects() {
    let site = Fixture::new();
    site.dispatch(
        "2022-03-02-kherson.md",
        "---\ntitle: Kherson\ndate: 2022-03-02\nplaces: [Kherson]\nsides: [Росія]\ntopics: [Cessez-le-feu]\n---\nTexte.\n",
    );
    site.build(&[]).assert_ok();
    let old = [
        "/places/kherson/",
        "/sides/rosiia/",
        "/topics/cessez-le-feu/",
    ];
    for url in old {
        assert!(site.page(url).contains("<h1"), "{url}");
    }
    // Declared with other ids: the pages the undeclared terms had redirect.
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"kherson-city\"\nname = \"Kherson\"\n",
    );
    site.write(
        "content/sides.toml",
        "[[side]]\nid = \"russia\"\nname = \"Росія\"\naliases = [\"Russie\"]\n",
    );
    site.write(
        "content/topics.toml",
        "[[topic]]\nid = \"ceasefire\"\nname = \"Cessez-le-feu\"\naliases = [\"Trêve\"]\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    // The pages redirect; the feeds cannot, and the build says so.
    assert!(
        run.stderr.contains(
            "3 feeds of the last build are no longer in the site: /places/kherson/atom.xml, \
             /sides/rosiia/atom.xml, /topics/cessez-le-feu/atom.xml"
        ),
        "{}",
        run.dump()
    );
    assert!(
        !run.stderr.contains("if a dispatch moved"),
        "{}",
        run.dump()
    );
    for (url, to) in [
        ("/places/kherson/", "/places/kherson-city/"),
        ("/sides/rosiia/", "/sides/russia/"),
        ("/sides/russie/", "/sides/russia/"),
        ("/topics/cessez-le-feu/", "/topics/ceasefire/"),
        // A topic's aliases redirect as a place's and a side's do.
        ("/topics/treve/", "/topics/ceasefire/"),
    ] {
        let page = site.page(url);
        assert!(page.contains(&format!("url={to}")), "{url}: {page}");
    }
    assert!(site.page("/topics/ceasefire/").contains("<h1"));
}

#[test]
fn the_first_mention_of_a_place_is_linked_but_never_in_headings_links_or_code() {
    let site = site();
    let page = site.page("/2020/10/12/tokh/");
    let body = common::between(&page, "<div class=\"body\" dir=\"auto\">", "</div>");
    assert!(
        body.contains("<a href=\"/places/hadrut/\">HADROUT</a>"),
        "{body}"
    );
    assert_eq!(
        body.matches("/places/hadrut/").count(),
        1,
        "only the first mention: {body}"
    );
    assert!(
        body.contains("<h2 id=\"vers-hadrut\">Vers Hadrut</h2>"),
        "not in headings: {body}"
    );
    assert!(
        body.contains("<a href=\"https://example.org/barda\">Barda</a>")
            && body.contains("<code>Barda</code>"),
        "{body}"
    );
    assert!(
        !body.contains("/places/barda/"),
        "not inside links or code: {body}"
    );
    // Hadrut's page lists it as mentioned, apart from what is tagged.
    let hadrut = site.page("/places/hadrut/");
    let mentioned = common::between(&hadrut, "Mentioned in", "</main>");
    assert!(
        mentioned.contains("Barda"),
        "the dispatch that only mentions Hadrut: {mentioned}"
    );
}

#[test]
fn a_region_gathers_its_places_dispatches_and_places_have_breadcrumbs() {
    let site = site();
    let region = site.page("/places/karabakh/");
    assert!(
        region.contains("Tokh bombardé"),
        "a village's dispatch is on its region's page, two levels up"
    );
    assert!(
        region.contains("href=\"/places/hadrut/\""),
        "its places are listed"
    );
    let tokh = site.page("/places/tokh/");
    let crumbs = common::between(&tokh, "class=\"breadcrumb\"", "</nav>");
    assert!(crumbs.contains("/places/hadrut/"), "{crumbs}");
}

#[test]
fn maps_and_timelines_are_inline_accessible_svg_with_links() {
    let site = site();
    let places = site.page("/places/");
    let map = common::between(&places, "<svg class=\"map\"", "</svg>");
    assert!(
        map.contains("role=\"group\"")
            && map.contains("<title id=\"map-title\">")
            && map.contains("<desc id=\"map-desc\">"),
        "{map}"
    );
    assert!(
        map.contains("<a href=\"/places/hadrut/\">") && map.contains("<a href=\"/places/barda/\">"),
        "{map}"
    );
    assert!(
        !map.contains("/places/moscou/"),
        "a far-away place is left off the map: {map}"
    );
    assert!(
        places.contains("href=\"/places/moscou/\""),
        "but stays in the text list"
    );
    let home = site.page("/");
    let timeline = common::between(&home, "<svg class=\"timeline\"", "</svg>");
    assert!(
        timeline.contains("<a href=\"/2020/10/12/\">")
            && timeline.contains("<a href=\"/2020/10/28/\">"),
        "{timeline}"
    );
    assert!(
        timeline.contains("fill=\"#c05500\"") && timeline.contains("fill=\"#0072b2\""),
        "stacked by side colour: {timeline}"
    );
    // A bar is as tall as its count of dispatches: one dispatch with two
    // sides (Barda) is as tall as one with one (Tokh), halved between them.
    let bars: Vec<f64> = timeline
        .split("<a href=")
        .skip(1)
        .map(|bar| {
            bar.split(" height=\"")
                .skip(1)
                .map(|h| h.split('"').next().unwrap().parse::<f64>().unwrap())
                .sum()
        })
        .collect();
    assert_eq!(bars.len(), 2, "{timeline}");
    assert!((bars[0] - bars[1]).abs() < 0.2, "{bars:?}: {timeline}");
    let range = common::between(&home, "<p class=\"chart-range\"", "</p>");
    assert_eq!(
        range.matches("<span").count(),
        2,
        "first and last day: {range}"
    );
    let barda = site.page("/places/barda/");
    let range = common::between(&barda, "<p class=\"chart-range\"", "</p>");
    assert_eq!(
        range.matches("<span").count(),
        1,
        "one day, said once: {range}"
    );
    let hadrut = site.page("/places/hadrut/");
    assert!(
        hadrut.contains("<svg class=\"map\"") && hadrut.contains("class=\"here\""),
        "a locator map"
    );
    for page in [&places, &home, &hadrut] {
        assert!(
            !page.contains("http://www.w3.org/2000/svg\" href") && !page.contains("<script"),
            "nothing fetched"
        );
    }
}

#[test]
fn the_data_exports_have_every_dispatch_and_every_place_with_coordinates() {
    let site = site();
    let json: serde_json::Value =
        serde_json::from_str(&site.page("/data/dispatches.json")).unwrap();
    let dispatches = json["dispatches"].as_array().unwrap();
    assert_eq!(dispatches.len(), 2);
    let tokh = &dispatches[1];
    assert_eq!(tokh["title"], "Tokh bombardé");
    assert_eq!(tokh["date"], "2020-10-12");
    assert_eq!(tokh["url"], "https://example.org/2020/10/12/tokh/");
    assert_eq!(tokh["places"], serde_json::json!(["tokh"]));
    assert_eq!(tokh["sides"], serde_json::json!(["azerbaijan"]));
    assert_eq!(tokh["sources"][0]["by"], "azerbaijan");
    assert_eq!(
        tokh["claims"][0]["denied_by"],
        serde_json::json!(["armenia"])
    );
    assert!(
        tokh["summary"]
            .as_str()
            .unwrap()
            .starts_with("Les tirs ont touché Tokh")
    );
    let geo: serde_json::Value = serde_json::from_str(&site.page("/data/places.geojson")).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 5);
    let hadrut = features
        .iter()
        .find(|f| f["properties"]["id"] == "hadrut")
        .unwrap();
    assert_eq!(
        hadrut["geometry"]["coordinates"],
        serde_json::json!([47.03, 39.52]),
        "[lon, lat]"
    );
    assert_eq!(hadrut["properties"]["region"], "karabakh");
    assert_eq!(
        hadrut["properties"]["url"],
        "https://example.org/places/hadrut/"
    );
    let home = site.page("/");
    assert!(
        home.contains("href=\"/data/dispatches.json\"")
            && home.contains("href=\"/data/places.geojson\"")
    );
}

#[test]
fn link_places_false_turns_mentions_off() {
    let site = Fixture::with_config(&format!(
        "{}\n[build]\nlink_places = false\n",
        common::DEFAULT_CONFIG
    ));
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\n",
    );
    site.dispatch("a.md", "---\ntitle: A\ndate: 2020-10-12\n---\nÀ Hadrut.\n");
    site.build(&[]).assert_ok();
    assert!(
        !site
            .page("/2020/10/12/a/")
            .contains("href=\"/places/hadrut/\">Hadrut</a>")
    );
}

/// A side's claims and a place's mentions are listed once, on the first page
/// of the term, not again on every page of its dispatches.
#[test]
fn claims_and_mentions_are_on_a_terms_first_page_only() {
    let site = Fixture::with_config(&format!("{DEFAULT_CONFIG}\n[build]\nper_page = 2\n"));
    site.write(
        "content/sides.toml",
        "[[side]]\nid = \"a\"\nname = \"A\"\n\n[[side]]\nid = \"b\"\nname = \"B\"\n",
    );
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\n\n[[place]]\nid = \"chouchi\"\nname = \"Chouchi\"\n",
    );
    for day in 1..=5 {
        site.simple(
            &format!("2020-10-0{day}-jour-{day}.md"),
            &format!("Jour {day}"),
            &format!("2020-10-0{day}"),
            &format!(
                "sides: [a]\nplaces: [hadrut]\nclaims:\n  - by: a\n    says: \"Affirmation {day}\"\n    denied_by: [b]\n"
            ),
            "Les tirs visaient Chouchi.",
        );
    }
    // Chouchi's own dispatches take two pages; the five mentions are on the first.
    for day in 6..=8 {
        site.simple(
            &format!("2020-10-0{day}-jour-{day}.md"),
            &format!("Jour {day}"),
            &format!("2020-10-0{day}"),
            "places: [chouchi]\n",
            "Corps.",
        );
    }
    site.build(&[]).assert_ok();
    for (url, word) in [
        ("/sides/a/", "Affirmation 5"),
        ("/sides/b/", "Affirmation 5"),
    ] {
        let first = site.page(url);
        assert!(first.contains(word), "{url}: {first}");
        assert_eq!(first.matches("class=\"claim\"").count(), 5, "{url}");
        let second = site.page(&format!("{url}page/2/"));
        assert!(
            !second.contains("class=\"claim\""),
            "{url}page/2/: {second}"
        );
    }
    let first = site.page("/places/chouchi/");
    assert!(first.contains("href=\"/2020/10/05/jour-5/\""), "{first}");
    // Two of its own dispatches, then the five that mention it.
    assert_eq!(
        first.matches("<article class=\"card\"").count(),
        7,
        "{first}"
    );
    let second = site.page("/places/chouchi/page/2/");
    assert!(second.contains("href=\"/2020/10/06/jour-6/\""), "{second}");
    assert!(!second.contains("href=\"/2020/10/05/jour-5/\""), "{second}");
}

#[test]
fn a_place_named_inside_the_author_s_html_link_is_not_linked_again() {
    // With the default sanitizing and with raw HTML allowed: the author's
    // link stays whole, and no link is nested in it.
    for config in ["", "[build]\nraw_html = \"allow\"\n"] {
        let site = Fixture::with_config(&format!("{DEFAULT_CONFIG}{config}"));
        site.write(
            "content/places.toml",
            "[[place]]\nid = \"barda\"\nname = \"Barda\"\n",
        );
        site.dispatch(
            "2020-10-28-barda.md",
            "---\ntitle: Rapport\ndate: 2020-10-28\nplaces: [barda]\n---\nVoir <a href=\"https://example.com/r\">le rapport sur Barda</a> ; à Barda, rien.\n",
        );
        site.build(&[]).assert_ok();
        let page = site.page("/2020/10/28/barda/");
        assert!(
            page.contains("<a href=\"https://example.com/r\">le rapport sur Barda</a> ; à <a href=\"/places/barda/\">Barda</a>, rien."),
            "{config}: {page}"
        );
    }
}

#[test]
fn a_code_block_before_a_mention_does_not_stop_the_linking() {
    // A highlighted code block is one piece of HTML: it opens its <pre> and
    // closes it, and the place after it is linked still.
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"barda\"\nname = \"Barda\"\n",
    );
    site.dispatch(
        "2020-10-28-barda.md",
        "---\ntitle: Rapport\ndate: 2020-10-28\nplaces: [barda]\n---\n```sh\nls -l\n```\n\n<h3>Note</h3>\n\nÀ Barda, rien.\n",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/28/barda/");
    assert!(
        page.contains("À <a href=\"/places/barda/\">Barda</a>, rien."),
        "{page}"
    );
}

/// A place whose name has an apostrophe is linked in an English text too,
/// where the apostrophe typed straight is made typographic (and comes from
/// the Markdown parser as a text of its own).
#[test]
fn a_name_with_an_apostrophe_is_linked_in_english_text() {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"sanaa\"\nname = \"Sana'a\"\n",
    );
    site.simple(
        "2023-01-01-strikes.md",
        "Strikes",
        "2023-01-01",
        "places: [sanaa]\n",
        "Airstrikes hit Sana'a overnight.",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2023/01/01/strikes/");
    assert!(
        page.contains("<p>Airstrikes hit <a href=\"/places/sanaa/\">Sana’a</a> overnight.</p>"),
        "{page}"
    );
}

/// A Ukrainian chronicle's addresses follow Ukraine's national
/// transliteration (Київ is kyiv, not kiyiv), for titles, undeclared places
/// and topics and heading anchors alike, and a link to a heading finds it.
#[test]
fn ukrainian_names_make_the_addresses_ukraine_writes() {
    let site = Fixture::with_config(
        "title = \"Хроніка\"\nlanguage = \"uk\"\nbase_url = \"https://example.org/\"\n",
    );
    site.dispatch(
        "2022-03-02.md",
        "---\ntitle: Обстріл Запоріжжя\ndate: 2022-03-02\nplaces: [Київ, Харків]\ntopics: [Обстріли]\n---\n\
         ## Розділ один\n\nДив. [розділ](#розділ-один).\n",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2022/03/02/obstril-zaporizhzhia/");
    assert!(page.contains("id=\"rozdil-odyn\""), "{page}");
    assert!(page.contains("href=\"#rozdil-odyn\""), "{page}");
    for url in ["/places/kyiv/", "/places/kharkiv/", "/topics/obstrily/"] {
        assert!(site.exists(url), "{url}");
        assert!(page.contains(&format!("href=\"{url}\"")), "{url}");
    }
}

/// A topic, place or side nobody declared is titled as most dispatches
/// spell it, not as the first one met does.
#[test]
fn an_undeclared_term_is_named_as_most_dispatches_spell_it() {
    let site = Fixture::new();
    let tagged = [
        ("2023-01-01-a", "[Drones]", "[Front Sud]"),
        ("2023-01-02-b", "[drones]", "[front sud]"),
        ("2023-01-03-c", "[drones]", "[Front Sud]"),
        ("2023-01-04-d", "[DRONES]", "[front sud]"),
    ];
    for (name, topics, places) in tagged {
        site.dispatch(
            &format!("{name}.md"),
            format!(
                "---\ntitle: {name}\ndate: {}\ntopics: {topics}\nplaces: {places}\n---\nTexte.\n",
                &name[..10]
            ),
        );
    }
    site.build(&[]).assert_ok();
    let topic = site.page("/topics/drones/");
    assert!(topic.contains("<h1 dir=\"auto\">drones</h1>"), "{topic}");
    // Two each: the first met of the most used.
    let place = site.page("/places/front-sud/");
    assert!(place.contains("<h1 dir=\"auto\">Front Sud</h1>"), "{place}");
    let dispatch = site.page("/2023/01/01/a/");
    assert!(dispatch.contains(">#drones</a>"), "{dispatch}");
}

/// Marks that show nothing (a Hebrew keyboard's U+200F, a soft hyphen from
/// hyphenated web text) are no part of a name: the reference finds its
/// place without a warning, and a name met in front-matter is shown without
/// them.
#[test]
fn invisible_marks_in_a_reference_are_no_part_of_the_name() {
    let site = Fixture::new();
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"sderot\"\nname = \"שדרות\"\naliases = [\"Sderot\"]\n",
    );
    site.write(
        "content/sides.toml",
        "[[side]]\nid = \"idf\"\nname = \"IDF\"\n",
    );
    site.dispatch(
        "2023-10-07-a.md",
        "---\ntitle: A\ndate: 2023-10-07\nplaces: [\"\u{200f}שדרות\", \"Sde\u{ad}rot\"]\nsides: [\"IDF\u{200e}\"]\ntopics: [\"\u{200f}רקטות\"]\n---\nTexte.\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.dump());
    let page = site.page("/2023/10/07/a/");
    assert!(page.contains("href=\"/places/sderot/\""), "{page}");
    assert!(!page.contains('\u{200f}'), "{page}");
}

/// French spacing puts a narrow no-break space after «: the name after it is
/// still a mention (it once made the build panic).
#[test]
fn a_place_named_inside_french_quotes_is_linked() {
    let site = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\n",
    );
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"erevan\"\nname = \"Erevan\"\n",
    );
    site.simple(
        "2020-10-09-a.md",
        "A",
        "2020-10-09",
        "",
        "Il a dit : «Erevan et Bakou doivent parler», puis à\u{a0}Erevan encore.",
    );
    site.build(&[]).assert_ok();
    let page = site.page("/2020/10/09/a/");
    assert!(
        page.contains(r#"<a href="/places/erevan/">Erevan</a>"#),
        "{page}"
    );
}

#[test]
fn a_ukrainian_site_spells_its_addresses_in_ukrainian_and_lists_places_in_its_alphabet() {
    let site = Fixture::with_config(
        "title = \"Хроніка\"\nbase_url = \"https://example.org/\"\nlanguage = \"uk\"\n",
    );
    site.dispatch(
        "2022-03-01-a.md",
        "---\ntitle: Обстріл\ndate: 2022-03-01\nplaces: [Харків, Вугледар, Суми, Бахмут]\n---\n\
         ## Бої за Суми\n\nДив. [нижче](#Бої-за-Суми).\n",
    );
    site.dispatch(
        "2022-03-02.md",
        "---\ntitle: Удари ракетами по Луганську\ndate: 2022-03-02\n---\nТекст.\n",
    );
    for day in 3..=6 {
        site.simple(
            &format!("2022-03-0{day}-den.md"),
            "Бахмут",
            &format!("2022-03-0{day}"),
            "places: [Бахмут]\n",
            "Текст.",
        );
    }
    site.simple(
        "2022-03-07-v.md",
        "Вугледар",
        "2022-03-07",
        "places: [Vuhledar]\n",
        "Текст.",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        !run.stderr.contains("no translation"),
        "the default theme speaks Ukrainian: {}",
        run.dump()
    );
    // Its words, with the plural forms Ukrainian counts with.
    assert!(site.page("/places/").contains("<h1>Місця</h1>"));
    assert!(site.page("/places/bakhmut/").contains("5 повідомлень"));
    assert!(site.page("/places/sumy/").contains("1 повідомлення"));
    assert!(site.page("/2022/").contains("7 повідомлень"));
    assert!(site.page("/2022/03/").contains("<h1>березень 2022</h1>"));
    // Spellings that make one id are one place, whatever script they are in.
    let vuhledar = site.page("/places/vuhledar/");
    assert!(vuhledar.contains("2 повідомлення"), "{vuhledar}");
    // No letter of these is Ukrainian's alone: the site's language says how to read them.
    assert!(site.exists("/2022/03/02/udary-raketamy-po-luhansku/"));
    for place in ["vuhledar", "sumy", "kharkiv", "bakhmut"] {
        assert!(site.exists(&format!("/places/{place}/")), "{place}");
    }
    let page = site.page("/2022/03/01/a/");
    assert!(page.contains("id=\"boi-za-sumy\""), "{page}");
    assert!(page.contains("href=\"#boi-za-sumy\""), "{page}");
    // In the order of the Ukrainian alphabet, not of the transliterations.
    let list = site.page("/places/");
    let at = |name: &str| {
        list.find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert!(at("Бахмут") < at("Вугледар"));
    assert!(at("Вугледар") < at("Суми"));
    assert!(at("Суми") < at("Харків"));
}

/// Two undeclared spellings that make one address on a Ukrainian site
/// (`Лиман`, `Lyman`) share a page: the second is told so, and how to
/// make them one place or two.
#[test]
fn undeclared_spellings_that_share_a_page_are_said() {
    let site = Fixture::with_config(
        "title = \"Хроніка\"\nlanguage = \"uk\"\nbase_url = \"https://example.org/\"\n",
    );
    site.simple(
        "2022-10-01-a.md",
        "А",
        "2022-10-01",
        "places: [Лиман]\n",
        "x",
    );
    site.simple(
        "2022-10-02-b.md",
        "Б",
        "2022-10-02",
        "places: [Lyman]\n",
        "x",
    );
    site.build(&[]).assert_ok().assert_stderr_has(&[
        "place `Lyman` is not declared in content/places.toml, and shares the page of `Лиман`, /places/lyman/",
        "content/dispatches/2022-10-02-b.md:4:10",
        "with the other spelling among its aliases",
    ]);
    let page = site.page("/places/lyman/");
    assert!(page.contains("/2022/10/01/a/") && page.contains("/2022/10/02/b/"));
    // A declared place's id, written in Cyrillic, is that place: not said.
    site.write(
        "content/places.toml",
        "[[place]]\nid = \"vuhledar\"\nname = \"Vuhledar\"\n",
    );
    site.simple(
        "2022-10-03-c.md",
        "В",
        "2022-10-03",
        "places: [Вугледар]\n",
        "x",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("Вугледар"), "{}", run.dump());
    assert!(site.page("/places/vuhledar/").contains("/2022/10/03/c/"));
}
