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

/// Files a render left to make later: `serve` makes the search index after
/// the new pages are served, so that an edit shows at once.
#[derive(Clone)]
pub struct Deferred {
    /// What the files are made from.
    pub search: std::sync::Arc<crate::render::search::SearchInput>,
    /// Their signature, to keep them under in the render cache once made.
    pub signature: u64,
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Deferred(search {:016x})", self.signature)
    }
}

/// Takes a site's files as they are made, so that a build need not hold them
/// all in memory (`write` stages them for the output folder).
///
/// A file comes with a signature of everything it was made from, the same
/// from one run to the next: a sink that remembers what the last build wrote
/// can say that a file need not be made again.
pub trait Sink: Sync {
    fn put(&self, path: &str, signature: u64, bytes: &[u8]) -> std::io::Result<()>;

    /// Says that about `files` more files are coming (so that what a sink
    /// keeps of each grows once).
    fn expect(&self, _files: usize) {}

    /// Whether the output holds the file as the last build made it from the
    /// same signature (and as that build left it).
    fn holds(&self, path: &str, signature: u64) -> bool;

    /// The files the last build made together under one signature, if the
    /// output holds all of them as it left them.
    fn holds_group(&self, signature: u64) -> Option<Vec<String>>;
}

/// A sink that keeps nothing: for a render that is only looked at for its
/// problems (a chronicle with errors, `check`).
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: u64, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }

    fn holds(&self, _: &str, _: u64) -> bool {
        false
    }

    fn holds_group(&self, _: u64) -> Option<Vec<String>> {
        None
    }
}

/// Everything a build produces.
#[derive(Clone, Debug, Default)]
pub struct Site {
    pub files: Vec<OutputFile>,
    /// The paths of the files already handed to a [`Sink`].
    pub written: Vec<String>,
    /// The search files, when the render was told to leave them for later.
    pub deferred: Option<Deferred>,
    /// How many HTML pages were rendered.
    pub pages: usize,
    /// The time each step of the render took.
    pub steps: Vec<(&'static str, std::time::Duration)>,
    pub dispatches: usize,
}

impl Site {
    /// Every path of the site ([`site_paths`]).
    pub fn paths(&self) -> rustc_hash::FxHashSet<&str> {
        site_paths(&self.files, &self.written)
    }
}

/// Every path of a site: the files it holds and those handed to a sink.
pub fn site_paths<'s>(
    files: &'s [OutputFile],
    written: &'s [String],
) -> rustc_hash::FxHashSet<&'s str> {
    let held = files.iter().map(|f| f.path.as_str());
    held.chain(written.iter().map(String::as_str)).collect()
}
