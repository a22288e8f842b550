//! A rebuild's shortcut: when the watcher vouches that only a few dispatch
//! files changed, and neither their old nor their new version names a term
//! that the gazetteer does not declare (or has a side deny its own claim), the
//! last chronicle is patched instead of being put together again from every file.
//!
//! What it gives is what the full load gives (the terms met in front-matter
//! are numbered in the order the files first name them, so only declared
//! terms keep every other dispatch's numbers as they were). When in doubt it
//! declines, and the full load runs.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::dispatch::{RawDispatch, Reference};
use super::resolve::{Kind, Terms, make_dispatch};
use super::{LoadCache, LoadOptions, Parsed};
use crate::diagnostic::Diagnostics;
use crate::model::{Chronicle, Dispatch};

/// At most this many changed files are patched in.
const AT_MOST: usize = 16;

/// What the last load made, for the next patch.
pub(super) struct Last {
    /// `--drafts` and `--base-url`, which the chronicle was loaded with.
    pub options: (bool, Option<String>),
    /// Its dispatches sorted by their file's path.
    pub chronicle: Chronicle,
    /// Each dispatch's parse, in the same order.
    pub raws: Vec<Arc<RawDispatch>>,
    /// The gazetteer as declared, before front-matter added to it.
    pub declared: super::Gazetteer,
    /// The gazetteer's diagnostics, and the references'.
    pub gazetteer_diagnostics: Diagnostics,
    pub resolve_diagnostics: Diagnostics,
    /// The dispatch files whose parse said something.
    pub file_diagnostics: rustc_hash::FxHashMap<OsString, Diagnostics>,
}

/// A changed file as read again.
struct Changed {
    path: PathBuf,
    parsed: Option<Parsed>,
}

/// The chronicle with the `told` dispatch files (and nothing else) changed
/// patched in, or `None` when only the full load can tell.
pub(super) fn patch(
    root: &Path,
    options: &LoadOptions,
    told: &[PathBuf],
    cache: &mut LoadCache,
) -> Option<(Chronicle, Diagnostics)> {
    let last = cache.last.as_ref()?;
    if told.is_empty()
        || told.len() > AT_MOST
        || last.options != (options.drafts, options.base_url.clone())
    {
        return None;
    }
    let mut changed = Vec::with_capacity(told.len());
    for path in told {
        let parsed = match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => Some(read_again(cache, path, &meta, root)?),
            Ok(_) => return None,
            Err(_) => None,
        };
        changed.push(Changed {
            path: path.clone(),
            parsed,
        });
    }
    let mut terms = Terms::new(
        last.declared.clone(),
        last.chronicle.config.transliteration(),
    );
    let mut dispatches = last.chronicle.dispatches.clone();
    let mut raws = last.raws.clone();
    for change in &changed {
        let at = raws.binary_search_by(|r| r.path.as_os_str().cmp(change.path.as_os_str()));
        // The last load's warnings are kept as they were: a file that had
        // or gets one (an undeclared term, a side denying its own claim)
        // is left to the full load.
        if let Ok(i) = at
            && (!names_only_declared(&terms, &raws[i]) || terms.warn_of_self_denials(&raws[i]))
        {
            return None;
        }
        let raw = change
            .parsed
            .as_ref()
            .and_then(|p| p.raw.clone())
            .filter(|r| options.drafts || !r.draft);
        match (at, raw) {
            (Ok(i), None) => {
                raws.remove(i);
                dispatches.remove(i);
            }
            (Err(_), None) => {}
            (at, Some(raw)) => {
                if !names_only_declared(&terms, &raw) || terms.warn_of_self_denials(&raw) {
                    return None;
                }
                let dispatch = Arc::new(make_dispatch(&mut terms, &raw));
                match at {
                    Ok(i) => {
                        raws[i] = raw;
                        dispatches[i] = dispatch;
                    }
                    Err(i) => {
                        raws.insert(i, raw);
                        dispatches.insert(i, dispatch);
                    }
                }
            }
        }
    }
    if !terms.diagnostics.is_empty() || has_duplicate_permalinks(&dispatches, &changed) {
        return None;
    }

    // Taken: the cache follows the files.
    let last = cache.last.as_mut().expect("checked above");
    for change in changed {
        let key = change.path.into_os_string();
        cache.resolved.remove(&key);
        last.file_diagnostics.remove(&key);
        if let Some(parsed) = change.parsed {
            if !parsed.diagnostics.is_empty() {
                let found = parsed.diagnostics.clone();
                last.file_diagnostics.insert(key.clone(), found);
            }
            cache.files.insert(key, parsed);
        } else {
            cache.files.remove(&key);
        }
    }
    cache.stale.clear();
    let mut diagnostics = last.gazetteer_diagnostics.clone();
    for found in last.file_diagnostics.values() {
        diagnostics.extend(found.clone());
    }
    diagnostics.extend(last.resolve_diagnostics.clone());
    diagnostics.sort();
    last.raws = raws;
    last.chronicle.dispatches = dispatches;
    Some((last.chronicle.clone(), diagnostics))
}

/// A changed file read and parsed again (its last parse kept when its text is
/// the same); `None` when it does not parse cleanly.
fn read_again(
    cache: &LoadCache,
    path: &Path,
    meta: &std::fs::Metadata,
    root: &Path,
) -> Option<Parsed> {
    let is_markdown = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"));
    if !is_markdown || path.file_name().is_some_and(|n| n == "index.md") {
        return None;
    }
    let stamp = meta.modified().ok().map(|m| (meta.len(), m));
    let stem = path.file_stem()?.to_string_lossy();
    let (raw, diagnostics) = cache.read(root, path, &None, &stem);
    if diagnostics.has_errors() {
        return None;
    }
    Some(Parsed {
        stamp,
        raw: Some(raw?),
        diagnostics,
    })
}

/// Whether every term a dispatch names is declared in the gazetteer.
fn names_only_declared(terms: &Terms, raw: &RawDispatch) -> bool {
    let declared = |kind: Kind, references: &[Reference]| {
        references.iter().all(|r| terms.find_declared(kind, &r.0))
    };
    declared(Kind::Side, &raw.sides)
        && declared(Kind::Place, &raw.places)
        && declared(Kind::Topic, &raw.topics)
        && raw
            .sources
            .iter()
            .all(|s| declared(Kind::Side, s.by.as_slice()))
        && raw.claims.iter().all(|c| {
            declared(Kind::Side, std::slice::from_ref(&c.by)) && declared(Kind::Side, &c.denied_by)
        })
}

/// Whether a changed dispatch now has another one's date and slug.
fn has_duplicate_permalinks(dispatches: &[Arc<Dispatch>], changed: &[Changed]) -> bool {
    changed.iter().any(|change| {
        let Some(mine) = dispatches
            .iter()
            .find(|d| d.path.as_os_str() == change.path.as_os_str())
        else {
            return false;
        };
        dispatches
            .iter()
            .any(|d| d.when.date == mine.when.date && d.slug == mine.slug && !Arc::ptr_eq(d, mine))
    })
}
