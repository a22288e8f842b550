//! The data templates receive. Each dispatch and each term is turned into a
//! template value once; every page that lists it shares that value.

use chrono::{Datelike, NaiveDate};
use tera::{Map, Value};

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::cache::{RenderCache, Versions, map_content, value_hash};
use super::colors::{SideColors, side_colors};
use super::i18n::Translations;
use super::markdown::Body;
use super::typography::{french, smart};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::index::Index;
use crate::model::{Chronicle, Dispatch, When};

/// Builds a template map from `key => value` pairs.
macro_rules! map {
    ($($key:expr => $value:expr),* $(,)?) => {{
        let mut map = tera::Map::with_capacity([$($key),*].len());
        $(map.insert($key.into(), tera::Value::from($value));)*
        tera::Value::from(map)
    }};
}
pub(crate) use map;

/// URLs of a site: root-relative links under the base path, and absolute permalinks.
#[derive(Clone, Debug)]
pub struct Urls {
    pub base_url: String,
    pub base_path: String,
}

impl Urls {
    pub fn of(config: &crate::model::Config) -> Urls {
        Urls {
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_string(),
        }
    }

    /// A link within the site: `/repo/places/hadrut/`.
    pub fn link(&self, path: &str) -> String {
        [&self.base_path, path].concat()
    }

    /// An absolute URL, for feeds, sitemaps and canonical links.
    pub fn permalink(&self, path: &str) -> String {
        [&self.base_url, path].concat()
    }
}

/// Template values shared between pages.
pub struct Views {
    pub dispatches: Vec<Value>,
    /// Each dispatch value's version, for page signatures: by its value, and
    /// by the dispatch's index.
    pub versions: Versions,
    pub version_of: Vec<u64>,
    pub places: Vec<Value>,
    pub sides: Vec<Value>,
    pub topics: Vec<Value>,
    /// The maps that dispatch values share (what they show of a term, their
    /// dates), by their content ([`map_content`]).
    shared: Versions,
}

impl Views {
    /// Counts each dispatch by a hash of its value instead of the version
    /// this run gave it, so that signatures mean the same from one run to the
    /// next (a build compares them with the last build's).
    pub fn count_by_content(&mut self) {
        use rayon::prelude::*;
        let shared = &self.shared;
        let hashes: Vec<u64> = self
            .dispatches
            .par_iter()
            .map(|value| value_hash(value, shared))
            .collect();
        self.versions = Versions::default();
        for (value, hash) in self.dispatches.iter().zip(&hashes) {
            self.versions.insert(value, *hash);
        }
        self.version_of = hashes;
    }
}

/// Text as it is shown: with the smart punctuation of a body, and French
/// spacing on a French site.
pub fn display_text(text: &str, is_french: bool) -> String {
    let text = smart(text);
    if is_french {
        french(&text, None).into_owned()
    } else {
        text.into_owned()
    }
}

/// The archive paths of a date: `2020/`, `2020/10/`, `2020/10/28/`.
pub fn year_path(year: i32) -> String {
    format!("{year:04}/")
}
pub fn month_path(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}
pub fn day_path(date: NaiveDate) -> String {
    let mut path = String::with_capacity(11);
    crate::model::push_day_path(&mut path, date);
    path
}

/// A date as templates see it.
pub fn date_value(when: &When, t: &Translations, urls: &Urls) -> Value {
    let d = when.date;
    map! {
        "iso" => when.iso(),
        "rfc3339" => when.rfc3339(),
        "display" => t.date(d),
        "year" => d.year() as i64,
        "month" => d.month() as i64,
        "day" => d.day() as i64,
        "month_name" => t.month(d.year(), d.month()),
        "year_url" => urls.link(&year_path(d.year())),
        "month_url" => urls.link(&month_path(d.year(), d.month())),
        "day_url" => urls.link(&day_path(d)),
    }
}

/// The partials rendered once per dispatch (with `d` and the globals) and
/// kept in its value as `rendered.NAME`, so that lists, which show each
/// dispatch many times over, copy them instead of rendering them again.
pub const FRAGMENTS: [(&str, &str); 2] = [
    ("card", "partials/card.html"),
    ("line", "partials/line.html"),
];

/// Renders a dispatch's [`FRAGMENTS`] from its value.
pub type Fragments<'f> = dyn Fn(&Value) -> Result<Value, Diagnostic> + Sync + 'f;

/// Builds the shared values of a chronicle's dispatches and terms. New
/// dispatch values are made in parallel, each with its rendered fragments.
pub fn views(
    chronicle: &Chronicle,
    index: &Index,
    bodies: &[std::sync::Arc<Body>],
    (t, urls): (&Translations, &Urls),
    fragments: &Fragments,
    cache: &mut RenderCache,
) -> Result<Views, Diagnostics> {
    let fr = chronicle.config.is_french();
    // What a dispatch shows of a term (no count, which changes with every
    // dispatch that joins), and the full term for its own pages.
    let link = |kind: &str, id: &str, name: &str| {
        let path = format!("{kind}/{id}/");
        let mut m = Map::new();
        m.insert("id".into(), id.into());
        m.insert("name".into(), display_text(name, fr).into());
        m.insert("url".into(), urls.link(&path).into());
        m.insert("permalink".into(), urls.permalink(&path).into());
        m.insert(
            "feed_url".into(),
            urls.link(&format!("{path}atom.xml")).into(),
        );
        m
    };
    let place_links: Vec<Map> = chronicle
        .places
        .iter()
        .map(|p| {
            let mut m = link("places", &p.id, &p.name);
            m.insert("aliases".into(), p.aliases.clone().into());
            m.insert(
                "kind".into(),
                p.kind.clone().map_or(Value::none(), Value::from),
            );
            m.insert("lat".into(), p.lat.map_or(Value::none(), Value::from));
            m.insert("lon".into(), p.lon.map_or(Value::none(), Value::from));
            m.insert(
                "region".into(),
                p.region.clone().map_or(Value::none(), Value::from),
            );
            m.insert("declared".into(), p.declared.into());
            m
        })
        .collect();
    let side_links: Vec<Map> = chronicle
        .sides
        .iter()
        .map(|s| {
            let mut m = link("sides", &s.id, &s.name);
            m.insert("aliases".into(), s.aliases.clone().into());
            let in_text = s.with_article.as_deref().unwrap_or(&s.name);
            m.insert("with_article".into(), display_text(in_text, fr).into());
            m.insert(
                "color".into(),
                s.color.clone().map_or(Value::none(), Value::from),
            );
            // What the theme draws with the colour, readable in light and dark modes.
            let colors = s.color.as_deref().and_then(side_colors);
            for (key, pick) in [
                (
                    "ink",
                    (|c: &SideColors| c.ink.clone()) as fn(&SideColors) -> String,
                ),
                ("on_light", |c| c.on_light.clone()),
                ("on_dark", |c| c.on_dark.clone()),
            ] {
                m.insert(
                    key.into(),
                    colors.as_ref().map_or(Value::none(), |c| pick(c).into()),
                );
            }
            m.insert("declared".into(), s.declared.into());
            m
        })
        .collect();
    let topic_links: Vec<Map> = chronicle
        .topics
        .iter()
        .map(|topic| {
            let mut m = link("topics", &topic.id, &topic.name);
            m.insert(
                "description".into(),
                topic
                    .description
                    .as_deref()
                    .map_or(Value::none(), |d| display_text(d, fr).into()),
            );
            m.insert("declared".into(), topic.declared.into());
            m
        })
        .collect();
    let with_counts = |links: &[Map], lists: &[Vec<usize>]| -> Vec<Value> {
        links
            .iter()
            .zip(lists)
            .map(|(m, list)| {
                let mut m = m.clone();
                m.insert("count".into(), list.len().into());
                Value::from(m)
            })
            .collect()
    };
    let places = with_counts(&place_links, &index.places);
    let sides = with_counts(&side_links, &index.sides);
    let topics = with_counts(&topic_links, &index.topics);
    let links = |maps: Vec<Map>| -> Vec<(Value, u64)> {
        maps.into_iter()
            .map(|m| {
                let value = Value::from(m);
                let hash = value_hash(&value, &Versions::default());
                (value, hash)
            })
            .collect()
    };
    let (place_links, side_links, topic_links) =
        (links(place_links), links(side_links), links(topic_links));

    let cached: &RenderCache = cache;
    let dates = Dates {
        made: Default::default(),
        t,
        urls,
    };
    let made: Vec<(u64, Result<Card, Diagnostic>)> = chronicle
        .dispatches
        .par_iter()
        .zip(bodies)
        .map(|(d, body)| {
            let used = || {
                let mut h = std::hash::DefaultHasher::new();
                for (list, links) in [
                    (&d.sides, &side_links),
                    (&d.places, &place_links),
                    (&d.topics, &topic_links),
                ] {
                    list.iter().for_each(|&i| links[i].1.hash(&mut h));
                }
                for s in &d.sources {
                    s.by.map(|b| side_links[b].1).hash(&mut h);
                }
                for c in &d.claims {
                    side_links[c.by].1.hash(&mut h);
                    c.denied_by
                        .iter()
                        .for_each(|&b| side_links[b].1.hash(&mut h));
                }
                h.finish()
            };
            let links_used = used();
            if let Some(cached) = cached.card(d, body.generation, links_used) {
                return (links_used, Ok(Card::Kept(cached)));
            }
            let links = (&place_links[..], &side_links[..], &topic_links[..]);
            let mut value = card(d, body, &dates, urls, fr, links);
            let made = fragments(&Value::from(value.clone())).map(|rendered| {
                value.insert("rendered".into(), rendered);
                Card::Made(Value::from(value))
            });
            (links_used, made)
        })
        .collect();
    let mut errors = Diagnostics::default();
    let mut dispatches = Vec::with_capacity(made.len());
    for ((d, body), (links_used, made)) in chronicle.dispatches.iter().zip(bodies).zip(made) {
        match made {
            Ok(Card::Kept(cached)) => dispatches.push(cached),
            Ok(Card::Made(value)) => {
                let version = cache.next_version();
                cache.keep_card(d, body.generation, links_used, value.clone(), version);
                dispatches.push((value, version));
            }
            Err(error) => errors.push_once(error),
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    let mut versions = Versions::default();
    for (value, version) in &dispatches {
        versions.insert(value, *version);
    }
    let version_of = dispatches.iter().map(|(_, version)| *version).collect();
    let dispatches = dispatches.into_iter().map(|(value, _)| value).collect();
    let mut shared = Versions::default();
    let dates = dates.made.into_inner().expect("never poisoned");
    let links = [&place_links, &side_links, &topic_links];
    let link_values = links.into_iter().flatten().map(|(value, _)| value);
    for value in link_values.chain(dates.values()) {
        shared.insert(value, map_content(value));
    }
    Ok(Views {
        shared,
        versions,
        version_of,
        dispatches,
        places,
        sides,
        topics,
    })
}

/// A dispatch's value: kept from the last render with its version, or made now.
enum Card {
    Kept((Value, u64)),
    Made(Value),
}

/// What a dispatch shows of each term, with a hash of it, by kind.
type Links<'l> = (&'l [(Value, u64)], &'l [(Value, u64)], &'l [(Value, u64)]);

/// Date values, one per day and time written: the dispatches of a day share
/// theirs (a date's value is a dozen strings, and a chronicle has many
/// dispatches per day).
struct Dates<'d> {
    /// By [`When::as_written`].
    made: std::sync::Mutex<rustc_hash::FxHashMap<WhenKey, Value>>,
    t: &'d Translations,
    urls: &'d Urls,
}

type WhenKey = (NaiveDate, Option<(chrono::NaiveDateTime, i32)>);

impl Dates<'_> {
    fn get(&self, when: &When) -> Value {
        let key = when.as_written();
        let made = || self.made.lock().expect("never poisoned");
        if let Some(value) = made().get(&key) {
            return value.clone();
        }
        let value = date_value(when, self.t, self.urls);
        made().entry(key).or_insert(value).clone()
    }
}

/// The template value of one dispatch: everything a list or its page shows
/// (but its rendered fragments).
/// A dispatch's summary as the site shows it: the front-matter's, or else
/// the first paragraph of its text.
pub fn summary(d: &Dispatch, body: &Body, fr: bool) -> String {
    match &d.summary {
        // Written in Markdown as the text is (`**20** civils`): read as its text.
        Some(s) if s.contains(['*', '_', '[', '`', '\\', '<', '&']) => {
            display_text(&super::markdown::inline_text(s), fr)
        }
        Some(s) => display_text(s, fr),
        None => body.first_paragraph.clone(),
    }
}

fn card(
    d: &Dispatch,
    body: &Body,
    dates: &Dates,
    urls: &Urls,
    fr: bool,
    (places, sides, topics): Links,
) -> Map {
    let path = d.path_part();
    let pick = |list: &[usize], values: &[(Value, u64)]| {
        Value::from(
            list.iter()
                .map(|&i| values[i].0.clone())
                .collect::<Vec<_>>(),
        )
    };
    let summary = summary(d, body, fr);
    let sources: Vec<Value> = d
        .sources
        .iter()
        .map(|s| {
            map! {
                "name" => s.name.clone(),
                "url" => s.url.clone().map_or(Value::none(), Value::from),
                "archive_url" => s.archive_url.clone().map_or(Value::none(), Value::from),
                "by" => s.by.map_or(Value::none(), |b| sides[b].0.clone()),
            }
        })
        .collect();
    let claims: Vec<Value> = d
        .claims
        .iter()
        .map(|c| {
            map! {
                "by" => sides[c.by].0.clone(),
                "says" => display_text(&c.says, fr),
                "denied_by" => pick(&c.denied_by, sides),
            }
        })
        .collect();
    let mut m = Map::with_capacity(17);
    m.insert("title".into(), display_text(&d.title, fr).into());
    m.insert("slug".into(), d.slug.clone().into());
    m.insert("url".into(), urls.link(&path).into());
    m.insert("permalink".into(), urls.permalink(&path).into());
    m.insert("date".into(), dates.get(&d.when));
    m.insert(
        "updated".into(),
        d.update().as_ref().map_or(Value::none(), |u| dates.get(u)),
    );
    m.insert("summary".into(), summary.into());
    m.insert("sides".into(), pick(&d.sides, sides));
    m.insert("places".into(), pick(&d.places, places));
    m.insert("topics".into(), pick(&d.topics, topics));
    m.insert("sources".into(), sources.into());
    m.insert("claims".into(), claims.into());
    m.insert("draft".into(), d.draft.into());
    m.insert("extra".into(), Value::from_serializable(&d.extra));
    m.insert("content".into(), body.html.0.clone());
    m.insert("has_code".into(), body.has_code.into());
    m
}
