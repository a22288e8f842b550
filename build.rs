//! Embeds the default theme (`themes/default`) into the binary, so that the
//! `chronicle` executable alone can build any site.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut out = String::from("/// The default theme's files: (path inside the theme, bytes).\n");
    out.push_str("pub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    let mut entries: Vec<_> = walkdir::WalkDir::new(&theme)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("the default theme is readable"))
        .filter(|e| e.file_type().is_file())
        .collect();
    entries.sort_by(|a, b| a.path().cmp(b.path()));
    for entry in entries {
        // Every file and folder, so that adding a template re-runs this script.
        println!("cargo:rerun-if-changed={}", entry.path().display());
        let relative = entry
            .path()
            .strip_prefix(&theme)
            .expect("walked under the theme")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({relative:?}, include_bytes!({:?})),",
            entry.path().display().to_string()
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("theme.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
