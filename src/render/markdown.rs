//! Markdown → HTML, once per dispatch: heading anchors, highlighted code, links
//! between dispatches, the raw-HTML policy and French typography.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::footnotes::{FootnoteIds, link_footnotes_back};
use super::highlight::{escape_attr as escape_html, highlight};
use super::html_text::{decode_references, html_text, rewrite_srcset};
use super::links::{
    URL_AND_ID_ATTRIBUTES, URL_ATTRIBUTES, fragment_id, link_error, local_link, resolve_link,
    rewrite_html_attributes,
};
use super::sanitize::{is_safe_url, sanitize};
use super::typography::{french, is_hebrew_letter};
use crate::diagnostic::Diagnostic;
use crate::model::{Dispatch, RawHtml, SanitizeRules};

/// HTML as templates receive it: a safe string value, made once and shared
/// by reference (a dispatch's page, feeds), never copied.
#[derive(Clone, Debug)]
pub struct Html(pub tera::Value);

impl Default for Html {
    fn default() -> Self {
        Html(tera::Value::safe_string(""))
    }
}

impl std::ops::Deref for Html {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str().unwrap_or_default()
    }
}

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// What rendering a dispatch's body gives.
#[derive(Clone, Debug, Default)]
pub struct Body {
    pub html: Html,
    /// The first paragraph as plain text.
    pub first_paragraph: String,
    /// The whole text, plain, one line per block: what search indexes.
    pub text: String,
    /// Whether the body has highlighted code (and so needs the syntax stylesheet).
    pub has_code: bool,
    /// Links and images to files of the site (not to other dispatches), as
    /// output paths relative to the site root, with where they are in the file.
    pub local_links: Vec<(String, Range<usize>)>,
    /// Links to an anchor (`#fragment`): of another dispatch (by its file's
    /// path) or of this one (`None`), with where they are in the file.
    pub fragment_links: Vec<(Option<PathBuf>, String, Range<usize>)>,
    /// The ids a link can point to: headings' and footnotes'.
    pub anchors: Vec<String>,
    /// Whether its raw HTML may set ids of its own (so any anchor may exist).
    pub raw_ids: bool,
    /// The ids its raw HTML sets that the theme's page has already, with
    /// where they are in the file.
    pub theme_id_clashes: Vec<(String, Range<usize>)>,
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
    /// The ids the theme's page writes itself (`main`): no heading takes them.
    pub theme_ids: &'a rustc_hash::FxHashSet<&'a str>,
    /// The label of a footnote's link back to the text (`t.back_to_text`).
    pub back_to_text: &'a str,
    /// How heading ids are made from their text: by the site's language.
    pub transliteration: crate::slug::Transliteration,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A piece of raw HTML (at `start` in the body) with the author's own URLs
/// made like Markdown's: links to other dispatches' files their permalinks,
/// the base path before a `/`, and the files of the site checked.
fn own_urls<'e>(
    html: CowStr<'e>,
    start: usize,
    dispatch: &Dispatch,
    cx: &MarkdownContext,
    body: &mut Body,
    errors: &mut Vec<Diagnostic>,
    raw_ids: &mut Vec<String>,
) -> CowStr<'e> {
    // Ids (and anchors' names) are read only where one may be written.
    let lower = html.to_ascii_lowercase();
    let may_have_ids = lower.contains("id") || lower.contains("name");
    let names: &[&str] = if may_have_ids {
        &URL_AND_ID_ATTRIBUTES
    } else {
        &URL_ATTRIBUTES
    };
    // One URL as written in an attribute (character references decoded,
    // the white space around it dropped, as browsers read it): the new
    // value if it changes.
    let mut own_url = |written: &str, at: Range<usize>| -> Option<String> {
        let decoded = decode_references(written);
        let url = decoded.trim_matches(|c: char| c.is_ascii_whitespace());
        let resolved = resolve_link(dispatch, url, cx);
        body.links_dispatches |= !matches!(resolved, Ok(None));
        match resolved {
            Ok(Some(linked)) => Some(escape_html(&linked.url)),
            Ok(None) => {
                let dest = CowStr::from(url.to_string());
                let dest = local_link(dispatch, dest, at, cx, body);
                (*dest != *url).then(|| escape_html(&dest))
            }
            Err(target) => {
                errors.push(link_error(
                    dispatch,
                    at,
                    url,
                    &target,
                    pulldown_cmark::LinkType::Inline,
                ));
                None
            }
        }
    };
    let mut theme_id_clashes = Vec::new();
    let mut has_ids = false;
    let rewritten = rewrite_html_attributes(&html, names, |name, value, at| {
        let at = start + at.start..start + at.end;
        if name.eq_ignore_ascii_case("id") || name.eq_ignore_ascii_case("name") {
            // (Its own anchors: any link to this page may find one.)
            has_ids = true;
            let id = decode_references(value);
            if name.eq_ignore_ascii_case("id") {
                if cx.theme_ids.contains(id.trim()) {
                    let at = dispatch.body_offset + at.start..dispatch.body_offset + at.end;
                    theme_id_clashes.push((id.trim().to_string(), at));
                }
                raw_ids.push(id.trim().to_string());
            }
            return None;
        }
        if name.eq_ignore_ascii_case("srcset") {
            return rewrite_srcset(value, |url, within| {
                own_url(url, at.start + within.start..at.start + within.end)
            });
        }
        own_url(value, at)
    });
    body.theme_id_clashes.extend(theme_id_clashes);
    body.raw_ids |= has_ids;
    rewritten.map_or(html, CowStr::from)
}

/// What a table is put in (see `render_body`).
const TABLE_BOX: &str = "<div class=\"table-box\" tabindex=\"0\">\n";

/// Renders a dispatch's body. Links to missing dispatches are errors.
pub fn render_body(dispatch: &Dispatch, cx: &MarkdownContext) -> (Body, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut body = Body::default();
    let mut events: Vec<Event> = Vec::new();
    let mut needs_sanitizing = false;
    let mut code: Option<(String, String)> = None;
    let mut in_first_paragraph = None::<bool>;
    // Images open in the text (their alt text is no part of the summary).
    let mut in_image = 0usize;
    // Whether each image open in `events` was kept: one whose address is
    // not safe (`javascript:`) is written as its text.
    let mut images_kept: Vec<bool> = Vec::new();
    let mut headings: Vec<usize> = Vec::new();
    let mut html_block: Option<(String, usize)> = None;
    // The ids the raw HTML sets.
    let mut raw_ids: Vec<String> = Vec::new();
    let mut own_fragments: Vec<(usize, String, Range<usize>)> = Vec::new();

    let mut quotes = Quotes::default();
    // Which events are highlighted code (HTML, as raw HTML is).
    let mut code_blocks: Vec<usize> = Vec::new();
    let mut parsed: Vec<_> = Parser::new_ext(dispatch.body(), options())
        .into_offset_iter()
        .collect();
    if cx.raw_html != RawHtml::Escape && dispatch.body().contains('<') {
        parsed = super::verbatim::as_written(parsed, dispatch.body());
    }
    for (event, range) in parsed {
        let event = quotes.pair(event, &range, dispatch.body());
        // The first paragraph with text is the summary when front-matter
        // gives none (a lead photo's paragraph is passed over).
        match &event {
            Event::Start(Tag::Paragraph) if in_first_paragraph.is_none() => {
                in_first_paragraph = Some(true)
            }
            Event::End(TagEnd::Paragraph) if in_first_paragraph == Some(true) => {
                in_first_paragraph = if body.first_paragraph.trim().is_empty() {
                    body.first_paragraph.clear();
                    None
                } else {
                    Some(false)
                };
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t)
                if in_first_paragraph == Some(true) && in_image == 0 =>
            {
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
                    code_blocks.push(events.len());
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
            // `<desk@example.org>`: its address is written without the
            // `mailto:` that the HTML gets.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => events.push(event),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let resolved = resolve_link(dispatch, &dest_url, cx);
                body.links_dispatches |= !matches!(resolved, Ok(None));
                let at = dispatch.body_offset + range.start..dispatch.body_offset + range.end;
                if let Some(fragment) = dest_url.strip_prefix('#') {
                    // Its own anchors are known once the whole body is read.
                    own_fragments.push((events.len(), fragment.to_string(), at));
                } else if let (Ok(Some(linked)), Some((_, fragment))) =
                    (&resolved, dest_url.split_once('#'))
                {
                    body.fragment_links.push((
                        Some(linked.file.clone()),
                        fragment_id(fragment, cx.transliteration),
                        at,
                    ));
                }
                let dest_url = match resolved {
                    Ok(Some(linked)) => CowStr::from(linked.url),
                    Ok(None) if dest_url.starts_with('#') => dest_url,
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
                let safe = is_safe_url(&dest_url);
                images_kept.push(safe);
                if safe {
                    let dest_url = local_link(dispatch, dest_url, range.clone(), cx, &mut body);
                    events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if images_kept.pop() != Some(false) {
                    events.push(event);
                }
            }
            // A wide table scrolls in its own box, not the whole page on a
            // phone; the box takes the focus, so that a keyboard scrolls it too.
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(CowStr::Borrowed(TABLE_BOX)));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            // An HTML block's lines are read as one: a tag may span them.
            Event::Start(Tag::HtmlBlock) if cx.raw_html != RawHtml::Escape => {
                html_block = Some((String::new(), range.start));
                events.push(Event::Start(Tag::HtmlBlock));
            }
            Event::Html(html) if html_block.is_some() => {
                if let Some((block, _)) = &mut html_block {
                    block.push_str(&html);
                }
            }
            Event::End(TagEnd::HtmlBlock) if html_block.is_some() => {
                let (block, start) = html_block.take().expect("in a block");
                let html = own_urls(
                    block.into(),
                    start,
                    dispatch,
                    cx,
                    &mut body,
                    &mut errors,
                    &mut raw_ids,
                );
                needs_sanitizing |= cx.raw_html == RawHtml::Sanitize;
                events.push(Event::Html(html));
                events.push(Event::End(TagEnd::HtmlBlock));
            }
            Event::Html(html) | Event::InlineHtml(html) => match cx.raw_html {
                RawHtml::Escape => events.push(Event::Text(html)),
                policy => {
                    let html = own_urls(
                        html,
                        range.start,
                        dispatch,
                        cx,
                        &mut body,
                        &mut errors,
                        &mut raw_ids,
                    );
                    needs_sanitizing |= policy == RawHtml::Sanitize;
                    events.push(Event::Html(html));
                }
            },
            other => events.push(other),
        }
    }
    // Before the footnotes become HTML; French spacing as on the page.
    body.text = plain_text(&events, &code_blocks);
    if cx.french
        && let Cow::Owned(text) = french(&body.text, None)
    {
        body.text = text;
    }
    // Every note is written with its id, referenced or not.
    let notes = FootnoteIds::of(&events, cx.theme_ids);
    body.anchors.extend(notes.in_order.iter().cloned());
    if !notes.is_empty() {
        let backlinks = link_footnotes_back(&mut events, &notes, cx.back_to_text);
        body.anchors.extend(backlinks);
    }
    // Headings take no id that the footnotes (known now), the raw HTML or
    // the theme's page have.
    let footnotes = &body.anchors;
    let taken = |id: &str| {
        cx.theme_ids.contains(id)
            || footnotes.iter().any(|f| f == id)
            || raw_ids.iter().any(|r| r == id)
    };
    add_heading_ids(&mut events, &headings, &taken, cx.transliteration);
    for &start in &headings {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[start] {
            body.anchors.push(id.to_string());
        }
    }
    // A link to an anchor of the page itself: as written if the page has
    // it (a footnote, an id of one's own in any script), else the heading id
    // it names (`#розділ-один` → `#rozdil-odyn`).
    for (at_event, fragment, at) in own_fragments {
        let id = if body.anchors.contains(&fragment) {
            fragment
        } else if let Some(note) = notes.id_of(&fragment) {
            note.to_string()
        } else {
            fragment_id(&fragment, cx.transliteration)
        };
        if let Event::Start(Tag::Link { dest_url, .. }) = &mut events[at_event] {
            *dest_url = CowStr::from(format!("#{id}"));
        }
        body.fragment_links.push((None, id, at));
    }
    if cx.french {
        events = french_text(events);
    } else if cx.mentions.is_some() {
        // A name is matched within one text: `Sana'a` with its apostrophe
        // made typographic comes as three.
        events = joined_text(events);
    }
    if let Some(mentions) = cx.mentions {
        (events, body.mentions) = mentions.link(events);
    }
    let mut html = String::with_capacity(dispatch.body().len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    body.html = Html(tera::Value::safe_string(&if needs_sanitizing
        && cx.raw_html == RawHtml::Sanitize
    {
        sanitize(&html, cx.sanitize)
    } else {
        html
    }));
    // White space collapsed, as the page shows it (around raw HTML left out).
    let mut summary = String::with_capacity(body.first_paragraph.len());
    super::html_text::push_collapsed(&body.first_paragraph, &mut summary);
    body.first_paragraph = summary.trim().to_string();
    if cx.french
        && let Cow::Owned(text) = french(&body.first_paragraph, None)
    {
        body.first_paragraph = text;
    }
    (body, errors)
}

/// The text of a line of Markdown as a reader sees it (`**20** civils`,
/// `[AFP](https://…)` → `20 civils`, `AFP`): emphasis, links and raw tags
/// left out, their words kept, white space collapsed. The quotes and dashes
/// are left for the typography that follows.
pub fn inline_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    let options = Options::ENABLE_STRIKETHROUGH;
    if !markdown.contains(['*', '_', '[', '`', '\\', '<', '&', '~']) {
        let mut collapsed = String::with_capacity(markdown.len());
        super::html_text::push_collapsed(markdown, &mut collapsed);
        return collapsed.trim().to_string();
    }
    // A line, not a document: `2020. Les combats` is no list, `# 3` no heading.
    let trimmed = markdown.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let then_space = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let block_marker = trimmed.starts_with('>')
        || trimmed
            .strip_prefix(['-', '+', '*'])
            .is_some_and(then_space)
        || then_space(trimmed.trim_start_matches('#')) && trimmed.starts_with('#')
        || (digits > 0
            && trimmed[digits..]
                .strip_prefix(['.', ')'])
                .is_some_and(then_space));
    let escaped;
    let markdown = if block_marker {
        let at = markdown.len() - trimmed.len() + if digits > 0 { digits } else { 0 };
        escaped = format!("{}\\{}", &markdown[..at], &markdown[at..]);
        escaped.as_str()
    } else {
        markdown
    };
    let mut hidden = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => hidden += 1,
            Event::End(TagEnd::Image) => hidden = hidden.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if hidden == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    let mut collapsed = String::with_capacity(text.len());
    super::html_text::push_collapsed(&text, &mut collapsed);
    collapsed.trim().to_string()
}

/// Pairs the double quotes that smart punctuation makes of straight ones
/// where it cannot tell an opening one from a closing one: between two
/// letters, as Chinese and Japanese write them (`为"联合利剑"的`), both came
/// out opening. Such a quote closes the one left open in its block, or
/// opens one.
#[derive(Default)]
struct Quotes {
    open: bool,
}

impl Quotes {
    fn pair<'e>(&mut self, event: Event<'e>, range: &Range<usize>, source: &str) -> Event<'e> {
        let quote = match &event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) => {
                self.open = false;
                return event;
            }
            Event::End(end) if ends_a_block_of_text(end) => {
                self.open = false;
                return event;
            }
            Event::Text(t) if &**t == "“" || &**t == "”" => t.starts_with('“'),
            // A geresh typed as `'` between two Hebrew letters (ג'ירפה)
            // stays as written, like the `"` of an abbreviation.
            Event::Text(t) if &**t == "’" || &**t == "‘" => {
                let typed = source.get(range.clone()) == Some("'");
                let before = source[..range.start].chars().next_back();
                let after = source[range.end..].chars().next();
                if typed && is_hebrew_letter(before) && is_hebrew_letter(after) {
                    return Event::Text(CowStr::Borrowed("'"));
                }
                return event;
            }
            _ => return event,
        };
        let straight = source.get(range.clone()) == Some("\"");
        let before = source[..range.start].chars().next_back();
        let after = source[range.end..].chars().next();
        let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let between_letters = letter(before) && letter(after);
        // Between two Hebrew letters, a `"` is no quote but the mark of an
        // abbreviation, as Hebrew is typed (צה"ל, ארה"ב, for ״): it stays as
        // written. So does a `"` after a number that no open quote waits
        // for: inches (5'10").
        let abbreviation = is_hebrew_letter(before) && is_hebrew_letter(after);
        let inches = before.is_some_and(|c| c.is_ascii_digit()) && !letter(after) && !self.open;
        if straight && (abbreviation || inches) {
            return Event::Text(CowStr::Borrowed("\""));
        }
        let opens = if straight && between_letters {
            !self.open
        } else {
            quote
        };
        self.open = opens;
        Event::Text(CowStr::Borrowed(if opens { "“" } else { "”" }))
    }
}

/// Whether a tag's end ends a block of text: a line of the search text,
/// and the end of any quote left open.
fn ends_a_block_of_text(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
    )
}

/// The text a reader sees, without markup: runs of text and inline code, a
/// space for a line break and a new line after each block; the text of raw
/// HTML blocks too. Code blocks (already HTML here, at `code_blocks`) are left out.
fn plain_text(events: &[Event], code_blocks: &[usize]) -> String {
    let mut text = String::new();
    for (at, event) in events.iter().enumerate() {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::Html(html) if !code_blocks.contains(&at) => html_text(html, &mut text),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(end) if ends_a_block_of_text(end) && !text.ends_with('\n') => {
                text.push('\n')
            }
            _ => {}
        }
    }
    text.truncate(text.trim_end().len());
    text
}

/// Applies French typography to text, joining the runs the parser split
/// (smart quotes arrive as runs of their own) so rules see both sides of a
/// mark. A lone run the rules leave as it is stays as it came.
fn french_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    join_text_runs(events, |text, before| match french(text, before) {
        Cow::Owned(spaced) => Some(spaced),
        Cow::Borrowed(_) => None,
    })
}

/// The events with each run of texts as one text.
fn joined_text(events: Vec<Event>) -> Vec<Event> {
    join_text_runs(events, |_, _| None)
}

/// The events with each run of texts as one text (empty runs left out),
/// which `change` may give in another form: it is given the run and the last
/// character of the code just before it, if any. A lone text unchanged
/// stays as it came.
fn join_text_runs<'e>(
    events: Vec<Event<'e>>,
    change: impl Fn(&str, Option<char>) -> Option<String>,
) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    // The texts since the last other event: the first as it came, and,
    // when more follow, all of them in `joined` (one buffer for every run).
    let mut first: Option<CowStr> = None;
    let mut joined = String::new();
    let mut before = None;
    let push =
        |out: &mut Vec<Event<'e>>, first: Option<CowStr<'e>>, joined: &mut String, before| {
            let Some(first) = first else { return };
            let text = if joined.is_empty() {
                change(&first, before).map_or(first, CowStr::from)
            } else {
                let text = change(joined, before).unwrap_or_else(|| joined.clone());
                joined.clear();
                CowStr::from(text)
            };
            if !text.is_empty() {
                out.push(Event::Text(text));
            }
        };
    for event in events {
        match event {
            Event::Text(text) => match &first {
                None => first = Some(text),
                Some(first) => {
                    if joined.is_empty() {
                        joined.push_str(first);
                    }
                    joined.push_str(&text);
                }
            },
            other => {
                push(&mut out, first.take(), &mut joined, before);
                before = match &other {
                    Event::Code(code) => code.chars().last(),
                    _ => None,
                };
                out.push(other);
            }
        }
    }
    push(&mut out, first, &mut joined, before);
    out
}

/// Gives every heading without an explicit `{#id}` an id made from its text,
/// unique within the page: none of the `taken` ids either.
fn add_heading_ids(
    events: &mut [Event],
    headings: &[usize],
    taken: &dyn Fn(&str) -> bool,
    transliteration: crate::slug::Transliteration,
) {
    let mut used: std::collections::HashSet<String> = Default::default();
    for &start in headings {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[start] {
            used.insert(id.to_string());
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
            let base = transliteration
                .slugify(&text)
                .unwrap_or_else(|| heading_fallback(*level));
            let mut unique = base.clone();
            let mut n = 0;
            while used.contains(&unique) || taken(&unique) {
                n += 1;
                unique = format!("{base}-{n}");
            }
            used.insert(unique.clone());
            *id = Some(unique.into());
        }
    }
}

fn heading_fallback(level: HeadingLevel) -> String {
    format!("section-{}", level as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tests::dispatch;

    fn render(body: &str, raw_html: RawHtml) -> Result<Body, Vec<Diagnostic>> {
        let mut d = dispatch("a", "2020-10-28");
        d.path = PathBuf::from("/site/content/dispatches/a.md");
        d.source = crate::diagnostic::SourceFile::new("a.md", body);
        let mut permalinks = HashMap::new();
        permalinks.insert(
            PathBuf::from("/site/content/dispatches/2020/b.md"),
            "/repo/2020/10/12/b/".to_string(),
        );
        let (body, errors) = render_body(
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
                theme_ids: &["main"].into_iter().collect(),
                back_to_text: "Back to the text",
                transliteration: Default::default(),
            },
        );
        if errors.is_empty() {
            Ok(body)
        } else {
            Err(errors)
        }
    }

    #[test]
    fn a_summary_written_in_markdown_reads_as_its_text() {
        assert_eq!(
            inline_text("**Bold** claim with [a link](https://e.org/) and `code`, 5*3 \\*x\\*"),
            "Bold claim with a link and code, 5*3 *x*"
        );
        assert_eq!(
            inline_text("# Title\n\n- one\n- two ![alt](x.png)"),
            "# Title one two"
        );
        assert_eq!(inline_text("<b>tag</b> &amp; more"), "tag & more");
        assert_eq!(inline_text("2020. **Les** combats"), "2020. Les combats");
        assert_eq!(inline_text("- **moins** de 20"), "- moins de 20");
        assert_eq!(inline_text("> *cité*"), "> cité");
        assert_eq!(inline_text("*un* et 3"), "un et 3");
    }

    #[test]
    fn links_to_dispatch_files_become_permalinks() {
        let body = render(
            "Voir [la veille](2020/b.md#x) et [ceci](./2020/../2020/b.md), [suivi](2020/b.md?utm=1#x).",
            RawHtml::Sanitize,
        )
        .unwrap();
        assert!(
            body.html.contains("href=\"/repo/2020/10/12/b/?utm=1#x\""),
            "the query kept: {}",
            body.html
        );
        let missing = render("[gone](2020/gone.md?utm=1)", RawHtml::Sanitize).unwrap_err();
        assert!(
            missing[0]
                .message
                .contains("link to a missing dispatch: `2020/gone.md?utm=1`"),
            "{}",
            missing[0].message
        );
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
    fn an_email_autolink_is_no_file_of_the_site() {
        let body = render("Écrire à <desk@example.org>.\n", RawHtml::Sanitize).unwrap();
        assert!(body.local_links.is_empty(), "{:?}", body.local_links);
        assert!(
            body.html
                .contains("<a href=\"mailto:desk@example.org\">desk@example.org</a>"),
            "{}",
            &*body.html
        );
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
    fn a_table_is_put_in_a_box_that_scrolls_even_when_sanitized() {
        // Raw HTML makes the whole body go through the sanitizer.
        let source = "| a | b |\n|---|---|\n| 1 | 2 |\n\n<b>raw</b>\n";
        for policy in [RawHtml::Sanitize, RawHtml::Allow] {
            let html = render(source, policy).unwrap().html.0;
            let html = html.as_str().unwrap();
            assert!(
                html.contains("<div class=\"table-box\" tabindex=\"0\">\n<table>")
                    && html.contains("</table>\n</div>"),
                "{html}"
            );
        }
    }

    #[test]
    fn headings_take_no_id_of_a_footnote_the_theme_or_another_heading() {
        let body = render(
            "## Main\n\n## Background\n\nText[^background].\n\n## A\n\n## A {#a-1}\n\n## A\n\n[^background]: Note.\n",
            RawHtml::Sanitize,
        )
        .unwrap();
        let ids: Vec<&str> = body
            .html
            .split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        // The theme's `main`, the footnote's `background`, an explicit `a-1`.
        assert_eq!(
            ids,
            [
                "main-1",
                "background-1",
                "fnref-background",
                "a",
                "a-1",
                "a-2",
                "background"
            ],
            "{}",
            body.html
        );
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
        // An image at an unsafe address is its text, not an <img> without a src.
        let image = render("Voir ![la carte](javascript:alert(1)).", RawHtml::Sanitize)
            .unwrap()
            .html;
        assert!(
            image.contains("<p>Voir la carte.</p>") && !image.contains("<img"),
            "{image}"
        );
        let escaped = render(source, RawHtml::Escape).unwrap().html;
        assert!(escaped.contains("&lt;script&gt;"), "{escaped}");
        let dated = render(
            "Le <time datetime=\"2024-04-01\">1er avril</time>, <del datetime=\"2024-04-02\">trois</del>.",
            RawHtml::Sanitize,
        )
        .unwrap()
        .html;
        assert!(
            dated.contains("<time datetime=\"2024-04-01\">")
                && dated.contains("<del datetime=\"2024-04-02\">"),
            "{dated}"
        );
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
        // A picture keeps its sources (a <source> without its <picture> is
        // invalid HTML); a video its captions.
        let picture = render(
            "<picture><source srcset=\"/a.webp 1x, /a2.webp 2x\" type=\"image/webp\" media=\"(min-width: 40em)\"><img src=\"/a.jpg\" srcset=\"/a.jpg 1x\" alt=\"a\"></picture>\n\n<video src=\"/v.mp4\" controls><track src=\"/v.vtt\" kind=\"captions\" srclang=\"uk\" label=\"Українська\"></video>\n\n<img src=\"/b.jpg\" srcset=\"javascript:alert(1) 1x\" alt=\"b\">",
            RawHtml::Sanitize,
        )
        .unwrap()
        .html;
        for kept in [
            r#"<picture><source srcset="/repo/a.webp 1x, /repo/a2.webp 2x" type="image/webp" media="(min-width: 40em)">"#,
            r#"srcset="/repo/a.jpg 1x""#,
            r#"<track src="/repo/v.vtt" kind="captions" srclang="uk" label="Українська">"#,
        ] {
            assert!(picture.contains(kept), "{kept}: {picture}");
        }
        assert!(!picture.contains("javascript"), "{picture}");
    }

    #[test]
    fn a_lead_photo_is_passed_over_for_the_summary_but_a_caption_is_not() {
        let lead = "![Fumée sur la vieille ville. Photo : AFP](a.png) ![b](b.png)\n\nLes tirs ont repris.\n";
        assert_eq!(
            render(lead, RawHtml::Sanitize).unwrap().first_paragraph,
            "Les tirs ont repris."
        );
        let captioned = "![Fumée](a.png) La vieille ville.\n\nLes tirs ont repris.\n";
        assert_eq!(
            render(captioned, RawHtml::Sanitize)
                .unwrap()
                .first_paragraph,
            "La vieille ville."
        );
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

    #[test]
    fn the_search_text_has_the_notes_and_raw_html_as_readers_see_them() {
        let body = render(
            "Un texte[^1] ici.\n\n[^1]: La note.\n\n\
             <div class=\"encadre\">\n<p>Texte <b>brut</b> &amp; l&#233;gende&nbsp;: &#x2014;</p>\
             <!-- pas ceci --><script>var pasCeci = 1;</script><p>Suite</p>\n</div>\n\n\
             ```rust\nlet code = 1;\n```\n\nFin &amp; <i>fin</i>.\n",
            RawHtml::Allow,
        )
        .unwrap();
        // (French spacing as on the page: a narrow no-break space before the colon.)
        assert_eq!(
            body.text,
            "Un texte ici.\nLa note.\nTexte brut & légende\u{202f}: —\nSuite\nFin & fin."
        );
    }

    #[test]
    fn straight_quotes_between_letters_are_paired() {
        // (This context is French: paired quotes become guillemets.)
        let html = |text: &str| {
            render(text, RawHtml::Allow)
                .unwrap()
                .html
                .0
                .as_str()
                .unwrap()
                .to_string()
        };
        let cjk = html("解放军举行代号为\"联合利剑\"的军事演习。");
        assert!(cjk.contains("为«\u{202f}联合利剑\u{202f}»的"), "{cjk}");
        let latin = html("a\"b\"c et \"d\"e");
        assert!(
            latin.contains("a«\u{202f}b\u{202f}»c et «\u{202f}d\u{202f}»e"),
            "{latin}"
        );
        // Hebrew's abbreviations, and inches, are no quotes.
        let hebrew = html("דובר צה\"ל אמר: \"אנחנו מוכנים\". ארה\"ב תומכת.");
        assert!(
            hebrew.contains("צה\"ל אמר") && hebrew.contains("ארה\"ב תומכת"),
            "{hebrew}"
        );
        // Nor is a geresh typed as `'`, which search then finds as typed.
        let geresh = html("ג'ירפה בגן, 'ציטוט'");
        assert!(geresh.contains("ג'ירפה בגן, ‘ציטוט’"), "{geresh}");
        assert!(
            hebrew.contains("«\u{202f}אנחנו מוכנים\u{202f}»"),
            "{hebrew}"
        );
        let tall = html("Il mesure 5'10\" de haut.");
        assert!(tall.contains("5’10\" de haut"), "{tall}");
        let inline = html("为\"联合**利剑**行动\"的");
        assert!(
            inline.contains("为«\u{202f}联合<strong>利剑</strong>行动\u{202f}»的"),
            "{inline}"
        );
        let spaced = html("Il a dit \"non\" hier.");
        assert!(spaced.contains("«\u{202f}non\u{202f}»"), "{spaced}");
    }

    #[test]
    fn footnote_labels_match_ignoring_case_and_ids_clash_with_nothing() {
        let text = "Un[^AFP], deux[^main], trois[^dit\"], et [retour](#afp).\n\n\
                    [^afp]: AFP.\n[^main]: Note.\n[^dit\"]: Dit.\n\n## Main\n";
        let body = render(text, RawHtml::Sanitize).unwrap();
        let html = &*body.html;
        for part in [
            // One note, numbered and linked as the first.
            "id=\"fnref-AFP\"><a href=\"#AFP\">1</a>",
            "<div class=\"footnote-definition\" id=\"AFP\"><sup class=\"footnote-definition-label\">1</sup>",
            "<p>AFP. <a href=\"#fnref-AFP\" class=\"footnote-backref\"",
            "<a href=\"#AFP\">retour</a>",
            // The theme's page has `main`: the note is `fn-main`, and the
            // heading takes neither.
            "id=\"fnref-fn-main\"><a href=\"#fn-main\">2</a>",
            "<div class=\"footnote-definition\" id=\"fn-main\">",
            "<h2 id=\"main-1\">",
            // A quote in a label is percent-encoded in the links to it.
            "<a href=\"#dit%22\">3</a>",
            "<a href=\"#fnref-dit%22\" class=\"footnote-backref\"",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(!html.contains("id=\"main\""), "{html}");
        // Folded as the parser folds (ß is ss); a note nobody refers to is
        // written with its id all the same.
        let text = "Une rue[^STRASSE].\n\n[^straße]: La rue.\n\nVoir [la note](#main).\n\n[^main]: Seule.\n";
        let body = render(text, RawHtml::Sanitize).unwrap();
        let html = &*body.html;
        for part in [
            "id=\"fnref-STRASSE\"><a href=\"#STRASSE\">1</a>",
            "<div class=\"footnote-definition\" id=\"STRASSE\"><sup class=\"footnote-definition-label\">1</sup>",
            "<div class=\"footnote-definition\" id=\"fn-main\">",
            "<a href=\"#fn-main\">la note</a>",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(!html.contains("id=\"main\""), "{html}");
        assert_eq!(
            body.anchors[..2],
            ["STRASSE", "fn-main"],
            "in the order met"
        );
    }

    #[test]
    fn footnotes_link_back_to_each_of_their_references() {
        // With raw HTML, so that the sanitizer sees the links too.
        let text =
            "Un[^a], deux[^b], encore[^a] <b>x</b>.\n\n[^a]: Note.\n[^b]: Autre\n\n    fin.\n";
        for raw_html in [RawHtml::Sanitize, RawHtml::Allow] {
            let body = render(text, raw_html).unwrap();
            let html = &*body.html;
            for part in [
                "<sup class=\"footnote-reference\" id=\"fnref-a\"><a href=\"#a\">1</a></sup>",
                "<sup class=\"footnote-reference\" id=\"fnref-b\"><a href=\"#b\">2</a></sup>",
                "<sup class=\"footnote-reference\" id=\"fnref-a-2\"><a href=\"#a\">1</a></sup>",
                "<div class=\"footnote-definition\" id=\"a\"><sup class=\"footnote-definition-label\">1</sup>",
                "<p>Note. <a href=\"#fnref-a\" class=\"footnote-backref\" aria-label=\"Back to the text 1\">",
                "<a href=\"#fnref-a-2\" class=\"footnote-backref\" aria-label=\"Back to the text 2\">",
                "<p>fin. <a href=\"#fnref-b\" class=\"footnote-backref\" aria-label=\"Back to the text\">",
            ] {
                assert!(html.contains(part), "{raw_html:?}: {part} in {html}");
            }
            for id in ["a", "b", "fnref-a", "fnref-a-2", "fnref-b"] {
                assert!(
                    body.anchors.iter().any(|a| a == id),
                    "{id}: {:?}",
                    body.anchors
                );
            }
        }
    }
}
