//! Watching a chronicle's files: config, content, themes, static and i18n,
//! with editors' swap files and the output folder left out.
//!
//! A save is taken as soon as it is whole: when every file written in a burst
//! of events has been closed (or was renamed into place, or removed). Only a
//! write that is never seen closed waits for the events to go quiet.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::load::{is_ignored, is_leftover};

/// The folders of a site that `serve` watches, besides `chronicle.toml`.
pub const WATCHED_DIRS: [&str; 4] = ["content", "themes", "static", "i18n"];

/// After a burst whose writes are all closed, how long to wait for the next
/// event of the same save (an editor's rename after its write, say).
const SETTLE: Duration = Duration::from_millis(2);

/// How long a burst with a file still open for writing may go quiet before a
/// rebuild starts anyway (a writer that maps the file, or a file system that
/// does not tell closes).
const QUIET: Duration = Duration::from_millis(15);

/// The longest a rebuild waits for a burst to end (a checkout that writes
/// thousands of files).
const LONGEST: Duration = Duration::from_millis(500);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    watcher: RecommendedWatcher,
    /// The root as the site is loaded from (`.` by default).
    root: PathBuf,
    /// The same folder made absolute: the watcher reports absolute paths.
    absolute: PathBuf,
    watched: Vec<PathBuf>,
    events: mpsc::Receiver<notify::Result<Event>>,
}

impl Watcher {
    pub fn new(root: &Path) -> notify::Result<Watcher> {
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when serve stops.
            let _ = sender.send(event);
        })?;
        let mut watcher = Watcher {
            watcher,
            root: root.to_path_buf(),
            absolute: crate::paths::absolute(root),
            watched: Vec::new(),
            events,
        };
        watcher
            .watcher
            .watch(&watcher.absolute, RecursiveMode::NonRecursive)?;
        watcher.watch_new_dirs();
        Ok(watcher)
    }

    /// Starts watching content/, themes/ and static/ once they exist.
    fn watch_new_dirs(&mut self) {
        for dir in WATCHED_DIRS {
            let path = self.absolute.join(dir);
            if path.is_dir()
                && !self.watched.contains(&path)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
    }

    /// Blocks until files of the site changed; returns them (never empty), or
    /// `None` when the watcher stopped.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        let mut burst = Burst::default();
        let mut started = None;
        loop {
            let event = match started {
                None => Some(self.events.recv().ok()?),
                Some(at) => {
                    let wait = if burst.open.is_empty() { SETTLE } else { QUIET };
                    let left = LONGEST.saturating_sub(Instant::elapsed(&at));
                    match self.events.recv_timeout(wait.min(left)) {
                        Ok(event) => Some(event),
                        Err(mpsc::RecvTimeoutError::Timeout) => None,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                    }
                }
            };
            match event {
                Some(Ok(event)) if event.need_rescan() => burst.lost = true,
                Some(Ok(event)) => {
                    for path in event
                        .paths
                        .iter()
                        .filter(|p| is_relevant(&self.absolute, p))
                    {
                        burst.add(&event.kind, path);
                    }
                }
                // The watcher lost track (its queue overflowed, say).
                Some(Err(_)) => burst.lost = true,
                None => {
                    self.watch_new_dirs();
                    if burst.lost {
                        return Some(vec![self.root.clone()]);
                    }
                    let mut changed: Vec<PathBuf> = burst
                        .changed
                        .iter()
                        // Told as the loader knows them: under the root as given.
                        .filter_map(|p| Some(self.root.join(p.strip_prefix(&self.absolute).ok()?)))
                        .collect();
                    changed.sort();
                    if !changed.is_empty() {
                        return Some(changed);
                    }
                    burst = Burst::default();
                    started = None;
                    continue;
                }
            }
            if started.is_none() && (burst.lost || !burst.changed.is_empty()) {
                started = Some(Instant::now());
            }
        }
    }
}

/// The events of one save (or of a few saves close together).
#[derive(Default)]
struct Burst {
    changed: HashSet<PathBuf>,
    /// Files written and not yet seen closed.
    open: HashSet<PathBuf>,
    lost: bool,
}

impl Burst {
    fn add(&mut self, kind: &EventKind, path: &Path) {
        match kind {
            // Whole at once: a new folder, a removal, a write closed, a rename.
            EventKind::Create(CreateKind::Folder)
            | EventKind::Remove(_)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(_) | ModifyKind::Other) => {
                self.open.remove(path);
                self.changed.insert(path.to_path_buf());
            }
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
                self.open.insert(path.to_path_buf());
                self.changed.insert(path.to_path_buf());
            }
            // Reading a file (which every build does) and touching its
            // metadata change nothing.
            EventKind::Modify(ModifyKind::Metadata(_))
            | EventKind::Access(_)
            | EventKind::Any
            | EventKind::Other => {}
        }
    }
}

/// Whether a changed path can change the site.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = components.next() else {
        return false;
    };
    // Hidden files of static/ (`.well-known/`) are published, a theme's too.
    let hidden_published = first == "static" || first == "themes";
    if relative.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        match hidden_published {
            true => is_leftover(&name),
            false => is_ignored(&name),
        }
    }) {
        return false;
    }
    first == CONFIG_FILE || WATCHED_DIRS.contains(&first.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_is_whole_once_its_writes_are_closed_or_renamed_into_place() {
        use notify::event::{DataChange, RenameMode};
        let a = Path::new("/site/content/dispatches/a.md");
        let mut burst = Burst::default();
        burst.add(&EventKind::Modify(ModifyKind::Data(DataChange::Any)), a);
        assert!(burst.open.contains(a), "written, not yet closed");
        burst.add(&EventKind::Access(AccessKind::Open(AccessMode::Any)), a);
        burst.add(&EventKind::Access(AccessKind::Close(AccessMode::Write)), a);
        assert!(burst.open.is_empty() && burst.changed.contains(a));
        let mut burst = Burst::default();
        burst.add(&EventKind::Create(CreateKind::File), a);
        burst.add(&EventKind::Modify(ModifyKind::Name(RenameMode::To)), a);
        assert!(burst.open.is_empty(), "renamed into place");
        let mut burst = Burst::default();
        burst.add(&EventKind::Access(AccessKind::Close(AccessMode::Read)), a);
        burst.add(
            &EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any)),
            a,
        );
        assert!(
            burst.changed.is_empty(),
            "reading and touching change nothing"
        );
    }

    #[test]
    fn swap_files_and_other_folders_are_not_changes() {
        let root = Path::new("/site");
        assert!(is_relevant(root, Path::new("/site/chronicle.toml")));
        assert!(is_relevant(
            root,
            Path::new("/site/content/dispatches/a.md")
        ));
        assert!(is_relevant(
            root,
            Path::new("/site/themes/mine/templates/base.html")
        ));
        assert!(is_relevant(root, Path::new("/site/content")));
        assert!(is_relevant(root, Path::new("/site/i18n/de.toml")));
        // Hidden files of static/ are published.
        assert!(is_relevant(
            root,
            Path::new("/site/static/.well-known/security.txt")
        ));
        for path in [
            "/site/static/.DS_Store",
            "/site/static/.x.css.swp",
            "/site/content/dispatches/.hidden.md",
            "/site/public/index.html",
            "/site/target/x",
            "/site/content/dispatches/.a.md.swp",
            "/site/content/dispatches/a.md~",
            "/site/content/.#a.md",
            "/site/static/4913",
            "/site/README.md",
        ] {
            assert!(!is_relevant(root, Path::new(path)), "{path}");
        }
    }
}
