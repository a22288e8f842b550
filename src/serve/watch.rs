//! Watching a chronicle's files: config, content, themes, static and i18n, debounced,
//! with editors' swap files and the output folder left out.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::CONFIG_FILE;
use crate::load::is_ignored;

/// The folders of a site that `serve` watches, besides `chronicle.toml`.
pub const WATCHED_DIRS: [&str; 4] = ["content", "themes", "static", "i18n"];

/// How long a burst of file events may last before a rebuild starts. Editors'
/// saves (write, rename over) take a few milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    /// The root as the site is loaded from (`.` by default).
    root: PathBuf,
    /// The same folder made absolute: the watcher reports absolute paths.
    absolute: PathBuf,
    watched: Vec<PathBuf>,
    events: mpsc::Receiver<DebounceEventResult>,
}

impl Watcher {
    pub fn new(root: &Path) -> notify_debouncer_full::notify::Result<Watcher> {
        let (sender, events) = mpsc::channel();
        let debouncer = new_debouncer(DEBOUNCE, None, sender)?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            absolute: crate::paths::absolute(root),
            watched: Vec::new(),
            events,
        };
        watcher
            .debouncer
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
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.push(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
    }

    /// Blocks until files of the site changed; returns them (never empty), or
    /// `None` when the watcher stopped.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let batch = self.events.recv().ok()?;
            let Ok(events) = batch else {
                // The watcher lost track (its queue overflowed, say): look at everything.
                return Some(vec![self.root.clone()]);
            };
            let mut changed: Vec<PathBuf> = events
                .iter()
                .filter(|e| changes_content(&e.kind))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_relevant(&self.absolute, p))
                // Told as the loader knows them: under the root as given.
                .filter_map(|p| Some(self.root.join(p.strip_prefix(&self.absolute).ok()?)))
                .collect();
            changed.sort();
            changed.dedup();
            self.watch_new_dirs();
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }
}

/// Whether an event can change what a file holds: reading a file (which
/// every build does) and touching its metadata cannot.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
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
    if relative
        .components()
        .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
    {
        return false;
    }
    first == CONFIG_FILE || WATCHED_DIRS.contains(&first.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for path in [
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
