//! The addresses of a site as published, read from its sitemap
//! (`build --published sitemap.xml`): a build from a fresh checkout (CI's)
//! has no output of its own to compare with, and still says which published
//! pages it would lose.

use std::path::Path;

use rustc_hash::FxHashSet;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::output::Site;

/// The output paths the published site has (`2020/10/28/slug/index.html`,
/// `about.html`), from a sitemap, or a sitemap index and the sitemaps it
/// names (read from the same folder, where the one who fetched the index
/// put them). A place, side or topic page brings its feed, which sitemaps
/// do not list. Addresses are taken relative to the site's `base_path`
/// (`/repo/`) or, for a site that moved, to the published home page,
/// whichever makes more of them paths the site still has (`wanted`).
///
/// What cannot be read is a warning, not an error: the comparison is a
/// help, and a deployment does not wait on it.
pub fn read(
    sitemap: &Path,
    root: &Path,
    base_path: &str,
    wanted: &FxHashSet<&str>,
) -> Result<FxHashSet<String>, Diagnostic> {
    let file = crate::load::read_source(sitemap, root).map_err(unread)?;
    let found = locs(&file)?;
    let mut addresses = Vec::new();
    if file.text.contains("<sitemapindex") {
        let folder = sitemap.parent().unwrap_or(Path::new("."));
        let own = sitemap.file_name().unwrap_or_default().to_string_lossy();
        for (loc, at) in found {
            let name = loc.rsplit('/').next().unwrap_or_default();
            let part = folder.join(name);
            if name.is_empty() || name == own || !part.is_file() {
                return Err(unread(
                    Diagnostic::error(format!(
                        "the sitemap index names {loc}, which is not beside it as {name}"
                    ))
                    .at(&file, at)
                    .with_label(format!("expected {} too", part.display())),
                ));
            }
            let part = crate::load::read_source(&part, root).map_err(unread)?;
            for (loc, at) in locs(&part)? {
                addresses.push(address_path(&part, &loc, at)?);
            }
        }
    } else {
        for (loc, at) in found {
            addresses.push(address_path(&file, &loc, at)?);
        }
    }
    let base_path = crate::render::links::percent_decode(base_path);
    let base = published_base(&addresses, &base_path, wanted);
    let mut paths = FxHashSet::default();
    for path in &addresses {
        paths.extend(output_paths(relative(path, &base)));
    }
    Ok(paths)
}

/// An address's path relative to the site's base.
fn relative<'a>(path: &'a str, base: &str) -> &'a str {
    path.strip_prefix(base)
        .unwrap_or(path.trim_start_matches('/'))
}

/// The addresses of the published pages and feeds `site` no longer has,
/// sorted (pagination pages left out, as for a last build).
pub fn gone(published: &FxHashSet<String>, site: &Site) -> Vec<String> {
    let wanted = site.paths();
    let mut gone: Vec<String> = published
        .iter()
        .filter(|path| !wanted.contains(path.as_str()))
        .map(|path| path.strip_suffix("index.html").unwrap_or(path))
        .filter(|address| !crate::write::is_pagination(address))
        .map(|address| format!("/{address}"))
        .collect();
    gone.sort_unstable();
    gone
}

/// A problem of the published sitemap, as a warning: the build goes on.
fn unread(problem: Diagnostic) -> Diagnostic {
    let mut warning = Diagnostic::warning(format!(
        "{}; the build goes on without comparing with the published site",
        problem.message
    ));
    warning.location = problem.location;
    warning.label = problem.label;
    warning.with_help(problem.help.unwrap_or_else(|| {
        "give --published the sitemap.xml of the published site, and the sitemaps a sitemap \
         index names beside it"
            .into()
    }))
}

/// The path under which the published site's addresses are: the site's
/// base path, or its published home page, the shortest folder address that
/// holds all the others (which is not the base path when the site moved: a
/// custom domain, another repository). When all are under both, the one
/// that makes more of them paths the site still has (`wanted`): a sitemap
/// without its home page, whose pages share one section, is not read
/// under that section.
fn published_base(addresses: &[String], base_path: &str, wanted: &FxHashSet<&str>) -> String {
    let home = addresses
        .iter()
        .filter(|path| path.ends_with('/'))
        .min_by_key(|path| path.len())
        .filter(|home| addresses.iter().all(|path| path.starts_with(home.as_str())));
    let under_base = addresses.iter().all(|path| path.starts_with(base_path));
    let Some(home) = home.filter(|home| *home != base_path) else {
        return match under_base {
            true => base_path.to_string(),
            false => "/".to_string(),
        };
    };
    if !under_base {
        return home.clone();
    }
    // (The home page itself is left out: read under itself, it is
    // index.html, which every site has.)
    let kept = |base: &str| {
        addresses
            .iter()
            .filter(|path| *path != home)
            .filter(|path| wanted.contains(output_paths(relative(path, base))[0].as_str()))
            .count()
    };
    match kept(base_path) >= kept(home) {
        true => base_path.to_string(),
        false => home.clone(),
    }
}

/// The text of each `<loc>` of a sitemap, its character references decoded
/// (and CDATA unwrapped), and where it is.
fn locs(file: &SourceFile) -> Result<Vec<(String, std::ops::Range<usize>)>, Diagnostic> {
    let text = &file.text;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..]
        .find("<loc>")
        .map(|at| from + at + "<loc>".len())
    {
        let Some(end) = text[start..].find("</loc>").map(|at| start + at) else {
            return Err(unread(
                Diagnostic::error("a <loc> without its </loc>")
                    .at(file, start - "<loc>".len()..start)
                    .with_label("expected the address, then </loc>"),
            ));
        };
        let inside = text[start..end].trim();
        let loc = match inside
            .strip_prefix("<![CDATA[")
            .and_then(|rest| rest.strip_suffix("]]>"))
        {
            Some(raw) => raw.trim().to_string(),
            None => crate::render::html_text::decode_references(inside).into_owned(),
        };
        found.push((loc, start..end));
        from = end;
    }
    if found.is_empty() {
        return Err(unread(
            Diagnostic::error(format!("{} lists no address", file.name.display()))
                .at(file, 0..text.find('\n').unwrap_or(text.len()))
                .with_label("expected the sitemap.xml of the published site, with <loc> addresses"),
        ));
    }
    Ok(found)
}

/// The path of an address (`/repo/2020/10/28/suite/`), percent-decoded.
fn address_path(
    file: &SourceFile,
    loc: &str,
    at: std::ops::Range<usize>,
) -> Result<String, Diagnostic> {
    let Some(path) = loc
        .split_once("://")
        .filter(|(scheme, _)| matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"))
        .map(|(_, rest)| rest.find('/').map_or("/", |slash| &rest[slash..]))
    else {
        return Err(unread(
            Diagnostic::error(format!("`{loc}` is not an address"))
                .at(file, at)
                .with_label("expected an http(s) URL, as a sitemap lists"),
        ));
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    Ok(crate::render::links::percent_decode(path))
}

/// The output paths a page's address relative to the site stands for: a
/// folder's index.html (and a term page's feed), or the file it names. An
/// address without an extension or a final slash is a folder (GitHub Pages
/// sends `/about` on to `/about/`).
fn output_paths(relative: &str) -> Vec<String> {
    let last = relative.rsplit('/').next().unwrap_or_default();
    if !relative.is_empty() && !relative.ends_with('/') && last.contains('.') {
        return vec![relative.to_string()];
    }
    let folder = match relative {
        "" => String::new(),
        path if path.ends_with('/') => path.to_string(),
        path => format!("{path}/"),
    };
    let mut paths = vec![format!("{folder}index.html")];
    let parts: Vec<&str> = folder.trim_end_matches('/').split('/').collect();
    if let ["places" | "sides" | "topics", _] = parts.as_slice() {
        paths.push(format!("{folder}atom.xml"));
    }
    paths
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
             <url><loc><![CDATA[https://u.github.io/repo/posts/no-slash]]></loc></url>\n\
             </urlset>\n",
        )
        .unwrap();
        let paths = read(&sitemap, dir.path(), "/repo/", &FxHashSet::default()).unwrap();
        let mut paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        paths.sort_unstable();
        assert_eq!(
            paths,
            [
                "2020/10/28/suite/index.html",
                "a b.html",
                "index.html",
                "places/hadrut/atom.xml",
                "places/hadrut/index.html",
                "posts/no-slash/index.html",
            ]
        );
    }

    /// A site that moved (a custom domain for a project site) is compared
    /// by its addresses under its published home page.
    #[test]
    fn a_site_that_moved_is_read_from_its_published_home() {
        let dir = tempfile::tempdir().unwrap();
        let sitemap = dir.path().join("sitemap.xml");
        std::fs::write(
            &sitemap,
            "<urlset><url><loc>https://u.github.io/repo/</loc></url>\n\
             <url><loc>https://u.github.io/repo/2020/10/28/suite/</loc></url></urlset>\n",
        )
        .unwrap();
        let site = FxHashSet::from_iter(["index.html", "2020/10/28/suite/index.html"]);
        let paths = read(&sitemap, dir.path(), "/", &site).unwrap();
        assert!(paths.contains("2020/10/28/suite/index.html"), "{paths:?}");
        assert!(paths.contains("index.html"), "{paths:?}");
    }

    /// A sitemap that does not list the home page, whose pages all sit in
    /// one section, is read under the site's base path, not that section.
    #[test]
    fn a_sitemap_of_one_section_is_read_under_the_base_path() {
        let dir = tempfile::tempdir().unwrap();
        let sitemap = dir.path().join("sitemap.xml");
        std::fs::write(
            &sitemap,
            "<urlset><url><loc>https://e.org/posts/</loc></url>\n\
             <url><loc>https://e.org/posts/a/</loc></url>\n\
             <url><loc>https://e.org/posts/b/</loc></url></urlset>\n",
        )
        .unwrap();
        for site in [
            vec!["index.html", "posts/index.html", "posts/a/index.html"],
            // The whole section gone: still under the base path.
            vec!["index.html"],
        ] {
            let site = FxHashSet::from_iter(site);
            let paths = read(&sitemap, dir.path(), "/", &site).unwrap();
            let mut paths: Vec<&str> = paths.iter().map(String::as_str).collect();
            paths.sort_unstable();
            assert_eq!(
                paths,
                [
                    "posts/a/index.html",
                    "posts/b/index.html",
                    "posts/index.html"
                ]
            );
        }
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
        let err = read(&index, dir.path(), "/", &FxHashSet::default()).unwrap_err();
        let text = err.render();
        assert!(
            text.contains(
                "names https://e.org/sitemap-2.xml, which is not beside it as sitemap-2.xml"
            ),
            "{text}"
        );
        assert!(
            text.contains("warning:") && text.contains("the build goes on"),
            "{text}"
        );
        assert!(text.contains("sitemap.xml:3:"), "{text}");
        std::fs::write(
            dir.path().join("sitemap-2.xml"),
            "<urlset><url><loc>https://e.org/b/</loc></url></urlset>",
        )
        .unwrap();
        let paths = read(&index, dir.path(), "/", &FxHashSet::default()).unwrap();
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
            let text = read(&file, dir.path(), "/", &FxHashSet::default())
                .unwrap_err()
                .render();
            assert!(
                text.contains(said) && text.contains(&format!("sitemap.xml:{at}")),
                "{text}"
            );
        }
    }
}
