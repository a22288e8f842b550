//! Drives the stages: load → index → render → write. `build`, `check` and
//! `serve` are all drivers of these same functions.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::index::Index;
use crate::index::index;
use crate::load::{LoadOptions, load};
use crate::model::Chronicle;
use crate::output::Site;
use crate::render::views::Urls;
use crate::render::{render, render_bodies};
use crate::write::{WriteStats, check_output_dir, write_site};

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

/// Loads, indexes and renders a site without writing anything.
pub fn build_site(
    root: &Path,
    options: &LoadOptions,
    progress: &dyn Fn(Stage),
) -> Result<Built, Diagnostics> {
    let mut timings = Timings::default();
    let (chronicle, mut diagnostics) = timings.time(Stage::Load, progress, || load(root, options));
    let Some(chronicle) = chronicle else {
        return Err(diagnostics);
    };
    if diagnostics.has_errors() {
        // Still look for broken links in the dispatches that loaded, so one
        // build reports every error.
        let (_, more) = timings.time(Stage::Render, progress, || {
            render_bodies(&chronicle, &Urls::of(&chronicle.config))
        });
        diagnostics.extend(more);
        diagnostics.sort();
        return Err(diagnostics);
    }
    let index = timings.time(Stage::Index, progress, || index(&chronicle));
    match timings.time(Stage::Render, progress, || render(&chronicle, &index)) {
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
}

/// What a finished build reports.
pub struct BuildReport {
    pub built: Built,
    pub output: PathBuf,
    pub stats: WriteStats,
}

/// Builds a site into its output folder. The folder is only touched once the
/// whole site has rendered, so a failed build leaves the previous output as it was.
pub fn build(options: &BuildOptions, progress: &dyn Fn(Stage)) -> Result<BuildReport, Diagnostics> {
    let mut built = build_site(&options.root, &options.load, progress)?;
    let output = match &options.output {
        Some(dir) => dir.clone(),
        None => options.root.join(
            built
                .chronicle
                .config
                .build
                .output_dir
                .clone()
                .unwrap_or_else(|| PathBuf::from("public")),
        ),
    };
    check_output_dir(&options.root, &output).map_err(|d| Diagnostics(vec![d]))?;
    let stats = built
        .timings
        .time(Stage::Write, progress, || write_site(&output, &built.site))
        .map_err(|e| {
            Diagnostics(vec![Diagnostic::error(format!(
                "cannot write {}: {e}",
                output.display()
            ))])
        })?;
    Ok(BuildReport {
        built,
        output,
        stats,
    })
}
