//! French typography: a narrow no-break space before `; : ! ?` and inside « »,
//! and curly quotes (from Markdown's smart punctuation) as guillemets.

use std::borrow::Cow;

/// U+202F NARROW NO-BREAK SPACE.
pub const NNBSP: char = '\u{202f}';

/// Applies French spacing rules to plain text. `before` is the character that
/// precedes the text (the end of the previous Markdown text run), if any.
/// A text with nothing the rules change (most of a dispatch's runs) is
/// given back as it is.
pub fn french(text: &str, before: Option<char>) -> Cow<'_, str> {
    if next_mark(text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev = before;
    let mut rest = text;
    loop {
        // Copy the run up to the next character that may need a space.
        let at = next_mark(rest.as_bytes()).unwrap_or(rest.len());
        let run = &rest[..at];
        out.push_str(run);
        prev = run.chars().next_back().or(prev);
        rest = &rest[at..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        let c = match c {
            '“' => '«',
            '”' => '»',
            c => c,
        };
        let next = rest.chars().next();
        match c {
            ';' | ':' | '!' | '?' | '»' => {
                let ends_clause = c == '»'
                    || next.is_none_or(|n| {
                        n.is_whitespace() || matches!(n, '»' | '"' | '!' | '?' | ')' | '<')
                    });
                if out.ends_with([' ', '\u{a0}']) && ends_clause {
                    out.pop();
                    out.push(NNBSP);
                } else if ends_clause
                    && prev.is_some_and(|p| {
                        p.is_alphanumeric() || matches!(p, '"' | ')' | '’' | '.' | '…')
                    })
                    && !out.ends_with(NNBSP)
                {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                match next {
                    Some(n @ (' ' | '\u{a0}')) => {
                        out.push(NNBSP);
                        rest = &rest[n.len_utf8()..];
                    }
                    Some(n) if n != NNBSP => out.push(NNBSP),
                    _ => {}
                }
            }
            _ => out.push(c),
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// Where the first character the rules look at starts: `; : ! ?`, « » (C2 AB,
/// C2 BB) or “ ” (E2 80 9C, E2 80 9D). The other characters led by C2 or E2
/// (the no-break space, ’, …) are passed over.
fn next_mark(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = bytes[from..]
        .iter()
        .position(|&b| MAY_START[usize::from(b)])
    {
        let at = from + found;
        let is_mark = match bytes[at] {
            0xC2 => matches!(bytes.get(at + 1), Some(0xAB | 0xBB)),
            0xE2 => {
                bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0x9C | 0x9D))
            }
            _ => true,
        };
        if is_mark {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The bytes that may start a character [`next_mark`] looks for.
static MAY_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = matches!(i as u8, b';' | b':' | b'!' | b'?' | 0xC2 | 0xE2);
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_gets_a_narrow_no_break_space() {
        assert_eq!(
            french("Karabakh : la trêve", None),
            "Karabakh\u{202f}: la trêve"
        );
        assert_eq!(french("Vraiment?", None), "Vraiment\u{202f}?");
        assert_eq!(french("Non !!", None), "Non\u{202f}!!");
        assert_eq!(french("« Bonjour »", None), "«\u{202f}Bonjour\u{202f}»");
        assert_eq!(french("«Bonjour»", None), "«\u{202f}Bonjour\u{202f}»");
        assert_eq!(
            french("des accusations “fausses”.", None),
            "des accusations «\u{202f}fausses\u{202f}»."
        );
    }

    #[test]
    fn times_urls_and_queries_are_left_alone() {
        for text in [
            "à 23:30 locales",
            "https://example.org/a",
            "/search/?q=x",
            "12h05",
            "a;b",
        ] {
            assert_eq!(french(text, None), text);
        }
    }

    #[test]
    fn a_text_with_nothing_to_space_is_given_back_as_it_is() {
        // ’, the no-break space and — are led by the bytes of « » “ ” too.
        for text in ["l’armée a tenu", "d’autre\u{a0}part — 12\u{202f}000", ""] {
            assert!(matches!(french(text, None), Cow::Borrowed(t) if t == text));
        }
        assert_eq!(
            french("l’« accord » d’hier ?", None),
            "l’«\u{202f}accord\u{202f}» d’hier\u{202f}?"
        );
    }

    #[test]
    fn a_mark_at_the_start_of_a_run_uses_the_previous_run() {
        assert_eq!(french("?", Some('i')), "\u{202f}?");
        assert_eq!(french("?", Some(' ')), "?");
    }
}
