//! Place names mentioned in a dispatch's text, linked to their place page at
//! the first mention: "… la ville de [Hadrut](/places/hadrut/) …".

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use crate::model::Place;

/// A matcher for every name and alias of the gazetteer's places.
pub struct Mentions {
    matcher: AhoCorasick,
    /// The place each pattern names.
    places: Vec<usize>,
    /// Each place's page, by place index.
    urls: Vec<String>,
}

impl Mentions {
    /// Builds the matcher from the declared places' names and aliases. `url`
    /// gives a place's page.
    pub fn new(places: &[Place], url: impl Fn(&Place) -> String) -> Option<Mentions> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, place) in places.iter().enumerate().filter(|(_, p)| p.declared) {
            for name in std::iter::once(&place.name)
                .chain(&place.aliases)
                .chain(place.names.values())
            {
                let (folded, _) = fold(name);
                let folded = folded.trim().to_string();
                // Very short names ("Tug") would match inside too many words' neighbours.
                if folded.chars().filter(char::is_ascii_alphanumeric).count() >= 3 {
                    patterns.push(folded);
                    owners.push(i);
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
            urls: places.iter().map(url).collect(),
        })
    }

    /// Links the first mention of each place in the text of `events` (never in
    /// links, images or headings), and returns the places mentioned.
    pub fn link<'e>(&self, events: Vec<Event<'e>>) -> (Vec<Event<'e>>, Vec<usize>) {
        let mut out = Vec::with_capacity(events.len());
        let mut mentioned: Vec<usize> = Vec::new();
        let mut inside = 0usize;
        let (mut folded, mut starts) = (String::new(), Vec::new());
        for event in events {
            match &event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. }) => {
                    inside += 1
                }
                Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                    inside = inside.saturating_sub(1)
                }
                _ => {}
            }
            let Event::Text(text) = &event else {
                out.push(event);
                continue;
            };
            if inside > 0 {
                out.push(event);
                continue;
            }
            fold_into(text, &mut folded, &mut starts);
            let mut last = 0;
            for found in self.matcher.find_iter(&folded) {
                let place = self.places[found.pattern().as_usize()];
                let bounded = folded[..found.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
                    && folded[found.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_ascii_alphanumeric());
                if !bounded || mentioned.contains(&place) {
                    continue;
                }
                mentioned.push(place);
                let (start, end) = (starts[found.start()], starts[found.end()]);
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

/// Text folded for matching (lowercase, accents and scripts transliterated),
/// with, for every byte of the folded text (and one past its end), the offset
/// in the original text of the character it came from.
fn fold(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::new();
    let mut starts = Vec::new();
    fold_into(text, &mut folded, &mut starts);
    (folded, starts)
}

/// [`fold`] into buffers that are cleared first, so that one pair serves
/// every text of a dispatch.
fn fold_into(text: &str, folded: &mut String, starts: &mut Vec<usize>) {
    folded.clear();
    starts.clear();
    folded.reserve(text.len());
    starts.reserve(text.len() + 1);
    let mut rest = text;
    while !rest.is_empty() {
        // Runs of ASCII, most of a Latin text, fold byte by byte at once.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let offset = text.len() - rest.len();
        folded.push_str(&rest[..ascii]);
        let start = folded.len() - ascii;
        folded[start..].make_ascii_lowercase();
        starts.extend(offset..offset + ascii);
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            folded.push(' ');
        } else {
            for piece in deunicode::deunicode_char(c).unwrap_or("?").chars() {
                folded.extend(piece.to_lowercase());
            }
        }
        // A character folded to nothing (a soft hyphen) has no byte to map.
        starts.resize(folded.len(), offset + ascii);
        rest = &rest[c.len_utf8()..];
    }
    starts.push(text.len());
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
        let mentions = Mentions::new(&places(), |p| format!("/places/{}/", p.id)).unwrap();
        let (events, found) = mentions.link(Parser::new(markdown).collect());
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        (out, found)
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
    fn folding_maps_every_folded_byte_to_its_character() {
        let text = "À Şuşa\u{00AD}x, ŒIL";
        let (folded, starts) = fold(text);
        assert_eq!(folded, "a susax, oeil");
        assert_eq!(starts.len(), folded.len() + 1);
        // "oe" both come from "Œ"; the soft hyphen gave nothing.
        let from = |folded_at: usize| &text[starts[folded_at]..];
        assert!(from(2).starts_with("Şuşa"));
        assert!(from(6).starts_with('x'));
        assert!(from(9).starts_with('Œ') && from(10).starts_with('Œ'));
        assert!(from(11).starts_with("IL"));
        assert_eq!(starts[folded.len()], text.len());
    }

    #[test]
    fn links_headings_code_and_parts_of_words_are_left_alone() {
        let (html, found) = link("## Hadrut\n\n[à Hadrut](x.md) `Hadrut` Hadrutien Karabakhs\n");
        assert!(!html.contains("/places/"), "{html}");
        assert!(found.is_empty());
    }
}
