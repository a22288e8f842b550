//! A built site in memory: every file of the output with its bytes or where to
//! copy them from. `render` makes it; `write` puts it on disk.

use std::path::PathBuf;

/// Where a file's bytes come from.
#[derive(Clone, Debug)]
pub enum Content {
    /// A rendered page or feed, shared with the cache that made it.
    Bytes(std::sync::Arc<[u8]>),
    /// A file of the embedded default theme.
    Embedded(&'static [u8]),
    /// A file copied from disk as it is (static files, a bundle's images).
    Copy(PathBuf),
}

/// One file of the output, by its path relative to the output folder (`/`-separated).
#[derive(Clone, Debug)]
pub struct OutputFile {
    pub path: String,
    pub content: Content,
}

/// Everything a build produces.
#[derive(Clone, Debug, Default)]
pub struct Site {
    pub files: Vec<OutputFile>,
    /// How many HTML pages were rendered.
    pub pages: usize,
    pub dispatches: usize,
}
