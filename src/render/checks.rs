//! The checks of a render that look across dispatches: aliases that would
//! stand where the site has a file or fills a folder, links to files and
//! anchors that the site has not, and ids the theme's page holds already.

use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use super::markdown::Body;
use super::{data, pages, search, theme};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Chronicle;
use crate::output::{OutputFile, site_paths};
use crate::paths::normalize;

/// The files a render makes besides its pages, and the folders it fills.
pub(super) const GENERATED_FILES: [&str; 3] =
    [data::DISPATCHES_JSON, data::PLACES_GEOJSON, ".nojekyll"];
pub(super) const GENERATED_FOLDERS: [&str; 1] = [search::DIR];

/// Errors for aliases inside a folder that the build fills (`/search/old/`).
pub(super) fn aliases_in_generated_folders(chronicle: &Chronicle) -> Diagnostics {
    let mut errors = Diagnostics::default();
    for dispatch in &chronicle.dispatches {
        for (alias, span) in &dispatch.aliases {
            let page = pages::alias_page_path(alias);
            // (`/search/` itself is the search page's address: said as such.)
            let inside = |f: &&str| page.starts_with(*f) && page != format!("{f}index.html");
            let Some(folder) = GENERATED_FOLDERS.iter().find(|f| inside(f)) else {
                continue;
            };
            errors.push(
                Diagnostic::error(format!(
                    "the alias /{alias} is inside /{folder}, the folder of the site's search index"
                ))
                .at(&dispatch.source, span.clone())
                .with_label("expected an address outside that folder"),
            );
        }
    }
    errors
}

/// Errors for aliases whose redirect page would stand where the site has a
/// file, or need a folder where it has one (`/atom.xml/`, `/style.css/`).
/// `is_file` tells the files of the site; `is_other` those its page may not be.
pub(super) fn alias_file_conflicts(
    chronicle: &Chronicle,
    is_file: &dyn Fn(&str) -> bool,
    is_other: &dyn Fn(&str) -> bool,
) -> Diagnostics {
    let mut errors = Diagnostics::default();
    for dispatch in &chronicle.dispatches {
        for (alias, span) in &dispatch.aliases {
            let page = pages::alias_page_path(alias);
            let folder = crate::paths::folders_of(&page).find(|folder| is_file(folder));
            let message = match folder {
                Some(file) => {
                    format!("the alias /{alias} needs a folder where the site has the file /{file}")
                }
                None if is_other(&page) => {
                    format!("the alias /{alias} is the address of a file of the site")
                }
                None => continue,
            };
            errors.push(
                Diagnostic::error(message)
                    .at(&dispatch.source, span.clone())
                    .with_label("expected an address where nothing is published"),
            );
        }
    }
    errors
}

/// Warnings for links to anchors that their target (the page itself or
/// another dispatch's) has not: no heading, footnote, raw id or id of the
/// theme's by that name. Nothing to do, and no map made, without such links.
pub(super) fn anchor_warnings(
    chronicle: &Chronicle,
    bodies: &[Arc<Body>],
    theme: &theme::Theme,
) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    if bodies.iter().all(|b| b.fragment_links.is_empty()) {
        return warnings;
    }
    // By the path as links name it, normalized (`./content/…` with `--root .`).
    let by_path: std::collections::HashMap<std::path::PathBuf, usize> = chronicle
        .dispatches
        .iter()
        .enumerate()
        .map(|(i, d)| (normalize(&d.path), i))
        .collect();
    let theme_ids = theme.literal_ids();
    for (d, (dispatch, body)) in chronicle.dispatches.iter().zip(bodies).enumerate() {
        for (target, fragment, at) in &body.fragment_links {
            let target = match target {
                Some(path) => by_path.get(path.as_path()).copied(),
                None => Some(d),
            };
            let Some(target) = target else { continue };
            let anchors = &bodies[target];
            if fragment.is_empty()
                || anchors.raw_ids
                || anchors.anchors.contains(fragment)
                || theme_ids.contains(fragment.as_str())
            {
                continue;
            }
            let whose = if target == d {
                "this dispatch".to_string()
            } else {
                chronicle.dispatches[target]
                    .source
                    .name
                    .display()
                    .to_string()
            };
            let help = if anchors.anchors.is_empty() {
                format!("{whose} has no heading or footnote to link to")
            } else {
                let shown: Vec<String> = anchors
                    .anchors
                    .iter()
                    .take(6)
                    .map(|a| format!("#{a}"))
                    .collect();
                format!("the anchors of {whose}: {}", shown.join(", "))
            };
            warnings.push(
                Diagnostic::warning(format!("link to a missing anchor: #{fragment}"))
                    .at(&dispatch.source, at.clone())
                    .with_label("no heading or footnote has this id")
                    .with_help(help),
            );
        }
    }
    warnings
}

/// Warnings for links to files of the site that it does not publish
/// (`files` and `written` are every file of the output).
pub(super) fn file_link_warnings(
    chronicle: &Chronicle,
    bodies: &[Arc<Body>],
    files: &[OutputFile],
    written: &[String],
) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    if bodies.iter().all(|b| b.local_links.is_empty()) {
        return warnings;
    }
    let published = site_paths(files, written);
    for (dispatch, body) in chronicle.dispatches.iter().zip(bodies) {
        for (path, at) in &body.local_links {
            if !is_published(&published, path) {
                // Under a bundle's page: that bundle lacks the file.
                let bundle = chronicle.dispatches.iter().find_map(|d| {
                    let folder = d.source.name.parent().filter(|_| d.bundle.is_some())?;
                    path.starts_with(&d.path_part()).then_some(folder)
                });
                let help = match bundle {
                    Some(folder) => format!(
                        "the page bundle {} has no such file: put it beside its index.md, or fix \
                         the path",
                        folder.display()
                    ),
                    None if dispatch.bundle.is_none()
                        && path.starts_with(&dispatch.path_part()) =>
                    {
                        "files next to a dispatch are published only from a page bundle: a folder \
                         holding index.md and its files"
                            .to_string()
                    }
                    None => {
                        "put the file in static/ (copied as is to the site's root), or fix the \
                             path"
                            .to_string()
                    }
                };
                warnings.push(
                    Diagnostic::warning(format!("link to a file the site does not have: /{path}"))
                        .at(&dispatch.source, at.clone())
                        .with_label("nothing is published at this path")
                        .with_help(help),
                );
            }
        }
    }
    warnings
}

/// Whether a path (a file, or a folder with its index.html) is in the output.
pub(super) fn is_published(published: &HashSet<&str>, path: &str) -> bool {
    let folder = path.trim_end_matches('/');
    published.contains(path)
        || published.contains(format!("{folder}/index.html").trim_start_matches('/'))
}

/// Warnings for ids of a dispatch's body that the theme's page holds already.
pub(super) fn theme_id_warnings(chronicle: &Chronicle, bodies: &[Arc<Body>]) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    for (dispatch, body) in chronicle.dispatches.iter().zip(bodies) {
        for (id, at) in &body.theme_id_clashes {
            warnings.push(
                Diagnostic::warning(format!(
                    "the theme's page already has an element with the id `{id}`"
                ))
                .at(&dispatch.source, at.clone())
                .with_label("a page holds each id once")
                .with_help(format!(
                    "give this element another id: links to #{id} go to the theme's element"
                )),
            );
        }
    }
    warnings
}
