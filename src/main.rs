//! The `chronicle` command line.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use chronicle::author::init::{holds_chronicle, init};
use chronicle::author::new::{NewDispatch, new_dispatch};
use chronicle::check::check_against;
use chronicle::config::{base_url_option, root_problem};
use chronicle::diagnostic::{Diagnostic, Diagnostics};
use chronicle::load::LoadOptions;
use chronicle::pipeline::{BuildOptions, Stage, build};
use chronicle::write::check_output_dir;

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
    /// Start a new chronicle: config, a first dispatch, a gazetteer, and a
    /// GitHub Pages workflow. Refuses a folder that already holds a chronicle.
    Init {
        /// The folder to make the chronicle in (created if needed).
        #[arg(value_name = "DIR", conflicts_with = "root")]
        dir: Option<PathBuf>,
        /// The same folder, as the other commands take it.
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Write a new dispatch, content/dispatches/YYYY-MM-DD-slug.md, with its
    /// front-matter filled in. Never overwrites a file.
    New(NewArgs),
    /// Check the chronicle without writing anything: everything build checks,
    /// plus misspelled fields, undeclared or unused places, sides and topics,
    /// missing files, dispatches with no place or side, and dates in the future.
    Check(CheckArgs),
    /// Preview the site on a local address, rebuilding when files change and
    /// reloading the open pages. Nothing is written to disk.
    Serve(ServeArgs),
}

#[derive(Args)]
struct ServeArgs {
    /// The chronicle's folder, the one holding chronicle.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; 0.0.0.0 shows the preview to your network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Include dispatches marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Open the site in the browser.
    #[arg(long)]
    open: bool,
    /// Print where each rebuild's time went, step by step.
    #[arg(long)]
    timings: bool,
}

#[derive(Args)]
struct NewArgs {
    /// The dispatch's title.
    title: String,
    /// When it happened: YYYY-MM-DD or 2020-10-28T14:05:00+04:00 (default: now).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A place (id, name or alias); repeat for several.
    #[arg(long = "place", value_name = "PLACE")]
    places: Vec<String>,
    /// A side (id, name or alias); repeat for several.
    #[arg(long = "side", value_name = "SIDE")]
    sides: Vec<String>,
    /// A topic; repeat for several.
    #[arg(long = "topic", value_name = "TOPIC")]
    topics: Vec<String>,
    /// Mark it as a draft: left out of builds unless --drafts.
    #[arg(long)]
    draft: bool,
    /// The chronicle's folder, the one holding chronicle.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Args)]
struct CheckArgs {
    /// The chronicle's folder, the one holding chronicle.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// Check the drafts as well.
    #[arg(long)]
    drafts: bool,
    /// How to print problems: for people, or as JSON for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The published site's sitemap.xml (downloaded): warn of its pages the
    /// site no longer has, as `build --published` does.
    #[arg(long, value_name = "FILE")]
    published: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
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
    /// The published site's sitemap.xml (downloaded): warn of its pages this
    /// build no longer has, as a build into the last output does.
    #[arg(long, value_name = "FILE")]
    published: Option<PathBuf>,
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
        Command::Init { dir, root } => run_init(&dir.or(root).unwrap_or_else(|| ".".into())),
        Command::New(args) => run_new(args),
        Command::Check(args) => run_check(args),
        Command::Serve(args) => run_serve(args),
    }
}

/// The exit status of bad usage; content errors exit with 1.
const BAD_USAGE: u8 = 2;

/// Says what is wrong with `--root` (not a folder), `--base-url` (not an
/// http(s) URL), `--output` (a folder a build would destroy) and
/// `--published` (no file), if
/// anything: the command line is wrong, not the chronicle, and the command
/// exits with [`BAD_USAGE`] before reading a file.
fn bad_usage(
    root: &Path,
    base_url: Option<&str>,
    output: Option<&Path>,
    published: Option<&Path>,
) -> Option<ExitCode> {
    let mut problems = Diagnostics::default();
    if let Some(problem) = root_problem(root) {
        problems.push(Diagnostic::error(problem));
    } else if let Some(Err(problem)) = output.map(|output| check_output_dir(root, output)) {
        problems.push(problem);
    }
    if let Some(sitemap) = published.filter(|path| !path.is_file()) {
        problems.push(
            Diagnostic::error(format!(
                "--published {}: {}",
                sitemap.display(),
                if sitemap.exists() { "it is a folder, not a sitemap.xml" } else { "there is no such file" }
            ))
                .with_help("give the published site's sitemap.xml, downloaded (the workflow `init` writes does it)"),
        );
    }
    if let Some(Err(problem)) = base_url.map(base_url_option) {
        problems.push(problem);
    }
    if problems.is_empty() {
        return None;
    }
    report_diagnostics(&problems);
    Some(ExitCode::from(BAD_USAGE))
}

fn run_serve(args: ServeArgs) -> ExitCode {
    if let Some(code) = bad_usage(&args.root, None, None, None) {
        return code;
    }
    let bind = args.bind;
    let options = chronicle::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        open: args.open,
        timings: args.timings,
    };
    let result = chronicle::serve::serve(&options, |url| {
        // (Served to the network, it is at localhost too for this machine.)
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap_or_default();
        if bind.is_unspecified() && !url.contains("//localhost:") {
            println!(
                "serving {url} (on this machine also http://localhost:{port}/; Ctrl-C to stop)"
            );
        } else {
            println!("serving {url} (Ctrl-C to stop)");
        }
        let _ = std::io::stdout().flush();
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(chronicle::serve::ServeError::Bind(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(BAD_USAGE)
        }
        Err(chronicle::serve::ServeError::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn run_init(dir: &Path) -> ExitCode {
    // (A folder that is not there yet is made.)
    if dir.exists() && !dir.is_dir() {
        report_diagnostics(&Diagnostics(vec![
            Diagnostic::error(format!("{} is not a folder", dir.display()))
                .with_help("give `init` a folder, new or empty, to make the chronicle in"),
        ]));
        return ExitCode::from(BAD_USAGE);
    }
    if let Some(refusal) = holds_chronicle(dir) {
        report_diagnostics(&Diagnostics(vec![refusal]));
        return ExitCode::from(BAD_USAGE);
    }
    match init(dir, chrono::Local::now().date_naive()) {
        Ok(made) => {
            report_diagnostics(&made.warnings);
            for file in &made.files {
                println!("created {}", file.display());
            }
            if let Some(file) = &made.extended {
                println!("added the lines chronicle needs to {}", file.display());
            }
            println!(
                "a new chronicle is in {}: `chronicle build --root {}` builds it",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.render());
            ExitCode::from(1)
        }
    }
}

fn run_new(args: NewArgs) -> ExitCode {
    if let Some(code) = bad_usage(&args.root, None, None, None) {
        return code;
    }
    let request = NewDispatch {
        title: args.title,
        date: args.date,
        places: args.places,
        sides: args.sides,
        topics: args.topics,
        draft: args.draft,
    };
    let now = chrono::Local::now().fixed_offset();
    let usage = chronicle::author::new::read_request(&request, now, Default::default());
    if let Err(problem) = usage {
        report_diagnostics(&Diagnostics(vec![problem]));
        return ExitCode::from(BAD_USAGE);
    }
    match new_dispatch(&args.root, &request, now) {
        Ok(created) => {
            report_diagnostics(&created.warnings);
            println!("{}", created.path.display());
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            report_diagnostics(&diagnostics);
            ExitCode::from(1)
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    if let Some(code) = bad_usage(&args.root, None, None, args.published.as_deref()) {
        return code;
    }
    let options = LoadOptions {
        drafts: args.drafts,
        base_url: None,
    };
    let today = chrono::Local::now().date_naive();
    let report = check_against(&args.root, &options, today, args.published.as_deref());
    let diagnostics = &report.diagnostics;
    match args.format {
        Format::Human => {
            report_diagnostics(diagnostics);
            annotate(diagnostics, &args.root);
            eprintln!(
                "checked {} dispatch{}: {} error{}, {} warning{}",
                report.dispatches,
                if report.dispatches == 1 { "" } else { "es" },
                diagnostics.errors(),
                if diagnostics.errors() == 1 { "" } else { "s" },
                diagnostics.warnings(),
                if diagnostics.warnings() == 1 { "" } else { "s" },
            );
        }
        Format::Json => {
            let json = serde_json::json!({
                "dispatches": report.dispatches,
                "errors": diagnostics.errors(),
                "warnings": diagnostics.warnings(),
                "diagnostics": diagnostics.0.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
                "gone": report.gone,
            });
            println!("{json:#}");
        }
    }
    if report.fails(args.strict) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    if let Some(code) = bad_usage(
        &args.root,
        args.base_url.as_deref(),
        args.output.as_deref(),
        args.published.as_deref(),
    ) {
        return code;
    }
    let root = args.root.clone();
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let progress = |stage: Stage| {
        if terminal {
            eprint!("\r\x1b[2K{}…", stage.name());
            let _ = std::io::stderr().flush();
        }
    };
    let options = BuildOptions {
        root: root.clone(),
        output: args.output,
        load: LoadOptions {
            drafts: args.drafts,
            base_url: args.base_url,
        },
        published: args.published,
    };
    let result = build(&options, &progress);
    if terminal {
        eprint!("\r\x1b[2K");
    }
    match result {
        Ok(report) => {
            report_diagnostics(&report.built.warnings);
            annotate(&report.built.warnings, &root);
            if args.timings {
                eprint!("{}", report.built.timings_table());
            }
            let site = &report.built.site;
            println!(
                "built {} dispatch{}, {} page{} in {} ms ({} file{} written, {} unchanged, {} removed) → {}",
                site.dispatches,
                if site.dispatches == 1 { "" } else { "es" },
                site.pages,
                if site.pages == 1 { "" } else { "s" },
                started.elapsed().as_millis(),
                report.stats.written,
                if report.stats.written == 1 { "" } else { "s" },
                report.stats.unchanged,
                report.stats.removed,
                report.output.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            report_diagnostics(&diagnostics);
            annotate(&diagnostics, &root);
            let partly = diagnostics
                .0
                .iter()
                .any(|d| d.message.contains(chronicle::write::PARTLY_UPDATED));
            eprintln!(
                "build failed: {} error{}{}; {}",
                diagnostics.errors(),
                if diagnostics.errors() == 1 { "" } else { "s" },
                match diagnostics.warnings() {
                    0 => String::new(),
                    1 => ", 1 warning".into(),
                    n => format!(", {n} warnings"),
                },
                if partly {
                    "the output folder holds part of this build: build again once this is fixed"
                } else {
                    "the output folder was left as it was"
                }
            );
            // The default folder, public/, holding another tool's site is
            // bad usage, as an `--output` that is; chronicle.toml's
            // `output_dir` is the config's error.
            let refused = match diagnostics.0.as_slice() {
                [only] => {
                    only.message.starts_with(chronicle::write::REFUSED_OUTPUT)
                        && only.location.is_none()
                }
                _ => false,
            };
            ExitCode::from(if refused { BAD_USAGE } else { 1 })
        }
    }
}

fn report_diagnostics(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostics.render());
    }
}

/// In a GitHub Actions run, each problem of a build or a check is also an
/// annotation (on standard output, as workflow commands go), shown on the
/// run's summary and at its line of the commit: no one reads the log.
fn annotate(diagnostics: &Diagnostics, root: &Path) {
    if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
        let workspace = std::env::var_os("GITHUB_WORKSPACE").map(PathBuf::from);
        for diagnostic in &diagnostics.0 {
            println!(
                "{}",
                github_annotation(diagnostic, root, workspace.as_deref())
            );
        }
    }
}

/// A diagnostic as a GitHub Actions workflow command:
/// `::warning file=content/x.md,line=3,col=7::message`, its file named from
/// the repository's folder (`workspace`), as GitHub finds it, not from the
/// chronicle's `root`.
fn github_annotation(diagnostic: &Diagnostic, root: &Path, workspace: Option<&Path>) -> String {
    let json = diagnostic.to_json();
    // (Its data escapes %, CR and LF; a property's also : and ,.)
    let data = |text: &str| {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
    let mut properties = Vec::new();
    if let Some(file) = json["file"].as_str() {
        let path = root.join(file);
        let path = std::path::absolute(&path)
            .ok()
            .zip(workspace.and_then(|w| std::path::absolute(w).ok()))
            .and_then(|(path, workspace)| path.strip_prefix(workspace).ok().map(Path::to_path_buf))
            .unwrap_or(path);
        let path = path.to_string_lossy().replace('\\', "/");
        properties.push(format!("file={}", property(path.trim_start_matches("./"))));
        for (key, name) in [("line", "line"), ("column", "col"), ("end_line", "endLine")] {
            if let Some(n) = json[key].as_u64() {
                properties.push(format!("{name}={n}"));
            }
        }
    }
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message += &format!("\nhelp: {help}");
    }
    let kind = if diagnostic.is_error() {
        "error"
    } else {
        "warning"
    };
    let properties = match properties.is_empty() {
        true => String::new(),
        false => format!(" {}", properties.join(",")),
    };
    format!("::{kind}{properties}::{}", data(&message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chronicle::diagnostic::SourceFile;

    #[test]
    fn an_annotation_escapes_its_data_and_names_the_file_from_the_repository() {
        let file = SourceFile::new("content/dispatches/a,b:c.md", "---\ntitle: x\n");
        let diagnostic = Diagnostic::warning("100% sure:\nnot, really")
            .at(&file, 4..9)
            .with_help("fix it");
        let said = github_annotation(&diagnostic, Path::new("site"), None);
        assert_eq!(
            said,
            "::warning file=site/content/dispatches/a%2Cb%3Ac.md,line=2,col=1,endLine=2::\
             100%25 sure:%0Anot, really%0Ahelp: fix it"
        );
        // A root under the repository's folder is named from it.
        let workspace = std::env::temp_dir();
        let root = workspace.join("repo-sub");
        let said = github_annotation(&diagnostic, &root, Some(&workspace));
        assert!(
            said.starts_with("::warning file=repo-sub/content/"),
            "{said}"
        );
        let said = github_annotation(&diagnostic, Path::new("."), None);
        assert!(
            said.starts_with("::warning file=content/dispatches/"),
            "{said}"
        );
        assert!(github_annotation(&Diagnostic::error("e"), Path::new("."), None) == "::error::e");
    }
}
