//! URL slugs: ASCII, `[a-z0-9]+(-[a-z0-9]+)*`, from text in any script.

/// Turns any text into a slug, or `None` when nothing of it survives
/// (a title made only of punctuation or emoji).
///
/// Letters of every script are transliterated (`Gəncə` → `gence`,
/// `Степанакерт` → `stepanakert`); apostrophes are dropped so that
/// `l'Arménie` gives `larmenie`, and every other run of non-alphanumerics
/// becomes one hyphen. A text with a letter that only Ukrainian writes (і,
/// ї, є, ґ) is Ukrainian: its Cyrillic follows Ukraine's national
/// transliteration (`Київ` → `kyiv`, `Запоріжжя` → `zaporizhzhia`).
/// Armenian follows the BGN/PCGN romanization (`Երևան` → `yerevan`,
/// `Հադրութ` → `hadrut`) and Georgian the national system of 2002
/// (`ცხინვალი` → `tskhinvali`), as maps and the press spell those places;
/// kana follow Hepburn (`しんじゅく` → `shinjuku`).
pub fn slugify(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let ukrainian = !text.is_ascii() && text.contains(is_only_ukrainian);
    let mut previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before = previous.replace(c);
        if is_apostrophe(c) {
            continue;
        }
        // Most of a title is ASCII: no table, no string.
        let mut one = [0; 1];
        let run;
        let ascii = if c.is_ascii() {
            c.encode_utf8(&mut one)
        } else if is_kana(c) {
            let mut kana = vec![c];
            while let Some(&next) = chars.peek().filter(|&&n| is_kana(n)) {
                kana.push(next);
                previous = chars.next();
            }
            run = hepburn(&kana);
            &run
        } else if ukrainian && let Some(latin) = ukrainian_letter(c, before) {
            latin
        } else if let Some(latin) = georgian_letter(c) {
            latin
        } else if let Some((latin, takes_next)) = armenian_letter(c, before, chars.peek().copied())
        {
            if takes_next {
                previous = chars.next();
            }
            latin
        } else {
            transliterate(c)
        };
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(a.to_ascii_lowercase());
            } else if a == '\'' || a == '`' {
                // deunicode marks aspirated letters with these (Armenian Ք is "K`").
            } else {
                pending_hyphen = true;
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The longest name of a file or folder that file systems take, in bytes.
pub const NAME_MAX: usize = 255;

/// The slug of a title: [`slugify`], cut after its last whole word within
/// `max` bytes (a file system takes no longer name: [`NAME_MAX`]). A slug
/// that fits is never cut, so no permalink that worked moves.
pub fn title_slug(title: &str, max: usize) -> Option<String> {
    let mut slug = slugify(title)?;
    if slug.len() > max {
        // ASCII: every byte is a character boundary.
        let cut = match slug[..=max].rfind('-') {
            Some(at) if at >= max / 2 => at,
            _ => max,
        };
        slug.truncate(cut);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    Some(slug)
}

/// Whether a slug written by the editor (an id, a front-matter `slug`) is valid as it is.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´' | 'ʻ')
}

/// The letters of Ukrainian that Russian, Bulgarian and Serbian do not write.
fn is_only_ukrainian(c: char) -> bool {
    matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ')
}

/// A Cyrillic letter of a Ukrainian text, by Ukraine's national
/// transliteration (Cabinet of Ministers resolution 55 of 2010): `г` is
/// `h`, `и` is `y`, and `є ї й ю я` are written `ye yi y yu ya` at the start
/// of a word and `ie i i iu ia` inside it; `зг` is `zgh`, and `ь` is
/// dropped. `previous` is the character before, if any.
fn ukrainian_letter(c: char, previous: Option<char>) -> Option<&'static str> {
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
fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC)
}

/// A run of kana in Hepburn romanization, long vowels as written
/// (`とうきょう` → `toukyou`, `ニッポン` → `nippon`, `しんじゅく` →
/// `shinjuku`, `ファイル` → `fairu`): `っ` doubles the consonant after it
/// (`tch` before `ch`), `ゃ ゅ ょ` join the kana before (`きょ` → `kyo`,
/// `しゃ` → `sha`), a small vowel replaces the vowel before (`ティ` → `ti`),
/// and `ー` is dropped.
fn hepburn(kana: &[char]) -> String {
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
fn armenian_letter(
    c: char,
    previous: Option<char>,
    next: Option<char>,
) -> Option<(&'static str, bool)> {
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let letter = lower(c);
    if !('\u{0561}'..='\u{0587}').contains(&letter) {
        return None;
    }
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
fn georgian_letter(c: char) -> Option<&'static str> {
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

/// One character that is not ASCII to ASCII. deunicode does most scripts
/// well; the few letters it maps to punctuation (Azerbaijani ə becomes `@`)
/// are fixed here.
fn transliterate(c: char) -> &'static str {
    match c {
        'ə' | 'Ə' | 'ә' | 'Ә' => "e",
        'ı' => "i",
        _ => deunicode::deunicode_char(c).unwrap_or(""),
    }
}

/// What is left of a spelling once the differences [`match_key`] ignores
/// are gone, save its symbols: `C#` and `C++` share a match key (`c`), not
/// this one. Letters and digits go as in [`match_key`]; spaces and
/// punctuation go; other symbols stay.
pub fn spelling_key(text: &str) -> String {
    let mut key = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, key: &mut String| {
        if let Some(slug) = slugify(run) {
            key.push_str(&slug);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            run.push(c);
            continue;
        }
        flush(&mut run, &mut key);
        let punctuation = c.is_whitespace()
            || is_apostrophe(c)
            || matches!(
                c,
                '-' | '‐'
                    | '‑'
                    | '–'
                    | '—'
                    | '_'
                    | '.'
                    | ','
                    | ':'
                    | ';'
                    | '!'
                    | '?'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '"'
                    | '«'
                    | '»'
                    | '“'
                    | '”'
                    | '„'
            );
        if !punctuation {
            key.push(c);
        }
    }
    flush(&mut run, &mut key);
    key
}

/// The key that references are matched on: case, accents, script and
/// punctuation ignored, so `Haut Karabakh` finds `Haut-Karabakh`.
pub fn match_key(text: &str) -> String {
    slugify(text).unwrap_or_else(|| text.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_follows_ukraines_national_transliteration() {
        for (text, slug) in [
            ("Київ", "kyiv"),
            ("КИЇВ", "kyiv"),
            ("Харків", "kharkiv"),
            ("Запоріжжя", "zaporizhzhia"),
            ("Миколаїв", "mykolaiv"),
            ("Чернігів", "chernihiv"),
            ("Ізюм", "izium"),
            ("Їжакевич", "yizhakevych"),
            ("Єнакієве", "yenakiieve"),
            ("Згурівка", "zghurivka"),
            ("Слов'янськ і Луганськ", "sloviansk-i-luhansk"),
            ("Обстріл Гостомеля", "obstril-hostomelia"),
            ("Ґорґани", "gorgany"),
        ] {
            assert_eq!(slugify(text).as_deref(), Some(slug), "{text}");
        }
        // Without a letter only Ukrainian has, Cyrillic is read as before.
        assert_eq!(slugify("Луганск").as_deref(), Some("lugansk"));
        assert_eq!(slugify("Мариуполь").as_deref(), Some("mariupol"));
    }

    #[test]
    fn spellings_differ_by_their_symbols_only() {
        assert_eq!(match_key("C#"), match_key("C++"));
        assert_ne!(spelling_key("C#"), spelling_key("C++"));
        for (a, b) in [
            ("Haut-Karabakh", "haut karabakh"),
            ("Shushá", "SHUSHA"),
            ("Шуша", "Shusha"),
            ("Sana'a", "Sana’a"),
            ("«Artsakh»", "Artsakh"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
        assert_ne!(spelling_key("AT&T"), spelling_key("AT T"));
    }

    #[test]
    fn a_title_slug_is_cut_after_a_whole_word() {
        let long = "Heavy shelling reported ".repeat(20);
        let slug = title_slug(&long, NAME_MAX).unwrap();
        let whole = slugify(&long).unwrap();
        assert!(
            slug.len() <= NAME_MAX && slug.len() > NAME_MAX - 10,
            "{slug}"
        );
        // Cut where a word ends.
        assert!(whole.starts_with(&format!("{slug}-")), "{slug}");
        // One word longer than the limit is cut at it.
        let word = "a".repeat(300);
        assert_eq!(title_slug(&word, NAME_MAX).unwrap(), "a".repeat(NAME_MAX));
        assert_eq!(title_slug("Short title", 5).as_deref(), Some("short"));
        let exactly = format!("{}-b", "a".repeat(NAME_MAX - 2));
        assert_eq!(title_slug(&exactly, NAME_MAX).unwrap(), exactly);
    }

    #[test]
    fn titles_in_any_script_are_transliterated() {
        assert_eq!(slugify("Maternité").as_deref(), Some("maternite"));
        assert_eq!(slugify("Gəncə").as_deref(), Some("gence"));
        assert_eq!(slugify("Степанакерт").as_deref(), Some("stepanakert"));
        assert_eq!(slugify("Şuşa").as_deref(), Some("susa"));
        assert_eq!(
            slugify("L'Azerbaïdjan accuse l’Arménie").as_deref(),
            Some("lazerbaidjan-accuse-larmenie")
        );
        assert_eq!(
            slugify("Nagorny-Karabakh : La trêve toujours pas respectée").as_deref(),
            Some("nagorny-karabakh-la-treve-toujours-pas-respectee")
        );
        assert_eq!(slugify("Ստեփանակերտ").as_deref(), Some("stepanakert"));
        assert_eq!(slugify("Քաշաթաղ").as_deref(), Some("kashatagh"));
    }

    #[test]
    fn kana_follow_hepburn() {
        for (kana, latin) in [
            ("ニッポン", "nippon"),
            ("がっこう", "gakkou"),
            ("ロケット", "roketto"),
            ("まっちゃ", "matcha"),
            ("しんじゅく", "shinjuku"),
            ("きょうと", "kyouto"),
            ("フクシマ", "fukushima"),
            ("ジュース", "jusu"),
            ("ファイル", "fairu"),
            ("パーティー", "pati"),
            ("ちゃ", "cha"),
            ("ヴァイオリン", "vaiorin"),
            ("ひろしま と ながさき", "hiroshima-to-nagasaki"),
            ("ゃ", "ya"),
            ("ハロウィン", "harowin"),
            ("ひゃく", "hyaku"),
            ("スウェーデン", "suweden"),
            ("ウィキ", "wiki"),
            ("デュエット", "dyuetto"),
            ("フュージョン", "fyujon"),
            ("チェチェン", "chechen"),
            ("ヴォルゴグラード", "vorugogurado"),
        ] {
            assert_eq!(slugify(kana).as_deref(), Some(latin), "{kana}");
        }
    }

    #[test]
    fn armenian_and_georgian_follow_their_usual_romanizations() {
        for (armenian, latin) in [
            ("Հադրութ", "hadrut"),
            ("Երևան", "yerevan"),
            ("ԵՐԵՎԱՆ", "yerevan"),
            ("Շուշի", "shushi"),
            ("Գյումրի", "gyumri"),
            ("Ոսկեպար", "voskepar"),
            ("Եղեգնաձոր", "yeghegnadzor"),
            ("Մարտունի", "martuni"),
            ("Արցախ", "artsakh"),
            ("Ջերմուկ", "jermuk"),
            ("Հայաստանի Հանրապետություն", "hayastani-hanrapetutyun"),
            ("Նոյեմբերյան", "noyemberyan"),
            ("Գորիս և Սիսիան", "goris-yev-sisian"),
        ] {
            assert_eq!(slugify(armenian).as_deref(), Some(latin), "{armenian}");
        }
        for (georgian, latin) in [
            ("ცხინვალი", "tskhinvali"),
            ("თბილისი", "tbilisi"),
            ("ქუთაისი", "kutaisi"),
            ("სოხუმი", "sokhumi"),
            ("ყვარელი", "qvareli"),
            ("წყალტუბო", "tsqaltubo"),
            ("ᲗᲑᲘᲚᲘᲡᲘ", "tbilisi"),
            ("ზუგდიდი და გორი", "zugdidi-da-gori"),
        ] {
            assert_eq!(slugify(georgian).as_deref(), Some(latin), "{georgian}");
        }
    }

    #[test]
    fn nothing_left_is_no_slug_rather_than_an_empty_one() {
        assert_eq!(slugify("!!! ---"), None);
        assert_eq!(slugify(""), None);
        assert_eq!(slugify("--a--").as_deref(), Some("a"));
    }

    #[test]
    fn only_lowercase_ascii_words_joined_by_single_hyphens_are_valid() {
        assert!(is_valid_slug("hadrut"));
        assert!(is_valid_slug("lachin-corridor-2"));
        for bad in [
            "", "-a", "a-", "a--b", "A", "../x", "a/b", "é", "a b", "a_b",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn references_match_ignoring_case_accents_and_hyphens() {
        assert_eq!(match_key("Haut Karabakh"), match_key("haut-karabakh"));
        assert_eq!(match_key("Azéris"), match_key("AZERIS"));
    }
}
