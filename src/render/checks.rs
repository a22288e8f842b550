//! The checks of a render that look across dispatches: aliases that would
//! stand where the site has a file or fills a folder, and links to anchors
//! that their target has not.

use std::sync::Arc;

use super::markdown::Body;
use super::{data, pages, search, theme};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Chronicle;
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
