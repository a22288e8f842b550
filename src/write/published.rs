//! The addresses of a site as published, read from its sitemap
//! (`build --published sitemap.xml`): a build from a fresh checkout (CI's)
//! has no output of its own to compare with, and still says which published
//! pages it would lose.

use std::path::Path;

use rustc_hash::FxHashSet;

use crate::diagnostic::{Diagnostic, SourceFile};

/// The output paths the published site has (`2020/10/28/slug/index.html`),
/// from a sitemap, or a sitemap index and the sitemaps it names (read from
/// the same folder, where the one who fetched the index put them). A place,
/// side or topic page brings its feed, which sitemaps do not list.
/// `base_path` is the site's (`/repo/`): addresses under it are taken
/// relative to it.
pub fn read(sitemap: &Path, root: &Path, base_path: &str) -> Result<FxHashSet<String>, Diagnostic> {
    let file = crate::load::read_source(sitemap, root)?;
    let mut paths = FxHashSet::default();
    let found = locs(&file)?;
    if file.text.contains("<sitemapindex") {
        let folder = sitemap.parent().unwrap_or(Path::new("."));
        for (loc, at) in found {
            let name = loc.rsplit('/').next().unwrap_or_default();
            let part = folder.join(name);
            if name.is_empty() || !part.is_file() {
                return Err(Diagnostic::error(format!(
                    "the sitemap index names {name}, which is not beside it"
                ))
                .at(&file, at)
                .with_label(format!("expected {} too", part.display()))
                .with_help("download each sitemap the index names into the same folder"));
            }
            let part = crate::load::read_source(&part, root)?;
            for (loc, at) in locs(&part)? {
                paths.extend(output_paths(&part, &loc, at, base_path)?);
            }
        }
    } else {
        for (loc, at) in found {
            paths.extend(output_paths(&file, &loc, at, base_path)?);
        }
    }
    Ok(paths)
}

/// The text of each `<loc>` of a sitemap, its character references decoded,
/// and where it is.
fn locs(file: &SourceFile) -> Result<Vec<(String, std::ops::Range<usize>)>, Diagnostic> {
    let text = &file.text;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..]
        .find("<loc>")
        .map(|at| from + at + "<loc>".len())
    {
        let Some(end) = text[start..].find("</loc>").map(|at| start + at) else {
            return Err(Diagnostic::error("a <loc> without its </loc>")
                .at(file, start - "<loc>".len()..start)
                .with_label("expected the address, then </loc>"));
        };
        let loc = crate::render::html_text::decode_references(text[start..end].trim());
        found.push((loc.into_owned(), start..end));
        from = end;
    }
    if found.is_empty() {
        return Err(
            Diagnostic::error(format!("{} lists no address", file.name.display()))
                .at(file, 0..text.find('\n').unwrap_or(text.len()))
                .with_label("expected the sitemap.xml of the published site, with <loc> addresses"),
        );
    }
    Ok(found)
}

/// The output paths an address of the published site stands for.
fn output_paths(
    file: &SourceFile,
    loc: &str,
    at: std::ops::Range<usize>,
    base_path: &str,
) -> Result<Vec<String>, Diagnostic> {
    let Some(path) = loc
        .split_once("://")
        .filter(|(scheme, _)| matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"))
        .map(|(_, rest)| rest.find('/').map_or("/", |slash| &rest[slash..]))
    else {
        return Err(Diagnostic::error(format!("`{loc}` is not an address"))
            .at(file, at)
            .with_label("expected an http(s) URL, as a sitemap lists"));
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = crate::render::links::percent_decode(path);
    // (A site that moved to another base path keeps its addresses' paths.)
    let path = path
        .strip_prefix(base_path)
        .unwrap_or(path.trim_start_matches('/'));
    if path.is_empty() || path.ends_with('/') {
        let mut paths = vec![format!("{path}index.html")];
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        if let ["places" | "sides" | "topics", _] = parts.as_slice() {
            paths.push(format!("{path}atom.xml"));
        }
        Ok(paths)
    } else {
        Ok(vec![path.to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_gives_the_output_paths_of_its_addresses() {
        let dir = tempfile::tempdir().unwrap();
        let sitemap = dir.path().join("sitemap.xml");
        std::fs::write(
            &sitemap,
            "<?xml version=\"1.0\"?>\n<urlset>\n\
             <url><loc>https://u.github.io/repo/</loc></url>\n\
             <url><loc>https://u.github.io/repo/2020/10/28/suite/</loc></url>\n\
             <url><loc> https://u.github.io/repo/places/hadrut/ </loc></url>\n\
             <url><loc>https://u.github.io/repo/a%20b.html?x=1&amp;y=2</loc></url>\n\
             <url><loc>https://old.example/2019/01/01/ancien/</loc></url>\n\
             </urlset>\n",
        )
        .unwrap();
        let paths = read(&sitemap, dir.path(), "/repo/").unwrap();
        let mut paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        paths.sort_unstable();
        assert_eq!(
            paths,
            [
                "2019/01/01/ancien/index.html",
                "2020/10/28/suite/index.html",
                "a b.html",
                "index.html",
                "places/hadrut/atom.xml",
                "places/hadrut/index.html",
            ]
        );
    }

    #[test]
    fn a_sitemap_index_is_read_with_the_sitemaps_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("sitemap.xml");
        std::fs::write(
            &index,
            "<sitemapindex>\n<sitemap><loc>https://e.org/sitemap-1.xml</loc></sitemap>\n\
             <sitemap><loc>https://e.org/sitemap-2.xml</loc></sitemap>\n</sitemapindex>\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("sitemap-1.xml"),
            "<urlset><url><loc>https://e.org/a/</loc></url></urlset>",
        )
        .unwrap();
        let err = read(&index, dir.path(), "/").unwrap_err();
        let text = err.render();
        assert!(
            text.contains("names sitemap-2.xml, which is not beside it"),
            "{text}"
        );
        assert!(text.contains("sitemap.xml:3:"), "{text}");
        std::fs::write(
            dir.path().join("sitemap-2.xml"),
            "<urlset><url><loc>https://e.org/b/</loc></url></urlset>",
        )
        .unwrap();
        let paths = read(&index, dir.path(), "/").unwrap();
        assert_eq!(paths.len(), 2);
        assert!(paths.contains("a/index.html") && paths.contains("b/index.html"));
    }

    #[test]
    fn what_is_no_sitemap_is_said_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sitemap.xml");
        for (text, said, at) in [
            ("<html>404 Not Found</html>\n", "lists no address", "1:1"),
            (
                "<urlset>\n<url><loc>/a/</loc></url>\n",
                "`/a/` is not an address",
                "2:11",
            ),
            (
                "<urlset>\n<url><loc>https://e.org/a/\n",
                "a <loc> without its </loc>",
                "2:6",
            ),
        ] {
            std::fs::write(&file, text).unwrap();
            let text = read(&file, dir.path(), "/").unwrap_err().render();
            assert!(
                text.contains(said) && text.contains(&format!("sitemap.xml:{at}")),
                "{text}"
            );
        }
    }
}
