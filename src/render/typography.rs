//! French typography: a narrow no-break space before `; : ! ?` and inside « »,
//! and curly quotes (from Markdown's smart punctuation) as guillemets.

/// U+202F NARROW NO-BREAK SPACE.
pub const NNBSP: char = '\u{202f}';

/// Applies French spacing rules to plain text. `before` is the character that
/// precedes the text (the end of the previous Markdown text run), if any.
pub fn french(text: &str, before: Option<char>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev = before;
    let mut i = 0;
    while i < chars.len() {
        let c = match chars[i] {
            '“' => '«',
            '”' => '»',
            c => c,
        };
        let next = chars.get(i + 1).copied();
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
                if next.is_some_and(|n| n == ' ' || n == '\u{a0}') {
                    out.push(NNBSP);
                    i += 1;
                } else if next.is_some_and(|n| n != NNBSP) {
                    out.push(NNBSP);
                }
            }
            _ => out.push(c),
        }
        prev = Some(c);
        i += 1;
    }
    out
}

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
    fn a_mark_at_the_start_of_a_run_uses_the_previous_run() {
        assert_eq!(french("?", Some('i')), "\u{202f}?");
        assert_eq!(french("?", Some(' ')), "?");
    }
}
