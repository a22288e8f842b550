//! check: everything `build` checks, without writing, plus what an editor wants
//! to hear about before publishing (dispatches with no place, dates in the
//! future, gazetteer entries nothing uses).

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::index::Index;
use crate::load::{CONTENT_DIR, LoadOptions, read_source};
use crate::model::{Chronicle, Dispatch};
use crate::pipeline::check_site;

/// What `check` found.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    /// How many dispatches were checked (the dispatch files found, when the
    /// chronicle could not be built).
    pub dispatches: usize,
    /// The addresses of the last build and of the published site that the
    /// site no longer has, all of them (a warning names the first few).
    pub gone: Vec<String>,
}

impl CheckReport {
    /// Whether the check fails: on errors, and on warnings too when strict.
    pub fn fails(&self, strict: bool) -> bool {
        self.diagnostics.has_errors() || (strict && !self.diagnostics.is_empty())
    }
}

/// Renders the site, keeping none of it, and reports every problem found. `today` is the
/// day after which a dispatch's date is "in the future".
pub fn check(root: &Path, options: &LoadOptions, today: NaiveDate) -> CheckReport {
    check_against(root, options, today, None)
}

/// [`check`], also saying which pages of the published site (its
/// sitemap.xml, as `build --published` reads it) the site no longer has.
pub fn check_against(
    root: &Path,
    options: &LoadOptions,
    today: NaiveDate,
    published: Option<&Path>,
) -> CheckReport {
    match check_site(root, options, &|chronicle, index| {
        lint(chronicle, index, today)
    }) {
        Ok(mut built) => {
            let mut diagnostics = std::mem::take(&mut built.warnings);
            // What a build into the usual output would drop of the last one.
            let output = crate::pipeline::default_output(root, &built.chronicle.config);
            // A build into it would be refused.
            let config = &built.chronicle.config;
            if let Some(problem) = crate::pipeline::output_problem(root, config, &output, false) {
                diagnostics.push(problem);
            }
            let (gone, had) = crate::write::gone_from(root, &output, &built.site);
            let gone = crate::pipeline::gone_warnings(&built, root, published, gone, had);
            diagnostics.extend(gone.warnings);
            diagnostics.sort();
            CheckReport {
                dispatches: built.chronicle.dispatches.len(),
                diagnostics,
                gone: gone.addresses,
            }
        }
        Err(diagnostics) => CheckReport {
            diagnostics,
            dispatches: crate::load::count_dispatch_files(root),
            gone: Vec::new(),
        },
    }
}

/// The warnings only `check` gives.
pub fn lint(chronicle: &Chronicle, index: &Index, today: NaiveDate) -> Diagnostics {
    let mut found = Diagnostics::default();
    // The hints name the chronicle's own most used places and sides (declared ones).
    let most_used = |names: Vec<Option<&str>>, lists: &[Vec<usize>], take: usize, none: &str| {
        let mut ranked: Vec<(usize, &str)> = names
            .into_iter()
            .zip(lists)
            .filter_map(|(name, list)| Some((list.len(), name?)))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let picked: Vec<&str> = ranked.iter().take(take).map(|(_, name)| *name).collect();
        if picked.is_empty() {
            none.to_string()
        } else {
            picked.join(", ")
        }
    };
    let places = most_used(
        chronicle
            .places
            .iter()
            .map(|p| p.declared.then_some(p.id.as_str()))
            .collect(),
        &index.places,
        1,
        "the-place",
    );
    let sides = most_used(
        chronicle
            .sides
            .iter()
            .map(|s| s.declared.then_some(s.id.as_str()))
            .collect(),
        &index.sides,
        2,
        "one-side, another",
    );
    for dispatch in &chronicle.dispatches {
        let opening = 0..3.min(dispatch.source.text.len());
        if dispatch.places.is_empty() {
            found.push(
                Diagnostic::warning("this dispatch has no place")
                    .at(
                        &dispatch.source,
                        field_span(dispatch, "places").unwrap_or(opening.clone()),
                    )
                    .with_help(format!("say where it happened: places: [{places}]")),
            );
        }
        if dispatch.sides.is_empty() {
            found.push(
                Diagnostic::warning("this dispatch has no side")
                    .at(
                        &dispatch.source,
                        field_span(dispatch, "sides").unwrap_or(opening.clone()),
                    )
                    .with_help(format!("say who was involved: sides: [{sides}]")),
            );
        }
        if dispatch.when.date > today {
            found.push(
                Diagnostic::warning(format!("the date {} is in the future", dispatch.when.date))
                    .at(
                        &dispatch.source,
                        field_span(dispatch, "date").unwrap_or(opening),
                    )
                    .with_label(format!("today is {today}"))
                    .with_help(
                        "a dispatch's date is when the event happened; check the year and month",
                    ),
            );
        }
    }
    found.extend(unused_entries(chronicle, index));
    found
}

/// Declared places, sides and topics that no dispatch uses.
fn unused_entries(chronicle: &Chronicle, index: &Index) -> Diagnostics {
    let mut found = Diagnostics::default();
    let content = chronicle.root.join(CONTENT_DIR);
    let regions: std::collections::HashSet<&str> = chronicle
        .places
        .iter()
        .zip(&index.places)
        .filter(|(_, list)| !list.is_empty())
        .filter_map(|(p, _)| p.region.as_deref())
        .collect();
    let kinds = [
        (
            "places.toml",
            "place",
            chronicle
                .places
                .iter()
                .zip(&index.places)
                .filter(|(p, list)| {
                    p.declared && list.is_empty() && !regions.contains(p.id.as_str())
                })
                .map(|(p, _)| p.id.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "sides.toml",
            "side",
            chronicle
                .sides
                .iter()
                .zip(&index.sides)
                .filter(|(s, list)| s.declared && list.is_empty())
                .map(|(s, _)| s.id.as_str())
                .collect(),
        ),
        (
            "topics.toml",
            "topic",
            chronicle
                .topics
                .iter()
                .zip(&index.topics)
                .filter(|(t, list)| t.declared && list.is_empty())
                .map(|(t, _)| t.id.as_str())
                .collect(),
        ),
    ];
    for (file, kind, unused) in kinds {
        if unused.is_empty() {
            continue;
        }
        let Ok(source) = read_source(&content.join(file), &chronicle.root) else {
            continue;
        };
        // A duplicated id (an error of its own) is one entry here.
        let mut told = std::collections::HashSet::new();
        for id in unused.into_iter().filter(|id| told.insert(*id)) {
            found.push(
                Diagnostic::warning(format!(
                    "the {kind} `{id}` is declared but no dispatch uses it"
                ))
                .at(&source, id_span(&source, id))
                .with_help(format!(
                    "tag a dispatch with it, or remove it from content/{file}"
                )),
            );
        }
    }
    found
}

/// Where `id = "…"` is written in a gazetteer file.
fn id_span(source: &SourceFile, id: &str) -> Range<usize> {
    let text = &source.text;
    let quoted = format!("\"{id}\"");
    text.match_indices(&quoted)
        .find(|(i, _)| {
            text[..*i]
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim_start().starts_with("id"))
        })
        .map_or(0..0, |(i, m)| i..i + m.len())
}

/// Where a front-matter field's value is written (`places: […]` or `places = […]`).
fn field_span(dispatch: &Dispatch, key: &str) -> Option<Range<usize>> {
    let matter = &dispatch.source.text[..dispatch.body_offset.min(dispatch.source.text.len())];
    let mut offset = 0;
    for line in matter.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key) {
            let rest_trimmed = rest.trim_start();
            if rest_trimmed.starts_with(':') || rest_trimmed.starts_with('=') {
                let value_start = offset + key.len() + (rest.len() - rest_trimmed.len()) + 1;
                let value = line[value_start - offset..].trim();
                let start = offset + line.find(value).unwrap_or(value_start - offset);
                return Some(start..start + value.len().max(1));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::index;
    use crate::load::load;

    fn site(dispatch: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/dispatches")).unwrap();
        std::fs::write(
            root.join("chronicle.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .unwrap();
        std::fs::write(
            root.join("content/places.toml"),
            "[[place]]\nid = \"hadrut\"\n\n[[place]]\nid = \"tokh\"\nregion = \"hadrut\"\n\n[[place]]\nid = \"barda\"\n",
        )
        .unwrap();
        std::fs::write(root.join("content/dispatches/a.md"), dispatch).unwrap();
        dir
    }

    fn lint_of(dispatch: &str, today: &str) -> String {
        let dir = site(dispatch);
        let (chronicle, _) = load(dir.path(), &LoadOptions::default());
        let chronicle = chronicle.unwrap();
        let index = index(&chronicle);
        lint(&chronicle, &index, today.parse().unwrap()).render()
    }

    #[test]
    fn a_dispatch_without_place_or_side_is_reported() {
        let text = lint_of("---\ntitle: A\ndate: 2020-10-28\n---\n", "2026-01-01");
        assert!(text.contains("this dispatch has no place"), "{text}");
        assert!(text.contains("this dispatch has no side"), "{text}");
    }

    #[test]
    fn a_date_in_the_future_is_reported_at_the_date() {
        let text = lint_of(
            "---\ntitle: A\ndate: 2030-10-28\nplaces: [tokh]\nsides: [x]\n---\n",
            "2026-01-01",
        );
        assert!(
            text.contains("the date 2030-10-28 is in the future"),
            "{text}"
        );
        assert!(text.contains("a.md:3:7"), "{text}");
    }

    #[test]
    fn gazetteer_entries_nothing_uses_are_reported_but_regions_in_use_are_not() {
        let text = lint_of(
            "---\ntitle: A\ndate: 2020-10-28\nplaces: [tokh]\nsides: [x]\n---\n",
            "2026-01-01",
        );
        assert!(
            text.contains("the place `barda` is declared but no dispatch uses it"),
            "{text}"
        );
        assert!(text.contains("places.toml:9:6"), "{text}");
        assert!(
            !text.contains("`hadrut`"),
            "a region of a used place is used: {text}"
        );
    }
}
