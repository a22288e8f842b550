//! What the author's inline HTML holds as written: Markdown reads on inside
//! a `<script>` written in a paragraph (`a*b*c` would become emphasis) and
//! smart punctuation curls a `'` that a script or a `<code>` needs straight.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, TagEnd};

/// The elements whose content HTML reads as text, not markup: kept as the
/// author wrote it, one piece of raw HTML.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// The elements whose punctuation is kept straight (`'`, `"`, `--`, `...`):
/// code and what a program reads or prints.
const STRAIGHT: [&str; 5] = ["code", "kbd", "samp", "pre", "var"];

/// The parsed events of a body, the content of each raw-text element opened
/// and closed in one paragraph (or heading, cell…) by inline HTML made one
/// piece of raw HTML as written, and smart punctuation undone inside inline
/// code elements. An element left open at its block's end is left as parsed.
pub fn as_written<'e>(
    events: Vec<(Event<'e>, Range<usize>)>,
    source: &'e str,
) -> Vec<(Event<'e>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len());
    // The raw-text element open: its name, where its content starts in
    // `out` and in the source.
    let mut raw: Option<(&str, usize, usize)> = None;
    let mut straight = 0usize;
    for (event, range) in events {
        match &event {
            Event::InlineHtml(html) => match raw {
                Some((name, at, start)) if is_tag(html, name, false) => {
                    raw = None;
                    // (Emphasis or a link that opens before the element and
                    // closes in it, or the other way round, stays as parsed.)
                    if let Some(content) =
                        content_as_written(&out[at..], source, start, range.start)
                    {
                        out.truncate(at);
                        out.push((Event::InlineHtml(content), start..range.start));
                    }
                }
                Some(_) => {}
                None => {
                    if let Some(name) = RAW_TEXT.into_iter().find(|n| is_tag(html, n, true)) {
                        raw = Some((name, out.len() + 1, range.end));
                    } else if STRAIGHT.iter().any(|n| is_tag(html, n, true)) {
                        straight += 1;
                    } else if STRAIGHT.iter().any(|n| is_tag(html, n, false)) {
                        straight = straight.saturating_sub(1);
                    }
                }
            },
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => {
                raw = None;
                straight = 0;
            }
            Event::Text(text) if straight > 0 && raw.is_none() && is_curled(text) => {
                let written = &source[range.clone()];
                if written.is_ascii() && written != &**text {
                    out.push((Event::Text(CowStr::Borrowed(written)), range));
                    continue;
                }
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// What an element holds as written, from `start` to `end` in the source,
/// but for what begins its lines in a block quote or a list item (`> `, the
/// item's indent): each line after the first starts at its first event. None
/// when the events between open something they do not close, or close what
/// opened before.
fn content_as_written<'e>(
    between: &[(Event<'e>, Range<usize>)],
    source: &'e str,
    start: usize,
    end: usize,
) -> Option<CowStr<'e>> {
    let mut depth = 0usize;
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut cursor = Some(start);
    for (event, range) in between {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.checked_sub(1)?,
            _ => {}
        }
        if cursor.is_none() {
            cursor = Some(range.start);
        }
        if let Event::SoftBreak | Event::HardBreak = event {
            pieces.push(cursor.take()?..range.end);
        }
    }
    if depth > 0 {
        return None;
    }
    pieces.push(cursor.unwrap_or(end)..end);
    Some(match pieces.as_slice() {
        [one] => CowStr::Borrowed(&source[one.clone()]),
        _ => CowStr::from(
            pieces
                .iter()
                .map(|r| &source[r.clone()])
                .collect::<String>(),
        ),
    })
}

/// Whether a piece of inline HTML is an opening (not self-closing) or a
/// closing tag of the element `name`, in any case.
fn is_tag(html: &str, name: &str, opening: bool) -> bool {
    let Some(rest) = html.strip_prefix('<') else {
        return false;
    };
    let rest = match (opening, rest.strip_prefix('/')) {
        (true, None) => rest,
        (false, Some(rest)) => rest,
        _ => return false,
    };
    let Some(after) = rest.get(name.len()..) else {
        return false;
    };
    rest[..name.len()].eq_ignore_ascii_case(name)
        && after.starts_with(|c: char| c == '>' || c.is_ascii_whitespace() || c == '/')
        && !(opening && after.trim_end().ends_with("/>"))
}

/// Whether a text is what smart punctuation makes of straight punctuation.
fn is_curled(text: &str) -> bool {
    matches!(text, "‘" | "’" | "“" | "”" | "–" | "—" | "…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        let options = pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION;
        let parsed = pulldown_cmark::Parser::new_ext(markdown, options)
            .into_offset_iter()
            .collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            as_written(parsed, markdown).into_iter().map(|(e, _)| e),
        );
        out
    }

    #[test]
    fn a_script_in_a_paragraph_is_kept_as_written() {
        assert_eq!(
            html("Count: <script>n('x') = \"a*b*c\" -- 1...</script> done 'ok'.\n"),
            "<p>Count: <script>n('x') = \"a*b*c\" -- 1...</script> done ‘ok’.</p>\n"
        );
        assert_eq!(
            html("A <STYLE media=\"print\">p{content:'a'}</STYLE>\n"),
            "<p>A <STYLE media=\"print\">p{content:'a'}</STYLE></p>\n"
        );
    }

    #[test]
    fn inline_code_elements_keep_their_punctuation_straight() {
        assert_eq!(
            html("Run <code>grep --count 'x'</code>, then 'y' -- done.\n"),
            "<p>Run <code>grep --count 'x'</code>, then ‘y’ – done.</p>\n"
        );
        assert_eq!(
            html("<kbd>*Ctrl*</kbd> and <code class=\"a\">&amp; \"q\"</code>\n"),
            "<p><kbd><em>Ctrl</em></kbd> and <code class=\"a\">&amp; \"q\"</code></p>\n"
        );
    }

    #[test]
    fn emphasis_or_a_link_across_the_element_s_tags_is_left_as_parsed() {
        assert_eq!(
            html("Un *a <script>b* c</script> d.\n"),
            "<p>Un <em>a <script>b</em> c</script> d.</p>\n"
        );
        assert!(html("[lien <title>b](https://e.org/) c</title> d.\n").contains("</a>"));
    }

    #[test]
    fn a_quote_s_or_a_list_s_line_starts_are_no_part_of_the_content() {
        assert_eq!(
            html("> Quote <script>var a = 1;\n> var b = 'x';</script>\n"),
            "<blockquote>\n<p>Quote <script>var a = 1;\nvar b = 'x';</script></p>\n</blockquote>\n"
        );
        assert_eq!(
            html("- <textarea>it's\n  here</textarea>\n"),
            "<ul>\n<li><textarea>it's\nhere</textarea>\n</li>\n</ul>\n"
        );
    }

    #[test]
    fn an_element_left_open_in_its_paragraph_is_left_as_parsed() {
        assert_eq!(
            html("A <script>'x'\n\nB 'y' </script>\n"),
            "<p>A <script>‘x’</p>\n<p>B ‘y’ </script></p>\n"
        );
        assert_eq!(
            html("<code>'a'</code>\n\n'b'\n"),
            "<p><code>'a'</code></p>\n<p>‘b’</p>\n"
        );
        assert!(!is_tag("<br/>", "br", false) && !is_tag("<title/>", "title", true));
    }
}
