//! Raw HTML read as a browser reads it: its text, for search, its
//! character references, and the URLs of a `srcset`.

use std::borrow::Cow;
use std::ops::Range;

/// The elements whose content is no text a reader sees.
const HIDDEN: [&str; 4] = ["script", "style", "template", "svg"];

/// The elements that start a line of their own.
const BLOCKS: [&str; 31] = [
    "p",
    "div",
    "br",
    "li",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "figure",
    "figcaption",
    "details",
    "summary",
    "pre",
    "ul",
    "ol",
    "table",
    "hr",
];

/// Appends the text of a piece of HTML as a reader sees it: tags,
/// comments, declarations (`<!DOCTYPE …>`, `<?xml …?>`) and what scripts,
/// styles and drawings hold left out; a new line for each block element;
/// white space collapsed; the common character references decoded.
pub fn html_text(html: &str, text: &mut String) {
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find(['<', '&']) else {
            push_collapsed(rest, text);
            break;
        };
        push_collapsed(&rest[..open], text);
        rest = &rest[open..];
        if let Some(entity) = rest.strip_prefix('&') {
            rest = push_reference(entity, text);
            continue;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        if rest[1..].starts_with(['!', '?']) {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let name: String = rest[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() {
            text.push('<');
            rest = &rest[1..];
            continue;
        }
        let tag_end = rest.find('>');
        let self_closing = tag_end.is_some_and(|end| rest[..end].ends_with('/'));
        let opening = !rest[1..].starts_with('/');
        rest = tag_end.map_or("", |end| &rest[end + 1..]);
        if opening && !self_closing && HIDDEN.contains(&name.as_str()) {
            let close = format!("</{name}");
            let at = rest.to_ascii_lowercase().find(&close);
            rest = at.map_or("", |at| &rest[at..]);
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        }
        if BLOCKS.contains(&name.as_str()) && !text.is_empty() && !text.ends_with('\n') {
            text.truncate(text.trim_end_matches(' ').len());
            text.push('\n');
        }
    }
}

/// HTML's text, its runs of white space read as one space (none at the
/// start of a line).
pub(crate) fn push_collapsed(run: &str, text: &mut String) {
    for (i, word) in run.split(|c: char| c.is_ascii_whitespace()).enumerate() {
        let at_line_start = text.is_empty() || text.ends_with(['\n', ' ']);
        if i > 0 && !at_line_start {
            text.push(' ');
        }
        text.push_str(word);
    }
}

/// Text of HTML with its character references decoded (those
/// [`decode_reference`] knows; others are kept as written).
pub fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = push_reference(&rest[at + 1..], &mut out);
    }
    out.push_str(rest);
    out.into()
}

/// Pushes the character of the reference that `text` (what follows a `&`)
/// starts with, or the `&` itself when no known reference follows; returns
/// what comes after.
fn push_reference<'t>(text: &'t str, out: &mut String) -> &'t str {
    // No reference is longer than this: no need to look further for its `;`.
    let end = text.bytes().take(12).position(|b| b == b';');
    match end.and_then(|end| Some((decode_reference(&text[..end])?, end))) {
        Some((c, end)) => {
            out.push(c);
            &text[end + 1..]
        }
        None => {
            out.push('&');
            text
        }
    }
}

/// A `srcset`'s image candidates (`a.png 1x, a@2x.png 2x`), each URL given
/// to `rewrite` with its byte range in `value`; the new value if `rewrite`
/// changed any URL. A comma inside a URL is part of it, as browsers read it.
pub fn rewrite_srcset(
    value: &str,
    mut rewrite: impl FnMut(&str, Range<usize>) -> Option<String>,
) -> Option<String> {
    let bytes = value.as_bytes();
    let space = |b: u8| b.is_ascii_whitespace();
    let (mut out, mut copied, mut changed, mut at) = (String::new(), 0, false, 0);
    while at < bytes.len() {
        while at < bytes.len() && (space(bytes[at]) || bytes[at] == b',') {
            at += 1;
        }
        let url_start = at;
        while at < bytes.len() && !space(bytes[at]) {
            at += 1;
        }
        let mut url_end = at;
        while url_end > url_start && bytes[url_end - 1] == b',' {
            url_end -= 1;
        }
        if url_end > url_start
            && let Some(new) = rewrite(&value[url_start..url_end], url_start..url_end)
        {
            out.push_str(&value[copied..url_start]);
            out.push_str(&new);
            copied = url_end;
            changed = true;
        }
        if url_end < at {
            continue;
        }
        // Its descriptors, up to the next comma outside parentheses.
        let mut depth = 0i32;
        while at < bytes.len() && !(bytes[at] == b',' && depth <= 0) {
            match bytes[at] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            at += 1;
        }
    }
    changed.then(|| out + &value[copied..])
}

/// A character reference's character (`amp`, `#233`, `#xE9`), if it is one
/// of those that text written in HTML uses.
fn decode_reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        // (`from_str_radix` would take a sign too.)
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let code = u32::from_str_radix(digits, radix).ok()?;
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "ccedil" => 'ç',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut out = String::new();
        html_text(html, &mut out);
        out.trim_end().to_string()
    }

    #[test]
    fn html_shows_its_text_without_what_readers_do_not_see() {
        assert_eq!(
            text("<p><svg class=\"i\"/> Texte</p><p>Suite</p>"),
            "Texte\nSuite"
        );
        assert_eq!(text("<svg><text>non</text></svg><b>oui</b>"), "oui");
        assert_eq!(
            text("<!DOCTYPE html><?xml version=\"1.0\"?><p>Corps</p>"),
            "Corps"
        );
        assert_eq!(text("<pre>let a = 1;</pre>"), "let a = 1;");
        assert_eq!(
            text("a &amp; b &#x41; &#+65; &nosuch; &"),
            "a & b A &#+65; &nosuch; &"
        );
        // Many `&` without `;` are read once each.
        let many = "&".repeat(10_000);
        assert_eq!(text(&many), many);
    }

    #[test]
    fn each_candidate_of_a_srcset_is_rewritten_with_its_descriptors_kept() {
        let mut seen = Vec::new();
        let value = " a.png 1x,b.png  2x , c(1).png 100w, d,,e.png";
        let out = rewrite_srcset(value, |url, at| {
            assert_eq!(&value[at], url);
            seen.push(url.to_string());
            Some(format!("/r/{url}"))
        });
        // (A comma inside a URL is part of it, as browsers read a srcset.)
        assert_eq!(seen, ["a.png", "b.png", "c(1).png", "d,,e.png"]);
        assert_eq!(
            out.as_deref(),
            Some(" /r/a.png 1x,/r/b.png  2x , /r/c(1).png 100w, /r/d,,e.png")
        );
        assert_eq!(rewrite_srcset("a.png 2x", |_, _| None), None);
        assert_eq!(
            decode_references("&#47;a&#x2E;png?a&amp;b&bogus;&"),
            "/a.png?a&b&bogus;&"
        );
    }
}
