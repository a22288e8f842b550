//! URL slugs: ASCII, `[a-z0-9]+(-[a-z0-9]+)*`, from text in any script.

mod scripts;

use scripts::{
    armenian_letter, elot, georgian_letter, hepburn, is_greek, is_kana, is_only_ukrainian,
    ukrainian_letter,
};

/// How a site's slugs read Cyrillic that shows no language of its own.
/// Most Ukrainian words tell themselves by a letter only Ukrainian writes
/// (і, ї, є, ґ), but not all: `Вугледар`, `Суми`, `Луганськ`. On a site whose
/// `language` is Ukrainian, those follow Ukraine's transliteration too
/// (`vuhledar`, `sumy`, `luhansk`, not `vugledar`, `sumi`, `lugansk`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Transliteration {
    ukrainian: bool,
}

impl Transliteration {
    /// The rule of a site written in `language` (a language tag: `uk`, `uk-UA`).
    pub fn for_language(language: &str) -> Self {
        let primary = crate::config::primary_subtag(language);
        Transliteration {
            ukrainian: primary.eq_ignore_ascii_case("uk"),
        }
    }

    /// [`slugify`] by this rule.
    pub fn slugify(self, text: &str) -> Option<String> {
        let ukrainian = !text.is_ascii() && (self.ukrainian || text.contains(is_only_ukrainian));
        slug_of(text, ukrainian)
    }

    /// [`title_slug`] by this rule.
    pub fn title_slug(self, title: &str, max: usize) -> Option<String> {
        let mut slug = self.slugify(title)?;
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
}

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
/// On a Ukrainian site, see [`Transliteration`].
pub fn slugify(text: &str) -> Option<String> {
    Transliteration::default().slugify(text)
}

fn slug_of(text: &str, ukrainian: bool) -> Option<String> {
    // Letters as one character each (a Mac names files decomposed: `ύ` as
    // `υ` and an accent), so that a slug does not depend on the machine.
    let text = crate::paths::composed(text);
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before = previous.replace(c);
        if is_apostrophe(c) || is_vowel_point(c) {
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
        } else if is_greek(c) {
            let initial = !before.is_some_and(|p| p.is_alphabetic() || is_apostrophe(p));
            let mut greek = vec![c];
            while let Some(&next) = chars.peek().filter(|&&n| is_greek(n)) {
                greek.push(next);
                previous = chars.next();
            }
            run = elot(&greek, initial);
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
    Transliteration::default().title_slug(title, max)
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

/// The vowel points and reading marks of Arabic (harakat, shadda, the
/// Quran's marks, the tatweel that stretches a word) and Hebrew (niqqud,
/// cantillation), which most texts leave out: `الخَرْطُوم` and `الخرطوم`,
/// `עַשְׁקְלוֹן` and `אשקלון` are one name each, with one slug.
pub fn is_vowel_point(c: char) -> bool {
    matches!(
        c,
        '\u{0591}'..='\u{05BD}'
            | '\u{05BF}'
            | '\u{05C1}'..='\u{05C2}'
            | '\u{05C4}'..='\u{05C5}'
            | '\u{05C7}'
            | '\u{0610}'..='\u{061A}'
            | '\u{0640}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
    )
}

/// Characters that show nothing and that keyboards, word processors and
/// copied web text leave in names: the soft hyphen, the zero-width space,
/// the word joiner, the byte-order mark and the marks and controls of text
/// direction (a Hebrew keyboard's U+200F). Joiners (U+200C, U+200D), which
/// change how Persian or Hindi is written, are not among them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A name without its [`is_invisible`] characters.
pub fn without_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_invisible) {
        text.chars()
            .filter(|&c| !is_invisible(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
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
    for c in text.chars().filter(|&c| !is_invisible(c)) {
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
    let text = without_invisible(text);
    slugify(&text).unwrap_or_else(|| text.trim().to_lowercase())
}

/// The script a spelling is written in, as a number, from its first letter:
/// Latin (and no letter at all) is 0, Greek, Cyrillic, Armenian, Hebrew,
/// Arabic and Georgian have theirs, any other the Unicode block it is in.
pub fn script_of(text: &str) -> u32 {
    let Some(c) = text.chars().find(|c| c.is_alphabetic()) else {
        return 0;
    };
    if crate::render::mentions::is_latin(c) {
        return 0;
    }
    match c as u32 {
        0x370..0x400 | 0x1F00..0x2000 => 1,
        0x400..0x530 | 0x1C80..0x1C90 | 0x2DE0..0x2E00 | 0xA640..0xA6A0 => 2,
        0x530..0x590 => 3,
        0x590..0x600 => 4,
        0x600..0x700 | 0x750..0x780 | 0x8A0..0x900 => 5,
        0x10A0..0x1100 | 0x1C90..0x1CC0 | 0x2D00..0x2D30 => 6,
        code => 16 + (code >> 8),
    }
}

/// The order of a list of names (the places, sides or topics pages): by
/// script, Latin first, then each script in its own alphabet's order, not
/// in the order of its transliteration (`Вугледар` before `Харків`, as
/// В comes before Х, though `vuhledar` comes after `kharkiv`).
pub fn sort_key(text: &str) -> (u32, Vec<u32>) {
    use unicode_normalization::UnicodeNormalization;
    let script = script_of(text);
    if script == 0 {
        return (0, match_key(text).chars().map(u32::from).collect());
    }
    // An apostrophe is no letter and no space: `Слов'янськ` sorts as
    // `Словянськ`, after `Словакія` (not before it, as `Слов янськ`).
    let chars = text.chars().filter(|&c| !is_apostrophe(c));
    let letters = chars.flat_map(char::to_lowercase).map(|c| {
        if let Some(rank) = CYRILLIC_ORDER.chars().position(|letter| letter == c) {
            // (Above every code point: no other letter shares a rank.)
            return 0x11_0000 + rank as u32;
        }
        // Other letters follow their alphabet in Unicode, once their
        // accents (Greek's tonos, Hebrew's points, the grave of ѐ) are set
        // aside: ѐ sorts as е.
        let base = c.nfd().next().unwrap_or(c);
        if let Some(rank) = CYRILLIC_ORDER.chars().position(|letter| letter == base) {
            return 0x11_0000 + rank as u32;
        }
        match base {
            'ς' => u32::from('σ'),
            c if c.is_alphanumeric() => u32::from(c),
            // Spaces and hyphens sort before every letter: `Нова Каховка` before `Новий`.
            _ => 0,
        }
    });
    (script, letters.collect())
}

/// Cyrillic letters in the order of the alphabets written with them:
/// Ukrainian's ґ, є, і and ї, Russian's ё, Belarusian's ў, Serbian's and
/// Macedonian's ђ, ѓ, ѕ, ј, љ, њ, ћ, ќ and џ, and Kazakh's ә, ғ, қ, ң, ө, ұ,
/// ү and һ, each after the letter it follows in its alphabet (Unicode puts
/// them outside `а`–`я`). Where two alphabets disagree (Kazakh's і comes
/// after ы), Ukrainian's order is kept.
const CYRILLIC_ORDER: &str = "аәбвгґғдђѓеёєжзѕиіїйјкқлљмнңњоөпрстћќуўұүфхһцчџшщъыьэюя";

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
    fn a_ukrainian_site_reads_all_its_cyrillic_as_ukrainian() {
        let uk = Transliteration::for_language("uk-UA");
        for (text, slug) in [
            ("Вугледар", "vuhledar"),
            ("Суми", "sumy"),
            ("Луганськ", "luhansk"),
            ("Удари ракетами", "udary-raketamy"),
            ("Київ", "kyiv"),
            ("Gəncə", "gence"),
        ] {
            assert_eq!(uk.slugify(text).as_deref(), Some(slug), "{text}");
        }
        assert_eq!(Transliteration::for_language("UK"), uk);
        let ru = Transliteration::for_language("ru");
        assert_eq!(ru.slugify("Суми").as_deref(), Some("sumi"));
        assert_eq!(
            Transliteration::for_language("ukr"),
            ru,
            "not Ukrainian's tag"
        );
    }

    #[test]
    fn apostrophes_are_ignored_and_every_cyrillic_alphabet_sorts_in_its_order() {
        let mut ukrainian = vec!["Слобожанське", "Слов'янськ", "Словакія", "Слов’янка"];
        ukrainian.sort_by_cached_key(|name| sort_key(name));
        assert_eq!(
            ukrainian,
            ["Слобожанське", "Словакія", "Слов’янка", "Слов'янськ"]
        );
        let mut serbian = vec![
            "Шабац",
            "Ћуприја",
            "Љиг",
            "Јагодина",
            "Ђаковица",
            "Лозница",
            "Ужице",
        ];
        serbian.sort_by_cached_key(|name| sort_key(name));
        assert_eq!(
            serbian,
            [
                "Ђаковица",
                "Јагодина",
                "Лозница",
                "Љиг",
                "Ћуприја",
                "Ужице",
                "Шабац"
            ]
        );
        // A letter not in the list sorts by its base, never as another letter.
        let mut macedonian = vec!["Я", "Еб", "Ѐа", "Ю"];
        macedonian.sort_by_cached_key(|name| sort_key(name));
        assert_eq!(macedonian, ["Ѐа", "Еб", "Ю", "Я"]);
        let mut kazakh = vec![
            "Өскемен",
            "Орал",
            "Қарағанды",
            "Кентау",
            "Ақтөбе",
            "Әулиекөл",
        ];
        kazakh.sort_by_cached_key(|name| sort_key(name));
        assert_eq!(
            kazakh,
            [
                "Ақтөбе",
                "Әулиекөл",
                "Кентау",
                "Қарағанды",
                "Орал",
                "Өскемен"
            ]
        );
    }

    #[test]
    fn names_sort_in_their_own_alphabets_order() {
        let mut names = vec![
            "Харків",
            "Вугледар",
            "Ґорґани",
            "Гуляйполе",
            "Ізюм",
            "Йосипівка",
            "Київ",
            "Новий Буг",
            "Нова Каховка",
            "Écully",
            "Aleppo",
            "Αθήνα",
            "Βόλος",
            "Бахмут",
        ];
        names.sort_by_cached_key(|name| sort_key(name));
        assert_eq!(
            names,
            [
                "Aleppo",
                "Écully",
                "Αθήνα",
                "Βόλος",
                "Бахмут",
                "Вугледар",
                "Гуляйполе",
                "Ґорґани",
                "Ізюм",
                "Йосипівка",
                "Київ",
                "Нова Каховка",
                "Новий Буг",
                "Харків",
            ]
        );
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
    fn arabic_and_hebrew_read_the_same_with_or_without_their_vowel_points() {
        for (pointed, plain) in [
            ("الخَرْطُوم", "الخرطوم"),
            ("هُدْنَة", "هدنة"),
            ("مُحَمَّد", "محمد"),
            ("عَشْرـــة", "عشرة"),
            ("עַשְׁקְלוֹן", "אשקלון"),
            ("שָׁלוֹם", "שלום"),
        ] {
            let slug = slugify(plain);
            assert!(
                slug.as_deref().is_some_and(|s| !s.contains('-')),
                "{plain}: {slug:?}"
            );
            assert_eq!(slugify(pointed), slug, "{pointed}");
            assert_eq!(match_key(pointed), match_key(plain), "{pointed}");
        }
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

    /// Greek follows ELOT 743, as passports, road signs and the press
    /// spell places today.
    #[test]
    fn greek_follows_elot_743() {
        for (greek, latin) in [
            ("Αθήνα", "athina"),
            ("Θεσσαλονίκη", "thessaloniki"),
            ("Πειραιάς", "peiraias"),
            ("Ηράκλειο", "irakleio"),
            ("Ιωάννινα", "ioannina"),
            ("Κύπρος", "kypros"),
            ("Βόλος", "volos"),
            ("Χανιά", "chania"),
            ("Ψαρά", "psara"),
            ("Ευρώπη", "evropi"),
            ("αυτοκίνητο", "aftokinito"),
            ("Ναύπλιο", "nafplio"),
            ("Ελευσίνα", "elefsina"),
            ("Άγγελος", "angelos"),
            ("Μπακού", "bakou"),
            ("Ντόνετσκ", "donetsk"),
            ("Γκάζα", "gaza"),
            ("Λαϊκή", "laiki"),
            ("προϋπόθεση", "proypothesi"),
            ("ΑΘΗΝΑ", "athina"),
            // Polytonic: breathings and accents go, as the tonos does.
            ("Ἀθῆναι", "athinai"),
            ("Αθήνα: διαδήλωση «ειρήνη»", "athina-diadilosi-eirini"),
            // Only a word's first μπ is b.
            ("Ολυμπία", "olympia"),
            ("Σαντορίνη", "santorini"),
            ("ϐαρκα ϕως ϲιτος", "varka-fos-sitos"),
        ] {
            assert_eq!(slugify(greek).as_deref(), Some(latin), "{greek}");
        }
        // Decomposed (as a Mac names files), the same.
        use unicode_normalization::UnicodeNormalization;
        let decomposed: String = "Αύρα Πέντε".nfd().collect();
        assert_eq!(slugify(&decomposed).as_deref(), Some("avra-pente"));
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
