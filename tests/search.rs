//! Search, as the built files give it: a reader of `search/` written here in
//! Rust (the way `search.js` reads it) answers queries on the sample chronicle
//! and on a generated one large enough to need many shards and chunks.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use chronicle::render::search::{Stemmer, fold, stem, terms};
use common::{Fixture, build, listing, page};
use serde_json::Value;

/// The built search index of a site.
struct Index {
    dir: std::path::PathBuf,
    meta: Value,
}

impl Index {
    fn open(output: &Path) -> Index {
        let dir = output.join("search");
        let meta = read_json(&dir.join("meta.json"));
        Index { dir, meta }
    }

    fn stemmer(&self) -> Stemmer {
        match self.meta["stemmer"].as_str().unwrap() {
            "fr" => Stemmer::French,
            "en" => Stemmer::English,
            _ => Stemmer::None,
        }
    }

    fn strings(&self, key: &str) -> Vec<String> {
        self.meta[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    }

    /// The shard that holds `term`, if the index has it.
    fn shard_of(&self, term: &str) -> Option<usize> {
        let starts = self.strings("shards");
        starts.iter().rposition(|s| s.as_str() <= term)
    }

    /// The ids of the documents holding a term, with their weights.
    fn postings(&self, term: &str) -> BTreeMap<u64, u64> {
        let Some(shard) = self.shard_of(term) else {
            return BTreeMap::new();
        };
        let shard = read_json(&self.dir.join(format!("t/{shard}.json")));
        let Some(list) = shard.get(term) else {
            return BTreeMap::new();
        };
        let list: Vec<u64> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        let mut id = 0;
        list.chunks(2)
            .map(|pair| {
                id += pair[0];
                (id, pair[1])
            })
            .collect()
    }

    /// The document with this id: `[path, title, date, iso, sides, places, topics, text]`.
    fn doc(&self, id: u64) -> Value {
        let starts: Vec<u64> = self.meta["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        let chunk = starts.iter().rposition(|&s| s <= id).unwrap();
        let docs = read_json(&self.dir.join(format!("d/{chunk}.json")));
        docs[(id - starts[chunk]) as usize].clone()
    }

    /// The paths of the dispatches holding every word of the query.
    fn query(&self, query: &str) -> BTreeSet<String> {
        let mut found: Option<BTreeSet<u64>> = None;
        for term in terms(query, self.stemmer()) {
            let ids: BTreeSet<u64> = self.postings(&term).into_keys().collect();
            found = Some(match found {
                None => ids,
                Some(before) => before.intersection(&ids).copied().collect(),
            });
        }
        found
            .unwrap_or_default()
            .into_iter()
            .map(|id| self.doc(id)[0].as_str().unwrap().to_string())
            .collect()
    }
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn paths(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &output, &[]).assert_ok();
    (dir, output)
}

const MOSCOW: &str = "2020/10/09/poutine-invite-armeniens-et-azeris-a-moscou/";
const NO_CEASEFIRE: &str = "2020/10/11/pas-de-cessez-le-feu-bombardements/";
const TREVE: &str = "2020/10/12/la-treve-toujours-pas-respectee/";

#[test]
fn the_search_page_works_without_a_server_and_says_it_needs_javascript() {
    let (_dir, output) = sample();
    let html = page(&output, "/search/");
    assert!(
        html.contains(r#"<form class="search" role="search""#),
        "{html}"
    );
    assert!(html.contains(r#"data-index="/search/meta.json""#), "{html}");
    assert!(
        html.contains(r#"<script src="/search.js" defer></script>"#),
        "{html}"
    );
    let noscript = common::between(&html, "<noscript>", "</noscript>");
    assert!(noscript.contains("demande JavaScript"), "{noscript}");
    assert!(noscript.contains(r#"href="/archive/""#), "{noscript}");
    // The script and its stylesheet are published with the theme.
    assert!(output.join("search.js").is_file() && output.join("search.css").is_file());
    // Every page links to search.
    assert!(page(&output, "/").contains(r#"href="/search/""#));
}

#[test]
fn queries_on_the_sample_ignore_case_and_accents_and_match_place_aliases() {
    let (_dir, output) = sample();
    let index = Index::open(&output);
    assert_eq!(index.meta["docs"], 6);
    assert_eq!(index.meta["language"], "fr");
    // "treve" finds "trêve", whatever the case.
    assert_eq!(index.query("treve"), paths(&[NO_CEASEFIRE, TREVE]));
    assert_eq!(index.query("TRÊVE"), paths(&[NO_CEASEFIRE, TREVE]));
    assert_eq!(index.query("trêve turc"), paths(&[TREVE]));
    // A place named only in the text.
    assert_eq!(index.query("Sugovushan"), paths(&[MOSCOW]));
    assert_eq!(index.query("sugovushan moscou"), paths(&[MOSCOW]));
    // Stemming: the singular finds the plural.
    let plural = index.query("bombardements");
    assert!(plural.len() >= 3, "{plural:?}");
    assert_eq!(index.query("bombardement"), plural);
    // A place found by another of its spellings: Chouchi is also Shusha.
    let chouchi = index.query("Chouchi");
    assert!(!chouchi.is_empty());
    assert_eq!(index.query("Shusha"), chouchi);
    // Nonsense finds nothing; stop words alone find nothing.
    assert!(index.query("xylophone zanzibar").is_empty());
    assert!(index.query("le la les de").is_empty());
}

#[test]
fn every_term_of_every_dispatch_is_found_in_its_shard_across_many_shards() {
    // 400 dispatches, each with words of its own and words they share.
    let site = Fixture::with_config(
        "title = \"Many\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\n",
    );
    let mut expected: Vec<(String, String)> = Vec::new();
    for i in 0..400 {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let unique = format!("mot{i:03}unique");
        // More words of its own, in other scripts too, so that terms fill many shards.
        let more: String = [
            "lieu",
            "слово",
            "բառ",
            "λέξη",
            "ville",
            "région",
            "front",
            "obus",
        ]
        .iter()
        .map(|w| format!("{w}{i} "))
        .collect();
        let body = format!(
            "Les bombardements continuent près de {unique}. {}\n\nÉtape numéro {i} : «\u{a0}trêve\u{a0}» rompue. {more}",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(1 + i % 7)
        );
        site.simple(
            &format!("d{i:03}.md"),
            &format!("Dépêche {i}"),
            &format!("2021-{month:02}-{day:02}T{:02}:00:00+00:00", i % 24),
            "",
            &body,
        );
        let slug = format!("d{i:03}");
        expected.push((unique, format!("2021/{month:02}/{day:02}/{slug}/")));
    }
    site.build(&[]).assert_ok();
    let index = Index::open(&site.output());
    assert_eq!(index.meta["docs"], 400);
    let shards = index.strings("shards");
    let chunks = index.meta["chunks"].as_array().unwrap().len();
    assert!(shards.len() > 3, "{} shards", shards.len());
    assert!(chunks > 3, "{chunks} chunks");
    // Each shard's terms sort within its bounds, and every file is listed.
    let files = listing(&index.dir);
    assert_eq!(
        files.iter().filter(|f| f.starts_with("t/")).count(),
        shards.len()
    );
    assert_eq!(files.iter().filter(|f| f.starts_with("d/")).count(), chunks);
    for (i, start) in shards.iter().enumerate() {
        let shard = read_json(&index.dir.join(format!("t/{i}.json")));
        for term in shard.as_object().unwrap().keys() {
            assert!(term >= start, "{term} before shard {i}'s start {start}");
            if let Some(next) = shards.get(i + 1) {
                assert!(term < next, "{term} after shard {}'s start {next}", i + 1);
            }
        }
    }
    // Every dispatch is found by its own words, and only by them.
    for (i, (unique, path)) in expected.iter().enumerate() {
        assert_eq!(index.query(unique), paths(&[path]), "{unique}");
        assert_eq!(
            index.query(&format!("Слово{i}")),
            paths(&[path]),
            "слово{i}"
        );
        assert_eq!(index.query(&format!("λεξη{i}")), paths(&[path]), "λέξη{i}");
    }
    // Shared words find everything; ids are dates' order, oldest first.
    assert_eq!(index.query("bombardement treve").len(), 400);
    let ids: Vec<u64> = index.postings("rompu").into_keys().collect();
    assert_eq!(ids, (0..400).collect::<Vec<_>>());
    let first = index.doc(0);
    let last = index.doc(399);
    assert!(first[3].as_str() < last[3].as_str(), "{first} / {last}");
    // Titles weigh more than text.
    let title = index.postings("depech");
    assert!(title.values().all(|&w| w >= 5), "{title:?}");
}

#[test]
fn a_site_with_no_dispatches_has_an_empty_index_that_still_loads() {
    let site = Fixture::new();
    site.build(&[]).assert_ok();
    let index = Index::open(&site.output());
    assert_eq!(index.meta["docs"], 0);
    assert_eq!(index.strings("shards"), Vec::<String>::new());
    assert!(index.query("anything").is_empty());
    assert_eq!(index.stemmer(), Stemmer::English);
}

#[test]
fn the_words_functions_are_public_for_the_browser_side_to_match() {
    // search.js mirrors these; the browser test compares both on the same words.
    assert_eq!(stem(&fold("Bombardées"), Stemmer::French), "bombard");
    assert_eq!(
        terms("Trêves", Stemmer::French).collect::<Vec<_>>(),
        ["trev"]
    );
}

/// Filtering by a region gives what its page lists: the dispatches of the
/// places in it, none of which may be tagged with the region itself.
#[test]
fn a_region_filter_holds_the_dispatches_of_its_places() {
    let (_dir, output) = sample();
    let index = Index::open(&output);
    let places = index.meta["facets"]["places"].as_array().unwrap();
    let at = places
        .iter()
        .position(|p| p["id"] == "nagorno-karabakh")
        .expect("the sample's region");
    let count = places[at]["count"].as_u64().unwrap();
    let region = page(&output, "/places/nagorno-karabakh/");
    let listed = region.matches("<article class=\"card\">").count() as u64;
    assert!(count > 0 && count == listed, "facet {count}, page {listed}");
    let gaps = read_json(&index.dir.join(format!("f/p{at}.json")));
    assert_eq!(gaps.as_array().unwrap().len() as u64, count);
}

/// A side that only makes or denies a claim, or whose statement a source
/// relays, is listed on its page with the dispatch (once); its filter holds
/// that dispatch too.
#[test]
fn a_side_filter_holds_the_dispatches_where_it_only_claims_or_denies() {
    let site = Fixture::new();
    site.simple(
        "2020-10-01-a.md",
        "A",
        "2020-10-01",
        "sides: [alpha]\nclaims:\n  - by: beta\n    says: \"Pris.\"\n    denied_by: [gamma]\n\
         sources:\n  - name: AFP\n    by: delta\n  - name: Reuters\n    by: delta\n",
        "Corps.",
    );
    site.simple(
        "2020-10-02-b.md",
        "B",
        "2020-10-02",
        "sides: [beta]\n",
        "Corps.",
    );
    site.build(&[]).assert_ok();
    let index = Index::open(&site.output());
    let sides = index.meta["facets"]["sides"].as_array().unwrap();
    for (id, expected) in [("alpha", 1), ("beta", 2), ("gamma", 1), ("delta", 1)] {
        let at = sides.iter().position(|s| s["id"] == id).unwrap();
        let listed = site
            .page(&format!("/sides/{id}/"))
            .matches("<article class=\"card\">")
            .count();
        assert_eq!(listed, expected, "{id}'s page");
        assert_eq!(
            sides[at]["count"], expected,
            "{id}'s facet: {:?}",
            sides[at]
        );
        let gaps = read_json(&index.dir.join(format!("f/s{at}.json")));
        assert_eq!(gaps.as_array().unwrap().len(), expected, "{id}'s filter");
    }
}
