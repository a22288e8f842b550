//! The files a site copies as they are: its static/ folder's, its theme's
//! and its bundles'.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet as HashSet;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Whether a path (a file, or a folder with its index.html) is in the output.
pub(super) fn is_published(published: &HashSet<&str>, path: &str) -> bool {
    let folder = path.trim_end_matches('/');
    published.contains(path)
        || published.contains(format!("{folder}/index.html").trim_start_matches('/'))
}

/// Every file under a folder (hidden files and editors' leftovers aside), by
/// its `/`-separated path relative to the folder.
pub(super) fn walk_files(
    dir: &Path,
    site_root: &Path,
    warnings: &mut Diagnostics,
) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let shown = |path: &Path| {
        let relative = path
            .strip_prefix(site_root)
            .or_else(|_| path.strip_prefix("."));
        relative.unwrap_or(path).display().to_string()
    };
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::load::is_ignored(&e.file_name().to_string_lossy())
        });
    let mut files = Vec::new();
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let name = shown(e.path().unwrap_or(dir));
                let dangling = e
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                let message = if dangling {
                    format!("{name} is a link to a file that is not there; it is left out")
                } else {
                    format!("{name} cannot be read ({e}); it is left out")
                };
                warnings.push(
                    Diagnostic::warning(message)
                        .with_help("remove it, or make it the file it stands for"),
                );
                continue;
            }
        };
        if !e.file_type().is_file() {
            continue;
        }
        // A link to a file outside the site would publish (and serve) it.
        let inside = !e.path_is_symlink()
            || e.path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(site_root));
        if !inside {
            warnings.push(
                Diagnostic::warning(format!(
                    "{} links to a file outside the site; it is left out",
                    shown(e.path())
                ))
                .with_help("copy the file into the site instead of linking to it"),
            );
            continue;
        }
        files.push((crate::paths::site_path(e.path(), dir), e.into_path()));
    }
    files
}
