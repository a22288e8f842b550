//! write: a rendered site → the output folder. Only files whose bytes changed
//! are written, and files the site no longer has are removed, so unchanged
//! pages keep their modification times and a rebuild creates few files.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::load::CONTENT_DIR;
use crate::output::{Content, OutputFile, Site};
use crate::paths::absolute;

/// The file chronicle writes at the top of every output (for GitHub Pages),
/// also how it recognises a folder it made.
pub const MARKER: &str = ".nojekyll";

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Refuses output folders that would destroy the site: its root, a folder that
/// holds the content, one inside the content, or a folder chronicle did not make.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let content = root.join(CONTENT_DIR);
    let refuse = |why: &str| {
        Err(Diagnostic::error(format!(
            "refusing to build into {}: {why}",
            output.display()
        ))
        .with_help("choose another folder with --output (the default is public/ in the site root)"))
    };
    if output == root {
        return refuse("it is the site's root folder");
    }
    if content.starts_with(&output) {
        return refuse("it holds the site's content");
    }
    if output.starts_with(&content) {
        return refuse("it is inside the content folder");
    }
    if output.is_file() {
        return refuse("it is a file");
    }
    let not_ours = fs::read_dir(&output)
        .map(|mut entries| entries.next().is_some() && !output.join(MARKER).exists())
        .unwrap_or(false);
    if not_ours {
        return refuse("it is not empty and was not made by chronicle (it has no .nojekyll)");
    }
    Ok(())
}

/// Writes the site into `output`, which must have passed [`check_output_dir`].
pub fn write_site(output: &Path, site: &Site) -> io::Result<WriteStats> {
    // Every path is made from checked slugs and walked folders; this is the
    // last guard that nothing lands outside the output folder.
    if let Some(bad) = site.files.iter().find(|f| !is_inside(&f.path)) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to write `{}`, which is not a path inside the output folder",
                bad.path
            ),
        ));
    }
    fs::create_dir_all(output)?;
    let wanted: HashSet<&str> = site.files.iter().map(|f| f.path.as_str()).collect();
    let removed = remove_stale(output, &wanted)?;

    // Folders first, once each, in order, so that parallel writes never race on them.
    let mut dirs: Vec<&str> = site
        .files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    for dir in dirs {
        let path = output.join(dir);
        if !path.is_dir() {
            fs::create_dir_all(path)?;
        }
    }
    let results: Vec<io::Result<bool>> = site
        .files
        .par_iter()
        .map(|file| write_file(output, file))
        .collect();
    let mut stats = WriteStats {
        removed,
        ..WriteStats::default()
    };
    for result in results {
        if result? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    Ok(stats)
}

/// Whether a `/`-separated path stays inside the folder it is joined to.
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|part| !matches!(part, "" | "." | ".."))
}

/// Writes one file unless it already holds these bytes. Returns whether it wrote.
fn write_file(output: &Path, file: &OutputFile) -> io::Result<bool> {
    let path = output.join(&file.path);
    match &file.content {
        Content::Bytes(bytes) => write_if_changed(&path, bytes),
        Content::Embedded(bytes) => write_if_changed(&path, bytes),
        Content::Copy(source) => {
            if same_file_contents(source, &path)? {
                Ok(false)
            } else {
                fs::copy(source, &path)?;
                Ok(true)
            }
        }
    }
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if let Ok(meta) = fs::metadata(path)
        && meta.is_file()
        && meta.len() == bytes.len() as u64
        && fs::read(path)? == bytes
    {
        return Ok(false);
    }
    fs::write(path, bytes)?;
    Ok(true)
}

/// Compares two files by size, then by content in chunks.
fn same_file_contents(a: &Path, b: &Path) -> io::Result<bool> {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return Ok(false);
    };
    if !mb.is_file() || ma.len() != mb.len() {
        return Ok(false);
    }
    let (mut fa, mut fb) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = fa.read(&mut ba)?;
        if n == 0 {
            return Ok(true);
        }
        fb.read_exact(&mut bb[..n])?;
        if ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

/// Removes files the site no longer has, then the folders left empty. A `.git`
/// folder (a gh-pages worktree) is never touched.
fn remove_stale(output: &Path, wanted: &HashSet<&str>) -> io::Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    let walker = walkdir::WalkDir::new(output)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == ".git"));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry
            .path()
            .strip_prefix(output)
            .expect("walked under output")
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else if !wanted.contains(relative.as_str()) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    // Deepest first, so a folder is empty once its sub-folders are gone.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        if fs::read_dir(&dir)?.next().is_none() {
            fs::remove_dir(&dir)?;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Site {
        Site {
            files: files
                .iter()
                .map(|(p, c)| OutputFile {
                    path: p.to_string(),
                    content: Content::Bytes(c.as_bytes().into()),
                })
                .collect(),
            pages: files.len(),
            dispatches: 0,
            deferred: None,
            steps: Vec::new(),
        }
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = write_site(
            &out,
            &site(&[
                (".nojekyll", ""),
                ("a/index.html", "A"),
                ("b/index.html", "B"),
            ]),
        )
        .unwrap();
        assert_eq!(first.written, 3);
        let second = write_site(
            &out,
            &site(&[
                (".nojekyll", ""),
                ("a/index.html", "A2"),
                ("c/d/index.html", "C"),
            ]),
        )
        .unwrap();
        assert_eq!(
            second,
            WriteStats {
                written: 2,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(
            !out.join("b").exists(),
            "empty folders of stale pages are removed"
        );
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A2");
    }

    #[test]
    fn a_stale_file_where_a_folder_must_go_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &site(&[("x", "file")])).unwrap();
        write_site(&out, &site(&[("x/index.html", "page")])).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("x/index.html")).unwrap(),
            "page"
        );
    }

    #[test]
    fn a_path_that_leaves_the_output_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for bad in ["../escape.html", "/etc/x", "a/../../b", "a//b", "a\\..\\b"] {
            let err = write_site(&out, &site(&[("ok.html", "ok"), (bad, "x")])).unwrap_err();
            assert!(
                err.to_string().contains("refusing to write"),
                "{bad}: {err}"
            );
        }
        assert!(!dir.path().join("escape.html").exists());
        assert!(
            !out.join("ok.html").exists(),
            "nothing is written when one path is bad"
        );
    }

    #[test]
    fn dangerous_output_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/dispatches")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("content/dispatches/out")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::write(root.join("docs/notes.txt"), "mine").unwrap();
        let err = check_output_dir(root, &root.join("docs")).unwrap_err();
        assert!(
            err.message.contains("not made by chronicle"),
            "{}",
            err.message
        );
    }
}
