//! Typography: the smart punctuation of plain text (a title, a name) as
//! Markdown gives a body's, and French spacing: a narrow no-break space
//! before `; : ! ?` and inside « », and curly quotes as guillemets.

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

/// Plain text with the smart punctuation Markdown gives a body: straight
/// quotes curled (`"a"` → “a”, `l'armée` → l’armée), `--` and `---` as
/// dashes, `...` as an ellipsis. As in a body, a `"` or `'` between two
/// Hebrew letters (צה"ל) and a `"` after a number no quote is open for
/// (5'10") stay.
pub fn smart(text: &str) -> Cow<'_, str> {
    if !has_smart(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut double_open = false;
    // Single quotes that may open, by where they are in `out`: a closing
    // one makes the nearest of them ‘, and the others stay ’.
    let mut openers: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + 1).copied();
        let run = || chars[i..].iter().take_while(|&&d| d == c).count();
        match c {
            '-' if after == Some('-') => {
                let run = run();
                let (ems, ens) = dashes(run);
                out.extend(std::iter::repeat_n('—', ems).chain(std::iter::repeat_n('–', ens)));
                i += run;
                continue;
            }
            '.' if after == Some('.') && run() >= 3 => {
                let run = run();
                out.extend(std::iter::repeat_n('…', run / 3));
                out.extend(std::iter::repeat_n('.', run % 3));
                i += run;
                continue;
            }
            '"' => {
                let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                let inches =
                    before.is_some_and(|c| c.is_ascii_digit()) && !letter(after) && !double_open;
                if (is_hebrew_letter(before) && is_hebrew_letter(after)) || inches {
                    out.push('"');
                } else {
                    let quote = match (left_flanking(before, after), right_flanking(before, after))
                    {
                        (true, true) => Some(!double_open),
                        (true, false) => Some(true),
                        (false, true) => Some(false),
                        // Between two spaces it opens nothing, and is
                        // written as an opening one, as Markdown writes it.
                        (false, false) => None,
                    };
                    double_open = quote.unwrap_or(double_open);
                    out.push(if quote.unwrap_or(true) { '“' } else { '”' });
                }
            }
            '\'' if is_hebrew_letter(before) && is_hebrew_letter(after) => out.push('\''),
            '\'' => {
                // As CommonMark's rules for `'`: between two letters it is
                // an apostrophe, neither opening nor closing.
                let (left, right) = (left_flanking(before, after), right_flanking(before, after));
                let punctuation = |c: Option<char>| c.is_some_and(is_punctuation);
                let can_open = left && (!right || punctuation(before));
                let can_close = right && (!left || punctuation(after));
                if let Some(opener) = can_close.then(|| openers.pop()).flatten() {
                    out[opener] = '‘';
                } else if can_open {
                    openers.push(out.len());
                }
                out.push('’');
            }
            c => out.push(c),
        }
        i += 1;
    }
    Cow::Owned(out.into_iter().collect())
}

/// Whether a character is a Hebrew letter (U+05D0 to U+05EA), between two
/// of which `"` and `'` write an abbreviation or a sound (צה"ל, ג'ירפה).
pub fn is_hebrew_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| ('\u{5D0}'..='\u{5EA}').contains(&c))
}

/// Whether a text has anything [`smart`] changes: a quote, or a run of
/// hyphens or of dots.
fn has_smart(text: &str) -> bool {
    text.contains(['"', '\'']) || text.contains("--") || text.contains("...")
}

/// How a run of hyphens is written, as CommonMark's smart punctuation does:
/// em dashes when three divide it, else en dashes when two do, else as many
/// em dashes as leave an even rest, in en dashes.
fn dashes(run: usize) -> (usize, usize) {
    if run.is_multiple_of(3) {
        (run / 3, 0)
    } else if run.is_multiple_of(2) {
        (0, run / 2)
    } else if run % 3 == 2 {
        (run / 3, 1)
    } else {
        ((run - 4) / 3, 2)
    }
}

/// Whether a quote between `before` and `after` may open: something
/// follows it that is no space, and a punctuation mark after it comes after
/// a space or a punctuation mark.
fn left_flanking(before: Option<char>, after: Option<char>) -> bool {
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punctuation = |c: Option<char>| c.is_some_and(is_punctuation);
    !spaced(after) && (!punctuation(after) || spaced(before) || punctuation(before))
}

/// Whether a quote between `before` and `after` may close (the mirror of
/// [`left_flanking`]).
fn right_flanking(before: Option<char>, after: Option<char>) -> bool {
    left_flanking(after, before)
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
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
    #[test]
    fn plain_text_gets_the_smart_punctuation_of_a_body() {
        assert_eq!(smart("de part et d'autre"), "de part et d’autre");
        assert_eq!(
            smart(r#"Le "cessez-le-feu" rompu"#),
            "Le “cessez-le-feu” rompu"
        );
        assert_eq!(smart(r#"l'armée dit "non"."#), "l’armée dit “non”.");
        assert_eq!(smart("un 'mot' cité"), "un ‘mot’ cité");
        assert_eq!(smart("les années '90"), "les années ’90");
        assert_eq!(smart("'Tis the 'season'"), "’Tis the ‘season’");
        assert_eq!(smart("O'Brien's 'x'"), "O’Brien’s ‘x’");
        assert_eq!(smart("Kyiv -- Kharkiv --- fin..."), "Kyiv – Kharkiv — fin…");
        assert_eq!(smart(r#"为"联合利剑"的"#), "为“联合利剑”的");
        assert_eq!(smart(r#"a " b"#), "a “ b");
        // As written: a Hebrew abbreviation, inches, a lone hyphen.
        assert_eq!(smart(r#"צה"ל"#), r#"צה"ל"#);
        assert_eq!(smart("ג'ירפה"), "ג'ירפה");
        assert_eq!(smart(r#"a 5'10" man"#), "a 5’10\" man");
        for text in ["Cessez-le-feu - la suite", "Kherson", "1.5 km", ""] {
            assert!(matches!(smart(text), Cow::Borrowed(t) if t == text));
        }
        assert_eq!(
            french(&smart(r#"Le "cessez-le-feu" : pourquoi ?"#), None),
            "Le «\u{202f}cessez-le-feu\u{202f}»\u{202f}: pourquoi\u{202f}?"
        );
    }
}
