//! `chronicle init`: a new chronicle, ready to build and to publish.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::CONTENT_DIR;

/// Where chronicle's source can be installed from, for the Pages workflow.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// What `init` made.
#[derive(Debug)]
pub struct Initialized {
    pub files: Vec<PathBuf>,
    /// An existing `.gitignore` that was given the lines it lacked, if any.
    pub extended: Option<PathBuf>,
    pub warnings: Diagnostics,
}

/// The file whose lines are added to an existing one (a new GitHub repository
/// has a `.gitignore`) rather than refused.
const GITIGNORE: &str = ".gitignore";

/// The files of a new chronicle: path inside it, and text.
fn scaffold(today: NaiveDate) -> Vec<(String, String)> {
    let repository = if REPOSITORY.is_empty() {
        "https://github.com/OWNER/chronicle"
    } else {
        REPOSITORY
    };
    // Named as `new` names a dispatch.
    let first = format!("content/dispatches/{today}-first-dispatch.md");
    let files = vec![
        (
            CONFIG_FILE,
            include_str!("scaffold/chronicle.toml").to_string(),
        ),
        (
            first.as_str(),
            include_str!("scaffold/first-dispatch.md").replace("{{TODAY}}", &today.to_string()),
        ),
        (
            "content/places.toml",
            include_str!("scaffold/places.toml").to_string(),
        ),
        (
            "content/sides.toml",
            include_str!("scaffold/sides.toml").to_string(),
        ),
        (".gitignore", include_str!("scaffold/gitignore").to_string()),
        (
            ".github/workflows/pages.yml",
            include_str!("scaffold/pages.yml")
                .replace("{{CHRONICLE_GIT}}", repository)
                .replace("{{CHRONICLE_VERSION}}", env!("CARGO_PKG_VERSION")),
        ),
    ];
    files
        .into_iter()
        .map(|(path, text)| (path.to_string(), text))
        .collect()
}

/// Why `init` refuses `dir`, if it does: it already holds a chronicle.
pub fn holds_chronicle(dir: &Path) -> Option<Diagnostic> {
    // A chronicle inside another's content would be read as its content.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let outer = absolute.ancestors().skip(1).find(|folder| {
        folder.join(CONFIG_FILE).is_file() && absolute.starts_with(folder.join(CONTENT_DIR))
    });
    if let Some(outer) = outer {
        return Some(
            Diagnostic::error(format!(
                "{} is inside the content of the chronicle in {}; nothing was changed",
                dir.display(),
                outer.display()
            ))
            .with_help("make a new chronicle in a folder of its own, outside that one's content/"),
        );
    }
    if dir.join(CONFIG_FILE).exists() {
        return Some(
            Diagnostic::error(format!(
                "{} already holds a chronicle; nothing was changed",
                dir.display()
            ))
            .with_help("run `chronicle init NEW-FOLDER` to start another one"),
        );
    }
    if !dir.join(CONTENT_DIR).is_dir() {
        return None;
    }
    // Another tool's site, most likely: its config says which.
    let other = [
        "hugo.toml",
        "hugo.yaml",
        "config.toml",
        "zola.toml",
        "_config.yml",
    ]
    .into_iter()
    .find(|file| dir.join(file).is_file());
    let whose = match other {
        Some(file) => format!(" (and {file}: another tool's site?)"),
        None => String::new(),
    };
    Some(
        Diagnostic::error(format!(
            "{} already has a content/ folder{whose}, where a new chronicle would write its \
             dispatches; nothing was changed",
            dir.display()
        ))
        .with_help(
            "run `chronicle init NEW-FOLDER` to start the chronicle in a folder of its own, and \
             move the dispatches into its content/dispatches/",
        ),
    )
}

/// Makes a new chronicle in `dir` (created if needed). Refuses a folder that
/// already holds a chronicle, and never overwrites a file.
pub fn init(dir: &Path, today: NaiveDate) -> Result<Initialized, Diagnostic> {
    if let Some(refusal) = holds_chronicle(dir) {
        return Err(refusal);
    }
    let mut files = scaffold(today);
    // A .gitignore of one's own (GitHub makes one with a new repository) is
    // kept: it gets the lines it lacks, at its end.
    let mut extend = None;
    if let Some(at) = files.iter().position(|(path, _)| *path == GITIGNORE)
        && let Ok(own) = std::fs::read_to_string(dir.join(GITIGNORE))
    {
        let (_, ours) = files.remove(at);
        let have: Vec<&str> = own.lines().map(str::trim).collect();
        let ours: Vec<&str> = ours.lines().collect();
        let is_lacking = |line: &&str| !line.starts_with('#') && !have.contains(&line.trim());
        // A line it lacks, with the comment above it.
        let lacking: Vec<&str> = ours
            .iter()
            .enumerate()
            .filter(|&(i, line)| {
                is_lacking(line)
                    || (line.starts_with('#') && ours.get(i + 1).is_some_and(is_lacking))
            })
            .map(|(_, line)| *line)
            .collect();
        if !lacking.is_empty() {
            let newline = if own.is_empty() || own.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            extend = Some(format!("{newline}\n# chronicle\n{}\n", lacking.join("\n")));
        }
    }
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).exists())
        .map(|(path, _)| path.to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(format!(
            "{} already has {}; nothing was changed",
            dir.display(),
            existing.join(", ")
        ))
        .with_help("move those files away, or start the chronicle in an empty folder"));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let path = dir.join(path);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
        if let Err(e) = result {
            return Err(Diagnostic::error(format!(
                "cannot write {}: {e}",
                path.display()
            )));
        }
        written.push(path);
    }
    let mut extended = None;
    if let Some(lines) = extend {
        let path = dir.join(GITIGNORE);
        let result = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, lines.as_bytes()));
        if let Err(e) = result {
            return Err(Diagnostic::error(format!(
                "cannot add chronicle's lines to {}: {e}",
                path.display()
            )));
        }
        extended = Some(path);
    }
    let mut warnings = Diagnostics::default();
    if REPOSITORY.is_empty() {
        warnings.push(
            Diagnostic::warning("the GitHub workflow does not know where to install chronicle from")
                .with_help("set CHRONICLE_GIT in .github/workflows/pages.yml to the git URL of chronicle's source"),
        );
    }
    Ok(Initialized {
        files: written,
        extended,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::LoadOptions;
    use crate::pipeline::build_site;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn a_new_chronicle_builds_and_has_a_pages_workflow() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("war");
        let made = init(&root, today()).unwrap();
        assert_eq!(made.files.len(), 6);
        let built = build_site(&root, &LoadOptions::default(), &|_| {})
            .unwrap_or_else(|d| panic!("{}", d.render()));
        assert_eq!(built.site.dispatches, 1);
        assert!(built.warnings.is_empty(), "{}", built.warnings.render());
        let workflow = std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
        let order = [
            "actions/configure-pages",
            "chronicle build --output public --base-url",
            "actions/upload-pages-artifact",
            "actions/deploy-pages",
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|s| workflow.find(s).unwrap_or_else(|| panic!("{s} missing")))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "steps out of order"
        );
        for needed in [
            "pages: write",
            "id-token: write",
            "concurrency:",
            "cargo install",
        ] {
            assert!(workflow.contains(needed), "{needed} missing");
        }
    }

    #[test]
    fn init_refuses_a_folder_that_holds_a_chronicle_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "mine").unwrap();
        let err = init(dir.path(), today()).unwrap_err();
        assert!(err.message.contains("already holds a chronicle"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap(),
            "mine"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn init_never_overwrites_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let workflow = dir.path().join(".github/workflows/pages.yml");
        std::fs::create_dir_all(workflow.parent().unwrap()).unwrap();
        std::fs::write(&workflow, "mine").unwrap();
        std::fs::write(dir.path().join(".gitignore"), "mine").unwrap();
        let err = init(dir.path(), today()).unwrap_err();
        assert!(err.message.contains("pages.yml"), "{}", err.message);
        assert_eq!(std::fs::read_to_string(&workflow).unwrap(), "mine");
        // Nothing was changed: not even the .gitignore that init may extend.
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            "mine"
        );
        assert!(!dir.path().join(CONFIG_FILE).exists());
    }
}
