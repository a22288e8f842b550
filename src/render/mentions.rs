//! Place names mentioned in a dispatch's text, linked to their place page at
//! the first mention: "… la ville de [Hadrut](/places/hadrut/) …".

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::Place;

/// A matcher for every name and alias of the gazetteer's places.
pub struct Mentions {
    matcher: AhoCorasick,
    /// The place each pattern names.
    places: Vec<usize>,
    /// Whether each pattern's name has a capital letter, as a mention of it
    /// must then have: "Мир" is the town, "мир" (peace) a word; "le corridor
    /// de Lachin" is the Corridor de Lachin.
    capitals: Vec<bool>,
    /// Each place's page, by place index.
    urls: Vec<String>,
}

impl Mentions {
    /// Builds the matcher from the declared places' names and aliases. `url`
    /// gives a place's page.
    pub fn new(places: &[Place], url: impl Fn(&Place) -> String) -> Option<Mentions> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut capitals = Vec::new();
        for (i, place) in places.iter().enumerate().filter(|(_, p)| p.declared) {
            for name in std::iter::once(&place.name)
                .chain(&place.aliases)
                .chain(place.names.values())
            {
                let folded = fold(name).text.trim().to_string();
                // Very short names ("Tu") would match inside too many words'
                // neighbours; a character that is a syllable or a word (Korean,
                // Chinese…) counts two.
                let weight: usize = folded
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .map(|c| {
                        if is_unspaced(c) || is_hangul_syllable(c) {
                            2
                        } else {
                            1
                        }
                    })
                    .sum();
                if weight >= 3 {
                    patterns.push(folded);
                    owners.push(i);
                    capitals.push(has_capital(name));
                }
            }
        }
        if patterns.is_empty() {
            return None;
        }
        // A DFA: a few hundred names make a small one, and it searches
        // every text of every dispatch faster than the default NFA.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok()?;
        Some(Mentions {
            matcher,
            places: owners,
            capitals,
            urls: places.iter().map(url).collect(),
        })
    }

    /// Links the first mention of each place in the text of `events` (never in
    /// links, images or headings), and returns the places mentioned.
    pub fn link<'e>(&self, events: Vec<Event<'e>>) -> (Vec<Event<'e>>, Vec<usize>) {
        let mut out = Vec::with_capacity(events.len());
        let mut mentioned: Vec<usize> = Vec::new();
        let mut inside = 0usize;
        // Inside the author's own <a>, <code>, <h2>… written as HTML: the
        // elements opened and not closed yet, counted over every tag (a
        // highlighted code block is one piece of HTML that opens and closes
        // its <pre>), and never past the block they are in.
        let mut in_html = 0usize;
        let mut folded = Folded::default();
        for event in events {
            match &event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. }) => {
                    inside += 1
                }
                Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                    inside = inside.saturating_sub(1)
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    in_html = unlinked_depth(html, in_html)
                }
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::HtmlBlock
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::BlockQuote(_)
                    | TagEnd::FootnoteDefinition,
                ) => in_html = 0,
                _ => {}
            }
            let Event::Text(text) = &event else {
                out.push(event);
                continue;
            };
            if inside > 0 || in_html > 0 {
                out.push(event);
                continue;
            }
            folded.fold(text);
            let mut last = 0;
            for found in self.matcher.find_iter(&folded.text) {
                let place = self.places[found.pattern().as_usize()];
                let bounded = folded.text[..found.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !in_word(c))
                    && folded.text[found.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !in_word(c));
                if !bounded || mentioned.contains(&place) {
                    continue;
                }
                let (start, end) = (folded.source(found.start()), folded.source(found.end()));
                let capital = self.capitals[found.pattern().as_usize()];
                if (capital && !has_capital(&text[start..end])) || in_address(text, start) {
                    continue;
                }
                mentioned.push(place);
                if start > last {
                    out.push(Event::Text(CowStr::from(text[last..start].to_string())));
                }
                out.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::from(self.urls[place].clone()),
                    title: CowStr::from(""),
                    id: CowStr::from(""),
                }));
                out.push(Event::Text(CowStr::from(text[start..end].to_string())));
                out.push(Event::End(TagEnd::Link));
                last = end;
            }
            if last == 0 {
                out.push(event);
            } else if last < text.len() {
                out.push(Event::Text(CowStr::from(text[last..].to_string())));
            }
        }
        (out, mentioned)
    }
}

/// Whether a text has a capital letter (a script without cases has none).
fn has_capital(text: &str) -> bool {
    text.chars().any(char::is_uppercase)
}

/// Whether the text at `at` is part of a web or e-mail address written out
/// (`https://kyiv.example.org/`, `www.kyiv.ua`, `press@kyiv.ua`): the word
/// it is in, back to the last space, has `://`, `@` or starts with `www.`.
fn in_address(text: &str, at: usize) -> bool {
    let word_start = text[..at]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(space, c)| space + c.len_utf8());
    let word_end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |space| at + space);
    let word = &text[word_start..word_end];
    word.contains("://") || word.contains('@') || word.to_ascii_lowercase().starts_with("www.")
}

/// How many elements whose text gets no place links (links, code,
/// headings, scripts) are open after a piece of raw HTML, from `depth`
/// before it: every tag of it counts, a self-closed one opens nothing.
fn unlinked_depth(html: &str, mut depth: usize) -> usize {
    // (A textarea, a title or an option holds text only: a link in it is shown as its tags.)
    const UNLINKED: [&str; 17] = [
        "a", "code", "kbd", "samp", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
        "button", "textarea", "title", "option",
    ];
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let (opens, name_at) = match rest.strip_prefix('/') {
            Some(after) => (false, after),
            None => (true, rest),
        };
        let end = name_at
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name_at.len());
        let name = name_at[..end].to_ascii_lowercase();
        if !UNLINKED.contains(&name.as_str()) {
            continue;
        }
        let tag_end = name_at.find('>').map_or(name_at.len(), |i| i + 1);
        if !opens {
            depth = depth.saturating_sub(1);
        } else if !name_at[..tag_end].trim_end_matches('>').ends_with('/') {
            depth += 1;
        }
    }
    depth
}

/// Text folded for matching (lowercase, accents and scripts transliterated),
/// with where each of its bytes came from in the original text.
#[derive(Default)]
struct Folded {
    text: String,
    /// Where the folding stops or starts being byte for byte: from folded
    /// offset `.0`, the original's offset `.1`, and whether the bytes from
    /// there are a run of ASCII copied one for one (else they all come from
    /// the one character at `.1`). Most of a Latin text is runs of ASCII.
    marks: Vec<(usize, usize, bool)>,
    /// The original text's length.
    len: usize,
}

/// [`Folded::fold`] of a text.
fn fold(text: &str) -> Folded {
    let mut folded = Folded::default();
    folded.fold(text);
    folded
}

impl Folded {
    /// Folds `text`, in place of the text folded before (one pair of
    /// buffers serves every text of a dispatch).
    fn fold(&mut self, text: &str) {
        self.text.clear();
        self.marks.clear();
        self.text.reserve(text.len());
        self.len = text.len();
        let mut rest = text;
        while !rest.is_empty() {
            // Runs of ASCII fold byte by byte at once.
            let ascii = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            let offset = text.len() - rest.len();
            if ascii > 0 {
                self.marks.push((self.text.len(), offset, true));
                self.text.push_str(&rest[..ascii]);
                let start = self.text.len() - ascii;
                self.text[start..].make_ascii_lowercase();
            }
            rest = &rest[ascii..];
            let Some(c) = rest.chars().next() else { break };
            self.marks.push((self.text.len(), offset + ascii, false));
            match COMMON.get(c) {
                Some(folded) => self.text.push_str(folded),
                None => fold_char(c, &mut self.text),
            }
            rest = &rest[c.len_utf8()..];
        }
    }

    /// The offset in the original text of the character that the folded
    /// byte at `at` came from; the original's length for the folded length.
    fn source(&self, at: usize) -> usize {
        if at >= self.text.len() {
            return self.len;
        }
        // The last mark at or before `at` (a character folded to nothing
        // shares its offset with the mark after it, which wins).
        let (from, offset, run) = self.marks[self.marks.partition_point(|m| m.0 <= at) - 1];
        if run { offset + (at - from) } else { offset }
    }
}

/// How a character beyond ASCII folds: a space for any space; nothing for
/// a combining mark; a letter of another script than Latin lowercased and
/// without its marks (`Ё` → `е`, `ά` → `α`), so that a name matches as it is
/// written in its own script (an Arabic article's alef stays with its name);
/// anything else (Latin letters, punctuation, symbols) transliterated and
/// lowercased (`Ş` → `s`, `’` → `'`).
fn fold_char(c: char, out: &mut String) {
    if c.is_whitespace() {
        out.push(' ');
    } else if is_combining_mark(c) {
    } else if c.is_alphabetic() && !is_latin(c) {
        let mut lower = |c: char| match c {
            'ς' => out.push('σ'),
            c => out.extend(c.to_lowercase()),
        };
        // Hangul syllables would come apart into their letters.
        if is_hangul_syllable(c) {
            lower(c);
        } else {
            std::iter::once(c)
                .nfd()
                .filter(|&c| !is_combining_mark(c))
                .for_each(lower);
        }
    } else {
        for piece in deunicode::deunicode_char(c).unwrap_or("?").chars() {
            out.extend(piece.to_lowercase());
        }
    }
}

/// Whether a character is a Korean syllable (U+AC00 to U+D7A3).
fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether a letter is Latin (the blocks of Latin letters and ligatures).
pub(crate) fn is_latin(c: char) -> bool {
    matches!(c as u32,
        0..=0x24F | 0x250..=0x2FF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFB00..=0xFB06 | 0xFF21..=0xFF5A)
}

/// Whether a character is part of a word, so that a name next to it is not
/// a mention (`Hadrutien`); the scripts written without spaces between
/// words (Chinese, Japanese, Thai…) have no such edges.
fn in_word(c: char) -> bool {
    (c.is_alphanumeric() || is_combining_mark(c)) && !is_unspaced(c)
}

/// Whether a character is of a script written without spaces between words.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x2E80..=0x2FDF | 0x3005..=0x3007
        | 0x3021..=0x3029 | 0x3038..=0x303B | 0x3040..=0x30FF | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9D
        | 0x20000..=0x3FFFF)
}

/// [`fold_char`] made once for the characters beyond ASCII that most texts
/// have: Latin letters (U+0080 to U+024F) and punctuation (U+2000 to U+206F:
/// typographic apostrophes, narrow no-break spaces, dashes).
struct Common(Vec<String>);

const LATIN: std::ops::Range<u32> = 0x80..0x250;
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2070;

static COMMON: std::sync::LazyLock<Common> = std::sync::LazyLock::new(|| {
    let made = LATIN
        .chain(PUNCTUATION)
        .map(|code| {
            let mut out = String::new();
            if let Some(c) = char::from_u32(code) {
                fold_char(c, &mut out);
            }
            out
        })
        .collect();
    Common(made)
});

impl Common {
    fn get(&self, c: char) -> Option<&str> {
        let code = c as u32;
        let at = if LATIN.contains(&code) {
            code - LATIN.start
        } else if PUNCTUATION.contains(&code) {
            code - PUNCTUATION.start + LATIN.len() as u32
        } else {
            return None;
        };
        self.0.get(at as usize).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, html};

    fn places() -> Vec<Place> {
        let place = |id: &str, name: &str, aliases: &[&str]| Place {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            declared: true,
            ..Place::default()
        };
        vec![
            place("hadrut", "Hadrut", &["Hadrout"]),
            place("nagorno-karabakh", "Haut-Karabakh", &["Karabakh"]),
            place("chouchi", "Chouchi", &["Şuşa"]),
        ]
    }

    fn link(markdown: &str) -> (String, Vec<usize>) {
        link_in(&places(), markdown)
    }

    /// The HTML of `markdown` with the mentions of `places` linked, and the
    /// places mentioned.
    fn link_in(places: &[Place], markdown: &str) -> (String, Vec<usize>) {
        let mentions = Mentions::new(places, |p| format!("/places/{}/", p.id)).unwrap();
        let (events, found) = mentions.link(Parser::new(markdown).collect());
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        (out, found)
    }

    /// A declared place with a name and no alias.
    fn place(id: &str, name: &str) -> Place {
        Place {
            id: id.into(),
            name: name.into(),
            declared: true,
            ..Place::default()
        }
    }

    #[test]
    fn the_first_mention_of_each_place_is_linked_ignoring_case_and_accents() {
        let (html, found) =
            link("Les combats à HADROUT et dans le Haut-Karabakh ; Hadrut encore, et Susa.");
        assert!(
            html.contains("<a href=\"/places/hadrut/\">HADROUT</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/places/nagorno-karabakh/\">Haut-Karabakh</a>"),
            "the longest name wins: {html}"
        );
        assert!(
            html.contains("<a href=\"/places/chouchi/\">Susa</a>"),
            "{html}"
        );
        assert_eq!(
            html.matches("/places/hadrut/").count(),
            1,
            "only the first mention: {html}"
        );
        assert_eq!(found, [0, 1, 2]);
    }

    #[test]
    fn a_name_written_with_a_capital_is_only_mentioned_with_one() {
        let places = [
            place("mir", "Мир"),
            place("shchastia", "Щастя"),
            place("bar", "Bar"),
            place("el-fasher", "el-fasher"),
        ];
        let link = |markdown: &str| link_in(&places, markdown);
        // Common words: peace, happiness, a bar.
        let (html, found) = link("Сторони говорять про мир. Люди мріють про щастя, then a bar.");
        assert!(found.is_empty() && !html.contains("<a"), "{html}");
        // A lower-case mention does not take the first mention's link.
        let (html, found) = link("про мир у МИР, then Bar; el-fasher and El-Fasher.");
        assert!(
            html.contains(r#"у <a href="/places/mir/">МИР</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="/places/bar/">Bar</a>"#), "{html}");
        // A name of several words needs a capital somewhere in it.
        let (linked, corridor_found) = link_in(
            &[place("lachin-corridor", "Corridor de Lachin")],
            "le corridor de lachin, le corridor de Lachin",
        );
        assert_eq!(corridor_found, [0]);
        assert!(
            linked.contains(r#"le <a href="/places/lachin-corridor/">corridor de Lachin</a>"#),
            "{linked}"
        );
        // A name written in lower case matches in any case.
        assert!(
            html.contains(r#"<a href="/places/el-fasher/">el-fasher</a>"#),
            "{html}"
        );
        assert_eq!(found, [0, 2, 3]);
    }

    #[test]
    fn a_name_inside_an_address_written_out_is_no_mention() {
        // (After a space of more than one byte, as French spacing puts after «.)
        for text in ["«\u{202F}Hadrut\u{202F}»", "à\u{A0}Hadrut"] {
            let (html, found) = link(text);
            assert_eq!(found, [0], "{html}");
        }
        let (html, found) = link(
            "See https://Hadrut.example.org/ and\u{A0}WWW.HADRUT.AM, press@Hadrut.am;\u{202F}«\u{202F}then Hadrut.",
        );
        assert_eq!(found, [0]);
        assert!(
            html.contains(r#"then <a href="/places/hadrut/">Hadrut</a>."#),
            "{html}"
        );
        assert_eq!(html.matches("<a").count(), 1, "{html}");
    }

    #[test]
    fn folding_maps_every_folded_byte_to_its_character() {
        let text = "À Şuşa\u{00AD}x, ŒIL";
        let folded = fold(text);
        assert_eq!(folded.text, "a susax, oeil");
        // "oe" both come from "Œ"; the soft hyphen gave nothing.
        let from = |folded_at: usize| &text[folded.source(folded_at)..];
        assert!(from(0).starts_with('À'));
        assert!(from(1).starts_with(" Şuşa"));
        assert!(from(2).starts_with("Şuşa"));
        assert!(from(3).starts_with("uşa"));
        assert!(from(4).starts_with("şa"));
        assert!(from(5).starts_with('a'));
        assert!(from(6).starts_with('x'));
        assert!(from(9).starts_with('Œ') && from(10).starts_with('Œ'));
        assert!(from(11).starts_with("IL"));
        assert_eq!(folded.source(folded.text.len()), text.len());
        assert_eq!(fold("").source(0), 0);
        assert_eq!(fold("é").source(0), 0);
        assert_eq!(fold("é").source(1), 2);
    }

    #[test]
    fn folding_maps_bytes_as_a_byte_by_byte_map_does() {
        // The map `Folded` keeps sparse, written out for every byte.
        fn by_bytes(text: &str) -> (String, Vec<usize>) {
            let (mut folded, mut starts) = (String::new(), Vec::new());
            for (at, c) in text.char_indices() {
                if c.is_ascii() {
                    folded.push(c.to_ascii_lowercase());
                } else {
                    fold_char(c, &mut folded);
                }
                starts.resize(folded.len(), at);
            }
            starts.push(text.len());
            (folded, starts)
        }
        let mut texts: Vec<String> = [
            "",
            "Hadrut",
            "à Stepanakert, l’armée\u{202F}: «\u{A0}trêve\u{A0}» — Œuvre",
            "x\u{00AD}\u{00AD}y\u{00AD}",
            "Шуша Ստեփանակերտ 舒沙 ٣٤ x\u{0301}y 😀",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        // Every character to U+2FFF, between ASCII letters and side by side.
        texts.push((0x80..0x3000u32).filter_map(char::from_u32).collect());
        texts.push(
            (0x80..0x3000u32)
                .filter_map(char::from_u32)
                .map(|c| format!("a{c}B"))
                .collect(),
        );
        for text in &texts {
            let folded = fold(text);
            let (expected, starts) = by_bytes(text);
            assert_eq!(folded.text, expected, "{text}");
            for (at, start) in starts.iter().enumerate() {
                assert_eq!(folded.source(at), *start, "byte {at} of {text:?}");
            }
        }
    }

    #[test]
    fn names_in_other_scripts_match_as_written_ignoring_case_and_marks() {
        let places = [
            place("khartoum", "الخرطوم"),
            place("kyiv", "Київ"),
            place("athens", "Αθήνα"),
            place("shanghai", "上海"),
            place("seoul", "서울"),
        ];
        let link = |markdown: &str| link_in(&places, markdown);
        // The article's alef is part of the name, and the name without it
        // is another word.
        let (html, found) = link("في الخرطوم اليوم");
        assert!(
            html.contains("في <a href=\"/places/khartoum/\">الخرطوم</a> اليوم"),
            "{html}"
        );
        assert_eq!(found, [0]);
        let (html, found) = link("وصل لخرطوم");
        assert!(found.is_empty(), "{html}");
        // Vowel marks do not stop a match.
        let (_, found) = link("في الخُرْطُوم");
        assert_eq!(found, [0]);
        let (html, _) = link("Обстріл КИЇВ, потім Київщина.");
        assert!(
            html.contains("<a href=\"/places/kyiv/\">КИЇВ</a>"),
            "{html}"
        );
        let (html, found) = link("Київщина");
        assert!(found.is_empty(), "part of a longer word: {html}");
        let (html, _) = link("Στην ΑΘΗΝΑ σήμερα");
        assert!(
            html.contains("<a href=\"/places/athens/\">ΑΘΗΝΑ</a>"),
            "{html}"
        );
        // Chinese has no spaces between words; Korean has.
        let (html, _) = link("今天上海下雨");
        assert!(
            html.contains("今天<a href=\"/places/shanghai/\">上海</a>下雨"),
            "{html}"
        );
        let (html, _) = link("오늘 서울에서");
        assert!(
            !html.contains("/places/seoul/"),
            "서울에서 is one word: {html}"
        );
        let (html, _) = link("오늘 서울 날씨");
        assert!(
            html.contains("<a href=\"/places/seoul/\">서울</a>"),
            "{html}"
        );
    }

    #[test]
    fn text_inside_the_author_s_own_html_links_and_code_is_left_alone() {
        let (html, found) = link(
            "Voir <a href=\"https://example.com/r\">le rapport de Hadrut</a> et <CODE>Chouchi</CODE>, puis Hadrut.\n",
        );
        assert!(
            html.contains("<a href=\"https://example.com/r\">le rapport de Hadrut</a>"),
            "{html}"
        );
        assert!(html.contains("<CODE>Chouchi</CODE>"), "{html}");
        assert!(
            html.contains("puis <a href=\"/places/hadrut/\">Hadrut</a>."),
            "outside them, the first mention is linked: {html}"
        );
        assert_eq!(found, [0]);
        assert_eq!(unlinked_depth("<a href=x>", 0), 1);
        assert_eq!(unlinked_depth("</A >", 1), 0);
        assert_eq!(unlinked_depth("<abbr title=x>", 0), 0);
        assert_eq!(unlinked_depth("<br/>", 0), 0);
        assert_eq!(unlinked_depth("<a id=x />", 0), 0);
        // A highlighted code block, or a one-line HTML block, closes what it opens.
        assert_eq!(
            unlinked_depth("<pre class=\"code\"><code>x &lt;a&gt;</code></pre>\n", 0),
            0
        );
        assert_eq!(unlinked_depth("<h2 id=\"x\">Titre</h2>\n", 0), 0);
    }

    #[test]
    fn a_code_block_or_an_html_block_before_a_mention_does_not_stop_the_linking() {
        let (html, found) = link("```sh\nls\n```\n\n<h3>Note</h3>\n\nÀ Hadrut, rien.\n");
        assert!(
            html.contains("À <a href=\"/places/hadrut/\">Hadrut</a>, rien."),
            "{html}"
        );
        assert_eq!(found, [0]);
        // An element left open stops at the end of its block.
        let (html, found) = link("Un <a href=\"x\">lien jamais fermé.\n\nÀ Hadrut.\n");
        assert!(
            html.contains("À <a href=\"/places/hadrut/\">Hadrut</a>."),
            "{html}"
        );
        assert_eq!(found, [0]);
    }

    #[test]
    fn links_headings_code_and_parts_of_words_are_left_alone() {
        let (html, found) = link("## Hadrut\n\n[à Hadrut](x.md) `Hadrut` Hadrutien Karabakhs\n");
        assert!(!html.contains("/places/"), "{html}");
        assert!(found.is_empty());
    }
}
