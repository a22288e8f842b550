//! Parses the input as a dispatch file's text (lossy UTF-8), then renders every
//! diagnostic: neither the parser nor the diagnostic renderer may panic.
#![no_main]

use std::path::PathBuf;

use chronicle::diagnostic::SourceFile;
use chronicle::load::parse_dispatch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let (_raw, diagnostics) = parse_dispatch(
        SourceFile::new("fuzz.md", text),
        PathBuf::from("/fuzz/content/dispatches/fuzz.md"),
        None,
        "fuzz",
    );
    for d in &diagnostics.0 {
        let _ = d.render();
        let _ = d.position();
        let _ = d.to_json();
    }
    let _ = diagnostics.render();
});
