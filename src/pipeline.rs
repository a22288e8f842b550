//! Drives the stages: load → index → render → write. `build`, `check` and
//! `serve` are all drivers of these same functions.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::index::Index;
use crate::index::index;
use crate::load::{LoadCache, LoadOptions, load_with};
use crate::model::Chronicle;
use crate::output::{OutputFile, Site};
use crate::render::cache::RenderCache;
use crate::render::views::Urls;
use crate::render::{FirstPages, Handoff, render_bodies, render_with};
use crate::write::{Staged, WriteStats, check_output_dir};

/// A stage of the pipeline, for progress displays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Load,
    Index,
    Render,
    Write,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Index => "index",
            Stage::Render => "render",
            Stage::Write => "write",
        }
    }
}

/// Time spent in each stage.
#[derive(Clone, Debug, Default)]
pub struct Timings(pub Vec<(Stage, Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: Stage, progress: &dyn Fn(Stage), f: impl FnOnce() -> T) -> T {
        progress(stage);
        let start = Instant::now();
        let value = f();
        self.0.push((stage, start.elapsed()));
        value
    }

    pub fn total(&self) -> Duration {
        self.0.iter().map(|(_, d)| *d).sum()
    }
}

/// A site built in memory, with the warnings found and the time it took.
pub struct Built {
    pub site: Site,
    /// The chronicle as loaded (its config with `--base-url` applied), and its
    /// lists, for drivers that look further (`check`).
    pub chronicle: Chronicle,
    pub index: Index,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

impl Built {
    /// Time per stage, one line each, with the render's steps under it.
    pub fn timings_table(&self) -> String {
        let mut table = String::new();
        let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
        for (stage, time) in &self.timings.0 {
            table += &format!("{:>8} {:>8.1} ms\n", stage.name(), ms(time));
            if *stage == Stage::Render {
                for (step, time) in &self.site.steps {
                    table += &format!("           {:>8.1} ms  {step}\n", ms(time));
                }
            }
        }
        table
    }
}

/// What a long-running driver (`serve`) keeps between builds, so that a
/// rebuild parses and renders only what changed. A build with a session gives
/// the same site as one without.
#[derive(Default)]
pub struct Session {
    pub load: LoadCache,
    pub render: RenderCache,
    /// Is shown the pages of the dispatches an edit changed as soon as they
    /// are rendered, before the rest of the site.
    pub first_pages: Option<FirstPagesHook>,
}

/// What [`Session::first_pages`] holds.
pub type FirstPagesHook = Box<dyn Fn(&[OutputFile]) + Send + Sync>;

/// Loads, indexes and renders a site without writing anything.
pub fn build_site(
    root: &Path,
    options: &LoadOptions,
    progress: &dyn Fn(Stage),
) -> Result<Built, Diagnostics> {
    let session = &mut Session::default();
    build_in_memory(root, options, session, Further::Render(None), progress)
}

/// Warnings a driver adds about a loaded chronicle (`check`'s).
pub type Lint<'l> = dyn Fn(&Chronicle, &Index) -> Diagnostics + 'l;

/// [`build_site`] with `lint`'s warnings among the others (which a
/// chronicle with errors gets too); the render keeps nothing of the site,
/// which `check` does not write.
pub fn check_site(root: &Path, options: &LoadOptions, lint: &Lint) -> Result<Built, Diagnostics> {
    let session = &mut Session::default();
    let mut timings = Timings::default();
    let further = Further::Render(Some(lint));
    let loaded = load_and_index(root, options, session, further, &mut timings, &|_| {})?;
    let handoff = Handoff::discarding();
    render_loaded(loaded, &mut session.render, handoff, timings, &|_| {})
}

/// [`build_site`], reusing the work `session` kept from earlier builds.
/// A chronicle with errors is only looked at further for broken links
/// (`serve` rebuilds as the editor types).
pub fn build_site_with(
    root: &Path,
    options: &LoadOptions,
    session: &mut Session,
    progress: &dyn Fn(Stage),
) -> Result<Built, Diagnostics> {
    build_in_memory(root, options, session, Further::Links, progress)
}

fn build_in_memory(
    root: &Path,
    options: &LoadOptions,
    session: &mut Session,
    further: Further,
    progress: &dyn Fn(Stage),
) -> Result<Built, Diagnostics> {
    let mut timings = Timings::default();
    let loaded = load_and_index(root, options, session, further, &mut timings, progress)?;
    let first = session.first_pages.as_deref().map(|f| f as FirstPages);
    let handoff = Handoff { first, sink: None };
    render_loaded(loaded, &mut session.render, handoff, timings, progress)
}

/// How far a load with errors goes on looking for problems, so that one run
/// reports all it can.
enum Further<'l> {
    /// Only broken links between dispatches (quick).
    Links,
    /// Everything a render finds, writing nothing (links to missing files,
    /// anchors, aliases, templates), with the driver's own warnings.
    Render(Option<&'l Lint<'l>>),
}

/// A chronicle loaded without errors and indexed, with its warnings.
struct Loaded {
    chronicle: Chronicle,
    index: Index,
    diagnostics: Diagnostics,
}

fn load_and_index(
    root: &Path,
    options: &LoadOptions,
    session: &mut Session,
    further: Further,
    timings: &mut Timings,
    progress: &dyn Fn(Stage),
) -> Result<Loaded, Diagnostics> {
    let (chronicle, mut diagnostics) = timings.time(Stage::Load, progress, || {
        load_with(root, options, &mut session.load)
    });
    let Some(mut chronicle) = chronicle else {
        return Err(diagnostics);
    };
    let lint = match further {
        Further::Links if diagnostics.has_errors() => {
            // Still look for broken links in the dispatches that loaded.
            let (_, more) = timings.time(Stage::Render, progress, || {
                render_bodies(&chronicle, &Urls::of(&chronicle.config))
            });
            diagnostics.extend(more);
            diagnostics.sort();
            return Err(diagnostics);
        }
        Further::Links => None,
        Further::Render(lint) => {
            // What the loader kept (every parse) is for a next load, which
            // a one-off driver has not: not held through the render.
            session.load = LoadCache::default();
            lint
        }
    };
    let index = timings.time(Stage::Index, progress, || index(&chronicle));
    // Before the render, which lets the dispatches' text go.
    if let Some(lint) = lint {
        diagnostics.extend(lint(&chronicle, &index));
    }
    if diagnostics.has_errors() {
        // Still render the dispatches that loaded, writing nothing, so that
        // one run reports every problem it can.
        let rendered = timings.time(Stage::Render, progress, || {
            let cache = &mut RenderCache::default();
            render_with(&mut chronicle, &index, cache, Handoff::discarding())
        });
        diagnostics.extend(match rendered {
            Ok((_, warnings)) => warnings,
            Err(errors) => errors,
        });
        diagnostics.sort();
        return Err(diagnostics);
    }
    Ok(Loaded {
        chronicle,
        index,
        diagnostics,
    })
}

fn render_loaded(
    loaded: Loaded,
    cache: &mut RenderCache,
    handoff: Handoff,
    mut timings: Timings,
    progress: &dyn Fn(Stage),
) -> Result<Built, Diagnostics> {
    let Loaded {
        mut chronicle,
        index,
        mut diagnostics,
    } = loaded;
    let rendered = timings.time(Stage::Render, progress, || {
        render_with(&mut chronicle, &index, cache, handoff)
    });
    match rendered {
        Ok((site, warnings)) => {
            diagnostics.extend(warnings);
            Ok(Built {
                site,
                chronicle,
                index,
                warnings: diagnostics,
                timings,
            })
        }
        Err(errors) => {
            diagnostics.extend(errors);
            Err(diagnostics)
        }
    }
}

/// What `chronicle build` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `[build] output_dir`, then `ROOT/public`.
    pub output: Option<PathBuf>,
    pub load: LoadOptions,
    /// The published site's sitemap.xml, whose addresses the site should
    /// keep (`--published`): what CI, building from a fresh checkout, has
    /// instead of the last build's output.
    pub published: Option<PathBuf>,
}

/// What a finished build reports.
pub struct BuildReport {
    pub built: Built,
    pub output: PathBuf,
    pub stats: WriteStats,
}

/// Builds a site into its output folder. Pages are staged as they render
/// (so that they are not all held in memory), and the output folder takes
/// them only once the whole site has rendered: a failed build leaves the
/// previous output as it was.
pub fn build(options: &BuildOptions, progress: &dyn Fn(Stage)) -> Result<BuildReport, Diagnostics> {
    let mut session = Session::default();
    let mut timings = Timings::default();
    let loaded = load_and_index(
        &options.root,
        &options.load,
        &mut session,
        Further::Render(None),
        &mut timings,
        progress,
    )?;
    let output = match &options.output {
        Some(dir) => dir.clone(),
        None => default_output(&options.root, &loaded.chronicle.config),
    };
    if let Some(problem) = output_problem(
        &options.root,
        &loaded.chronicle.config,
        &output,
        options.output.is_some(),
    ) {
        return Err(Diagnostics(vec![problem]));
    }
    let cannot_write = |e: std::io::Error| {
        Diagnostics(vec![Diagnostic::error(format!(
            "cannot write {}: {e}",
            output.display()
        ))])
    };
    let staged = Staged::open(&options.root, &output).map_err(cannot_write)?;
    let handoff = Handoff {
        first: None,
        sink: Some(&staged),
    };
    let mut built = render_loaded(loaded, &mut session.render, handoff, timings, progress)?;
    // What the render kept is of no use to a one-off build.
    drop(session);
    let gone = staged.gone_pages(&built.site);
    let gone = gone_warnings(
        &built,
        &options.root,
        options.published.as_deref(),
        gone,
        |path| staged.had(path),
    );
    built.warnings.extend(gone.warnings);
    let stats = built
        .timings
        .time(Stage::Write, progress, || staged.commit(&built.site))
        .map_err(cannot_write)?;
    Ok(BuildReport {
        built,
        output,
        stats,
    })
}

/// Dispatch pages gone from the site that a dispatch new in it likely
/// replaced: the one dispatch of the same day whose address the last build
/// did not have, when one address of that day is gone. Each with the file
/// of that dispatch.
fn likely_moves<'c>(
    gone: &[String],
    chronicle: &'c Chronicle,
    had: impl Fn(&str) -> bool,
) -> Vec<(&'c std::path::Path, String)> {
    use rustc_hash::FxHashMap;
    // A dispatch's address, `2020/10/09/slug/`: the length of its day's,
    // `2020/10/09/`.
    let day_of = |path: &str| -> Option<usize> {
        let ends: Vec<usize> = path.match_indices('/').map(|(at, _)| at).collect();
        let dated = ends.len() == 4
            && path[..ends[2]]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'/');
        (dated && ends[3] == path.len() - 1 && ends[3] > ends[2] + 1).then(|| ends[2] + 1)
    };
    // Each day's dispatches whose address is new, and how many of its
    // dispatch addresses are gone: one pass over each, whatever their number.
    let mut new: FxHashMap<&str, Vec<&'c crate::model::Dispatch>> = FxHashMap::default();
    let paths: Vec<(String, &crate::model::Dispatch)> = chronicle
        .dispatches
        .iter()
        .map(|d| (d.path_part(), &**d))
        .filter(|(path, _)| !had(&format!("{path}index.html")))
        .collect();
    for (path, dispatch) in &paths {
        if let Some(day) = day_of(path) {
            new.entry(&path[..day]).or_default().push(dispatch);
        }
    }
    let mut gone_on: FxHashMap<&str, usize> = FxHashMap::default();
    let dated: Vec<(&str, &String)> = gone
        .iter()
        .filter_map(|address| {
            let path = address.strip_prefix('/')?;
            day_of(path).map(|day| (&path[..day], address))
        })
        .collect();
    for (day, _) in &dated {
        *gone_on.entry(day).or_default() += 1;
    }
    dated
        .into_iter()
        .filter(|(day, _)| gone_on[day] == 1)
        .filter_map(|(day, address)| match new.get(day).map(Vec::as_slice) {
            Some([dispatch]) => Some((dispatch.source.name.as_path(), address.clone())),
            _ => None,
        })
        .collect()
}

/// What a build drops of the last build and of the published site.
pub struct Gone {
    /// A warning naming the pages and feeds, and one if the published
    /// site's sitemap cannot be read.
    pub warnings: Diagnostics,
    /// Every address gone, sorted (the warning names the first few).
    pub addresses: Vec<String>,
}

/// What `built` drops of the last build (`gone`, of the paths it `had`)
/// and, given its sitemap, of the published site: a warning naming the
/// pages and feeds, and one if that sitemap cannot be read (the comparison
/// is a help: the build goes on).
pub fn gone_warnings(
    built: &Built,
    root: &Path,
    sitemap: Option<&Path>,
    mut gone: Vec<String>,
    had: impl Fn(&str) -> bool,
) -> Gone {
    let mut warnings = Diagnostics::default();
    let base_path = built.chronicle.config.base_path();
    let published = sitemap.and_then(|sitemap| {
        crate::load::published::read(sitemap, root, base_path, &built.site.paths())
            .map_err(|warning| warnings.push(warning))
            .ok()
    });
    let since = match &published {
        None => "the last build",
        Some(published) => {
            let from_last = !gone.is_empty();
            gone.extend(crate::load::published::gone(published, &built.site));
            if from_last {
                "the last build and the published site"
            } else {
                "the published site"
            }
        }
    };
    gone.sort_unstable();
    gone.dedup();
    let had = |path: &str| had(path) || published.as_ref().is_some_and(|p| p.contains(path));
    if let Some(warning) = gone_pages_warning(&gone, since, &built.chronicle, had) {
        warnings.push(warning);
    }
    Gone {
        warnings,
        addresses: gone,
    }
}

/// Why a build cannot go into `output` ([`check_output_dir`]), if it
/// cannot; said at `output_dir` in chronicle.toml when that is where the
/// folder comes from (`given` is false).
pub fn output_problem(
    root: &Path,
    config: &crate::model::Config,
    output: &Path,
    given: bool,
) -> Option<Diagnostic> {
    let problem = check_output_dir(root, output).err()?;
    let from_config = config.build.output_dir.is_some() && !given;
    Some(match (&config.source, from_config) {
        (Some(file), true) => {
            let mut problem = problem.at(file, crate::config::key_span(&file.text, "output_dir"));
            problem.help = Some(
                "choose another folder for `output_dir` in chronicle.toml (the default is public/)"
                    .into(),
            );
            problem
        }
        _ => problem,
    })
}

/// Where a chronicle is built when no `--output` says: `[build] output_dir`,
/// or `ROOT/public`.
pub fn default_output(root: &Path, config: &crate::model::Config) -> PathBuf {
    let dir = config.build.output_dir.clone();
    root.join(dir.unwrap_or_else(|| PathBuf::from("public")))
}

/// The warning for the pages `gone` that the last build published (none if
/// there are none), with the aliases that would keep the addresses of
/// dispatches that moved. `had` says whether the last build wrote a path.
pub fn gone_pages_warning(
    gone: &[String],
    since: &str,
    chronicle: &Chronicle,
    had: impl Fn(&str) -> bool,
) -> Option<Diagnostic> {
    if gone.is_empty() {
        return None;
    }
    let moves = likely_moves(gone, chronicle, had);
    const SHOWN: usize = 10;
    let mut list = gone[..gone.len().min(SHOWN)].join(", ");
    if gone.len() > SHOWN {
        list += &format!(" and {} more", gone.len() - SHOWN);
    }
    let feeds = gone.iter().filter(|a| a.ends_with(".xml")).count();
    let pages = gone.len() - feeds;
    let counted = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let (count, them) = match (pages, feeds) {
        (p, 0) => (
            counted(p, "page", "pages"),
            if p == 1 { "it" } else { "them" },
        ),
        (0, f) => (
            counted(f, "feed", "feeds"),
            if f == 1 { "it" } else { "them" },
        ),
        (p, f) => (
            format!(
                "{} and {}",
                counted(p, "page", "pages"),
                counted(f, "feed", "feeds")
            ),
            "them",
        ),
    };
    let count = format!(
        "{count} of {since} {}",
        if gone.len() == 1 { "is" } else { "are" }
    );
    let mut help = Vec::new();
    if pages > 0 {
        let mut moved = String::from(
            "if a dispatch moved (its file renamed, its date or its `slug` changed), list its \
             old address in its `aliases`: that address then redirects to the new one",
        );
        if moves.is_empty() {
            moved += " (aliases: [\"/2020/10/02/old-slug/\"])";
        }
        for (file, address) in moves.iter().take(SHOWN) {
            moved += &format!(
                "\n{address} is likely {}: aliases: [\"{address}\"]",
                file.display()
            );
        }
        help.push(moved);
    }
    if feeds > 0 {
        help.push(
            "a feed reader does not follow a redirect: a place, side or topic that was given an \
             id keeps its old feed's address only with its old id (id = \"old-id\" in \
             content/places.toml, sides.toml or topics.toml)"
                .to_string(),
        );
    }
    if gone.len() > SHOWN {
        help.push(
            "`chronicle check --format json` lists them all, under \"gone\": run before the \
             build that drops them, or with `--published FILE` for the published site's"
                .to_string(),
        );
    }
    let help = help.join("\n");
    let warning = Diagnostic::warning(format!(
        "{count} no longer in the site: {list}; links to {them} now get a 404"
    ));
    Some(warning.with_help(help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Content;

    fn bytes(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
        site.files
            .iter()
            .map(|f| {
                let bytes = match &f.content {
                    Content::Bytes(b) => b.to_vec(),
                    Content::Embedded(b) => b.to_vec(),
                    Content::Copy(p) => std::fs::read(p).unwrap(),
                };
                (f.path.clone(), bytes)
            })
            .collect()
    }

    /// A one-off build makes the search files and the export early and in
    /// batches, shares date values and lets the dispatches' text go before
    /// the pages; a build in memory (serve's) makes everything whole. Both
    /// must give the same bytes, file for file.
    #[test]
    fn a_build_into_the_output_equals_a_build_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let dispatches = root.join("content/dispatches");
        std::fs::create_dir_all(&dispatches).unwrap();
        std::fs::write(
            root.join("chronicle.toml"),
            "title = \"T\"\nbase_url = \"https://e.org/r/\"\nlanguage = \"fr\"\n",
        )
        .unwrap();
        std::fs::write(
            root.join("content/places.toml"),
            "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\nlat = 39.52\nlon = 46.98\n",
        )
        .unwrap();
        // More than a batch (1024) of dispatches, several a day, some at a time.
        for i in 0..1100 {
            let day = 1 + i % 28;
            let time = if i % 3 == 0 {
                format!("T{:02}:30:00+04:00", i % 24)
            } else {
                String::new()
            };
            std::fs::write(
                dispatches.join(format!("d{i}.md")),
                format!(
                    "---\ntitle: \"Dépêche {i} : trêve ?\"\ndate: 2020-10-{day:02}{time}\nplaces: [hadrut, lieu-{}]\nsides: [camp-{}]\ntopics: [sujet-{}]\n---\nÀ Hadrut, « tirs » n° {i} ; mot{i} et bombardements.\n",
                    i % 7, i % 3, i % 5
                ),
            )
            .unwrap();
        }
        let options = LoadOptions::default();
        let memory =
            build_site(root, &options, &|_| {}).unwrap_or_else(|d| panic!("{}", d.render()));
        let memory = bytes(&memory.site);
        let output = root.join("public");
        let report = build(
            &BuildOptions {
                root: root.to_path_buf(),
                output: Some(output.clone()),
                load: options,
                published: None,
            },
            &|_| {},
        )
        .unwrap_or_else(|d| panic!("{}", d.render()));
        assert_eq!(report.built.site.dispatches, 1100);
        let on_disk: std::collections::BTreeMap<String, Vec<u8>> = walkdir::WalkDir::new(&output)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let path = e.path().strip_prefix(&output).unwrap();
                (
                    path.to_string_lossy().replace('\\', "/"),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        assert_eq!(
            on_disk.keys().collect::<Vec<_>>(),
            memory.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &memory {
            assert!(on_disk[path] == *bytes, "{path} differs");
        }
        assert!(
            on_disk.keys().any(|p| p.starts_with("search/d/1")),
            "several chunks"
        );
    }

    /// Edits that change what lists show, where dispatches are filed and how
    /// bodies link, each followed by a rebuild with the session and a fresh build.
    #[test]
    fn a_rebuild_with_a_session_equals_a_fresh_build_after_every_edit() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let dispatches = root.join("content/dispatches");
        std::fs::create_dir_all(&dispatches).unwrap();
        std::fs::write(root.join("chronicle.toml"), "title = \"T\"\nbase_url = \"https://e.org/r/\"\nlanguage = \"fr\"\n[build]\nper_page = 2\n").unwrap();
        std::fs::write(
            root.join("content/places.toml"),
            "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\n",
        )
        .unwrap();
        // Every change is told, as serve's watcher does: the loader may
        // then patch the last chronicle instead of reading every file.
        let told = std::cell::RefCell::new(Vec::new());
        let put = |path: std::path::PathBuf, text: &str| {
            std::fs::write(&path, text).unwrap();
            told.borrow_mut().push(path);
        };
        let write = |name: &str, text: &str| put(dispatches.join(name), text);
        for i in 1..=5 {
            write(
                &format!("2020-10-0{i}-d{i}.md"),
                &format!(
                    "---\ntitle: D{i}\ndate: 2020-10-0{i}\nplaces: [hadrut]\n---\nTexte {i}, voir [d1](2020-10-01-d1.md).\n"
                ),
            );
        }
        let options = LoadOptions::default();
        let mut session = Session::default();
        let mut patched = 0;
        let mut check = |what: &str| {
            session.load.forget(&told.borrow_mut().split_off(0));
            let incremental = build_site_with(root, &options, &mut session, &|_| {})
                .unwrap_or_else(|d| panic!("{}", d.render()));
            patched += usize::from(session.load.patched);
            let fresh = build_site(root, &options, &|_| {}).unwrap();
            assert!(
                bytes(&incremental.site) == bytes(&fresh.site),
                "after {what}, the rebuild differs from a fresh build"
            );
            session.render.rendered
        };
        let all = check("the first build");
        assert_eq!(
            check("no change"),
            0,
            "nothing changed, nothing is rendered"
        );
        write(
            "2020-10-03-d3.md",
            "---\ntitle: D3 retitled\ndate: 2020-10-03\nplaces: [hadrut]\n---\nTexte 3.\n",
        );
        let one = check("a new title");
        assert!(one > 0 && one < all, "{one} of {all}");
        write(
            "2020-10-03-d3.md",
            "---\ntitle: D3\ndate: 2020-10-09\nslug: d3\nplaces: [Füzuli]\n---\nTexte 3.\n",
        );
        check("a move to another date and a new place");
        write(
            "2020-10-01-d1.md",
            "---\ntitle: D1\ndate: 2020-10-01\nslug: premier\n---\nTexte 1.\n",
        );
        check("a new permalink that other bodies link to");
        std::fs::remove_file(dispatches.join("2020-10-05-d5.md")).unwrap();
        told.borrow_mut().push(dispatches.join("2020-10-05-d5.md"));
        check("a deletion");
        put(
            root.join("content/places.toml"),
            "[[place]]\nid = \"hadrut\"\nname = \"Hadrut (ville)\"\n",
        );
        check("a gazetteer edit");
        put(
            root.join("content/places.toml"),
            "[[place]]\nid = \"karabakh\"\nname = \"Karabakh\"\nkind = \"region\"\nlat = 39.8\nlon = 46.7\n\n[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\nregion = \"karabakh\"\nlat = 39.5\nlon = 47.0\n\n[[place]]\nid = \"chouchi\"\nname = \"Chouchi\"\naliases = [\"Shusha\"]\nlat = 39.76\nlon = 46.75\n",
        );
        put(
            root.join("content/sides.toml"),
            "[[side]]\nid = \"a\"\nname = \"A\"\ncolor = \"#0072b2\"\n\n[[side]]\nid = \"b\"\nname = \"B\"\ncolor = \"#c05500\"\n",
        );
        write(
            "2020-10-02-d2.md",
            "---\ntitle: D2\ndate: 2020-10-02T10:00:00+02:00\nsides: [a]\nplaces: [hadrut]\nclaims:\n  - by: a\n    says: \"Pris.\"\n    denied_by: [b]\n---\nTexte 2.\n",
        );
        check("sides, regions and claims");
        write(
            "2020-10-02-d2.md",
            "---\ntitle: D2\ndate: 2020-10-02T08:00:00+00:00\nsides: [a]\nplaces: [hadrut]\nclaims:\n  - by: a\n    says: \"Pris.\"\n    denied_by: [b]\n---\nTexte 2.\n",
        );
        check("the same instant at another offset");
        write(
            "2020-10-02-d2.md",
            "---\ntitle: D2\ndate: 2020-10-02T08:00:00+00:00\nupdated: 2020-10-04\nsides: [b]\nplaces: [hadrut]\nclaims:\n  - by: b\n    says: \"Repris.\"\n---\nTexte 2.\n",
        );
        check("an update date, another side and another claim");
        write(
            "2020-10-01-d1.md",
            "---\ntitle: D1\ndate: 2020-10-01\nslug: premier\nclaims:\n  - by: a\n    says: \"Vu.\"\n---\nTexte 1.\n",
        );
        check("a claim by a side the dispatch is not filed under");
        write(
            "2020-10-04-d4.md",
            "---\ntitle: D4\ndate: 2020-10-04\nsides: [a, b]\nplaces: [hadrut]\n---\nLes tirs visaient Chouchi.\n",
        );
        check("a mention of a place");
        write(
            "2020-10-04-d4.md",
            "---\ntitle: D4, mentions\ndate: 2020-10-04\nsides: [a, b]\nplaces: [hadrut]\n---\nLes tirs visaient Chouchi.\n",
        );
        check("a new title of a dispatch that mentions a place");
        put(
            root.join("content/places.toml"),
            "[[place]]\nid = \"karabakh\"\nname = \"Karabakh\"\nkind = \"region\"\nlat = 39.8\nlon = 46.7\n\n[[place]]\nid = \"hadrut\"\nname = \"Hadrut (centre)\"\nregion = \"karabakh\"\nlat = 39.5\nlon = 47.0\n\n[[place]]\nid = \"chouchi\"\nname = \"Chouchi\"\naliases = [\"Shusha\"]\nlat = 39.76\nlon = 46.75\n",
        );
        write(
            "2020-10-04-d4.md",
            "---\ntitle: D4, encore\ndate: 2020-10-04\nsides: [a, b]\nplaces: [hadrut]\n---\nLes tirs visaient Chouchi.\n",
        );
        check("a gazetteer edit with a dispatch edit");
        put(
            root.join("content/places.toml"),
            "[[place]]\nid = \"karabakh\"\nname = \"Karabakh\"\nkind = \"region\"\nlat = 39.8\nlon = 46.7\n\n[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\nlat = 39.5\nlon = 47.0\n\n[[place]]\nid = \"chouchi\"\nname = \"Chouchi\"\nregion = \"karabakh\"\naliases = [\"Shusha\"]\nlat = 39.76\nlon = 46.75\n",
        );
        check("a place moved to another region");
        put(
            root.join("chronicle.toml"),
            "title = \"T2\"\nbase_url = \"https://e.org/r/\"\nlanguage = \"en\"\n",
        );
        check("a config edit");
        assert!(patched >= 5, "the loader patched {patched} times");
    }
}

#[cfg(test)]
mod told_tests {
    use super::*;

    fn text(content: &crate::output::Content) -> String {
        match content {
            crate::output::Content::Bytes(b) => String::from_utf8(b.to_vec()).unwrap(),
            _ => panic!("not a page"),
        }
    }

    fn html(site: &Site, path: &str) -> String {
        let file = site.files.iter().find(|f| f.path == path);
        text(&file.expect("the page exists").content)
    }

    /// A site with a config and an empty dispatches folder: its folder and
    /// the dispatches folder.
    fn new_site() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let dispatches = dir.path().join("content/dispatches");
        std::fs::create_dir_all(&dispatches).unwrap();
        std::fs::write(
            dir.path().join("chronicle.toml"),
            "title = \"T\"\nbase_url = \"https://e.org/\"\n",
        )
        .unwrap();
        (dir, dispatches)
    }

    /// An edit's own page is handed over before the rest of the site, as the
    /// whole build will have it; a first build hands nothing over.
    #[test]
    fn the_edited_dispatchs_page_comes_first_as_the_site_will_have_it() {
        let (dir, dispatches) = new_site();
        let root = dir.path();
        for i in 1..=3 {
            let text = format!("---\ntitle: D{i}\ndate: 2020-10-0{i}\n---\nTexte {i}.\n");
            std::fs::write(dispatches.join(format!("2020-10-0{i}-d{i}.md")), text).unwrap();
        }
        let shown = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let options = LoadOptions::default();
        let mut session = Session::default();
        let seen = shown.clone();
        session.first_pages = Some(Box::new(move |pages| {
            let mut seen = seen.lock().unwrap();
            seen.extend(pages.iter().map(|f| (f.path.clone(), f.content.clone())));
        }));
        build_site_with(root, &options, &mut session, &|_| {}).unwrap();
        assert!(
            shown.lock().unwrap().is_empty(),
            "a first build shows nothing first"
        );
        let edited = dispatches.join("2020-10-02-d2.md");
        std::fs::write(
            &edited,
            "---\ntitle: D2 bis\ndate: 2020-10-02\n---\nTexte.\n",
        )
        .unwrap();
        session.load.forget(std::slice::from_ref(&edited));
        let built = build_site_with(root, &options, &mut session, &|_| {}).unwrap();
        let shown = shown.lock().unwrap();
        let paths: Vec<&str> = shown.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["2020/10/02/d2/index.html"]);
        let first = text(&shown[0].1);
        assert!(first.contains("D2 bis"));
        assert_eq!(first, html(&built.site, "2020/10/02/d2/index.html"));
        let fresh = build_site(root, &options, &|_| {}).unwrap();
        assert_eq!(first, html(&fresh.site, "2020/10/02/d2/index.html"));
    }

    /// What `serve` does: tell the session which files changed, as the watcher saw them.
    #[test]
    fn told_changes_are_seen_even_when_size_and_time_cannot_tell() {
        let (dir, dispatches) = new_site();
        let root = dir.path();
        let a = dispatches.join("2020-10-01-a.md");
        std::fs::write(&a, "---\ntitle: Alpha\ndate: 2020-10-01\n---\n").unwrap();
        let options = LoadOptions::default();
        let mut session = Session::default();
        let mut build = |changed: &[std::path::PathBuf]| {
            session.load.forget(changed);
            let built = build_site_with(root, &options, &mut session, &|_| {})
                .unwrap_or_else(|d| panic!("{}", d.render()));
            (built, session.render.rendered)
        };
        build(&[]);
        // A save that leaves the text as it was (or a second event for one
        // save) renders nothing again.
        std::fs::write(&a, "---\ntitle: Alpha\ndate: 2020-10-01\n---\n").unwrap();
        let (_, rendered) = build(std::slice::from_ref(&a));
        assert_eq!(rendered, 0, "the same text, nothing rendered");
        // Same size, and (on most file systems) the same clock tick: only the watcher knows.
        std::fs::write(&a, "---\ntitle: Alpho\ndate: 2020-10-01\n---\n").unwrap();
        let (built, _) = build(std::slice::from_ref(&a));
        assert!(html(&built.site, "2020/10/01/a/index.html").contains("Alpho"));
        // A new dispatch in a new folder: the listing is walked again.
        std::fs::create_dir_all(dispatches.join("2020")).unwrap();
        let b = dispatches.join("2020/2020-10-02-b.md");
        std::fs::write(&b, "---\ntitle: Beta\ndate: 2020-10-02\n---\n").unwrap();
        let (built, _) = build(&[dispatches.join("2020"), b.clone()]);
        assert_eq!(built.site.dispatches, 2);
        // A deletion, told.
        std::fs::remove_file(&a).unwrap();
        let (built, _) = build(std::slice::from_ref(&a));
        assert_eq!(built.site.dispatches, 1);
        assert!(
            !built
                .site
                .files
                .iter()
                .any(|f| f.path.starts_with("2020/10/01/"))
        );
    }
}
