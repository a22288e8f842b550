//! Builds (in memory) a tiny site whose only dispatch is the input's raw bytes,
//! then renders the diagnostics of a failed build. Nothing is written to an
//! output folder: `build_site` renders in memory.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use chronicle::load::LoadOptions;
use chronicle::pipeline::build_site;
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = "title = \"F\"\nbase_url = \"https://example.org/repo/\"\nlanguage = \"fr\"\n";

const PLACES: &str = r#"[[place]]
id = "hadrut"
name = "Hadrut"
aliases = ["Hadrout", "Հադրութ", "Гадрут", "Hadrud"]
lat = 39.52
lon = 47.03
kind = "town"
"#;

const SIDES: &str = r##"[[side]]
id = "armenia"
name = "Arménie"
aliases = ["Arméniens", "Erevan", "Հայաստան"]
color = "#c05500"
"##;

/// The site's root, made once per process; kept alive (and removed) with the process.
fn site() -> &'static (tempfile::TempDir, PathBuf) {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("chronicle-fuzz-")
            .tempdir()
            .expect("temp dir");
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("content/dispatches")).unwrap();
        std::fs::write(root.join("chronicle.toml"), CONFIG).unwrap();
        std::fs::write(root.join("content/places.toml"), PLACES).unwrap();
        std::fs::write(root.join("content/sides.toml"), SIDES).unwrap();
        let file = root.join("content/dispatches/fuzz.md");
        (dir, file)
    })
}

fuzz_target!(|data: &[u8]| {
    let (dir, file) = site();
    std::fs::write(file, data).unwrap();
    match build_site(dir.path(), &LoadOptions::default(), &|_| {}) {
        Ok(built) => {
            for d in &built.warnings.0 {
                let _ = d.render();
            }
        }
        Err(diagnostics) => {
            for d in &diagnostics.0 {
                let _ = d.render();
                let _ = d.to_json();
            }
            let _ = diagnostics.render();
        }
    }
});
