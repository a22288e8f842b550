//! The nouns of a chronicle: dispatches, places, sides, topics, and the site's config.
//!
//! Every stage reads these; only `load` makes them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::diagnostic::SourceFile;

/// The site's settings from `chronicle.toml`.
#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub theme: Option<String>,
    pub description: String,
    pub author: String,
    pub build: BuildSettings,
    /// `[extra]`: the theme's own settings, as templates get them (`site.extra`).
    pub extra: serde_json::Value,
    /// The config file itself, for diagnostics that point into it.
    pub source: Option<SourceFile>,
}

impl Config {
    /// How this site's slugs transliterate: by its language.
    pub fn transliteration(&self) -> crate::slug::Transliteration {
        crate::slug::Transliteration::for_language(&self.language)
    }
}

/// The `[build]` table.
#[derive(Clone, Debug)]
pub struct BuildSettings {
    pub per_page: usize,
    pub output_dir: Option<PathBuf>,
    pub link_places: bool,
    pub raw_html: RawHtml,
    /// What the sanitizer keeps beyond its safe defaults (`[build.sanitize]`).
    pub sanitize: SanitizeRules,
    /// How many entries an Atom feed carries, at least 1.
    pub feed_limit: usize,
}

/// Tags and attributes a site allows in sanitized HTML on top of the defaults,
/// such as `iframe` with `src` for embedded videos.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SanitizeRules {
    #[serde(default)]
    pub tags: Vec<String>,
    /// Attributes allowed per tag.
    #[serde(default)]
    pub attributes: BTreeMap<String, Vec<String>>,
}

/// What to do with raw HTML written in a dispatch's Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawHtml {
    Allow,
    Escape,
    Sanitize,
}

impl Config {
    /// The language's primary subtag, lowercase: `fr` for `fr-CA`.
    pub fn primary_language(&self) -> String {
        crate::config::primary_subtag(&self.language).to_ascii_lowercase()
    }

    /// Whether the site is in French (`fr`, `fr-CA`…): French typography.
    /// Asked for every dispatch, so without making a string.
    pub fn is_french(&self) -> bool {
        crate::config::primary_subtag(&self.language).eq_ignore_ascii_case("fr")
    }

    /// The path part of `base_url`, always starting and ending with `/`:
    /// every link the site makes starts with it.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        let rest = &self.base_url[after_scheme..];
        rest.find('/').map_or("/", |i| &rest[i..])
    }
}

/// When something happened, as the editor wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    /// The calendar day as written, in its own offset.
    pub date: NaiveDate,
    /// The full date-time, when one was given.
    pub time: Option<DateTime<FixedOffset>>,
}

/// Hashes what the date-time prints as: the local time and its offset (the
/// instant alone, as chrono hashes it, would not tell `+02:00` from `Z`).
impl std::hash::Hash for When {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_written().hash(state);
    }
}

impl When {
    /// What the date prints as: the day, and the local time with its offset
    /// in seconds when one was written (equality compares instants only).
    pub fn as_written(&self) -> (NaiveDate, Option<(chrono::NaiveDateTime, i32)>) {
        (
            self.date,
            self.time
                .map(|t| (t.naive_local(), t.offset().local_minus_utc())),
        )
    }

    /// RFC 3339, as feeds and sitemaps want it (a bare date is taken at midnight UTC).
    pub fn rfc3339(&self) -> String {
        match self.time {
            Some(t) => written_time(t),
            None => {
                let mut out = ymd(self.date);
                out.push_str("T00:00:00Z");
                out
            }
        }
    }

    /// The instant [`When::rfc3339`] writes, for ordering.
    pub fn instant(&self) -> chrono::DateTime<chrono::Utc> {
        match self.time {
            Some(t) => t.to_utc(),
            None => self.date.and_time(chrono::NaiveTime::MIN).and_utc(),
        }
    }

    /// As written: `YYYY-MM-DD` or the full date-time (UTC as `Z`).
    pub fn iso(&self) -> String {
        match self.time {
            Some(t) => written_time(t),
            None => ymd(self.date),
        }
    }
}

/// A date-time in RFC 3339 with its own offset, and a fraction of a second
/// only when it has one, to the millisecond: HTML's `datetime` takes at most
/// three digits (`10:00:00.123456Z` would make every page listing it invalid).
/// A leap second (`23:59:60`, which HTML does not take either) is written as
/// the last millisecond before it.
fn written_time(t: DateTime<FixedOffset>) -> String {
    use chrono::{SecondsFormat, Timelike};
    let t = if t.nanosecond() >= 1_000_000_000 {
        t.with_nanosecond(999_999_999).unwrap_or(t)
    } else {
        t
    };
    let seconds = if t.nanosecond() < 1_000_000 {
        SecondsFormat::Secs
    } else {
        SecondsFormat::Millis
    };
    // UTC as `Z`, as it is most often written (chrono keeps no trace of
    // which of `Z` and `+00:00` was).
    t.to_rfc3339_opts(seconds, true)
}

/// A date as `%Y-%m-%d` writes it (`2020-10-28`), without parsing the format
/// each time: dates are written by the thousand.
pub fn ymd(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    if !push_digits(&mut out, date, '-') {
        return date.format("%Y-%m-%d").to_string();
    }
    out
}

/// Pushes a date of a year from 0 to 9999 as `2020`, `sep`, `10`, `sep`, `28`,
/// digit by digit; pushes nothing for another year, and says so.
fn push_digits(out: &mut String, date: NaiveDate, sep: char) -> bool {
    let Ok(year @ 0..=9999) = u32::try_from(date.year()) else {
        return false;
    };
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    out.extend([year / 1000, year / 100, year / 10, year].map(digit));
    out.push(sep);
    out.extend([date.month() / 10, date.month()].map(digit));
    out.push(sep);
    out.extend([date.day() / 10, date.day()].map(digit));
    true
}

/// One event of the chronicle: a Markdown file with its front-matter.
#[derive(Clone, Debug)]
pub struct Dispatch {
    /// The file as read, for diagnostics.
    pub source: SourceFile,
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The folder of a page bundle (`slug/index.md` and its images).
    pub bundle: Option<PathBuf>,
    pub title: String,
    pub when: When,
    pub slug: String,
    /// Indices into `Chronicle::sides`, in the order written.
    pub sides: Vec<usize>,
    /// Indices into `Chronicle::places`.
    pub places: Vec<usize>,
    /// Indices into `Chronicle::topics`.
    pub topics: Vec<usize>,
    pub summary: Option<String>,
    pub draft: bool,
    pub updated: Option<When>,
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
    /// `extra`, plus every field the contract doesn't know, for themes.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Other addresses of the dispatch, as output paths (`2020/10/02/old/`),
    /// each with where it is written: each gets a redirect page.
    pub aliases: Vec<(String, std::ops::Range<usize>)>,
    /// The Markdown body, and where it starts in the file.
    /// Where the Markdown body starts in the source; it runs to the end.
    pub body_offset: usize,
}

impl Dispatch {
    /// Its `updated`, unless that is before its `date` (a slip the loader
    /// warns of): pages, feeds and the sitemap then all give the date alone.
    pub fn update(&self) -> Option<When> {
        self.updated.filter(|u| match (u.time, self.when.time) {
            (Some(u), Some(w)) => u >= w,
            _ => u.date >= self.when.date,
        })
    }

    /// The Markdown body, as written after the front-matter.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// The permalink's path below the base path: `YYYY/MM/DD/slug/`.
    pub fn path_part(&self) -> String {
        let mut path = String::with_capacity(12 + self.slug.len());
        push_day_path(&mut path, self.when.date);
        path.push_str(&self.slug);
        path.push('/');
        path
    }
}

/// Pushes a day's archive path, `2020/10/28/`: it is made for every page
/// and list that names a dispatch, and `format!` was a visible part of that.
pub fn push_day_path(out: &mut String, date: NaiveDate) {
    if !push_digits(out, date, '/') {
        let (y, m, d) = (date.year(), date.month(), date.day());
        out.push_str(&format!("{y:04}/{m:02}/{d:02}"));
    }
    out.push('/');
}

/// Where a dispatch's information comes from.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
    /// The side whose statement the outlet relays (index into `Chronicle::sides`).
    #[serde(skip)]
    pub by: Option<usize>,
    pub archive_url: Option<String>,
}

/// A contested fact, always attributed to the side that makes it.
#[derive(Clone, Debug)]
pub struct Claim {
    pub by: usize,
    pub says: String,
    pub denied_by: Vec<usize>,
}

/// A place of the gazetteer, or one referenced without being declared.
#[derive(Clone, Debug, Default)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The id of the place this one lies in.
    pub region: Option<String>,
    pub kind: Option<String>,
    /// Names in other languages, by language code.
    pub names: BTreeMap<String, String>,
    pub declared: bool,
}

/// A party to the conflict.
#[derive(Clone, Debug, Default)]
pub struct Side {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// A CSS colour, `#rrggbb`.
    pub color: Option<String>,
    /// The name as it reads inside a sentence, with its article where the
    /// language wants one: "l’Azerbaïdjan", for "Selon l’Azerbaïdjan, …".
    pub with_article: Option<String>,
    pub declared: bool,
}

/// A subject that dispatches are filed under.
#[derive(Clone, Debug, Default)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub declared: bool,
}

/// A whole chronicle, as loaded: the input of every later stage.
#[derive(Clone, Debug)]
pub struct Chronicle {
    pub root: PathBuf,
    pub config: Config,
    /// Published dispatches (drafts only with `--drafts`), in no particular order.
    pub dispatches: Vec<std::sync::Arc<Dispatch>>,
    pub places: Vec<Place>,
    pub sides: Vec<Side>,
    pub topics: Vec<Topic>,
    /// Dispatch files found that did not load (their errors say why), by
    /// path: a link to one of them is not also reported as a missing dispatch.
    pub unloaded: Vec<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        Config {
            title: String::new(),
            base_url: base_url.into(),
            language: "fr".into(),
            theme: None,
            description: String::new(),
            author: String::new(),
            build: BuildSettings {
                per_page: 20,
                output_dir: None,
                link_places: true,
                raw_html: RawHtml::Sanitize,
                sanitize: SanitizeRules::default(),
                feed_limit: 20,
            },
            extra: serde_json::Value::Null,
            source: None,
        }
    }

    #[test]
    fn a_day_path_is_as_format_writes_it() {
        for (y, m, d) in [
            (2020, 10, 28),
            (999, 1, 2),
            (2024, 12, 31),
            (10000, 3, 4),
            (-5, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut path = String::new();
            push_day_path(&mut path, date);
            assert_eq!(path, format!("{y:04}/{m:02}/{d:02}/"));
        }
    }

    #[test]
    fn the_base_path_is_the_path_of_the_base_url() {
        assert_eq!(config("https://example.org/").base_path(), "/");
        assert_eq!(config("https://user.github.io/repo/").base_path(), "/repo/");
        assert_eq!(config("http://127.0.0.1:1111/").base_path(), "/");
    }

    #[test]
    fn a_time_keeps_its_offset_and_at_most_milliseconds() {
        let when = |text: &str| {
            let time = DateTime::parse_from_rfc3339(text).unwrap();
            When {
                date: time.date_naive(),
                time: Some(time),
            }
        };
        for (written, shown) in [
            ("2020-10-02T10:00:00+04:00", "2020-10-02T10:00:00+04:00"),
            ("2020-10-02T10:00:00Z", "2020-10-02T10:00:00Z"),
            ("2020-10-02T10:00:00+00:00", "2020-10-02T10:00:00Z"),
            (
                "2020-10-02T10:00:00.5-03:30",
                "2020-10-02T10:00:00.500-03:30",
            ),
            ("2020-10-02T10:00:00.123456Z", "2020-10-02T10:00:00.123Z"),
            (
                "2020-10-02T23:59:59.999999999+05:45",
                "2020-10-02T23:59:59.999+05:45",
            ),
            ("2020-10-02T10:00:00.0004Z", "2020-10-02T10:00:00Z"),
            ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999Z"),
        ] {
            assert_eq!(when(written).iso(), shown);
            assert_eq!(when(written).rfc3339(), shown);
        }
    }

    #[test]
    fn ymd_writes_what_the_date_format_writes() {
        let mut dates: Vec<NaiveDate> = [(0, 1, 1), (9, 12, 31), (999, 2, 28), (2020, 2, 29)]
            .into_iter()
            .chain([(9999, 12, 31), (10000, 1, 1), (-1, 6, 15), (-44, 3, 15)])
            .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
            .collect();
        let start = NaiveDate::from_ymd_opt(2019, 12, 25).unwrap();
        dates.extend(start.iter_days().take(800));
        for date in dates {
            assert_eq!(ymd(date), date.format("%Y-%m-%d").to_string());
        }
    }
}
