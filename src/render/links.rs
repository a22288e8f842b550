//! Links in a dispatch's body: to other dispatches' `.md` files (made
//! permalinks, or errors), and to files of the site (given the base path, and
//! noted so that missing ones are reported).

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::paths::normalize;

use pulldown_cmark::{CowStr, LinkType};

use super::markdown::{Body, MarkdownContext};
use crate::diagnostic::Diagnostic;
use crate::model::Dispatch;

/// Notes a link to a file of the site, and gives root-relative links the base path.
pub fn local_link<'e>(
    dispatch: &Dispatch,
    dest: CowStr<'e>,
    range: Range<usize>,
    cx: &MarkdownContext,
    body: &mut Body,
) -> CowStr<'e> {
    let is_external = dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with("//")
        || dest
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains(['/', '?', '#']));
    if is_external {
        return dest;
    }
    if let Some(named) = file_named_with_a_fragment(dispatch, &dest) {
        return local_link(dispatch, CowStr::from(named), range, cx, body);
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let at = dispatch.body_offset + range.start..dispatch.body_offset + range.end;
    if let Some(rooted) = dest.strip_prefix('/') {
        let (within, dest) = match rooted.strip_prefix(cx.base_path.trim_start_matches('/')) {
            Some(_) if cx.base_path != "/" => (&path[cx.base_path.len()..], dest.clone()),
            _ => (
                &path[1..],
                CowStr::from(format!("{}{rooted}", cx.base_path)),
            ),
        };
        body.local_links.push((percent_decode(within), at));
        return dest;
    }
    if let Some((url, other)) = bundles_file(dispatch, path, &dest[path.len()..], cx) {
        // Its address depends on that dispatch's permalink.
        body.links_dispatches |= other;
        return local_link(dispatch, CowStr::from(url), range, cx, body);
    }
    let target = normalize(&Path::new(&dispatch.path_part()).join(percent_decode(path)));
    body.local_links
        .push((target.to_string_lossy().replace('\\', "/"), at));
    dest
}

/// A relative link to a file of the dispatch's bundle whose name has a `#`
/// or `?` (`img/photo #1.jpg`), which a browser would read as the start of a
/// fragment or query: the link with those written `%23` and `%3F`, if the
/// file is there and the name cut at its `#` is not.
fn file_named_with_a_fragment(dispatch: &Dispatch, dest: &str) -> Option<String> {
    let bundle = dispatch.bundle.as_ref()?;
    let cut = dest.find(['#', '?'])?;
    if dest.starts_with('/') || bundle.join(percent_decode(&dest[..cut])).is_file() {
        return None;
    }
    bundle
        .join(percent_decode(dest))
        .is_file()
        .then(|| dest.replace('#', "%23").replace('?', "%3F"))
}

/// A relative link to a file of another dispatch's bundle, by its path from
/// this dispatch's file (`2023-04-15-fighting/smoke.png`), becomes the
/// file's address under that dispatch's permalink (and `true`: it depends
/// on that permalink). `rest` is the link's query and fragment. A file of
/// its own bundle is linked as written, unless the path leaves the bundle
/// to come back (`../2023-04-15-fighting/smoke.png` from its index.md): the
/// page's folder is the bundle's, not the one holding it.
fn bundles_file(
    dispatch: &Dispatch,
    path: &str,
    rest: &str,
    cx: &MarkdownContext,
) -> Option<(String, bool)> {
    if path.is_empty() {
        return None;
    }
    let own = dispatch.path.parent().unwrap_or(Path::new(""));
    let target = normalize(&own.join(percent_decode(path)));
    let (folder, url) = target.ancestors().skip(1).find_map(|folder| {
        let url = cx.permalinks.get(&folder.join("index.md"))?;
        Some((folder, url))
    })?;
    let is_own = dispatch.bundle.is_some() && normalize(own) == folder;
    // (A file the bundle does not have is linked where it would be, and
    // reported there.)
    if target.is_dir() {
        return None;
    }
    let within = target
        .strip_prefix(folder)
        .ok()?
        .to_str()?
        .replace('\\', "/");
    if is_own && normalize(Path::new(&percent_decode(path))) == Path::new(&within) {
        return None;
    }
    // A file's name may hold what a URL reads otherwise (`#`, `?`, `%`).
    let within = crate::paths::percent_encode(&within, &['#', '?', '%']);
    match is_own {
        true => Some((format!("{within}{rest}"), false)),
        false => Some((format!("{url}{within}{rest}"), true)),
    }
}

/// Why a relative link to a `.md` file could not be resolved.
pub enum Missing {
    File(PathBuf),
}

/// The attributes of raw HTML that hold the URLs a build rewrites.
pub const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "poster", "srcset"];

/// Those, and the attributes that name an element (`id`, an anchor's `name`).
pub const URL_AND_ID_ATTRIBUTES: [&str; 6] = ["href", "src", "poster", "srcset", "id", "name"];

/// The values of the attributes named `names` (in any case) in a piece of
/// raw HTML, each given to `rewrite` with the attribute's name and the
/// value's byte range in `html`; returns the HTML with the values `rewrite`
/// changed, or `None` if it changed none. Comments and what scripts and
/// styles hold are not read.
pub fn rewrite_html_attributes(
    html: &str,
    names: &[&str],
    mut rewrite: impl FnMut(&str, &str, Range<usize>) -> Option<String>,
) -> Option<String> {
    let bytes = html.as_bytes();
    let space = |at: usize| matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r'));
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        at = open + 1;
        // Comments, and what scripts and styles hold, have no URLs of the page.
        if html[at..].starts_with("!--") {
            at = html[at..].find("-->").map_or(html.len(), |i| at + i + 3);
            continue;
        }
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[at..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |i| at + i);
        let skip_to = ["script", "style"]
            .into_iter()
            .find(|n| n.eq_ignore_ascii_case(&html[at..name_end]))
            .map(|n| format!("</{n}"));
        // The tag's name, then its attributes up to `>`.
        while at < bytes.len() && !(space(at) || matches!(bytes[at], b'/' | b'>')) {
            at += 1;
        }
        loop {
            while space(at) || bytes.get(at) == Some(&b'/') {
                at += 1;
            }
            if at >= bytes.len() || bytes[at] == b'>' {
                break;
            }
            let name_start = at;
            while at < bytes.len() && !(space(at) || matches!(bytes[at], b'/' | b'>' | b'=')) {
                at += 1;
            }
            let name = &html[name_start..at];
            while space(at) {
                at += 1;
            }
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at += 1;
            while space(at) {
                at += 1;
            }
            let value = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = html[start..]
                        .find(char::from(quote))
                        .map_or(html.len(), |i| start + i);
                    at = (end + 1).min(html.len());
                    start..end
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && !(space(at) || bytes[at] == b'>') {
                        at += 1;
                    }
                    start..at
                }
            };
            let wanted = names.iter().any(|n| n.eq_ignore_ascii_case(name));
            if wanted && let Some(new) = rewrite(name, &html[value.clone()], value.clone()) {
                out.push_str(&html[copied..value.start]);
                out.push_str(&new);
                copied = value.end;
            }
        }
        if let Some(close) = skip_to {
            let lower = html[at..].to_ascii_lowercase();
            at = lower.find(&close).map_or(html.len(), |i| at + i);
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// A link that names another dispatch: its permalink (with the fragment's
/// id), and that dispatch's file.
pub struct Linked {
    pub url: String,
    pub file: PathBuf,
}

/// A link to another dispatch's `.md` file (or to its bundle's folder)
/// becomes its permalink; other links stay.
pub fn resolve_link(
    dispatch: &Dispatch,
    dest: &str,
    cx: &MarkdownContext,
) -> Result<Option<Linked>, Missing> {
    let has_scheme = dest
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']));
    if has_scheme || dest.starts_with('/') || dest.starts_with('#') {
        return Ok(None);
    }
    let (path, query, fragment) = link_parts(dest);
    let is_markdown = Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    if !is_markdown {
        // The folder of another dispatch's bundle (`../2024-03-02-beta/`)
        // stands for its index.md; a file (`a.png`) is no folder.
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if path.is_empty() || (!path.ends_with('/') && last.contains('.')) {
            return Ok(None);
        }
    }
    let base = dispatch.path.parent().unwrap_or(Path::new(""));
    let target = normalize(&base.join(percent_decode(path)));
    let file = if is_markdown {
        target
    } else {
        target.join("index.md")
    };
    let found = cx
        .permalinks
        .get_key_value(&file)
        .or_else(|| composed_alike(cx.permalinks, &file));
    let Some((file, url)) = found else {
        return if is_markdown {
            Err(Missing::File(file))
        } else {
            Ok(None)
        };
    };
    // (A query, such as a campaign's `?utm_source=…`, is kept.)
    let mut url = url.clone();
    if let Some(query) = query {
        url = format!("{url}?{query}");
    }
    if let Some(f) = fragment {
        url = format!("{url}#{}", fragment_id(f, cx.transliteration));
    }
    Ok(Some(Linked {
        url,
        file: file.clone(),
    }))
}

/// The dispatch file whose name is `file`'s but for how its accented
/// letters are encoded: a Mac stores `été` decomposed (e + U+0301), the
/// link typed in an editor has it composed. Looked for only when the
/// name as typed is no dispatch's.
fn composed_alike<'p>(
    permalinks: &'p std::collections::HashMap<PathBuf, String>,
    file: &Path,
) -> Option<(&'p PathBuf, &'p String)> {
    use crate::paths::composed;
    let text = composed(file.to_str().filter(|t| !t.is_ascii())?);
    // (The first by path if two are alike: the map's order changes from run to run.)
    permalinks
        .iter()
        .filter(|(path, _)| {
            path.to_str()
                .is_some_and(|p| !p.is_ascii() && composed(p) == text)
        })
        .min_by(|a, b| a.0.cmp(b.0))
}

/// A relative link's path, query and fragment: `b.md?utm=1#suite` is
/// `b.md`, `utm=1` and `suite`.
fn link_parts(dest: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, fragment) = match dest.split_once('#') {
        Some((rest, f)) => (rest, Some(f)),
        None => (dest, None),
    };
    match rest.split_once('?') {
        Some((path, query)) => (path, Some(query), fragment),
        None => (rest, None, fragment),
    }
}

/// A link's fragment as heading ids are made: one written in another
/// script than ASCII (`#розділ-один`, or percent-encoded) is the id of the
/// heading it names (`rozdil-odyn`); an ASCII one is kept as written.
pub fn fragment_id(fragment: &str, transliteration: crate::slug::Transliteration) -> String {
    let decoded = percent_decode(fragment);
    if decoded.is_ascii() {
        return fragment.to_string();
    }
    transliteration
        .slugify(&decoded)
        .unwrap_or_else(|| fragment.to_string())
}

pub fn link_error(
    dispatch: &Dispatch,
    range: Range<usize>,
    dest: &str,
    target: &Missing,
    _: LinkType,
) -> Diagnostic {
    let Missing::File(path) = target;
    let shown = path
        .strip_prefix(dispatch.path.parent().unwrap_or(Path::new("")))
        .unwrap_or(path);
    let at = dispatch.body_offset + range.start..dispatch.body_offset + range.end;
    Diagnostic::error(format!("link to a missing dispatch: `{dest}`"))
        .at(&dispatch.source, at)
        .with_label(format!("no published dispatch at {}", shown.display()))
        .with_help("link to another dispatch by the relative path of its .md file (drafts are left out unless --drafts)")
}

pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|b| (*b as char).to_digit(16)),
                bytes.get(i + 2).and_then(|b| (*b as char).to_digit(16)),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite_html_urls(
        html: &str,
        mut rewrite: impl FnMut(&str, Range<usize>) -> Option<String>,
    ) -> Option<String> {
        rewrite_html_attributes(html, &URL_ATTRIBUTES, |_, value, at| rewrite(value, at))
    }

    #[test]
    fn raw_html_urls_are_found_in_every_form_of_attribute() {
        let html = "<p>a < b <A HREF=/x title=\"/no\">x</A> <img\n  alt='/no' src = '/i.png'/><video poster=\"p.jpg\" controls></video></p>";
        let mut seen = Vec::new();
        let out = rewrite_html_urls(html, |url, at| {
            assert_eq!(&html[at], url);
            seen.push(url.to_string());
            url.starts_with('/').then(|| format!("/repo{url}"))
        });
        assert_eq!(seen, ["/x", "/i.png", "p.jpg"]);
        assert_eq!(
            out.as_deref(),
            Some(
                "<p>a < b <A HREF=/repo/x title=\"/no\">x</A> <img\n  alt='/no' src = '/repo/i.png'/><video poster=\"p.jpg\" controls></video></p>"
            )
        );
        assert_eq!(
            rewrite_html_urls("<b>no urls</b>", |_, _| Some("x".into())),
            None
        );
        assert_eq!(
            rewrite_html_urls("<a href=\"unclosed", |u, _| Some(format!("[{u}]"))).as_deref(),
            Some("<a href=\"[unclosed]")
        );
    }

    #[test]
    fn comments_scripts_and_styles_are_not_read_for_urls() {
        let html = "<!-- <a href=\"old.md\">x</a> --><script src=\"/s.js\">var a = '<img src=\"/no\">';</script><style>a{background:url(/no)}</style><img src=/yes>";
        let mut seen = Vec::new();
        rewrite_html_urls(html, |url, _| {
            seen.push(url.to_string());
            None
        });
        assert_eq!(seen, ["/s.js", "/yes"]);
    }

    #[test]
    fn any_attribute_can_be_read_with_its_name() {
        let mut seen = Vec::new();
        rewrite_html_attributes(
            "<div ID=main><a href=x id='b'>",
            &["id"],
            |name, value, _| {
                seen.push(format!("{name}={value}"));
                None
            },
        );
        assert_eq!(seen, ["ID=main", "id=b"]);
    }

    #[test]
    fn a_fragment_in_another_script_is_the_id_of_the_heading_it_names() {
        use crate::slug::Transliteration;
        let id = |fragment| fragment_id(fragment, Transliteration::default());
        assert_eq!(id("розділ-один"), "rozdil-odyn");
        assert_eq!(id("%D1%80%D0%BE%D0%B7%D0%B4%D1%96%D0%BB"), "rozdil");
        assert_eq!(id("My_Custom-ID"), "My_Custom-ID");
        assert_eq!(id("1"), "1");
        // On a Ukrainian site, as its headings' ids are made.
        let uk = Transliteration::for_language("uk");
        assert_eq!(fragment_id("Бої-за-Вугледар", uk), "boi-za-vuhledar");
        assert_eq!(fragment_id("Суми", uk), "sumy");
    }
}
