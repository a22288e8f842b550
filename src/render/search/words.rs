//! How search reads text: words, their folded forms, their stems and the
//! pieces an unspaced script is indexed by. `static/search.js` mirrors this
//! file, and a test runs both on the same words.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::render::mentions::is_unspaced;

/// The stemmers search knows, by language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stemmer {
    French,
    English,
    None,
}

impl Stemmer {
    pub fn for_language(language: &str) -> Stemmer {
        let primary = crate::config::primary_subtag(language);
        if primary.eq_ignore_ascii_case("fr") {
            Stemmer::French
        } else if primary.eq_ignore_ascii_case("en") {
            Stemmer::English
        } else {
            Stemmer::None
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Stemmer::French => "fr",
            Stemmer::English => "en",
            Stemmer::None => "",
        }
    }

    /// Words too common to search for, folded.
    pub(super) fn stop_words(self) -> &'static [&'static str] {
        match self {
            Stemmer::French => &[
                "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du",
                "elle", "elles", "en", "est", "et", "il", "ils", "la", "le", "les", "leur",
                "leurs", "lui", "mais", "ne", "nous", "on", "ont", "ou", "par", "pas", "pour",
                "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une", "vous",
                "ete", "etre",
            ],
            Stemmer::English => &[
                "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "in",
                "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were",
                "with",
            ],
            Stemmer::None => &[],
        }
    }
}

/// A word as search compares it: decomposed with its compatibility forms
/// (full-width `ＮＡＴＯ`, `ﬁ`), lowercased, without marks, with the ligatures
/// spelled out and the Latin letters that carry their mark in themselves
/// written without it, as slugs write them. "Trêve" → "treve", "Œuvre" →
/// "oeuvre", "Łódź" → "lodz", "Đà Nẵng" → "da nang", "Gəncə" → "gence".
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd().flat_map(char::to_lowercase) {
        match c {
            c if is_combining_mark(c) => {}
            // Only a Hebrew word holds these (see `is_hebrew_joiner`).
            '"' | '\'' | '\u{5F3}' | '\u{5F4}' => {}
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'þ' => out.push_str("th"),
            'ς' => out.push('σ'),
            c => out.push(match c {
                'ł' => 'l',
                'ø' => 'o',
                'đ' | 'ð' => 'd',
                'ı' => 'i',
                'ħ' => 'h',
                'ŧ' => 't',
                'ə' => 'e',
                c => c,
            }),
        }
    }
    out
}

/// The words of a text: runs of letters, digits and marks. An apostrophe or a
/// hyphen separates words ("l’Arménie" → "l", "Arménie").
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]. It walks bytes: ASCII is classified from the
/// byte, and only other characters are decoded.
pub struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        let start = loop {
            let Some(&b) = bytes.get(i) else {
                self.at = i;
                return None;
            };
            match BYTE_CLASS[usize::from(b)] {
                IN_WORD => break i,
                BETWEEN => i += 1,
                _ => match in_word_char(self.text, i) {
                    (true, _) => break i,
                    (false, len) => i += len,
                },
            }
        };
        while let Some(&b) = bytes.get(i) {
            match BYTE_CLASS[usize::from(b)] {
                IN_WORD => i += 1,
                BETWEEN if !hebrew_letter_before(bytes, i) => break,
                _ => match in_word_char(self.text, i) {
                    (true, len) => i += len,
                    (false, len) if hebrew_letter_before(bytes, i) => {
                        if !is_hebrew_joiner(&self.text[i..i + len])
                            || !hebrew_letter_at(bytes, i + len)
                        {
                            break;
                        }
                        i += len;
                    }
                    (false, _) => break,
                },
            }
        }
        self.at = i;
        Some(&self.text[start..i])
    }
}

/// Whether a Hebrew letter (U+05D0 to U+05EA: D7 90 to D7 AA) ends just
/// before byte `at`, or starts at it.
fn hebrew_letter_before(bytes: &[u8], at: usize) -> bool {
    at >= 2 && hebrew_letter_at(bytes, at - 2)
}

fn hebrew_letter_at(bytes: &[u8], at: usize) -> bool {
    bytes.get(at) == Some(&0xD7) && bytes.get(at + 1).is_some_and(|b| (0x90..=0xAA).contains(b))
}

/// The marks that write a Hebrew acronym or a foreign sound inside a word
/// (gershayim in צה״ל, geresh in ג׳ירפה), and the quotes typed for them
/// (צה"ל). Between two Hebrew letters they are part of the word, which
/// [`fold`] then writes without them: צה״ל, צה"ל and צהל are one word.
fn is_hebrew_joiner(c: &str) -> bool {
    matches!(c, "\"" | "'" | "\u{5F3}" | "\u{5F4}")
}

/// What a byte says of the character it starts: an ASCII letter or digit
/// ([`IN_WORD`]), other ASCII ([`BETWEEN`]), or a character to decode.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [DECODE; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            IN_WORD
        } else {
            BETWEEN
        };
        b += 1;
    }
    table
};
const IN_WORD: u8 = 0;
const BETWEEN: u8 = 1;
const DECODE: u8 = 2;

/// Whether the character that starts at byte `at` (not ASCII) belongs to a
/// word (a letter, digit or mark), and its length in bytes.
fn in_word_char(text: &str, at: usize) -> (bool, usize) {
    // Latin-1's and Latin Extended's letters (U+00C0 to U+024F, two bytes
    // led by C3 to C9), most of a European text's other characters, from
    // their bytes: all are letters but × (C3 97) and ÷ (C3 B7).
    let bytes = text.as_bytes();
    match bytes[at] {
        0xC3..=0xC9 => {
            let times_or_divide = bytes[at] == 0xC3 && matches!(bytes[at + 1], 0x97 | 0xB7);
            return (!times_or_divide, 2);
        }
        // What separates words in a French text, from their bytes too: the
        // no-break space and « » (C2 A0, AB, BB), and the first half of
        // General Punctuation (E2 80: U+2000 to U+203F, spaces, dashes,
        // quotes, ’, …), where nothing is a letter, a digit or a mark.
        0xC2 if matches!(bytes[at + 1], 0xA0 | 0xAB | 0xBB) => return (false, 2),
        0xE2 if bytes[at + 1] == 0x80 => return (false, 3),
        _ => {}
    }
    let c = text[at..].chars().next().expect("a character starts here");
    (c.is_alphanumeric() || is_combining_mark(c), c.len_utf8())
}

/// The pieces of a word that search indexes, each given to `each`: the
/// word itself, unless it holds characters of a script written without
/// spaces between words (Chinese, Japanese, Thai…). Then each run of those
/// gives its pairs of neighbouring characters (`金门附近` → `金门`, `门附`,
/// `附近`; a lone one gives itself), as no dictionary says where its words
/// end, and a query's pairs must all be found; the rest of the word gives
/// its runs as they are. A character's marks go with it.
///
/// The index (`indexing`) also holds each run's last character alone, so
/// that a lone character of a query, which looks for itself and for the
/// pairs it starts, finds it at the end of a run too (`京` in `东京。`).
#[inline]
pub fn pieces<'w>(word: &'w str, indexing: bool, mut each: impl FnMut(&'w str)) {
    // Those scripts start at U+0E00: only a character of three bytes or
    // more (led by E0 or above) can be one.
    if !word.bytes().any(|b| b >= 0xE0) || !word.chars().any(is_unspaced) {
        return each(word);
    }
    unspaced_pieces(word, indexing, each)
}

#[cold]
fn unspaced_pieces<'w>(word: &'w str, indexing: bool, mut each: impl FnMut(&'w str)) {
    // Each character with its marks: (start, end, unspaced).
    let mut units: Vec<(usize, usize, bool)> = Vec::new();
    for (at, c) in word.char_indices() {
        let end = at + c.len_utf8();
        match units.last_mut() {
            Some(unit) if is_combining_mark(c) => unit.1 = end,
            _ => units.push((at, end, is_unspaced(c))),
        }
    }
    let mut i = 0;
    while i < units.len() {
        let unspaced = units[i].2;
        let run = i + units[i..].iter().take_while(|u| u.2 == unspaced).count();
        if !unspaced {
            each(&word[units[i].0..units[run - 1].1]);
        } else if run - i == 1 {
            each(&word[units[i].0..units[i].1]);
        } else {
            for pair in units[i..run].windows(2) {
                each(&word[pair[0].0..pair[1].1]);
            }
            if indexing {
                each(&word[units[run - 1].0..units[run - 1].1]);
            }
        }
        i = run;
    }
}

/// A folded word's stem: plurals, feminines and the commonest verb endings
/// taken off, lightly ("bombardements" → "bombardement", "trêves" → "trev").
pub fn stem(word: &str, stemmer: Stemmer) -> String {
    let mut w: Vec<char> = word.chars().collect();
    // Suffixes are ASCII: one char per byte.
    let ends = |w: &[char], s: &str| {
        w.len() >= s.len() && w[w.len() - s.len()..].iter().copied().eq(s.chars())
    };
    match stemmer {
        Stemmer::French => {
            if w.len() > 3 && ends(&w, "s") && !ends(&w, "ss") {
                w.pop();
            } else if w.len() > 4 && ends(&w, "aux") {
                w.truncate(w.len() - 2);
                w.push('l');
            } else if w.len() > 3 && ends(&w, "x") {
                w.pop();
            }
            if w.len() > 4 && ends(&w, "er") {
                w.pop();
            }
            for _ in 0..2 {
                if w.len() > 4 && ends(&w, "e") {
                    w.pop();
                }
            }
            let n = w.len();
            if n > 4 && w[n - 1] == w[n - 2] && w[n - 1].is_alphabetic() {
                w.pop();
            }
        }
        Stemmer::English => {
            if w.len() > 4 && ends(&w, "ies") && !ends(&w, "eies") && !ends(&w, "aies") {
                w.truncate(w.len() - 3);
                w.push('y');
            } else if w.len() > 3 && ends(&w, "s") && !ends(&w, "us") && !ends(&w, "ss") {
                w.pop();
            }
        }
        Stemmer::None => {}
    }
    w.into_iter().collect()
}

/// The term a word gives, if any: folded, neither a stop word nor a single
/// letter, stemmed.
pub fn term(word: &str, stemmer: Stemmer) -> Option<String> {
    let folded = fold(word);
    // (A lone Chinese character is a word.)
    let long_enough = folded.chars().nth(1).is_some() || folded.chars().any(is_unspaced);
    let counts = long_enough && !stemmer.stop_words().contains(&&*folded);
    counts.then(|| stem(&folded, stemmer))
}

/// The terms of a text, as a query looks them up (the index also holds
/// each unspaced run's last character: see [`pieces`]).
pub fn terms(text: &str, stemmer: Stemmer) -> impl Iterator<Item = String> + '_ {
    let mut all = Vec::new();
    for word in words(text) {
        pieces(word, false, |piece| all.extend(term(piece, stemmer)));
    }
    all.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        terms(text, Stemmer::French).collect()
    }

    #[test]
    fn folding_ignores_case_accents_and_ligatures() {
        assert_eq!(fold("Trêve"), "treve");
        assert_eq!(fold("CHOUCHI"), "chouchi");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("Şuşa"), "susa");
        // Decomposed input folds like composed input.
        assert_eq!(fold("tre\u{0302}ve"), fold("trêve"));
        // Other scripts are lowercased and kept.
        assert_eq!(fold("Шуша"), "шуша");
        assert_eq!(fold("ՇՈՒՇԻ"), "շուշի");
        assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
        // Letters whose mark is part of them, as slugs write them.
        for (word, folded) in [
            ("Łódź", "lodz"),
            ("Tromsø", "tromso"),
            ("Đà", "da"),
            ("Nẵng", "nang"),
            ("Ħamrun", "hamrun"),
            ("ıslık", "islik"),
            ("ISLIK", "islik"),
            ("Gəncə", "gence"),
            ("Þingvellir", "thingvellir"),
        ] {
            assert_eq!(fold(word), folded, "{word}");
            assert_eq!(crate::slug::slugify(word).unwrap(), folded, "{word}");
        }
        // Compatibility forms: full-width letters and digits, ligatures.
        assert_eq!(fold("ＮＡＴＯ"), "nato");
        assert_eq!(fold("２０２２"), "2022");
        assert_eq!(fold("ﬁnal"), "final");
    }

    #[test]
    fn words_are_what_a_split_on_characters_finds() {
        // The character-by-character definition that `words` walks bytes for.
        // A Hebrew joiner (״ ׳ " ') between two Hebrew letters is inside the word.
        fn by_chars(text: &str) -> Vec<&str> {
            let hebrew = |c: Option<char>| c.is_some_and(|c| ('\u{5D0}'..='\u{5EA}').contains(&c));
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut found = Vec::new();
            let mut start = None;
            for (n, &(at, c)) in chars.iter().enumerate() {
                let joins = matches!(c, '"' | '\'' | '\u{5F3}' | '\u{5F4}')
                    && hebrew(n.checked_sub(1).map(|p| chars[p].1))
                    && hebrew(chars.get(n + 1).map(|&(_, c)| c))
                    && start.is_some();
                if c.is_alphanumeric() || is_combining_mark(c) || joins {
                    start.get_or_insert(at);
                } else if let Some(from) = start.take() {
                    found.push(&text[from..at]);
                }
            }
            found.extend(start.map(|from| &text[from..]));
            found
        }
        let texts = [
            "",
            "   ",
            "a",
            "×÷ Ā ȏ ɐ ß œuvre Œ ÿ",
            "l’Arménie, Haut-Karabakh\u{202F}: 12 obus ; «\u{A0}trêve\u{A0}»",
            "Шуши Ստեփանակերտ Şuşa 舒沙 ٣٤ x\u{0301}y",
            "fin\u{00AD}de\u{200B}mot…",
            "tab\tnew\nline_under-score",
            "דובר צה״ל, צה\"ל ו-ג'ירפה: \"שלום\" רח׳ 5 a\"b א\"\"ב '\"א ב'",
        ];
        for text in texts {
            assert_eq!(words(text).collect::<Vec<_>>(), by_chars(text), "{text:?}");
        }
        // Every character from U+0000 to U+2FFF, one at a time between letters.
        for c in (0..0x3000).filter_map(char::from_u32) {
            for text in [format!("a{c}b {c}"), format!("א{c}ב {c}ש")] {
                assert_eq!(words(&text).collect::<Vec<_>>(), by_chars(&text), "{c:?}");
            }
        }
    }

    #[test]
    fn unspaced_scripts_are_indexed_by_pairs_of_characters() {
        let terms = |text: &str| super::terms(text, Stemmer::None).collect::<Vec<_>>();
        assert_eq!(terms("金门附近"), ["金门", "门附", "附近"]);
        assert_eq!(terms("国"), ["国"]);
        // Other scripts in the same run keep their words (a lone digit is none).
        assert_eq!(terms("2024年3月"), ["2024", "年", "月"]);
        // (Kana lose their voicing marks as letters lose accents: で is read て.)
        assert_eq!(
            terms("東京で日米会談"),
            ["東京", "京て", "て日", "日米", "米会", "会談"]
        );
        assert_eq!(terms("ロケットLaunch"), ["ロケ", "ケッ", "ット", "launch"]);
        // A Thai vowel sign goes with its consonant (and, a mark, is folded away).
        assert_eq!(terms("ไทย"), ["ไท", "ทย"]);
        assert_eq!(terms("กิน"), ["กน"]);
        assert_eq!(terms("Trêve"), ["treve"]);
        // The index also holds a run's last character alone.
        let mut indexed = Vec::new();
        pieces("东京会谈", true, |p| indexed.push(p));
        pieces("国", true, |p| indexed.push(p));
        assert_eq!(indexed, ["东京", "京会", "会谈", "谈", "国"]);
    }

    #[test]
    fn words_split_on_apostrophes_hyphens_and_spaces() {
        let found: Vec<&str> = words("l’Arménie, Haut-Karabakh\u{202F}: 12 obus").collect();
        assert_eq!(found, ["l", "Arménie", "Haut", "Karabakh", "12", "obus"]);
        // A combining mark stays inside its word.
        assert_eq!(words("tre\u{0302}ve").count(), 1);
    }

    #[test]
    fn a_hebrew_acronym_is_one_word_with_or_without_its_gershayim() {
        let found: Vec<&str> = words("דובר צה״ל, צה\"ל ו-ג'ירפה: \"שלום\" רח׳ 5 a\"b").collect();
        assert_eq!(
            found,
            [
                "דובר",
                "צה״ל",
                "צה\"ל",
                "ו",
                "ג'ירפה",
                "שלום",
                "רח",
                "5",
                "a",
                "b"
            ]
        );
        assert_eq!(fold("צה״ל"), "צהל");
        assert_eq!(fold("צה\"ל"), "צהל");
        assert_eq!(fold("ג׳ירפה"), fold("ג'ירפה"));
    }

    #[test]
    fn french_stemming_joins_plurals_feminines_and_participles() {
        assert_eq!(stems("bombardement bombardements"), ["bombardement"; 2]);
        assert_eq!(
            stems("bombardé bombardée bombardés bombarder"),
            ["bombard"; 4]
        );
        assert_eq!(stems("trêve trêves TREVE"), ["trev"; 3]);
        assert_eq!(stems("chevaux cheval"), ["cheval"; 2]);
        assert_eq!(stems("civils civiles"), ["civil"; 2]);
        // Stop words and single letters are not terms.
        assert_eq!(
            stems("l’armée et les civils de Stepanakert"),
            ["arme", "civil", "stepanakert"]
        );
    }

    #[test]
    fn english_stemming_takes_plurals_off() {
        let en = |t: &str| terms(t, Stemmer::English).collect::<Vec<_>>();
        assert_eq!(en("shelling shellings"), ["shelling"; 2]);
        assert_eq!(en("cities city"), ["city"; 2]);
        assert_eq!(en("the ceasefires and a ceasefire"), ["ceasefire"; 2]);
        assert_eq!(en("bus press"), ["bus", "press"]);
    }
}
