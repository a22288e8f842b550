//! Paths compared as the editor wrote them, without asking the disk.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::hash::BuildHasher;
use std::path::{Component, Path, PathBuf};

/// Forgets what a map keeps by file for the files that are gone. Every file
/// still there has its entry, so there are gone ones only when the map holds
/// more than `count`: only then are the present paths gathered.
pub fn forget_gone<'a, V, S: BuildHasher>(
    map: &mut HashMap<OsString, V, S>,
    count: usize,
    present: impl IntoIterator<Item = &'a OsStr>,
) {
    if map.len() > count {
        let present: rustc_hash::FxHashSet<&OsStr> = present.into_iter().collect();
        map.retain(|path, _| present.contains(path.as_os_str()));
    }
}

/// A URL or a path in one as a page may link it: the characters no URL
/// holds (spaces, `|`, `<`, quotes…, as in a pasted file name) and those of
/// `also` percent-encoded, as a Markdown link's are; the rest (`%XX` already
/// written, letters of any script) as written.
pub fn percent_encode(text: &str, also: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let encoded = matches!(
            c,
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
        ) || c.is_ascii_control()
            || also.contains(&c);
        if encoded {
            push_percent_encoded(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Pushes a character as `%XX`, one per byte of its UTF-8.
fn push_percent_encoded(out: &mut String, c: char) {
    let mut bytes = [0; 4];
    for b in c.encode_utf8(&mut bytes).bytes() {
        out.push_str(&format!("%{b:02X}"));
    }
}

/// An absolute URL as sitemaps want it, in ASCII: the path's letters beyond
/// ASCII (a base path such as `/répo/`) percent-encoded as UTF-8.
pub fn ascii_url(url: &str) -> std::borrow::Cow<'_, str> {
    if url.is_ascii() {
        return url.into();
    }
    let path_at = url
        .find("://")
        .and_then(|scheme| url[scheme + 3..].find('/').map(|at| scheme + 3 + at))
        .unwrap_or(0);
    let mut out = String::with_capacity(url.len() + 16);
    out.push_str(&url[..path_at]);
    for c in url[path_at..].chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_percent_encoded(&mut out, c);
        }
    }
    out.into()
}

/// Lexically resolves `.` and `..`, so that `a/../b.md` and `b.md` compare
/// equal (symlinks are not followed: the disk is not asked).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A path under `base` as the site names it: relative, `/`-separated.
pub fn site_path(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .expect("a path under its base")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Text with its letters as one character each (NFC): a Mac names files
/// decomposed (`é` as `e` and an accent), an editor types them composed,
/// and a browser asks for them composed. Borrowed when already so.
pub fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// The folders a `/`-separated site path is in, outermost first:
/// `a/b/c.html` is in `a` and `a/b`.
pub fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(|(at, _)| &path[..at])
}

/// Makes a path absolute (from the current folder) and normalizes it.
pub fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_path_is_in_its_folders_outermost_first() {
        assert_eq!(folders_of("a/b/c.html").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(folders_of("index.html").count(), 0);
    }

    #[test]
    fn a_sitemap_s_urls_are_ascii() {
        assert_eq!(
            ascii_url("https://example.org/répo/2020/"),
            "https://example.org/r%C3%A9po/2020/"
        );
        assert_eq!(
            ascii_url("https://example.org/a/"),
            "https://example.org/a/"
        );
        assert_eq!(ascii_url("/Київ/"), "/%D0%9A%D0%B8%D1%97%D0%B2/");
    }

    #[test]
    fn dots_are_resolved_without_the_disk() {
        assert_eq!(
            normalize(Path::new("/site/content/a/../b/./c.md")),
            PathBuf::from("/site/content/b/c.md")
        );
        assert!(absolute(Path::new("x/../y")).ends_with("y"));
    }
}
