//! write: a rendered site → the output folder. Only files whose bytes changed
//! are written, and files the site no longer has are removed, so unchanged
//! pages keep their modification times and a rebuild creates few files.

mod record;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::Diagnostic;
use crate::load::CONTENT_DIR;
use crate::output::{Content, OutputFile, Sink, Site};
use crate::paths::absolute;
use crate::slug::NAME_MAX;

/// The file chronicle writes at the top of every output (for GitHub Pages),
/// also how it recognises a folder it made: by what it says ([`MARKER_TEXT`]).
pub const MARKER: &str = ".nojekyll";

/// What chronicle writes in [`MARKER`] (GitHub Pages only looks for the
/// file). Other tools leave it empty: a folder with their `.nojekyll` is
/// theirs, and a build would remove their files.
pub const MARKER_TEXT: &str =
    "Made by chronicle: `chronicle build` replaces the files of this folder.\n";

/// Whether the output folder was made by chronicle: its `.nojekyll` says so,
/// or (an empty one, from a build before it did) the site's record is of it.
fn is_made_by_chronicle(root: &Path, output: &Path) -> bool {
    let marker = output.join(MARKER);
    let says = fs::File::open(&marker).is_ok_and(|file| {
        let mut start = Vec::new();
        let read = file.take(MARKER_TEXT.len() as u64).read_to_end(&mut start);
        read.is_ok() && start.starts_with(b"Made by chronicle")
    });
    says || (marker.is_file() && record::is_of(root, output))
}

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Refuses output folders that would destroy the site: its root, a folder that
/// holds the content, one inside the content, or a folder chronicle did not make.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let content = root.join(CONTENT_DIR);
    let refuse = |why: &str| {
        Err(
            Diagnostic::error(format!("{REFUSED_OUTPUT} {}: {why}", output.display())).with_help(
                "choose another folder with --output (the default is public/ in the site root)",
            ),
        )
    };
    if output == root {
        return refuse("it is the site's root folder");
    }
    if content.starts_with(&output) {
        return refuse("it holds the site's content");
    }
    if output.starts_with(&content) {
        return refuse("it is inside the content folder");
    }
    // The next build would publish the output inside itself.
    let copied = [crate::render::STATIC_DIR, "themes"].map(|dir| root.join(dir));
    if copied.iter().any(|dir| output.starts_with(dir)) {
        return refuse("it is inside a folder whose files are published (static/ or themes/)");
    }
    if output.is_file() {
        return refuse("it is a file");
    }
    // Empty but for a `.git` (a `git worktree` of the gh-pages branch),
    // which a build leaves alone, is empty.
    let not_empty = fs::read_dir(&output)
        .map(|mut entries| entries.any(|e| e.is_ok_and(|e| e.file_name() != GIT)))
        .unwrap_or(false);
    if not_empty && !is_made_by_chronicle(&root, &output) {
        if output.join(MARKER).exists() {
            return refuse(
                "it is not empty and was not made by chronicle (its .nojekyll is another tool's: \
                 chronicle's says \"Made by chronicle\")",
            )
            .map_err(|e| {
                e.with_help(format!(
                    "choose another folder with --output; or, if an earlier chronicle made this \
                     one (its .nojekyll was empty then), write \"{}\" into its .nojekyll: a build \
                     removes every file of it that the site does not make",
                    MARKER_TEXT.trim_end()
                ))
            });
        }
        return refuse("it is not empty and was not made by chronicle (it has no .nojekyll)");
    }
    Ok(())
}

/// Writes an in-memory site of the site at `root` into `output`, which must
/// have passed [`check_output_dir`].
pub fn write_site(root: &Path, output: &Path, site: &Site) -> io::Result<WriteStats> {
    Staged::open(root, output)?.commit(site)
}

/// Where the files of a build wait until the whole site has rendered.
///
/// A first build (no output folder yet, or an empty one) writes into a new
/// folder beside it, which then takes the output's place in one rename. A
/// rebuild compares each file with the output's: the same bytes are left
/// alone, others wait in a folder inside the output under a number, and are
/// renamed into place once the site is whole. Dropped without
/// [`Staged::commit`] (a failed build), it removes what it wrote, and the
/// output is as it was.
///
/// It keeps the record of what it wrote (see [`record`]), so that the next
/// build need not make again a file whose signature is the same.
pub struct Staged {
    /// The site's folder, which keeps the record.
    root: PathBuf,
    output: PathBuf,
    /// The folder being written: the new output, or the waiting room.
    dir: PathBuf,
    fresh: bool,
    /// In a rebuild: each waiting file's number, its path in the site and its signature.
    waiting: Mutex<Vec<(usize, String, Option<u64>)>>,
    /// The last build's record, and what this one's will say so far.
    last: FxHashMap<String, record::Entry>,
    next: Mutex<Vec<(String, record::Entry)>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    done: bool,
    /// Held while the build writes: another build into the same output
    /// waits for it (see [`lock_path`]).
    _lock: Option<fs::File>,
}

/// The lock a build into `output` holds while it writes: a file in the
/// system's temporary folder, named after the output's absolute path, so
/// that nothing is added to the site's folder.
pub fn lock_path(output: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    absolute(output).hash(&mut hasher);
    std::env::temp_dir().join(format!("chronicle-{:016x}.lock", hasher.finish()))
}

/// Takes the lock of `output`, waiting (and saying so) while another build
/// holds it. Where no lock can be made (a read-only temporary folder), the
/// build goes on without.
fn lock_output(output: &Path) -> io::Result<Option<fs::File>> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(output));
    let Ok(file) = file else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another chronicle build into {} to finish",
                output.display()
            );
            file.lock()?;
            Ok(Some(file))
        }
        Err(fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// The waiting room inside an output folder, for a rebuild's changed files.
const WAITING: &str = ".chronicle-staging";

/// The `.git` of an output that is a `git worktree` (of a gh-pages branch):
/// a build never touches it, and an output holding only it is empty.
const GIT: &str = ".git";

impl Staged {
    /// Prepares to write the site at `root` into `output`, which must have
    /// passed [`check_output_dir`].
    pub fn open(root: &Path, output: &Path) -> io::Result<Staged> {
        // Before anything of the output is read: two builds writing one
        // folder at once would mix their files.
        let lock = lock_output(output)?;
        // A link to a folder stays where it is: it is filled, not replaced.
        let linked = fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
        let empty = !linked
            && match fs::read_dir(output) {
                Ok(mut entries) => entries.next().is_none(),
                Err(e) if e.kind() == io::ErrorKind::NotFound => true,
                Err(e) => return Err(e),
            };
        let beside = output.file_name().and_then(|name| {
            let parent = output.parent()?;
            Some(parent.join(format!(".{}.chronicle-new", name.to_string_lossy())))
        });
        if empty && let Some(dir) = beside {
            if let Some(parent) = output.parent()
                && !parent.as_os_str().is_empty()
            {
                fs::create_dir_all(parent)?;
            }
            // A build that was killed may have left it.
            remove_if_there(&dir)?;
            if fs::create_dir(&dir).is_ok() {
                return Ok(Staged::new(root, output, dir, true, lock));
            }
        }
        fs::create_dir_all(output)?;
        let dir = output.join(WAITING);
        remove_if_there(&dir)?;
        fs::create_dir(&dir)?;
        Ok(Staged::new(root, output, dir, false, lock))
    }

    fn new(
        root: &Path,
        output: &Path,
        dir: PathBuf,
        fresh: bool,
        lock: Option<fs::File>,
    ) -> Staged {
        Staged {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            dir,
            fresh,
            waiting: Mutex::default(),
            last: if fresh {
                FxHashMap::default()
            } else {
                record::read(root, output)
            },
            next: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            done: false,
            _lock: lock,
        }
    }

    /// The addresses of the pages the last build wrote into this output that
    /// `site` does not have ([`gone_pages`]).
    pub fn gone_pages(&self, site: &Site) -> Vec<String> {
        gone_pages(self.last.keys(), site)
    }

    /// Whether the last build wrote `path` into this output.
    pub fn had(&self, path: &str) -> bool {
        self.last.contains_key(path)
    }

    /// Writes what the site holds in memory, removes the files it no longer
    /// has, and puts everything in place.
    pub fn commit(mut self, site: &Site) -> io::Result<WriteStats> {
        // Every path is made from checked slugs and walked folders; this is
        // the last guard that nothing lands outside the output folder.
        if let Some(bad) = site.files.iter().find(|f| !is_inside(&f.path)) {
            return Err(refusal(&bad.path));
        }
        // Nothing in the output changes before every path is known to fit.
        let paths = site.files.iter().map(|f| f.path.as_str());
        check_paths(paths.chain(site.written.iter().map(String::as_str)))?;
        site.files
            .par_iter()
            .try_for_each(|file| self.put_file(file).map_err(|e| about(&file.path, e)))?;
        let mut stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed: 0,
        };
        if self.fresh {
            if self.output.is_dir() {
                fs::remove_dir(&self.output)?;
            }
            fs::rename(&self.dir, &self.output)?;
        } else {
            let wanted = site.paths();
            // From here on, the output changes: an error says so.
            stats.removed = self
                .put_in_place(&wanted)
                .map_err(|e| io::Error::new(e.kind(), format!("{PARTLY_UPDATED} ({e})")))?;
        }
        self.done = true;
        let next = std::mem::take(&mut *self.next.lock().expect("never poisoned"));
        let entries = next.iter().map(|(path, entry)| (path.as_str(), *entry));
        if record::write(&self.root, &self.output, entries).is_err() {
            // Without a record, the next build makes every file again.
            record::remove(&self.root);
        }
        Ok(stats)
    }

    /// A rebuild's last step: removes what the site no longer has, and moves
    /// the waiting files into place. Returns how many files were removed.
    fn put_in_place(&self, wanted: &FxHashSet<&str>) -> io::Result<usize> {
        let mut waiting = std::mem::take(&mut *self.waiting.lock().expect("never poisoned"));
        let coming: FxHashSet<&str> = waiting.iter().map(|w| w.1.as_str()).collect();
        let removed = remove_stale(&self.output, wanted, &coming)?;
        drop(coming);
        waiting.sort_unstable_by(|a, b| a.1.cmp(&b.1));
        for (number, path, signature) in waiting {
            let target = self.output.join(&path);
            if let Some(parent) = target.parent()
                && !parent.is_dir()
            {
                fs::create_dir_all(parent).map_err(|e| about(&path, e))?;
            }
            fs::rename(self.dir.join(number.to_string()), &target).map_err(|e| about(&path, e))?;
            self.note(&path, signature, &target);
        }
        fs::remove_dir(&self.dir)?;
        Ok(removed)
    }

    /// Notes a file of this build in its record, as it is on disk now.
    fn note(&self, path: &str, signature: Option<u64>, on_disk: &Path) {
        if signature.is_some() {
            self.note_stamp(path, signature, record::stamp(on_disk));
        }
    }

    /// [`Staged::note`], with the file's stamp at hand.
    fn note_stamp(&self, path: &str, signature: Option<u64>, stamp: Option<record::Stamp>) {
        if let Some(signature) = signature
            && let Some(stamp) = stamp
        {
            let entry = record::Entry { signature, stamp };
            let mut next = self.next.lock().expect("never poisoned");
            next.push((path.to_string(), entry));
        }
    }

    /// Writes a file unless the output holds these bytes already.
    fn put_bytes(&self, path: &str, signature: Option<u64>, bytes: &[u8]) -> io::Result<()> {
        if !is_inside(path) {
            return Err(refusal(path));
        }
        check_names(path)?;
        let target = self.output.join(path);
        if !self.fresh
            && let Some(meta) = holds_bytes(&target, bytes)?
        {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            if signature.is_some() {
                self.note_stamp(path, signature, record::stamp_of(&meta));
            }
            return Ok(());
        }
        let place = self.place(path, signature)?;
        let mut file = fs::File::create(&place)?;
        io::Write::write_all(&mut file, bytes)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        if self.fresh && signature.is_some() {
            // Its stamp from the open file (the path would be walked again).
            self.note_stamp(
                path,
                signature,
                file.metadata().ok().and_then(|m| record::stamp_of(&m)),
            );
        }
        Ok(())
    }

    fn put_file(&self, file: &OutputFile) -> io::Result<()> {
        match &file.content {
            Content::Bytes(bytes) => self.put_bytes(&file.path, None, bytes),
            Content::Embedded(bytes) => self.put_bytes(&file.path, None, bytes),
            Content::Copy(source) => {
                let target = self.output.join(&file.path);
                if !self.fresh && same_file_contents(source, &target)? {
                    self.unchanged.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                fs::copy(source, self.place(&file.path, None)?)?;
                self.written.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
        }
    }

    /// If the output holds every one of these files as the last build left
    /// them, counts them unchanged and carries them into this build's record.
    fn keep_as_left(&self, files: &[(&String, &record::Entry)]) -> bool {
        let as_left = files
            .iter()
            .all(|(path, entry)| record::stamp(&self.output.join(path)) == Some(entry.stamp));
        if as_left {
            self.unchanged.fetch_add(files.len(), Ordering::Relaxed);
            let mut next = self.next.lock().expect("never poisoned");
            next.extend(files.iter().map(|(path, entry)| ((*path).clone(), **entry)));
        }
        as_left
    }

    /// Where a file of the site is written now: its place in the new output,
    /// or a numbered place in the waiting room.
    fn place(&self, path: &str, signature: Option<u64>) -> io::Result<PathBuf> {
        if self.fresh {
            let target = self.dir.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            return Ok(target);
        }
        let mut waiting = self.waiting.lock().expect("never poisoned");
        let number = waiting.len();
        waiting.push((number, path.to_string(), signature));
        Ok(self.dir.join(number.to_string()))
    }
}

impl Sink for Staged {
    fn put(&self, path: &str, signature: u64, bytes: &[u8]) -> io::Result<()> {
        self.put_bytes(path, Some(signature), bytes)
    }

    fn expect(&self, files: usize) {
        self.next.lock().expect("never poisoned").reserve(files);
    }

    fn holds(&self, path: &str, signature: u64) -> bool {
        match self.last.get_key_value(path) {
            Some(entry) if entry.1.signature == signature => self.keep_as_left(&[entry]),
            _ => false,
        }
    }

    fn holds_group(&self, signature: u64) -> Option<Vec<String>> {
        let group: Vec<(&String, &record::Entry)> = self
            .last
            .iter()
            .filter(|(_, entry)| entry.signature == signature)
            .collect();
        let held = !group.is_empty() && self.keep_as_left(&group);
        held.then(|| group.into_iter().map(|(path, _)| path.clone()).collect())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            // A failed build: what it staged goes, the output stays as it was.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// How the error about an output folder a build would destroy starts: bad
/// usage (exit 2), unless chronicle.toml's `output_dir` names the folder.
pub const REFUSED_OUTPUT: &str = "refusing to build into";

/// What an error of a commit says once some of the new files are in place
/// (the output then holds part of this build).
pub const PARTLY_UPDATED: &str = "the output folder was partly updated";

/// An error about one file of the site, naming it.
fn about(path: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{path}: {e}"))
}

/// Refuses a path with a name too long for a file system (the error does not
/// name the path: who reports it does).
fn check_names(path: &str) -> io::Result<()> {
    match path.split('/').find(|name| name.len() > NAME_MAX) {
        Some(name) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a name in it is {} bytes long, and file systems take at most {NAME_MAX}",
                name.len()
            ),
        )),
        None => Ok(()),
    }
}

/// Refuses a site whose paths cannot all be made: a name too long, or a path
/// that would be a file and the folder of another file at once.
fn check_paths<'p>(paths: impl Iterator<Item = &'p str> + Clone) -> io::Result<()> {
    let all: rustc_hash::FxHashSet<&str> = paths.clone().collect();
    for path in paths {
        check_names(path).map_err(|e| about(path, e))?;
        if let Some(file) = crate::paths::folders_of(path).find(|f| all.contains(f)) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{file} would be a file and the folder of {path} at once"),
            ));
        }
    }
    Ok(())
}

fn refusal(path: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("refusing to write `{path}`, which is not a path inside the output folder"),
    )
}

/// The addresses of the pages the last build wrote into `root`'s output
/// `output` that `site` does not have, sorted: links published to them would
/// now get a 404. Pagination pages (`…/page/2/`), which come and go as lists
/// grow and shrink, are left out; nothing when that output has no record.
pub fn gone_from(root: &Path, output: &Path, site: &Site) -> (Vec<String>, impl Fn(&str) -> bool) {
    let last = record::read(root, output);
    (gone_pages(last.keys(), site), move |path: &str| {
        last.contains_key(path)
    })
}

/// The addresses of the pages and feeds of `last` (output paths of a build,
/// or of the published site) that `site` does not have, sorted.
pub fn gone_pages<'p>(last: impl IntoIterator<Item = &'p String>, site: &Site) -> Vec<String> {
    let mut last = last.into_iter().peekable();
    if last.peek().is_none() {
        return Vec::new();
    }
    let wanted = site.paths();
    let mut gone: Vec<String> = last
        .filter(|path| !wanted.contains(path.as_str()))
        // Pages, and feeds: readers subscribe to those.
        .filter_map(|path| {
            path.strip_suffix("index.html")
                .or(path.ends_with("atom.xml").then_some(path))
        })
        .filter(|address| !is_pagination(address))
        .map(|address| format!("/{address}"))
        .collect();
    gone.sort_unstable();
    gone
}

/// Whether a page's folder (`places/hadrut/page/2/`) is a list's page after
/// its first.
pub(crate) fn is_pagination(address: &str) -> bool {
    let mut parts = address.trim_end_matches('/').rsplit('/');
    let number = parts.next().unwrap_or_default();
    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && parts.next() == Some("page")
}

fn remove_if_there(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Whether a file already holds these bytes: its metadata if it does.
fn holds_bytes(path: &Path, bytes: &[u8]) -> io::Result<Option<fs::Metadata>> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            Ok((fs::read(path)? == bytes).then_some(meta))
        }
        _ => Ok(None),
    }
}

/// Whether a `/`-separated path stays inside the folder it is joined to,
/// and out of what a build leaves alone there (a gh-pages worktree's `.git`,
/// the staging folder).
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|part| !matches!(part, "" | "." | ".."))
        && path
            .split('/')
            .next()
            .is_none_or(|first| first != GIT && first != WAITING)
}

/// Compares two files by size, then by content in chunks.
fn same_file_contents(a: &Path, b: &Path) -> io::Result<bool> {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return Ok(false);
    };
    if !mb.is_file() || ma.len() != mb.len() {
        return Ok(false);
    }
    let (mut fa, mut fb) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = fa.read(&mut ba)?;
        if n == 0 {
            return Ok(true);
        }
        fb.read_exact(&mut bb[..n])?;
        if ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

/// Removes files the site no longer has, then the folders left empty. A `.git`
/// folder (a gh-pages worktree) is never touched. `coming` are the files
/// about to be moved into place.
///
/// A file listed under a decomposed name (NFD) whose composed name the site
/// has is the site's own file on a disk that stores names decomposed (a
/// Mac's HFS+), unless the composed name is listed too or is coming: then it
/// is a copy an older build left under the other name.
fn remove_stale(
    output: &Path,
    wanted: &FxHashSet<&str>,
    coming: &FxHashSet<&str>,
) -> io::Result<usize> {
    let mut removed = 0;
    // The folders that held a removed file: only they can have been left empty.
    let mut emptied = std::collections::BTreeSet::new();
    let mut remove = |path: &Path| -> io::Result<()> {
        fs::remove_file(path)?;
        removed += 1;
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != output) {
            emptied.insert(d.to_path_buf());
            dir = d.parent();
        }
        Ok(())
    };
    let mut decomposed = Vec::new();
    let mut listed_composed = FxHashSet::default();
    let walker = walkdir::WalkDir::new(output)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && (e.file_name() == GIT || e.file_name() == WAITING)));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = crate::paths::site_path(entry.path(), output);
        if wanted.contains(relative.as_str()) {
            if !relative.is_ascii() {
                listed_composed.insert(relative);
            }
            continue;
        }
        match crate::paths::composed(&relative) {
            std::borrow::Cow::Owned(name) if wanted.contains(name.as_str()) => {
                decomposed.push((entry.into_path(), name));
            }
            _ => remove(entry.path())?,
        }
    }
    for (path, name) in decomposed {
        if listed_composed.contains(&name) || coming.contains(name.as_str()) {
            remove(&path)?;
        }
    }
    // Deepest first, so a folder is empty once its sub-folders are gone.
    let mut dirs: Vec<PathBuf> = emptied.into_iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        if fs::read_dir(&dir)?.next().is_none() {
            fs::remove_dir(&dir)?;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_s_later_pages_are_told_from_pages_that_are_named_page() {
        for address in ["page/2/", "places/hadrut/page/12/", "2020/10/page/3/"] {
            assert!(is_pagination(address), "{address}");
        }
        for address in [
            "",
            "page/",
            "2020/10/12/page/",
            "topics/page/",
            "page/2x/",
            "places/2/",
        ] {
            assert!(!is_pagination(address), "{address}");
        }
    }

    #[test]
    fn paths_that_cannot_all_be_made_are_refused_by_name() {
        let ok = ["index.html", "archive/index.html", "archive-2/index.html"];
        assert!(check_paths(ok.into_iter()).is_ok());
        let both = ["archive", "archive/index.html", "z"];
        let e = check_paths(both.into_iter()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "archive would be a file and the folder of archive/index.html at once"
        );
        let long = format!("2020/{}/index.html", "a".repeat(256));
        let e = check_paths([long.as_str()].into_iter()).unwrap_err();
        assert!(
            e.to_string().contains("a name in it is 256 bytes long"),
            "{e}"
        );
    }

    #[test]
    fn a_file_under_its_decomposed_name_is_kept_unless_the_composed_one_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let (composed, decomposed) = ("carte-\u{e9}t\u{e9}.png", "carte-e\u{301}te\u{301}.png");
        fs::write(dir.path().join(decomposed), "old").unwrap();
        let wanted: FxHashSet<&str> = [composed].into_iter().collect();
        let none = FxHashSet::default();
        // As a disk that stores names decomposed lists the site's own file.
        assert_eq!(remove_stale(dir.path(), &wanted, &none).unwrap(), 0);
        assert!(dir.path().join(decomposed).exists());
        // An older build's copy, the composed file about to be moved in…
        assert_eq!(remove_stale(dir.path(), &wanted, &wanted).unwrap(), 1);
        assert!(!dir.path().join(decomposed).exists());
        // …or already there beside it.
        fs::write(dir.path().join(decomposed), "old").unwrap();
        fs::write(dir.path().join(composed), "new").unwrap();
        assert_eq!(remove_stale(dir.path(), &wanted, &none).unwrap(), 1);
        assert!(!dir.path().join(decomposed).exists());
        assert!(dir.path().join(composed).exists());
    }

    fn site(files: &[(&str, &str)]) -> Site {
        Site {
            files: files
                .iter()
                .map(|(p, c)| OutputFile {
                    path: p.to_string(),
                    content: Content::Bytes(c.as_bytes().into()),
                })
                .collect(),
            pages: files.len(),
            ..Site::default()
        }
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = write_site(
            dir.path(),
            &out,
            &site(&[
                (".nojekyll", ""),
                ("a/index.html", "A"),
                ("b/index.html", "B"),
            ]),
        )
        .unwrap();
        assert_eq!(first.written, 3);
        let second = write_site(
            dir.path(),
            &out,
            &site(&[
                (".nojekyll", ""),
                ("a/index.html", "A2"),
                ("c/d/index.html", "C"),
            ]),
        )
        .unwrap();
        assert_eq!(
            second,
            WriteStats {
                written: 2,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(
            !out.join("b").exists(),
            "empty folders of stale pages are removed"
        );
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A2");
    }

    #[test]
    fn a_stale_file_where_a_folder_must_go_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &site(&[("x", "file")])).unwrap();
        write_site(dir.path(), &out, &site(&[("x/index.html", "page")])).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("x/index.html")).unwrap(),
            "page"
        );
    }

    #[test]
    fn a_path_that_leaves_the_output_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for bad in ["../escape.html", "/etc/x", "a/../../b", "a//b", "a\\..\\b"] {
            let err =
                write_site(dir.path(), &out, &site(&[("ok.html", "ok"), (bad, "x")])).unwrap_err();
            assert!(
                err.to_string().contains("refusing to write"),
                "{bad}: {err}"
            );
        }
        assert!(!dir.path().join("escape.html").exists());
        assert!(
            !out.join("ok.html").exists(),
            "nothing is written when one path is bad"
        );
    }

    #[test]
    fn dangerous_output_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/dispatches")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("content/dispatches/out")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::write(root.join("docs/notes.txt"), "mine").unwrap();
        let err = check_output_dir(root, &root.join("docs")).unwrap_err();
        assert!(
            err.message.contains("not made by chronicle"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_folder_with_another_tools_nojekyll_is_not_taken_for_chronicles() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/dispatches")).unwrap();
        let docs = root.join("docs");
        fs::create_dir_all(&docs).unwrap();
        fs::write(docs.join("index.html"), "another site").unwrap();
        fs::write(docs.join(MARKER), "").unwrap();
        let err = check_output_dir(root, &docs).unwrap_err();
        assert!(
            err.message.contains("its .nojekyll is another tool's"),
            "{}",
            err.message
        );
        // chronicle's own says so.
        fs::write(docs.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_output_dir(root, &docs).is_ok());
        // An empty one written by an earlier build: the site's record is of
        // this folder (and of no other).
        fs::write(docs.join(MARKER), "").unwrap();
        record::write(root, &docs, std::iter::empty()).unwrap();
        assert!(check_output_dir(root, &docs).is_ok());
        let other = root.join("other");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("index.html"), "another site").unwrap();
        fs::write(other.join(MARKER), "").unwrap();
        assert!(check_output_dir(root, &other).is_err());
    }
}
