//! Search in a real browser (tests/browser/search.mjs): the sample chronicle,
//! built at the root and under a sub-path, served as plain files, searched
//! from /search/?q=… in headless Chromium.
//!
//! Needs Chromium and the npm package playwright-core: `bash tests/run.sh`
//! installs both (and sets CHRONICLE_CHROMIUM and CHRONICLE_NODE_MODULES).

mod common;

use std::path::Path;

use chronicle::render::search::{Stemmer, terms};
use common::browser::run_script;
use serde_json::{Value, json};

const MOSCOW: &str = "2020/10/09/poutine-invite-armeniens-et-azeris-a-moscou/";
const NO_CEASEFIRE: &str = "2020/10/11/pas-de-cessez-le-feu-bombardements/";
const TREVE: &str = "2020/10/12/la-treve-toujours-pas-respectee/";
const HADRUT_LACHIN: &str = "2020/10/28/poursuite-des-combats-hadrut-lachin/";

/// The sample's dispatches (paths relative to the site) that have a side.
fn with_side(output: &Path, side: &str) -> Vec<String> {
    let data: Value = serde_json::from_str(
        &std::fs::read_to_string(output.join("data/dispatches.json")).unwrap(),
    )
    .unwrap();
    data["dispatches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["sides"].as_array().unwrap().iter().any(|s| s == side))
        .map(|d| {
            let url = d["url"].as_str().unwrap();
            url.split_once("example.org/").unwrap().1.to_string()
        })
        .collect()
}

/// In a module so that `bash tests/run.sh browser` picks it.
mod browser {
    use super::*;

    #[test]
    #[ignore = "needs chromium and playwright-core; run tests/run.sh"]
    fn search_finds_dispatches_in_a_real_browser_at_the_root_and_under_a_sub_path() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let repo = dir.path().join("repo");
        common::build(manifest, &root, &[]).assert_ok();
        common::build(
            manifest,
            &repo,
            &["--base-url", "https://user.github.io/repo/"],
        )
        .assert_ok();

        // A chronicle in Chinese and Japanese, whose words no space separates.
        let cjk = common::Fixture::with_config(
            "title = \"T\"\nlanguage = \"zh\"\nbase_url = \"https://example.org/\"\n",
        );
        cjk.dispatch(
            "2024-05-23-drill.md",
            "---\ntitle: 台湾周边军事演习\ndate: 2024-05-23\nslug: drill\n---\n金门附近海域出现海警船只。\n",
        );
        cjk.dispatch(
            "2024-05-24-talks.md",
            "---\ntitle: 東京で日米会談\ndate: 2024-05-24\nslug: talks\n---\n防衛相会談が行われた。国\n",
        );
        cjk.dispatch(
            "2024-05-25-idf.md",
            "---\ntitle: הודעה\ndate: 2024-05-25\nslug: idf\n---\nדובר צה״ל מסר כי הכוחות פעלו.\n",
        );
        let cjk_out = dir.path().join("cjk");
        common::build(cjk.root(), &cjk_out, &[]).assert_ok();
        let drill = "2024/05/23/drill/";
        let talks = "2024/05/24/talks/";
        let idf = "2024/05/25/idf/";

        let russia = with_side(&root, "russia");
        assert!(!russia.is_empty() && russia.len() < 6, "{russia:?}");
        let words = [
            "Bombardements",
            "trêves",
            "l’Arménie",
            "Œuvres complètes",
            "Şuşa",
            "Шуша",
            "Շուշի",
            "ΟΔΟΣ",
            "chevaux",
            "Haut-Karabakh",
            "12 obus",
            "tre\u{302}ve",
            "bombarder bombardées",
            "aujourd'hui",
            "ÉTÉ",
            "İstanbul",
            "STRAẞE",
            "le la les de",
            "金门附近海域",
            "東京で日米会談",
            "ロケットLaunch",
            "2024年3月",
            "ไทยกิน",
            "Łódź Tromsø Đà Nẵng Ħamrun ıslık Gəncə Þingvellir",
            "ＮＡＴＯ ２０２２ ﬁnal",
            "דובר צה״ל, צה\"ל ג'ירפה: \"שלום\" רח׳ a\"b",
        ];
        let expected_terms: Vec<Vec<String>> = words
            .iter()
            .map(|w| terms(w, Stemmer::French).collect())
            .collect();
        let checks = json!({
            "sites": [
                { "dir": root, "prefix": "/" },
                { "dir": repo, "prefix": "/repo/" },
                {
                    "dir": cjk_out,
                    "prefix": "/",
                    "cases": [
                        // (In the title, which results do not mark.)
                        { "q": "军事演习", "expect": [drill] },
                        { "q": "演习", "expect": [drill] },
                        { "q": "金门 海警", "expect": [drill], "marks": true },
                        { "q": "会談", "expect": [talks], "marks": true },
                        { "q": "東京", "expect": [talks] },
                        // A lone character: alone in the text, starting a pair, ending a run.
                        { "q": "国", "expect": [talks] },
                        { "q": "演", "expect": [drill] },
                        { "q": "談", "expect": [talks] },
                        { "q": "演习 会談", "expect": [] },
                        // A Hebrew acronym, typed with or without its gershayim.
                        { "q": "צהל", "expect": [idf], "marks": true },
                        { "q": "צה\"ל", "expect": [idf], "marks": true },
                        { "q": "צה״ל", "expect": [idf], "marks": true },
                    ],
                    "typed": { "q": "海警", "count": 1 },
                },
            ],
            "cases": [
                { "q": "treve", "expect": [NO_CEASEFIRE, TREVE], "marks": true },
                { "q": "TRÊVE respectée", "expect": [NO_CEASEFIRE, TREVE], "marks": true },
                { "q": "trêve turc", "expect": [TREVE], "marks": true },
                { "q": "sugo", "expect": [MOSCOW], "marks": true },
                { "q": "Sugovushan", "expect": [MOSCOW] },
                { "q": "maternite", "expect": [HADRUT_LACHIN], "marks": true },
                { "q": "Shusha", "expect": [HADRUT_LACHIN] },
                { "q": "xylophone", "expect": [] },
                { "q": "", "params": { "side": "russia" }, "expect": russia },
                { "q": "maternité", "params": { "place": "moscou" }, "expect": [] },
                // Only words the index leaves out; a filter it does not know.
                { "q": "les", "expect": [] },
                { "q": "Shusha", "params": { "place": "nulle-part" }, "expect": [] },
            ],
            "typed": { "q": "Chouchi", "count": 1 },
            "words": words,
            "terms": expected_terms,
        });
        let file = dir.path().join("checks.json");
        std::fs::write(&file, serde_json::to_vec_pretty(&checks).unwrap()).unwrap();

        let stdout = run_script("search.mjs", &[&file], &["playwright-core"], &String::new);
        println!("{stdout}");
    }
}
