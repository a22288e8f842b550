//! The `chronicle` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use chronicle::diagnostic::Diagnostics;
use chronicle::load::LoadOptions;
use chronicle::pipeline::{BuildOptions, Stage, build};

/// Turns a folder of Markdown dispatches into the static site of a conflict
/// chronicle: a page per dispatch, a dated archive, pages per place, side and
/// topic, feeds and a sitemap, ready for GitHub Pages.
#[derive(Parser)]
#[command(name = "chronicle", version, about, long_about = None)]
#[command(
    after_help = "Start with `chronicle build` in the folder that holds chronicle.toml.\nDocumentation: the README, and DESIGN.md for the file formats."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The output folder is only changed once the whole site has built without
    /// error, and then only the files whose bytes changed are written.
    Build(BuildArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// The chronicle's folder, the one holding chronicle.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site (default: [build] output_dir, or ROOT/public).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under this address instead of the config's base_url,
    /// e.g. https://user.github.io/repo/ for a GitHub Pages project site.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include dispatches marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Print the time spent in each stage (load, index, render, write).
    #[arg(long)]
    timings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let progress = |stage: Stage| {
        if terminal {
            eprint!("\r\x1b[2K{}…", stage.name());
            let _ = std::io::stderr().flush();
        }
    };
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        load: LoadOptions {
            drafts: args.drafts,
            base_url: args.base_url,
        },
    };
    let result = build(&options, &progress);
    if terminal {
        eprint!("\r\x1b[2K");
    }
    match result {
        Ok(report) => {
            report_diagnostics(&report.built.warnings);
            if args.timings {
                for (stage, time) in &report.built.timings.0 {
                    eprintln!(
                        "{:>8} {:>8.1} ms",
                        stage.name(),
                        time.as_secs_f64() * 1000.0
                    );
                }
            }
            let site = &report.built.site;
            println!(
                "built {} dispatch{}, {} pages in {} ms ({} files written, {} unchanged, {} removed) → {}",
                site.dispatches,
                if site.dispatches == 1 { "" } else { "es" },
                site.pages,
                started.elapsed().as_millis(),
                report.stats.written,
                report.stats.unchanged,
                report.stats.removed,
                report.output.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            report_diagnostics(&diagnostics);
            eprintln!(
                "build failed: {} error{}{}; the output folder was left as it was",
                diagnostics.errors(),
                if diagnostics.errors() == 1 { "" } else { "s" },
                match diagnostics.warnings() {
                    0 => String::new(),
                    1 => ", 1 warning".into(),
                    n => format!(", {n} warnings"),
                }
            );
            ExitCode::from(1)
        }
    }
}

fn report_diagnostics(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostics.render());
    }
}
