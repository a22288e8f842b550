//! The letters of the scripts whose romanization is not deunicode's:
//! Ukrainian's Cyrillic, Greek, Armenian, Georgian and kana.

use super::is_apostrophe;

/// The letters of Ukrainian that Russian, Bulgarian and Serbian do not write.
pub(super) fn is_only_ukrainian(c: char) -> bool {
    matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ')
}

/// A Cyrillic letter of a Ukrainian text, by Ukraine's national
/// transliteration (Cabinet of Ministers resolution 55 of 2010): `г` is
/// `h`, `и` is `y`, and `є ї й ю я` are written `ye yi y yu ya` at the start
/// of a word and `ie i i iu ia` inside it; `зг` is `zgh`, and `ь` is
/// dropped. `previous` is the character before, if any.
pub(super) fn ukrainian_letter(c: char, previous: Option<char>) -> Option<&'static str> {
    let lower = c.to_lowercase().next()?;
    let initial = !previous.is_some_and(|p| p.is_alphabetic() || is_apostrophe(p));
    let after_z = previous.is_some_and(|p| matches!(p, 'з' | 'З'));
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if after_z => "gh",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' if initial => "ye",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' if initial => "yi",
        'ї' => "i",
        'й' if initial => "y",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ь' => "",
        'ю' if initial => "yu",
        'ю' => "iu",
        'я' if initial => "ya",
        'я' => "ia",
        _ => return None,
    })
}

/// Whether a character is Japanese kana (hiragana, katakana, the long vowel mark).
pub(super) fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC)
}

/// A run of kana in Hepburn romanization, long vowels as written
/// (`とうきょう` → `toukyou`, `ニッポン` → `nippon`, `しんじゅく` →
/// `shinjuku`, `ファイル` → `fairu`): `っ` doubles the consonant after it
/// (`tch` before `ch`), `ゃ ゅ ょ` join the kana before (`きょ` → `kyo`,
/// `しゃ` → `sha`), a small vowel replaces the vowel before (`ティ` → `ti`),
/// and `ー` is dropped.
pub(super) fn hepburn(kana: &[char]) -> String {
    // Katakana as hiragana: the same letters, 0x60 further.
    let hira = |c: char| match c as u32 {
        0x30A1..=0x30F6 => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    };
    let base = |c: char| -> &'static str {
        match c {
            'あ' | 'ぁ' => "a",
            'い' | 'ぃ' | 'ゐ' => "i",
            'う' | 'ぅ' => "u",
            'え' | 'ぇ' | 'ゑ' => "e",
            'お' | 'ぉ' | 'を' => "o",
            'か' | 'ゕ' => "ka",
            'き' => "ki",
            'く' => "ku",
            'け' | 'ゖ' => "ke",
            'こ' => "ko",
            'が' => "ga",
            'ぎ' => "gi",
            'ぐ' => "gu",
            'げ' => "ge",
            'ご' => "go",
            'さ' => "sa",
            'し' => "shi",
            'す' => "su",
            'せ' => "se",
            'そ' => "so",
            'ざ' => "za",
            'じ' | 'ぢ' => "ji",
            'ず' | 'づ' => "zu",
            'ぜ' => "ze",
            'ぞ' => "zo",
            'た' => "ta",
            'ち' => "chi",
            'つ' => "tsu",
            'て' => "te",
            'と' => "to",
            'だ' => "da",
            'で' => "de",
            'ど' => "do",
            'な' => "na",
            'に' => "ni",
            'ぬ' => "nu",
            'ね' => "ne",
            'の' => "no",
            'は' => "ha",
            'ひ' => "hi",
            'ふ' => "fu",
            'へ' => "he",
            'ほ' => "ho",
            'ば' => "ba",
            'び' => "bi",
            'ぶ' => "bu",
            'べ' => "be",
            'ぼ' => "bo",
            'ぱ' => "pa",
            'ぴ' => "pi",
            'ぷ' => "pu",
            'ぺ' => "pe",
            'ぽ' => "po",
            'ま' => "ma",
            'み' => "mi",
            'む' => "mu",
            'め' => "me",
            'も' => "mo",
            'や' | 'ゃ' => "ya",
            'ゆ' | 'ゅ' => "yu",
            'よ' | 'ょ' => "yo",
            'ら' => "ra",
            'り' => "ri",
            'る' => "ru",
            'れ' => "re",
            'ろ' => "ro",
            'わ' | 'ゎ' => "wa",
            'ん' => "n",
            'ゔ' => "vu",
            _ => "",
        }
    };
    let mut out = String::new();
    let mut double_next = false;
    // The romanization of the kana before, if it was one that a small kana may change.
    let mut before: &str = "";
    for &k in kana {
        let c = hira(k);
        // ヷ ヸ ヹ ヺ have no hiragana.
        let latin = match k {
            'ヷ' => "va",
            'ヸ' => "vi",
            'ヹ' => "ve",
            'ヺ' => "vo",
            _ => base(c),
        };
        // A consonant and a vowel (`ki`, `shi`, `de`), and a bare `u` (ウ).
        let (syllable, bare_u) = (latin_syllable(before), before == "u");
        match c {
            'っ' => double_next = true,
            'ー' => {}
            // A small ya, yu, yo joins the kana before: きょ kyo, しゃ sha, デュ dyu.
            'ゃ' | 'ゅ' | 'ょ' if syllable => {
                if matches!(before, "shi" | "chi" | "ji") {
                    out.pop();
                } else {
                    out.pop();
                    out.push('y');
                }
                out.push_str(&latin[1..]);
            }
            // A small vowel replaces the vowel before (ファ fa, ティ ti),
            // and after a bare ウ makes a w (ウィ wi, ウェ we).
            'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' if syllable || bare_u => {
                out.pop();
                if bare_u {
                    out.push('w');
                }
                out.push_str(latin);
            }
            _ => {
                if std::mem::take(&mut double_next)
                    && let Some(first) = latin.chars().next().filter(|f| !"aiueon".contains(*f))
                {
                    out.push(if latin.starts_with("ch") { 't' } else { first });
                }
                out.push_str(latin);
            }
        }
        before = if matches!(c, 'っ' | 'ー') {
            ""
        } else {
            latin
        };
    }
    out
}

/// Whether a kana's romanization is a consonant and a vowel (`ka`, `shi`), not a bare vowel or `n`.
fn latin_syllable(latin: &str) -> bool {
    latin.len() > 1 && latin.ends_with(['a', 'i', 'u', 'e', 'o'])
}

/// An Armenian letter by the BGN/PCGN romanization: `ու` is `u` (the
/// second letter is taken with the first: `true`), `ե` is `ye` and `և` `yev`
/// at the start of a word or after a vowel, `ո` is `vo` at the start of a
/// word; the aspirated letters lose their apostrophes (`թ` is `t`, `ք`
/// `k`), as in a slug. `previous` and `next` are the characters around it.
pub(super) fn armenian_letter(
    c: char,
    previous: Option<char>,
    next: Option<char>,
) -> Option<(&'static str, bool)> {
    // Armenian's block, capitals included: other letters are not lowercased for nothing.
    if !('\u{0531}'..='\u{0587}').contains(&c) {
        return None;
    }
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let letter = lower(c);
    let previous = previous.map(lower);
    let initial = !previous.is_some_and(|p| p.is_alphabetic() || is_apostrophe(p));
    let after_vowel =
        previous.is_some_and(|p| matches!(p, 'ա' | 'ե' | 'է' | 'ը' | 'ի' | 'ո' | 'ւ' | 'օ'));
    if letter == 'ո' && next.map(lower) == Some('ւ') {
        return Some(("u", true));
    }
    let latin = match letter {
        'ա' => "a",
        'բ' => "b",
        'գ' => "g",
        'դ' => "d",
        'ե' if initial || after_vowel => "ye",
        'ե' => "e",
        'զ' => "z",
        'է' => "e",
        'ը' => "y",
        'թ' => "t",
        'ժ' => "zh",
        'ի' => "i",
        'լ' => "l",
        'խ' => "kh",
        'ծ' => "ts",
        'կ' => "k",
        'հ' => "h",
        'ձ' => "dz",
        'ղ' => "gh",
        'ճ' => "ch",
        'մ' => "m",
        'յ' => "y",
        'ն' => "n",
        'շ' => "sh",
        'ո' if initial => "vo",
        'ո' => "o",
        'չ' => "ch",
        'պ' => "p",
        'ջ' => "j",
        'ռ' => "r",
        'ս' => "s",
        'վ' => "v",
        'տ' => "t",
        'ր' => "r",
        'ց' => "ts",
        'ւ' => "v",
        'փ' => "p",
        'ք' => "k",
        'օ' => "o",
        'ֆ' => "f",
        'և' if initial || after_vowel => "yev",
        'և' => "ev",
        _ => return None,
    };
    Some((latin, false))
}

/// A Georgian letter (Mkhedruli, or Mtavruli capitals) by Georgia's
/// national romanization of 2002: `ყ` is `q`, `ღ` `gh`, `ხ` `kh`, and the
/// ejectives lose their apostrophes (`წ` is `ts`, `ჭ` `ch`), as in a slug.
pub(super) fn georgian_letter(c: char) -> Option<&'static str> {
    // Mkhedruli, and Mtavruli capitals.
    if !matches!(c as u32, 0x10D0..=0x10FF | 0x1C90..=0x1CBF) {
        return None;
    }
    let letter = c.to_lowercase().next().unwrap_or(c);
    Some(match letter {
        'ა' => "a",
        'ბ' => "b",
        'გ' => "g",
        'დ' => "d",
        'ე' => "e",
        'ვ' => "v",
        'ზ' => "z",
        'თ' => "t",
        'ი' => "i",
        'კ' => "k",
        'ლ' => "l",
        'მ' => "m",
        'ნ' => "n",
        'ო' => "o",
        'პ' => "p",
        'ჟ' => "zh",
        'რ' => "r",
        'ს' => "s",
        'ტ' => "t",
        'უ' => "u",
        'ფ' => "p",
        'ქ' => "k",
        'ღ' => "gh",
        'ყ' => "q",
        'შ' => "sh",
        'ჩ' => "ch",
        'ც' => "ts",
        'ძ' => "dz",
        'წ' => "ts",
        'ჭ' => "ch",
        'ხ' => "kh",
        'ჯ' => "j",
        'ჰ' => "h",
        _ => return None,
    })
}

/// Whether a character is a letter of the Greek script (monotonic or
/// polytonic).
pub(super) fn is_greek(c: char) -> bool {
    matches!(c as u32, 0x386..=0x3FF | 0x1F00..=0x1FFF) && c.is_alphabetic()
}

/// A run of Greek letters as ELOT 743 (ISO 843, the transcription of Greek
/// passports and road signs) writes them, as the press spells places today
/// (`Αθήνα` → `athina`, `Θεσσαλονίκη` → `thessaloniki`, `Πειραιάς` →
/// `peiraias`): `η ι υ` are `i i y`, `ου` is `ou`, `αυ ευ ηυ` are `av ev iv`
/// before a vowel or a voiced consonant and `af ef if` otherwise, `γ` is
/// `n` before `γ ξ χ`, and a word that starts with `μπ`, `ντ` or `γκ`
/// starts with `b`, `d` or `g`. A dialytika parts two vowels (`αϋ` → `ay`).
/// `initial` says whether the run starts a word.
pub(super) fn elot(run: &[char], initial: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Each letter without its accents and breathings, lowercase, and
    // whether it bears a dialytika.
    let letters: Vec<(char, bool)> = run
        .iter()
        .map(|&c| {
            let mut parts = std::iter::once(c).nfd();
            let base = parts.next().unwrap_or(c);
            let dialytika = parts.any(|mark| mark == '\u{308}');
            (base.to_lowercase().next().unwrap_or(base), dialytika)
        })
        .collect();
    let at = |i: usize| letters.get(i).map(|&(c, _)| c);
    let voiced = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(
                c,
                'α' | 'ε'
                    | 'η'
                    | 'ι'
                    | 'ο'
                    | 'υ'
                    | 'ω'
                    | 'β'
                    | 'γ'
                    | 'δ'
                    | 'ζ'
                    | 'λ'
                    | 'μ'
                    | 'ν'
                    | 'ρ'
            )
        })
    };
    let mut out = String::with_capacity(run.len() * 2);
    let mut i = 0;
    while let Some(c) = at(i) {
        let next = letters.get(i + 1).filter(|&&(_, dialytika)| !dialytika);
        let next = next.map(|&(n, _)| n);
        let first = initial && i == 0;
        let (latin, width) = match (c, next) {
            ('ο', Some('υ')) => ("ou", 2),
            ('α' | 'ε' | 'η', Some('υ')) => {
                let vowel = match c {
                    'α' => "a",
                    'ε' => "e",
                    _ => "i",
                };
                out.push_str(vowel);
                let v = if voiced(at(i + 2)) { "v" } else { "f" };
                (v, 2)
            }
            ('μ', Some('π')) if first => ("b", 2),
            ('ν', Some('τ')) if first => ("d", 2),
            ('γ', Some('κ')) if first => ("g", 2),
            ('γ', Some('γ' | 'ξ' | 'χ')) => ("n", 1),
            _ => (greek_letter(c), 1),
        };
        out.push_str(latin);
        i += width;
    }
    out
}

/// One Greek letter, lowercase and without accents, as ELOT 743 writes it
/// (deunicode's reading for the few it does not know).
fn greek_letter(c: char) -> &'static str {
    match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        // The letters' other forms.
        'ϐ' => "v",
        'ϑ' => "th",
        'ϕ' => "f",
        'ϖ' => "p",
        'ϰ' => "k",
        'ϱ' => "r",
        'ϲ' => "s",
        other => deunicode::deunicode_char(other).unwrap_or(""),
    }
}
