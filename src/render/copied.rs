//! The files a site copies as they are: its static/ folder's, its theme's
//! and its bundles'.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet as HashSet;

use super::STATIC_DIR;
use super::theme::ThemeFile;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Chronicle;
use crate::output::{Content, OutputFile};

/// The folders whose files are copied as they are.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Folder {
    /// static/: hidden files too (`.well-known/`).
    Static,
    /// A page bundle's: hidden files not, as in all of content/, whose
    /// reading has said the links it leaves out.
    Bundle,
}

/// Every file under a folder (editors' leftovers aside, and hidden files
/// but in static/), by its `/`-separated path relative to the folder, its
/// accented letters composed (NFC): a Mac stores `carte-é.png` decomposed,
/// the link typed in an editor and the address a browser asks for have it
/// composed. A link to what is outside the site is left out.
pub(super) fn walk_files(
    dir: &Path,
    folder: Folder,
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
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !match folder {
                    Folder::Static => crate::load::is_leftover(&name),
                    Folder::Bundle => crate::load::is_ignored(&name),
                }
        });
    let mut files = Vec::new();
    let mut recomposed = false;
    while let Some(entry) = walker.next() {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let name = shown(e.path().unwrap_or(dir));
                let not_found = e
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                let is_link = e
                    .path()
                    .and_then(|path| path.symlink_metadata().ok())
                    .is_some_and(|meta| meta.file_type().is_symlink());
                // (A file removed while the folder was walked is no problem.)
                if (not_found && !is_link) || folder == Folder::Bundle {
                    continue;
                }
                let message = if not_found {
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
        // A link to a file or a folder outside the site would publish (and
        // serve) what it holds. (The folder walked may be a link itself.)
        let inside = e.depth() == 0
            || !e.path_is_symlink()
            || e.path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(site_root));
        if !inside {
            let what = if e.file_type().is_dir() {
                walker.skip_current_dir();
                "folder"
            } else {
                "file"
            };
            if folder == Folder::Bundle {
                continue;
            }
            warnings.push(
                Diagnostic::warning(format!(
                    "{} links to a {what} outside the site; it is left out",
                    shown(e.path())
                ))
                .with_help(format!(
                    "copy the {what} into the site instead of linking to it"
                )),
            );
            continue;
        }
        if !e.file_type().is_file() {
            continue;
        }
        let mut path = crate::paths::site_path(e.path(), dir);
        let changed = match crate::paths::composed(&path) {
            std::borrow::Cow::Owned(composed) => Some(composed),
            std::borrow::Cow::Borrowed(_) => None,
        };
        if let Some(composed) = changed {
            path = composed;
            recomposed = true;
        }
        files.push((path, e.into_path()));
    }
    if recomposed {
        // Two files whose names differ only in how their accents are
        // encoded are one address: the one named as typed (composed) wins.
        let as_typed =
            |(path, source): &(String, PathBuf)| crate::paths::site_path(source, dir) == *path;
        files.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| as_typed(b).cmp(&as_typed(a))));
        files.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                warnings.push(
                    Diagnostic::warning(format!(
                        "{} is left out: its name is {}'s but for how its accents are encoded, \
                         and both would be published as {}",
                        shown(&later.1),
                        shown(&kept.1),
                        kept.0
                    ))
                    .with_help("remove one of them: browsers and a Mac's disk see one name"),
                );
            }
            same
        });
    }
    files
}

/// The files copied as they are, by their path in the site: the theme's,
/// then the site's static/ (which win), then the bundles' files. A copy
/// where a page is `generated` is left out, with a warning.
pub(super) fn copies(
    chronicle: &Chronicle,
    static_files: BTreeMap<String, ThemeFile>,
    generated: &HashSet<&str>,
    warnings: &mut Diagnostics,
) -> BTreeMap<String, Content> {
    let mut copies: BTreeMap<String, Content> = static_files
        .into_iter()
        .map(|(path, file)| {
            let content = match file {
                ThemeFile::Embedded(bytes) => Content::Embedded(bytes),
                ThemeFile::Disk(path) => Content::Copy(path),
            };
            (path, content)
        })
        .collect();
    let site_root = chronicle
        .root
        .canonicalize()
        .unwrap_or_else(|_| chronicle.root.clone());
    let mut from_static = HashSet::default();
    let static_dir = chronicle.root.join(STATIC_DIR);
    for (path, source) in walk_files(&static_dir, Folder::Static, &site_root, warnings) {
        // (Put there for GitHub Pages, as Hugo's and Jekyll's sites do: chronicle makes it.)
        if path == ".nojekyll" {
            continue;
        }
        if generated.contains(path.as_str()) {
            warnings.push(
                Diagnostic::warning(format!(
                    "static/{path} is hidden by a page chronicle makes at the same path"
                ))
                .with_help(match path.as_str() {
                    "robots.txt" | "404.html" | "sitemap.xml" | "atom.xml" => format!(
                        "to make {path} your own, put a template of that name in \
                         themes/NAME/templates/ (with theme = \"NAME\" in chronicle.toml): it \
                         overrides the default theme's; then remove static/{path}"
                    ),
                    _ => "rename or remove the static file".into(),
                }),
            );
            continue;
        }
        from_static.insert(path.clone());
        copies.insert(path, Content::Copy(source));
    }
    let shown = |source: &Path| {
        let shown = source.strip_prefix(&chronicle.root).unwrap_or(source);
        shown.display().to_string()
    };
    for dispatch in &chronicle.dispatches {
        if let Some(bundle) = &dispatch.bundle {
            let base = dispatch.path_part();
            for (path, source) in walk_files(bundle, Folder::Bundle, &site_root, warnings) {
                if path.ends_with(".md") {
                    continue;
                }
                let path = format!("{base}{path}");
                if generated.contains(path.as_str()) {
                    warnings.push(
                        Diagnostic::warning(format!(
                            "{} is not published: the dispatch's page is made at the same path, /{path}",
                            shown(&source)
                        ))
                        .with_help("rename or remove the file: the page is made from index.md"),
                    );
                    continue;
                }
                if from_static.contains(&path) {
                    warnings.push(
                        Diagnostic::warning(format!(
                            "static/{path} is hidden by {}, a file of a page bundle published at \
                             the same path",
                            shown(&source)
                        ))
                        .with_help("rename or remove one of them"),
                    );
                }
                copies.insert(path, Content::Copy(source));
            }
        }
    }
    copies
}

/// The copies that can be files beside the generated ones: none where a
/// page is, in a page's place as a folder, or where pages fill a folder.
pub(super) fn outside_pages(
    copies: BTreeMap<String, Content>,
    generated: &HashSet<&str>,
    warnings: &mut Diagnostics,
) -> Vec<OutputFile> {
    // The folders of the generated files: a copy cannot be a file there.
    let mut folders: HashSet<&str> = HashSet::default();
    for path in generated {
        let mut rest = *path;
        while let Some((folder, _)) = rest.rsplit_once('/') {
            if !folders.insert(folder) {
                break;
            }
            rest = folder;
        }
    }
    copies
        .into_iter()
        .filter(|(path, _)| !generated.contains(path.as_str()))
        .filter(|(path, content)| {
            let page = crate::paths::folders_of(path).find(|folder| generated.contains(folder));
            let why = match page {
                Some(page) => {
                    format!("chronicle makes the page {page}, which cannot also be a folder")
                }
                None if folders.contains(path.as_str()) => {
                    format!("chronicle makes pages in a folder {path}/, where this file would be")
                }
                None => return true,
            };
            let file = match content {
                Content::Copy(source) => source.display().to_string(),
                _ => format!("the theme's {path}"),
            };
            warnings.push(
                Diagnostic::warning(format!("{file} is left out: {why}"))
                    .with_help("rename or move the file"),
            );
            false
        })
        .map(|(path, content)| OutputFile { path, content })
        .collect()
}
