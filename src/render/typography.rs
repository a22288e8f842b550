//! French typography: a narrow no-break space before `; : ! ?` and inside « »,
//! and curly quotes (from Markdown's smart punctuation) as guillemets.

/// U+202F NARROW NO-BREAK SPACE.
pub const NNBSP: char = '\u{202f}';

/// Applies French spacing rules to plain text. `before` is the character that
/// precedes the text (the end of the previous Markdown text run), if any.
pub fn french(text: &str, before: Option<char>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev = before;
    let mut rest = text;
    loop {
        // Copy the run up to the next character that may need a space (the
        // only bytes that can start one: ; : ! ? and the lead bytes of « » “ ”).
        let at = rest
            .bytes()
            .position(|b| matches!(b, b';' | b':' | b'!' | b'?' | 0xC2 | 0xE2))
            .unwrap_or(rest.len());
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
