//! Footnotes as Markdown numbers and matches them, written by us: each note
//! with an id that clashes with nothing on the page, and a way back to each
//! of its references.

use pulldown_cmark::{Event, Tag, TagEnd};
use rustc_hash::FxHashMap;
use unicase::UniCase;

use super::highlight::escape_attr as escape_html;

/// A footnote's label as Markdown matches it, as pulldown-cmark does:
/// Unicode case folded (`[^AFP]` is the note `[^afp]:`, `STRASSE` is
/// `straße`), runs of ASCII white space as one.
fn footnote_key(label: &str) -> UniCase<String> {
    let words: Vec<&str> = label.split_ascii_whitespace().collect();
    UniCase::new(words.join(" "))
}

/// The ids of a body's footnotes, by [`footnote_key`], in the order met:
/// the label as first written, with no space (an id has none); `fn-` before
/// it where the theme's page has that id already (`[^main]` is `fn-main`,
/// not a second `main`), and a number after it where another note has it.
pub(super) struct FootnoteIds {
    ids: std::collections::HashMap<UniCase<String>, String>,
    /// The ids, in the order their notes are first met.
    pub(super) in_order: Vec<String>,
}

impl FootnoteIds {
    pub(super) fn of(events: &[Event], theme_ids: &rustc_hash::FxHashSet<&str>) -> FootnoteIds {
        let mut ids = std::collections::HashMap::new();
        let mut in_order: Vec<String> = Vec::new();
        for event in events {
            let (Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label))) =
                event
            else {
                continue;
            };
            let key = footnote_key(label);
            if ids.contains_key(&key) {
                continue;
            }
            let written = label.split_ascii_whitespace().collect::<Vec<_>>().join("-");
            let base = if theme_ids.contains(written.as_str()) || written.starts_with("fnref-") {
                format!("fn-{written}")
            } else {
                written
            };
            let mut id = base.clone();
            for n in 2.. {
                if !in_order.contains(&id) {
                    break;
                }
                id = format!("{base}-{n}");
            }
            in_order.push(id.clone());
            ids.insert(key, id);
        }
        FootnoteIds { ids, in_order }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.in_order.is_empty()
    }

    /// The id of the note a link's fragment names by its label (`#afp` for
    /// `[^AFP]`), if one does.
    pub(super) fn id_of(&self, label: &str) -> Option<&str> {
        self.ids.get(&footnote_key(label)).map(String::as_str)
    }

    fn id(&self, label: &str) -> &str {
        self.ids
            .get(&footnote_key(label))
            .map_or("", String::as_str)
    }
}

/// A link to an id of the page: `#` and the id, percent-encoded as
/// Markdown's links are (`#say%22`).
fn fragment_href(id: &str) -> String {
    escape_html(&format!(
        "#{}",
        crate::paths::percent_encode(id, &['#', '%'])
    ))
}

/// Footnotes as pulldown-cmark numbers and writes them, with a way back:
/// each reference gets an id (`fnref-LABEL`, then `fnref-LABEL-2`…) and its
/// note a link back to each, labelled `back` for screen readers. Returns the
/// references' ids.
pub(super) fn link_footnotes_back(
    events: &mut [Event],
    footnotes: &FootnoteIds,
    back: &str,
) -> Vec<String> {
    // Numbered by first appearance, of a reference or of its note.
    let mut numbers: FxHashMap<String, usize> = FxHashMap::default();
    let mut references: FxHashMap<String, usize> = FxHashMap::default();
    for event in events.iter() {
        let (Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label))) =
            event
        else {
            continue;
        };
        let next = numbers.len() + 1;
        let id = footnotes.id(label);
        numbers.entry(id.to_string()).or_insert(next);
        if matches!(event, Event::FootnoteReference(_)) {
            *references.entry(id.to_string()).or_default() += 1;
        }
    }
    let reference_id = |id: &str, nth: usize| match nth {
        1 => format!("fnref-{id}"),
        _ => format!("fnref-{id}-{nth}"),
    };
    let mut ids = Vec::new();
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut open: Option<String> = None;
    let back = escape_html(back);
    for at in 0..events.len() {
        let html = match &events[at] {
            Event::FootnoteReference(label) => {
                let id = footnotes.id(label).to_string();
                let nth = seen.entry(id.clone()).or_default();
                *nth += 1;
                let own = reference_id(&id, *nth);
                let html = format!(
                    "<sup class=\"footnote-reference\" id=\"{}\"><a href=\"{}\">{}</a></sup>",
                    escape_html(&own),
                    fragment_href(&id),
                    numbers[&id]
                );
                ids.push(own);
                Event::InlineHtml(html.into())
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = footnotes.id(label).to_string();
                let html = format!(
                    "\n<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{}</sup>",
                    escape_html(&id),
                    numbers[&id]
                );
                open = Some(id);
                Event::Html(html.into())
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let mut links = String::new();
                let id = open.take().unwrap_or_default();
                let count = references.get(&id).copied().unwrap_or(0);
                for nth in 1..=count {
                    let (mark, label) = match count {
                        1 => (String::new(), back.clone()),
                        _ => (format!("<sup>{nth}</sup>"), format!("{back} {nth}")),
                    };
                    links.push_str(&format!(
                        " <a href=\"{}\" class=\"footnote-backref\" aria-label=\"{label}\">↩\u{FE0E}{mark}</a>",
                        fragment_href(&reference_id(&id, nth)),
                    ));
                }
                // At the end of the note's last paragraph, if it ends with one.
                if at > 0 && matches!(events[at - 1], Event::End(TagEnd::Paragraph)) {
                    events[at - 1] = Event::Html(format!("{links}</p>\n").into());
                    links.clear();
                }
                links.push_str("</div>\n");
                Event::Html(links.into())
            }
            _ => continue,
        };
        events[at] = html;
    }
    ids
}
