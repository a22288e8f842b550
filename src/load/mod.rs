//! load: a chronicle's files → a [`Chronicle`], with every problem found on the way.

mod dispatch;
mod fields;
mod frontmatter;
mod gazetteer;
mod node;
mod patch;
pub mod published;
mod resolve;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

pub use dispatch::{KNOWN_FIELDS, RawDispatch, parse_dispatch, strip_date_prefix};
pub use fields::{edit_distance, near_miss, parse_when};
pub use gazetteer::{Gazetteer, Resolver, load_gazetteer};

use crate::config::{CONFIG_FILE, load_config};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Chronicle;
use resolve::resolve;

/// The folder under the site root that holds the chronicle.
pub const CONTENT_DIR: &str = "content";
/// The folder under `content/` that holds the dispatches.
pub const DISPATCHES_DIR: &str = "dispatches";

/// What to load besides the published dispatches.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    /// Replaces the config's `base_url` (`--base-url`, or `serve`'s local address).
    pub base_url: Option<String>,
}

/// Dispatch files parsed by an earlier load, kept by `serve` so that a rebuild
/// reads and parses only the files that changed.
#[derive(Default)]
pub struct LoadCache {
    /// Keyed by the path as bytes: hashing a `Path` walks its components.
    files: rustc_hash::FxHashMap<std::ffi::OsString, Parsed>,
    /// The dispatch files found by the last walk, kept up to date by `forget`.
    listing: Option<Vec<DispatchFile>>,
    /// Whether the caller vouches (through `forget`) for every change since the
    /// last load, so that the listing and the parsed files can be trusted as they are.
    told: bool,
    /// The dispatches made from the parsed files.
    resolved: resolve::Resolved,
    /// Files told changed, as last parsed: a save that leaves the text as it
    /// was (a second event for one save, a touch) keeps its parse, so that
    /// nothing made from it is made again.
    stale: rustc_hash::FxHashMap<std::ffi::OsString, Parsed>,
    /// The dispatch files told changed since the last load.
    told_dispatches: Vec<PathBuf>,
    /// Whether the config or a gazetteer file was told changed too.
    told_others: bool,
    /// What the last load made, if it had no error: a few changed dispatch
    /// files are patched into it.
    last: Option<patch::Last>,
    /// Whether the last load patched the one before instead of reading every file.
    pub patched: bool,
    /// The site's transliteration the parsed files' slugs were made by.
    transliteration: crate::slug::Transliteration,
}

impl LoadCache {
    /// Reads and parses a dispatch file; a file told changed whose text is
    /// the same keeps its last parse (a second event for one save, a touch),
    /// so that nothing made from it is made again.
    fn read(
        &self,
        root: &Path,
        path: &Path,
        bundle: &Option<PathBuf>,
        stem: &str,
    ) -> (Option<Arc<RawDispatch>>, Diagnostics) {
        match read_source(path, root) {
            Ok(source) => {
                let (source, replaced) = replace_forbidden(source);
                self.parse(path, bundle, stem, source, replaced)
            }
            Err(d) => (None, Diagnostics(vec![d])),
        }
    }

    /// Parses a dispatch file's text (with the warning that its text was
    /// mended, if it was), or keeps the last parse of the same text, which
    /// has that warning already.
    fn parse(
        &self,
        path: &Path,
        bundle: &Option<PathBuf>,
        stem: &str,
        source: SourceFile,
        replaced: Option<Diagnostic>,
    ) -> (Option<Arc<RawDispatch>>, Diagnostics) {
        match self.stale.get(path.as_os_str()) {
            Some(Parsed {
                raw: Some(raw),
                diagnostics,
                ..
            }) if raw.source.text == source.text && raw.bundle == *bundle => {
                (Some(raw.clone()), diagnostics.clone())
            }
            _ => {
                let (raw, mut found) = parse_dispatch(
                    source,
                    path.to_path_buf(),
                    bundle.clone(),
                    stem,
                    self.transliteration,
                );
                found.extend(Diagnostics(replaced.into_iter().collect()));
                (raw.map(Arc::new), found)
            }
        }
    }

    /// Forgets files known to have changed. Sizes and modification times tell
    /// most changes, but not a same-size edit within the file system's clock tick.
    /// Without a call to `forget` before a load, every file's size and time is
    /// checked again, which costs a walk of the content folder.
    ///
    /// A path that is not simply a dispatch file (a folder, a bundle's file, the
    /// site root after the watcher lost track) makes the next load walk the
    /// folder and compare every file's size and time again.
    pub fn forget(&mut self, paths: &[PathBuf]) {
        let mut exact = true;
        for path in paths {
            if let Some(parsed) = self.files.remove(path.as_os_str()) {
                self.stale.insert(path.clone().into_os_string(), parsed);
            }
            if is_outside_dispatches(path) {
                // Themes, static files and translations are not the loader's.
                self.told_others |= path.file_name().is_some_and(|n| n == CONFIG_FILE)
                    || path.components().any(|c| c.as_os_str() == CONTENT_DIR);
                continue;
            }
            self.told_dispatches.push(path.clone());
            let updated = match &mut self.listing {
                Some(listing) => update_listing(listing, path),
                None => false,
            };
            if !updated {
                self.listing = None;
                exact = false;
            }
        }
        self.told = exact;
    }
}

/// One file as last parsed: its size and modification time then, and the result.
struct Parsed {
    stamp: Stamp,
    raw: Option<Arc<RawDispatch>>,
    diagnostics: Diagnostics,
}

/// What tells that a file changed without reading it.
type Stamp = Option<(u64, SystemTime)>;

/// Loads the chronicle at `root`, with every diagnostic found (warnings
/// included). The chronicle is returned whenever the config could be read, even
/// if some files have errors, so that later stages can look for more problems;
/// it holds the dispatches that loaded.
pub fn load(root: &Path, options: &LoadOptions) -> (Option<Chronicle>, Diagnostics) {
    load_with(root, options, &mut LoadCache::default())
}

/// [`load`], reusing what `cache` parsed before for files that did not change.
pub fn load_with(
    root: &Path,
    options: &LoadOptions,
    cache: &mut LoadCache,
) -> (Option<Chronicle>, Diagnostics) {
    let told_dispatches = std::mem::take(&mut cache.told_dispatches);
    let told_others = std::mem::take(&mut cache.told_others);
    if cache.told
        && !told_others
        && let Some((chronicle, diagnostics)) = patch::patch(root, options, &told_dispatches, cache)
    {
        cache.told = false;
        cache.patched = true;
        return (Some(chronicle), diagnostics);
    }
    cache.patched = false;
    // Whatever fails below, the next load starts from the files.
    cache.last = None;
    let mut diagnostics = Diagnostics::default();
    let (config, config_errors) = load_config(root);
    diagnostics.extend(Diagnostics(config_errors));
    // A wrong value has its default in the config: the content is read too,
    // so that all errors are said at once.
    let Some(mut config) = config else {
        return (None, diagnostics);
    };
    if let Some(url) = &options.base_url {
        match crate::config::base_url_option(url) {
            Ok(url) => config.base_url = url,
            Err(problem) => {
                diagnostics.push(problem);
                return (None, diagnostics);
            }
        }
    }
    if config.transliteration() != cache.transliteration {
        // A new `language` may make other slugs of the same files.
        cache.transliteration = config.transliteration();
        cache.files.clear();
        cache.stale.clear();
        cache.resolved = resolve::Resolved::default();
    }
    let content = root.join(CONTENT_DIR);
    let (gazetteer, gazetteer_diagnostics) = gazetteer::load_gazetteer(&content, root);
    diagnostics.extend(gazetteer_diagnostics.clone());

    let told = std::mem::take(&mut cache.told);
    let files = match cache.listing.take() {
        Some(listing) if told => listing,
        _ => find_dispatch_files(&content.join(DISPATCHES_DIR), &mut diagnostics),
    };
    let fresh: Vec<(std::ffi::OsString, Parsed)> = files
        .par_iter()
        .filter(|file| {
            cache
                .files
                .get(file.path.as_os_str())
                .is_none_or(|p| !told && (p.stamp.is_none() || p.stamp != file.stamp))
        })
        .map(|file| {
            let (raw, diagnostics) = cache.read(root, &file.path, &file.bundle, &file.stem);
            let parsed = Parsed {
                stamp: file.stamp,
                raw,
                diagnostics,
            };
            (file.path.clone().into_os_string(), parsed)
        })
        .collect();
    cache.files.extend(fresh);
    cache.stale.clear();
    let paths = files.iter().map(|f| f.path.as_os_str());
    crate::paths::forget_gone(&mut cache.files, files.len(), paths);
    let mut raws = Vec::with_capacity(files.len());
    let mut file_diagnostics = rustc_hash::FxHashMap::default();
    for file in &files {
        let parsed = &cache.files[file.path.as_os_str()];
        if !parsed.diagnostics.is_empty() {
            diagnostics.extend(parsed.diagnostics.clone());
            let path = file.path.clone().into_os_string();
            file_diagnostics.insert(path, parsed.diagnostics.clone());
        }
        raws.extend(
            parsed
                .raw
                .iter()
                .filter(|r| options.drafts || !r.draft)
                .cloned(),
        );
    }

    cache.listing = Some(files);
    let declared = gazetteer.clone();
    let (mut chronicle, found) = resolve(root, config, gazetteer, &mut raws, &mut cache.resolved);
    diagnostics.extend(found.clone());
    diagnostics.sort();
    if diagnostics.has_errors() {
        // Files that did not parse, and dispatches the resolve left out
        // (a permalink taken twice); drafts left out are not published.
        let loaded: rustc_hash::FxHashSet<&std::ffi::OsStr> = chronicle
            .dispatches
            .iter()
            .map(|d| d.path.as_os_str())
            .collect();
        let files = cache.listing.as_deref().unwrap_or_default();
        chronicle.unloaded = files
            .iter()
            .filter(|file| match &cache.files[file.path.as_os_str()].raw {
                None => true,
                Some(raw) => {
                    (options.drafts || !raw.draft) && !loaded.contains(file.path.as_os_str())
                }
            })
            .map(|file| file.path.clone())
            .collect();
    }
    if !diagnostics.has_errors() {
        cache.last = Some(patch::Last {
            options: (options.drafts, options.base_url.clone()),
            chronicle: chronicle.clone(),
            raws,
            declared,
            gazetteer_diagnostics,
            resolve_diagnostics: found,
            file_diagnostics,
        });
    }
    (Some(chronicle), diagnostics)
}

/// Reads a text file, reporting invalid UTF-8 at the line and column of the first bad byte.
pub fn read_source(path: &Path, root: &Path) -> Result<SourceFile, Diagnostic> {
    let name = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read {}: {e}", name.display())).in_file(&name)
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, lone_cr_to_lf(text))),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = SourceFile::new(name, text);
            let prefix = String::from_utf8_lossy(&bytes[..valid]).len();
            let is_markdown = path.extension().is_some_and(|e| e == "md");
            Err(Diagnostic::error("the file is not valid UTF-8 text")
                .at(&file, prefix..prefix + 1)
                .with_label("this byte is not UTF-8")
                .with_help(if is_markdown {
                    "save the file as UTF-8 (or remove it if it is not a dispatch)"
                } else {
                    "save the file as UTF-8"
                }))
        }
    }
}

/// Text whose lines end in a lone carriage return (as classic Mac OS and some
/// exporters save them) with those returns made line feeds, so that the
/// front-matter's delimiters and every line and column are found as in any
/// other file. CRLF endings are left as they are; byte offsets do not move.
pub fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("a byte for a byte, both ASCII")
}

/// The warning about a front-matter or gazetteer value in which an escape
/// wrote a character that [`is_forbidden`].
const FORBIDDEN_IN_VALUE: &str =
    "this value has a control character, which is not allowed in a web page or feed";

/// Whether HTML and XML forbid a character in a document: the control
/// characters but tab, line feed and carriage return (U+0000 to U+001F,
/// U+007F to U+009F) and the noncharacters (U+FDD0 to U+FDEF, U+xFFFE, U+xFFFF).
pub(crate) fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// Whether a text has a character that [`is_forbidden`], read from its
/// UTF-8 bytes in one pass (every dispatch file is read through it).
fn has_forbidden(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < bytes.len() {
        let forbidden = match bytes[i] {
            0x20..=0x7E | b'\t' | b'\n' | b'\r' => false,
            0x00..=0x1F | 0x7F => true,
            // U+0080 to U+009F.
            0xC2 => matches!(at(i + 1), 0x80..=0x9F),
            // U+FDD0 to U+FDEF, U+FFFE, U+FFFF.
            0xEF => matches!(
                (at(i + 1), at(i + 2)),
                (0xB7, 0x90..=0xAF) | (0xBF, 0xBE | 0xBF)
            ),
            // U+1FFFE, U+1FFFF… U+10FFFF.
            0xF0..=0xF4 => {
                at(i + 1) & 0x0F == 0x0F && at(i + 2) == 0xBF && matches!(at(i + 3), 0xBE | 0xBF)
            }
            _ => false,
        };
        if forbidden {
            return true;
        }
        i += 1;
    }
    false
}

/// A dispatch file's text with every character that HTML and XML forbid
/// (pasted from elsewhere, they would make its pages and feeds invalid)
/// replaced by spaces of the same length, so that every offset stays where
/// it was; with a warning at the first one.
fn replace_forbidden(source: SourceFile) -> (SourceFile, Option<Diagnostic>) {
    if !has_forbidden(&source.text) {
        return (source, None);
    }
    let mut first = None;
    let mut count = 0;
    let mut text = String::with_capacity(source.text.len());
    for (at, c) in source.text.char_indices() {
        if is_forbidden(c) {
            first.get_or_insert((at, c));
            count += 1;
            text.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            text.push(c);
        }
    }
    let file = SourceFile::new(source.name, text);
    let Some((at, c)) = first else {
        return (file, None);
    };
    let message = match count {
        1 => format!(
            "U+{:04X}, a control character, is not allowed in a web page or feed",
            c as u32
        ),
        n => format!(
            "{n} control characters (the first, U+{:04X}, here) are not allowed in a web page or feed",
            c as u32
        ),
    };
    let warning = Diagnostic::warning(message)
        .at(&file, at..at + c.len_utf8())
        .with_label("replaced by a space")
        .with_help(
            "remove it from the file (text pasted from elsewhere can bring such characters)",
        );
    (file, Some(warning))
}

/// Whether a changed path cannot be a dispatch (the config, the gazetteer,
/// a theme's or static file), so that the dispatch files can still be trusted.
fn is_outside_dispatches(path: &Path) -> bool {
    !path.components().any(|c| c.as_os_str() == DISPATCHES_DIR) && path.extension().is_some()
}

/// Brings a listing up to date with one changed path, when that is simple: a
/// plain dispatch file (not a bundle's) added, changed or removed. Returns
/// false when only a new walk can tell.
fn update_listing(listing: &mut Vec<DispatchFile>, path: &Path) -> bool {
    let Some(parent) = path.parent() else {
        return false;
    };
    let is_markdown = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"));
    let in_bundle =
        parent.join("index.md").exists() || path.file_name().is_some_and(|n| n == "index.md");
    if !is_markdown || in_bundle {
        return false;
    }
    let known = listing.iter().position(|f| f.path == path);
    match (known, std::fs::metadata(path)) {
        (Some(_), Ok(meta)) if meta.is_file() => true,
        (Some(i), Err(_)) => {
            listing.remove(i);
            true
        }
        (None, Ok(meta))
            if meta.is_file() && listing.iter().any(|f| f.path.parent() == Some(parent)) =>
        {
            let Some(stem) = path.file_stem() else {
                return false;
            };
            listing.push(DispatchFile {
                path: path.to_path_buf(),
                stamp: meta.modified().ok().map(|m| (meta.len(), m)),
                bundle: None,
                stem: stem.to_string_lossy().into_owned(),
            });
            true
        }
        _ => false,
    }
}

/// A Markdown file that holds a dispatch.
struct DispatchFile {
    path: PathBuf,
    stamp: Stamp,
    bundle: Option<PathBuf>,
    /// The name the slug may come from: the file's stem, or a bundle's folder name.
    stem: String,
}

/// Whether a file or folder is an editor's leftover or hidden, never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || is_leftover(name)
}

/// Whether a file or folder is an editor's leftover, the system's or the
/// repository's (`.DS_Store`, `.gitkeep`), never a file of a site. Hidden
/// files of static/ are published (`.well-known/`, `.htaccess`); these not.
pub fn is_leftover(name: &str) -> bool {
    name.starts_with('#')
        || name.starts_with('~')
        || name.starts_with(".#")
        || name.starts_with(".git")
        // A Mac's resource forks on other disks, LibreOffice's and GNOME's locks and saves.
        || name.starts_with("._")
        || name.starts_with(".~lock.")
        || name.starts_with(".goutputstream-")
        || name.ends_with('#')
        || name.ends_with(".kate-swp")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || matches!(
            name,
            ".DS_Store" | "Thumbs.db" | "desktop.ini" | ".Spotlight-V100" | ".Trashes" | ".fseventsd"
        )
        // vim probes a folder with a file of this name before saving.
        || name == "4913"
}

/// How many dispatch files the site at `root` has (read or not).
pub fn count_dispatch_files(root: &Path) -> usize {
    let dir = root.join(CONTENT_DIR).join(DISPATCHES_DIR);
    find_dispatch_files(&dir, &mut Diagnostics::default()).len()
}

fn find_dispatch_files(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<DispatchFile> {
    if !dir.is_dir() {
        // (A chronicle run from the wrong folder, or a folder misnamed.)
        diagnostics.push(
            Diagnostic::warning(format!(
                "there is no folder {CONTENT_DIR}/{DISPATCHES_DIR}/ here: the site has no dispatches"
            ))
            .with_help(format!(
                "dispatches are Markdown files in {CONTENT_DIR}/{DISPATCHES_DIR}/; give the chronicle's folder with --root, or make one with `chronicle init`"
            )),
        );
        return Vec::new();
    }
    let mut markdown = Vec::new();
    // Files neither Markdown nor ignored: a bundle's images, or files left out.
    let mut others = Vec::new();
    // Paths as other diagnostics write them: from the site's folder.
    let site = dir.parent().and_then(Path::parent).unwrap_or(dir);
    let shown = |path: &Path| {
        path.strip_prefix(site)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    // Where the site is, once a link is met: a link out of it is left out,
    // as static/'s are (the repository GitHub Pages builds does not have
    // what it points to).
    let mut site_root: Option<PathBuf> = None;
    while let Some(entry) = walker.next() {
        if let Ok(e) = &entry
            && e.depth() > 0
            && e.path_is_symlink()
        {
            let root = site_root.get_or_insert_with(|| site.canonicalize().unwrap_or_default());
            if !e
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&*root))
            {
                let what = if e.file_type().is_dir() {
                    walker.skip_current_dir();
                    "folder"
                } else {
                    "file"
                };
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "{} links to a {what} outside the site; it is left out",
                        shown(e.path())
                    ))
                    .with_help(format!(
                        "move or copy the {what} into the site: the repository that is published does not have it"
                    )),
                );
                continue;
            }
        }
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let is_md = e
                    .path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("md"));
                let other_markdown = e.path().extension().is_some_and(|x| {
                    ["markdown", "mdown", "mkd", "mkdn"]
                        .iter()
                        .any(|other| x.eq_ignore_ascii_case(other))
                });
                if other_markdown {
                    diagnostics.push(
                        Diagnostic::warning(format!(
                            "{} is not read: dispatches are .md files",
                            shown(e.path())
                        ))
                        .with_help("rename it to end with .md"),
                    );
                }
                if is_md {
                    let stamp = e
                        .metadata()
                        .ok()
                        .and_then(|m| Some((m.len(), m.modified().ok()?)));
                    markdown.push((e.into_path(), stamp));
                } else if !other_markdown {
                    others.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let name = e.path().and_then(Path::file_name);
                let name = name.map(|n| n.to_string_lossy());
                if name.as_deref().is_some_and(is_ignored) {
                    // An editor's lock (Emacs: `.#x.md`, a link to nothing).
                    continue;
                }
                let dangling = e
                    .io_error()
                    .is_some_and(|io| io.kind() == io::ErrorKind::NotFound)
                    && e.path().is_some_and(Path::is_symlink);
                match e.path() {
                    Some(path) if dangling => diagnostics.push(
                        Diagnostic::warning(format!(
                            "{} is a link to a file that is not there; it is left out",
                            shown(path)
                        ))
                        .with_help("remove the link, or make it point to the dispatch's file"),
                    ),
                    _ => diagnostics.push(Diagnostic::error(format!(
                        "cannot read the content folder: {e}"
                    ))),
                }
            }
        }
    }
    let bundles: HashSet<PathBuf> = markdown
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|folder| folder != dir)
        .collect();
    for (path, _) in &markdown {
        if let Some(name) = path.file_name().filter(|n| n.to_str().is_none()) {
            let lossy = name.to_string_lossy();
            diagnostics.push(
                Diagnostic::warning(format!(
                    "the file name {} is not UTF-8 text: its slug is made from what is (`{lossy}`)",
                    shown(path)
                ))
                .with_help("rename the file in UTF-8, or give the dispatch a `slug`"),
            );
        }
    }
    let left_out: Vec<String> = others
        .iter()
        .filter(|file| !file.ancestors().any(|folder| bundles.contains(folder)))
        .map(|file| shown(file))
        .collect();
    if let Some(first) = left_out.first() {
        let message = match left_out.len() {
            1 => format!("{first} is not published: it is neither a dispatch nor a bundle's file"),
            n => format!(
                "{n} files in {CONTENT_DIR}/{DISPATCHES_DIR}/ are not published, as they are neither \
                 dispatches nor a bundle's files: {}{}",
                left_out[..n.min(5)].join(", "),
                if n > 5 { ", …" } else { "" }
            ),
        };
        diagnostics.push(Diagnostic::warning(message).with_help(
            "a dispatch's images go beside it in a page bundle (a folder holding its index.md and \
             its files); files to publish as they are go in static/",
        ));
    }
    markdown
        .into_iter()
        .filter_map(|(path, stamp)| {
            let parent = path.parent()?.to_path_buf();
            let is_index = path.file_name().is_some_and(|n| n == "index.md");
            if is_index && parent != dir {
                let stem = parent.file_name()?.to_string_lossy().into_owned();
                Some(DispatchFile {
                    path,
                    stamp,
                    bundle: Some(parent),
                    stem,
                })
            } else if bundles.contains(&parent) && parent != dir {
                // Other Markdown files in a page bundle belong to it, like its images.
                None
            } else {
                let stem = path.file_stem()?.to_string_lossy().into_owned();
                Some(DispatchFile {
                    path,
                    stamp,
                    bundle: None,
                    stem,
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_become_line_feeds_and_crlf_stays() {
        assert_eq!(lone_cr_to_lf("a\rb\r\nc\r".into()), "a\nb\r\nc\n");
        assert_eq!(lone_cr_to_lf("é\rà".into()), "é\nà");
    }

    #[test]
    fn a_mended_file_read_again_unchanged_is_warned_about_once() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join(CONFIG_FILE),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .unwrap();
        let dir = root.path().join(CONTENT_DIR).join(DISPATCHES_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("2020-10-12-a.md");
        std::fs::write(
            &file,
            "---\ntitle: A\ndate: 2020-10-12\n---\nUn \u{1b} ici.\n",
        )
        .unwrap();
        let options = LoadOptions::default();
        let mut cache = LoadCache::default();
        let count = |d: &Diagnostics| {
            d.0.iter()
                .filter(|d| d.render().contains("control character"))
                .count()
        };
        for _ in 0..3 {
            // As serve does after a save that did not change the text.
            cache.forget(std::slice::from_ref(&file));
            let (chronicle, diagnostics) = load_with(root.path(), &options, &mut cache);
            assert!(chronicle.is_some(), "{}", diagnostics.render());
            assert_eq!(count(&diagnostics), 1, "{}", diagnostics.render());
        }
    }

    #[test]
    fn a_side_denying_its_own_claim_is_warned_about_until_it_is_fixed_in_serve_too() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join(CONFIG_FILE),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .unwrap();
        let content = root.path().join(CONTENT_DIR);
        let dir = content.join(DISPATCHES_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            content.join("sides.toml"),
            "[[side]]\nid = \"azerbaijan\"\nname = \"Azerbaïdjan\"\naliases = [\"Bakou\"]\n\n[[side]]\nid = \"armenia\"\nname = \"Arménie\"\n",
        )
        .unwrap();
        let file = dir.join("2020-10-12-a.md");
        let claim = |denied_by: &str| {
            format!(
                "---\ntitle: A\ndate: 2020-10-12\nclaims:\n  - by: azerbaijan\n    says: \"Pris.\"\n    denied_by: [{denied_by}]\n---\nCorps.\n"
            )
        };
        let options = LoadOptions::default();
        let mut cache = LoadCache::default();
        let mut load_after = |text: &str| {
            std::fs::write(&file, text).unwrap();
            // As serve does after a save: the loader may patch the last load.
            cache.forget(std::slice::from_ref(&file));
            let (chronicle, diagnostics) = load_with(root.path(), &options, &mut cache);
            assert!(chronicle.is_some(), "{}", diagnostics.render());
            diagnostics
                .0
                .iter()
                .filter(|d| d.message.contains("denies a claim that it makes itself"))
                .map(|d| (d.is_error(), d.position().unwrap()))
                .collect::<Vec<_>>()
        };
        assert_eq!(load_after(&claim("armenia")), []);
        let at = |col| vec![(false, format!("content/dispatches/2020-10-12-a.md:7:{col}"))];
        // By its id, then by another of its names, after another side.
        assert_eq!(load_after(&claim("azerbaijan")), at(17));
        assert_eq!(load_after(&claim("armenia, Bakou")), at(26));
        assert_eq!(load_after(&claim("armenia")), []);
    }

    #[test]
    fn forbidden_characters_are_found_from_their_bytes_as_from_their_characters() {
        let mut all: Vec<char> = (0..0x3_0000u32).filter_map(char::from_u32).collect();
        let planes =
            (1..=16u32).flat_map(|p| [p << 16 | 0xFFFD, p << 16 | 0xFFFE, p << 16 | 0xFFFF]);
        all.extend(planes.filter_map(char::from_u32));
        for c in all {
            let text = format!("ab{c}é");
            assert_eq!(has_forbidden(&text), is_forbidden(c), "U+{:04X}", c as u32);
        }
    }
}
