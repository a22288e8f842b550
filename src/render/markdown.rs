//! Markdown → HTML, once per dispatch: heading anchors, highlighted code, links
//! between dispatches, the raw-HTML policy and French typography.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::typography::french;
use crate::diagnostic::Diagnostic;
use crate::model::{Dispatch, RawHtml, SanitizeRules};

/// What rendering a dispatch's body gives.
#[derive(Clone, Debug, Default)]
pub struct Body {
    pub html: String,
    /// The first paragraph as plain text.
    pub first_paragraph: String,
    /// Whether the body has highlighted code (and so needs the syntax stylesheet).
    pub has_code: bool,
    /// Links and images to files of the site (not to other dispatches), as
    /// output paths relative to the site root, with where they are in the file.
    pub local_links: Vec<(String, Range<usize>)>,
    /// Whether it links to other dispatches (and so changes with their permalinks).
    pub links_dispatches: bool,
    /// Which rendering this is, for caches: a new one gets a new generation.
    pub generation: u64,
    /// The places its text mentions (indices into `Chronicle::places`).
    pub mentions: Vec<usize>,
}

/// What Markdown rendering needs to know about the rest of the chronicle.
pub struct MarkdownContext<'a> {
    /// Permalink (root-relative, with the base path) of every dispatch, by its file's path.
    pub permalinks: &'a HashMap<PathBuf, String>,
    pub raw_html: RawHtml,
    pub sanitize: &'a SanitizeRules,
    pub french: bool,
    /// The site's base path (`/repo/`), put in front of root-relative links so
    /// that `/images/map.png` works under a sub-path too.
    pub base_path: &'a str,
    /// Place names to link at their first mention (`[build] link_places`).
    pub mentions: Option<&'a super::mentions::Mentions>,
}

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The class prefix of highlighted code, shared with the theme's stylesheet.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a dispatch's body. Links to missing dispatches are errors.
pub fn render_body(dispatch: &Dispatch, cx: &MarkdownContext) -> Result<Body, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut body = Body::default();
    let mut events: Vec<Event> = Vec::new();
    let mut needs_sanitizing = false;
    let mut code: Option<(String, String)> = None;
    let mut in_first_paragraph = None::<bool>;
    let mut headings: Vec<usize> = Vec::new();

    for (event, range) in Parser::new_ext(&dispatch.body, options()).into_offset_iter() {
        // The first paragraph is the summary when front-matter gives none.
        match &event {
            Event::Start(Tag::Paragraph) if in_first_paragraph.is_none() => {
                in_first_paragraph = Some(true)
            }
            Event::End(TagEnd::Paragraph) if in_first_paragraph == Some(true) => {
                in_first_paragraph = Some(false)
            }
            Event::Text(t) | Event::Code(t) if in_first_paragraph == Some(true) => {
                body.first_paragraph.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak if in_first_paragraph == Some(true) => {
                body.first_paragraph.push(' ')
            }
            _ => {}
        }
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(highlight(lang, text).into()));
                    body.has_code = true;
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { .. }) => {
                headings.push(events.len());
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let resolved = resolve_link(dispatch, &dest_url, cx);
                body.links_dispatches |= !matches!(resolved, Ok(None));
                let dest_url = match resolved {
                    Ok(Some(url)) => CowStr::from(url),
                    Ok(None) => {
                        needs_sanitizing |= !is_safe_url(&dest_url);
                        local_link(dispatch, dest_url, range.clone(), cx, &mut body)
                    }
                    Err(target) => {
                        errors.push(link_error(
                            dispatch,
                            range.clone(),
                            &dest_url,
                            &target,
                            link_type,
                        ));
                        dest_url
                    }
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                needs_sanitizing |= !is_safe_url(&dest_url);
                let dest_url = local_link(dispatch, dest_url, range.clone(), cx, &mut body);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Html(html) | Event::InlineHtml(html) => match cx.raw_html {
                RawHtml::Allow => events.push(Event::Html(html)),
                RawHtml::Escape => events.push(Event::Text(html)),
                RawHtml::Sanitize => {
                    needs_sanitizing = true;
                    events.push(Event::Html(html));
                }
            },
            other => events.push(other),
        }
    }
    add_heading_ids(&mut events, &headings);
    if cx.french {
        events = french_text(events);
    }
    if let Some(mentions) = cx.mentions {
        (events, body.mentions) = mentions.link(events);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut html = String::with_capacity(dispatch.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    body.html = if needs_sanitizing && cx.raw_html == RawHtml::Sanitize {
        sanitize(&html, cx.sanitize)
    } else {
        html
    };
    body.first_paragraph = body.first_paragraph.trim().to_string();
    if cx.french {
        body.first_paragraph = french(&body.first_paragraph, None);
    }
    Ok(body)
}

/// Applies French typography to text, joining the runs the parser split
/// (smart quotes arrive as runs of their own) so rules see both sides of a mark.
fn french_text(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut pending = String::new();
    let mut before = None;
    let flush = |out: &mut Vec<Event>, pending: &mut String, before: Option<char>| {
        if !pending.is_empty() {
            out.push(Event::Text(french(pending, before).into()));
            pending.clear();
        }
    };
    for event in events {
        match event {
            Event::Text(text) => pending.push_str(&text),
            other => {
                flush(&mut out, &mut pending, before);
                before = match &other {
                    Event::Code(code) => code.chars().last(),
                    _ => None,
                };
                out.push(other);
            }
        }
    }
    flush(&mut out, &mut pending, before);
    out
}

/// Gives every heading without an explicit `{#id}` an id made from its text,
/// unique within the dispatch.
fn add_heading_ids(events: &mut [Event], headings: &[usize]) {
    let mut used: HashMap<String, usize> = HashMap::new();
    for &start in headings {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[start] {
            used.insert(id.to_string(), 1);
        }
    }
    for &start in headings {
        let text: String = events[start + 1..]
            .iter()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if let Event::Start(Tag::Heading { id, level, .. }) = &mut events[start] {
            if id.is_some() {
                continue;
            }
            let base = crate::slug::slugify(&text).unwrap_or_else(|| heading_fallback(*level));
            let count = used.entry(base.clone()).or_insert(0);
            *count += 1;
            let unique = if *count == 1 {
                base
            } else {
                format!("{base}-{}", *count - 1)
            };
            *id = Some(unique.into());
        }
    }
}

fn heading_fallback(level: HeadingLevel) -> String {
    format!("section-{}", level as usize)
}

/// Highlights fenced code with CSS classes (the theme ships the colours).
fn highlight(lang: &str, code: &str) -> String {
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_attr(lang))
    };
    let Some(syntax) = syntax else {
        return format!(
            "<pre><code{lang_class}>{}</code></pre>\n",
            escape_text(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre><code{lang_class}>{}</code></pre>\n",
                escape_text(code)
            );
        }
    }
    format!(
        "<pre class=\"hl-code\"><code{lang_class}>{}</code></pre>\n",
        generator.finalize()
    )
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn escape_attr(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

/// Notes a link to a file of the site, and gives root-relative links the base path.
fn local_link<'e>(
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
    let target = normalize(&Path::new(&dispatch.path_part()).join(percent_decode(path)));
    body.local_links
        .push((target.to_string_lossy().replace('\\', "/"), at));
    dest
}

/// Why a relative link to a `.md` file could not be resolved.
enum Missing {
    File(PathBuf),
}

/// A link to another dispatch's `.md` file becomes its permalink; other links stay.
fn resolve_link(
    dispatch: &Dispatch,
    dest: &str,
    cx: &MarkdownContext,
) -> Result<Option<String>, Missing> {
    if dest.contains("://")
        || dest.starts_with('/')
        || dest.starts_with('#')
        || dest.starts_with("mailto:")
    {
        return Ok(None);
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let is_markdown = Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    if !is_markdown {
        return Ok(None);
    }
    let decoded = percent_decode(path);
    let base = dispatch.path.parent().unwrap_or(Path::new(""));
    let target = normalize(&base.join(decoded));
    match cx.permalinks.get(&target) {
        Some(url) => Ok(Some(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url.clone(),
        })),
        None => Err(Missing::File(target)),
    }
}

fn link_error(
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

/// Lexically resolves `.` and `..`, so links compare equal to the files found on disk.
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

fn percent_decode(text: &str) -> String {
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

/// Schemes a link may use without the sanitizer looking at it.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Keeps safe HTML, drops scripts, event handlers and dangerous URLs.
fn sanitize(html: &str, rules: &SanitizeRules) -> String {
    let mut builder = ammonia::Builder::default();
    builder.add_tags(rules.tags.iter().map(String::as_str));
    for (tag, attributes) in &rules.attributes {
        builder.add_tag_attributes(tag.as_str(), attributes.iter().map(String::as_str));
    }
    builder
        .add_generic_attributes(["class", "id", "lang", "dir", "title"])
        .add_tags([
            "input",
            "section",
            "figure",
            "figcaption",
            "details",
            "summary",
            "mark",
            "video",
            "audio",
            "source",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("img", ["loading", "width", "height"])
        .add_tag_attributes("video", ["src", "controls", "poster", "width", "height"])
        .add_tag_attributes("audio", ["src", "controls"])
        .add_tag_attributes("source", ["src", "type"])
        .attribute_filter(|element, attribute, value| {
            if attribute == "style" {
                // Table alignment from Markdown is the only inline style kept.
                let ok = matches!(element, "th" | "td")
                    && matches!(
                        value,
                        "text-align: left" | "text-align: center" | "text-align: right"
                    );
                return ok.then(|| value.into());
            }
            if attribute == "type" && element == "input" {
                return (value == "checkbox").then(|| value.into());
            }
            Some(value.into())
        })
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough);
    builder.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tests::dispatch;

    fn render(body: &str, raw_html: RawHtml) -> Result<Body, Vec<Diagnostic>> {
        let mut d = dispatch("a", "2020-10-28");
        d.path = PathBuf::from("/site/content/dispatches/a.md");
        d.source = crate::diagnostic::SourceFile::new("a.md", body);
        d.body = body.into();
        let mut permalinks = HashMap::new();
        permalinks.insert(
            PathBuf::from("/site/content/dispatches/2020/b.md"),
            "/repo/2020/10/12/b/".to_string(),
        );
        render_body(
            &d,
            &MarkdownContext {
                permalinks: &permalinks,
                raw_html,
                sanitize: &SanitizeRules {
                    tags: vec!["iframe".into()],
                    attributes: [("iframe".to_string(), vec!["src".to_string()])].into(),
                },
                french: true,
                base_path: "/repo/",
                mentions: None,
            },
        )
    }

    #[test]
    fn links_to_dispatch_files_become_permalinks() {
        let body = render(
            "Voir [la veille](2020/b.md#x) et [ceci](./2020/../2020/b.md).",
            RawHtml::Sanitize,
        )
        .unwrap();
        assert!(
            body.html.contains("href=\"/repo/2020/10/12/b/#x\""),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("href=\"/repo/2020/10/12/b/\""),
            "{}",
            body.html
        );
    }

    #[test]
    fn root_relative_links_get_the_base_path_and_local_files_are_noted() {
        let body = render(
            "![carte](/images/carte.png) [x](/repo/a.pdf) ![b](b.jpg) [w](https://x.org/)",
            RawHtml::Sanitize,
        )
        .unwrap();
        assert!(
            body.html.contains("src=\"/repo/images/carte.png\""),
            "{}",
            body.html
        );
        assert!(body.html.contains("href=\"/repo/a.pdf\""), "{}", body.html);
        let links: Vec<&str> = body.local_links.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(links, ["images/carte.png", "a.pdf", "2020/10/28/a/b.jpg"]);
    }

    #[test]
    fn a_link_to_a_missing_file_is_an_error_at_the_link() {
        let errors = render("Intro\n\nVoir [x](missing.md).\n", RawHtml::Sanitize).unwrap_err();
        let text = errors[0].render();
        assert!(
            text.contains("link to a missing dispatch: `missing.md`"),
            "{text}"
        );
        assert!(text.contains("a.md:3:6"), "{text}");
    }

    #[test]
    fn headings_get_unique_ids_and_code_is_highlighted_with_classes() {
        let body = render(
            "## Bilan\n\n## Bilan\n\n```rust\nfn main() {}\n```\n",
            RawHtml::Sanitize,
        )
        .unwrap();
        assert!(body.html.contains("<h2 id=\"bilan\">"), "{}", body.html);
        assert!(body.html.contains("<h2 id=\"bilan-1\">"), "{}", body.html);
        assert!(body.html.contains("class=\"hl-"), "{}", body.html);
        assert!(!body.html.contains("style="), "{}", body.html);
    }

    #[test]
    fn raw_html_is_sanitized_by_default_and_escaped_or_kept_on_request() {
        let source =
            "<p onclick=\"x()\">ok</p>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n";
        let clean = render(source, RawHtml::Sanitize).unwrap().html;
        assert!(
            !clean.contains("onclick")
                && !clean.contains("<script")
                && !clean.contains("javascript:"),
            "{clean}"
        );
        assert!(clean.contains("ok"));
        let escaped = render(source, RawHtml::Escape).unwrap().html;
        assert!(escaped.contains("&lt;script&gt;"), "{escaped}");
        let video = render(
            "<iframe src=\"https://v.example/1\" onload=\"x()\"></iframe>",
            RawHtml::Sanitize,
        )
        .unwrap()
        .html;
        assert!(
            video.contains("<iframe src=\"https://v.example/1\">") && !video.contains("onload"),
            "{video}"
        );
        let kept = render(source, RawHtml::Allow).unwrap().html;
        assert!(kept.contains("<script>"), "{kept}");
    }

    #[test]
    fn the_first_paragraph_is_the_summary_with_french_spacing() {
        let body = render(
            "## Titre\n\nPremier : paragraphe\nsuite.\n\nDeuxième.",
            RawHtml::Sanitize,
        )
        .unwrap();
        assert_eq!(body.first_paragraph, "Premier\u{202f}: paragraphe suite.");
        assert!(body.html.contains("Premier\u{202f}: paragraphe"));
        let quoted = render(
            "de petites \"unités ennemies\" atteignent",
            RawHtml::Sanitize,
        )
        .unwrap();
        assert!(
            quoted.html.contains("«\u{202f}unités ennemies\u{202f}»"),
            "{}",
            quoted.html
        );
    }

    #[test]
    fn tables_footnotes_strikethrough_and_task_lists_render() {
        let body = render(
            "| a | b |\n|:-:|---|\n| 1 | 2 |\n\n~~non~~ [^1]\n\n[^1]: note\n\n- [x] fait\n",
            RawHtml::Sanitize,
        )
        .unwrap()
        .html;
        assert!(
            body.contains("<table>")
                && body.contains("<del>non</del>")
                && body.contains("footnote"),
            "{body}"
        );
        assert!(body.contains("type=\"checkbox\""), "{body}");
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`. The default theme ships its output as
/// `static/syntax.css`; a test keeps the two in step.
pub fn syntax_css() -> String {
    use syntect::highlighting::ThemeSet;
    use syntect::html::css_for_theme_with_class_style;
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
        .unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
        .unwrap_or_default();
    let indented: String = dark.lines().map(|l| format!("  {l}\n")).collect();
    format!(
        "/* Highlighted code, generated from syntect's themes by chronicle. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{indented}}}\n"
    )
}

#[cfg(test)]
mod syntax_css_tests {
    /// Run with CHRONICLE_UPDATE_SYNTAX_CSS=1 to write the file after changing the themes.
    #[test]
    fn the_shipped_syntax_stylesheet_matches_the_highlighter() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/syntax.css"
        );
        let css = super::syntax_css();
        if std::env::var_os("CHRONICLE_UPDATE_SYNTAX_CSS").is_some() {
            std::fs::write(path, &css).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            shipped == css,
            "themes/default/static/syntax.css is out of date: run the tests with CHRONICLE_UPDATE_SYNTAX_CSS=1"
        );
    }
}
