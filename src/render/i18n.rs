//! The theme's words in the site's language, and dates written the way its readers write them.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

/// One language's labels (`t.places`, `t.archive`…) and date words.
#[derive(Clone, Debug, Deserialize)]
pub struct Translations {
    /// Month names, January first, as a full date writes them.
    pub months: Vec<String>,
    /// Month names as they stand alone, in a month's title ("березень 2022"),
    /// for the languages that write them otherwise in a date ("2 березня
    /// 2022": Ukrainian, Russian, Polish, Czech…); `months` when a
    /// translation has none.
    #[serde(default)]
    pub months_standalone: Option<Vec<String>>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<String>,
    /// How a full date is written, with `{weekday}`, `{day}`, `{month}` and `{year}`.
    pub date_format: String,
    /// How a month is written, with `{month}` and `{year}`.
    pub month_format: String,
    /// What the first day of a month is written as ("1er" in French), if not "1".
    #[serde(default)]
    pub first_day: Option<String>,
    /// The day weeks start on in month calendars: `monday` (the default), `sunday` or `saturday`.
    #[serde(default)]
    pub week_starts: Option<String>,
    /// Weekday names as calendars head their columns ("lun."), Monday first;
    /// the full names when a translation has none.
    #[serde(default)]
    pub weekdays_short: Option<Vec<String>>,
    /// Every other label, handed to templates as `t`.
    #[serde(flatten)]
    pub labels: BTreeMap<String, toml::Value>,
    /// The site's language (its primary subtag), whose plural forms counts take.
    #[serde(skip)]
    pub language: String,
}

impl Translations {
    /// Reads a translation file, checking the date words are complete:
    /// every problem found, each with what is wrong and where in `text`.
    pub fn parse(text: &str) -> Result<Translations, Vec<(String, Range<usize>)>> {
        let at_key = |key: &str| crate::config::key_span(text, key);
        let mut problems = Vec::new();
        let table = text.parse::<toml::Table>().ok();
        if let Some(table) = &table {
            let missing: Vec<String> = ["months", "weekdays", "date_format", "month_format"]
                .iter()
                .filter(|key| !table.contains_key(**key))
                .map(|key| format!("`{key}`"))
                .collect();
            if !missing.is_empty() {
                problems.push((
                    format!(
                        "{} {} missing (the theme's i18n/en.toml has every key, to translate)",
                        missing.join(", "),
                        if missing.len() == 1 { "is" } else { "are" }
                    ),
                    0..0,
                ));
            }
        }
        // A value of the wrong type, at its key (deserializing the table,
        // which the labels are flattened from, knows no place in the text).
        if let Some(table) = &table {
            let wrong = wrong_types(table);
            if !wrong.is_empty() {
                problems.extend(wrong.into_iter().map(|(key, what)| {
                    (
                        format!("`{key}` must be {what}, found {}", table[key].type_str()),
                        at_key(key),
                    )
                }));
                return Err(problems);
            }
        }
        // With a key missing, what else is wrong is said from the table as it is.
        let lenient = |text: &str| -> Result<Translations, toml::de::Error> {
            let mut table: toml::Table = toml::from_str(text)?;
            for (key, value) in [
                ("months", toml::Value::Array(vec!["".into(); 12])),
                ("weekdays", toml::Value::Array(vec!["".into(); 7])),
                ("date_format", "".into()),
                ("month_format", "".into()),
            ] {
                table.entry(key).or_insert(value);
            }
            table.try_into()
        };
        let t = match lenient(text) {
            Ok(t) => t,
            Err(e) => {
                problems.push((e.message().trim().to_string(), e.span().unwrap_or(0..0)));
                return Err(problems);
            }
        };
        let mut count = |key: &str, list: Option<&Vec<String>>, wanted: usize| match list {
            Some(list) if list.len() != wanted => problems.push((
                format!("`{key}` must list {wanted} names, not {}", list.len()),
                at_key(key),
            )),
            _ => {}
        };
        count("months", Some(&t.months), 12);
        count("months_standalone", t.months_standalone.as_ref(), 12);
        count("weekdays", Some(&t.weekdays), 7);
        count("weekdays_short", t.weekdays_short.as_ref(), 7);
        match t.week_starts.as_deref() {
            None | Some("monday" | "sunday" | "saturday") => {}
            Some(other) => problems.push((
                format!(
                    "`week_starts` must be \"monday\", \"sunday\" or \"saturday\", not {other:?}"
                ),
                at_key("week_starts"),
            )),
        }
        if problems.is_empty() {
            Ok(t)
        } else {
            Err(problems)
        }
    }

    /// The places of `date_format` and `month_format` that a date does not
    /// fill (`{dday}`), each with where its format is in `text`: they would
    /// be shown as written.
    pub fn unknown_places(&self, text: &str) -> Vec<(String, Range<usize>)> {
        let mut unknown = Vec::new();
        let formats = [
            (
                "date_format",
                &self.date_format,
                &["weekday", "day", "month", "year"][..],
            ),
            ("month_format", &self.month_format, &["month", "year"][..]),
        ];
        for (key, format, known) in formats {
            fill(format, |_, name| {
                // (`{{day}}` is read as a brace before `{day}`.)
                if !known.contains(&name) && !name.contains('{') {
                    let places = known.iter().map(|k| format!("{{{k}}}")).collect::<Vec<_>>();
                    unknown.push((
                        format!(
                            "`{{{name}}}` in `{key}` is no place a date fills: it has {}",
                            places.join(", ")
                        ),
                        crate::config::key_span(text, key),
                    ));
                }
                // (As a date reads it: an unknown one is kept as written.)
                known.contains(&name)
            });
        }
        unknown
    }

    /// Which way the site's text runs, `rtl` or `ltr`: the translation's
    /// `direction` label if it has one, else the script the language tag
    /// names (`ku-Arab`, `az-Latn`), else its language's usual script's.
    pub fn direction(&self, language: &str) -> &'static str {
        match self.labels.get("direction").and_then(toml::Value::as_str) {
            Some("rtl") => "rtl",
            Some("ltr") => "ltr",
            _ if is_right_to_left(language) => "rtl",
            _ => "ltr",
        }
    }

    /// The day calendars start their weeks on, in days from Monday
    /// (Monday 0, the default; Saturday 5; Sunday 6).
    pub fn first_weekday(&self) -> usize {
        match self.week_starts.as_deref() {
            Some("sunday") => 6,
            Some("saturday") => 5,
            _ => 0,
        }
    }

    /// A weekday's short name, Monday being 0.
    pub fn weekday_short(&self, from_monday: usize) -> &str {
        match &self.weekdays_short {
            Some(short) => &short[from_monday],
            None => &self.weekdays[from_monday],
        }
    }

    /// The label that writes "dispatch" after the count `n`: `dispatch` or
    /// `dispatches`, or, in a language with more forms, the translation's
    /// `dispatches_zero`, `dispatches_two`, `dispatches_few` or
    /// `dispatches_many` (`dispatches` if it has none).
    pub fn dispatches_label(&self, n: u64) -> String {
        match plural_form(&self.language, n) {
            "one" => "dispatch".into(),
            "other" => "dispatches".into(),
            form => {
                let own = format!("dispatches_{form}");
                if self.labels.contains_key(&own) {
                    own
                } else {
                    "dispatches".into()
                }
            }
        }
    }

    /// Adds the labels this translation lacks from another (English), and
    /// returns their names: a page never shows a missing label as an error.
    pub fn fill_from(&mut self, fallback: &Translations) -> Vec<String> {
        let mut missing = Vec::new();
        for (key, value) in &fallback.labels {
            if !self.labels.contains_key(key) {
                self.labels.insert(key.clone(), value.clone());
                missing.push(key.clone());
            }
        }
        missing
    }

    /// "mercredi 28 octobre 2020", "jeudi 1er octobre 2020", "Wednesday, October 28, 2020".
    pub fn date(&self, date: NaiveDate) -> String {
        fill(&self.date_format, |out, name| {
            match name {
                "weekday" => {
                    out.push_str(&self.weekdays[date.weekday().num_days_from_monday() as usize])
                }
                "day" => self.push_day(out, date.day()),
                "month" => out.push_str(&self.months[date.month0() as usize]),
                "year" => push_number(out, date.year().into()),
                _ => return false,
            }
            true
        })
    }

    /// "octobre 2020", "березень 2022".
    pub fn month(&self, year: i32, month: u32) -> String {
        let names = self.months_standalone.as_ref().unwrap_or(&self.months);
        fill(&self.month_format, |out, name| {
            match name {
                "month" => out.push_str(&names[(month - 1) as usize]),
                "year" => push_number(out, year.into()),
                _ => return false,
            }
            true
        })
    }

    /// A day of the month alone: "1er", "28".
    pub fn day(&self, day: u32) -> String {
        let mut out = String::new();
        self.push_day(&mut out, day);
        out
    }

    fn push_day(&self, out: &mut String, day: u32) {
        match (&self.first_day, day) {
            (Some(first), 1) => out.push_str(first),
            _ => push_number(out, day.into()),
        }
    }
}

/// The languages written right to left (in their usual script).
const RIGHT_TO_LEFT: [&str; 15] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "nqo", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// The scripts written right to left, as language tags name them (ISO 15924).
const RIGHT_TO_LEFT_SCRIPTS: [&str; 12] = [
    "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr", "mend", "yezi", "aran",
];

/// The date words of a translation table that have the wrong type, with
/// what each must be.
fn wrong_types(table: &toml::Table) -> Vec<(&'static str, &'static str)> {
    const TEXTS: [&str; 4] = ["date_format", "month_format", "first_day", "week_starts"];
    const LISTS: [&str; 4] = ["months", "months_standalone", "weekdays", "weekdays_short"];
    let is_list_of_texts = |value: &toml::Value| {
        value
            .as_array()
            .is_some_and(|items| items.iter().all(toml::Value::is_str))
    };
    let texts = TEXTS
        .into_iter()
        .filter(|key| table.get(*key).is_some_and(|v| !v.is_str()))
        .map(|key| (key, "text in quotes"));
    let lists = LISTS
        .into_iter()
        .filter(|key| table.get(*key).is_some_and(|v| !is_list_of_texts(v)))
        .map(|key| (key, "a list of names in quotes"));
    texts.chain(lists).collect()
}

/// The plural form a language writes a whole number `n` with, as the
/// Unicode CLDR names them (`one`, `few`, `many`, `other`, and Arabic's
/// `zero` and `two`): "1 dispatch, 2 dispatches", but Ukrainian "1, 21
/// повідомлення; 2–4 повідомлення; 5–20 повідомлень", and French "0, 1 dépêche".
/// `language` is its primary subtag, in lower case; a language these rules
/// do not know has English's.
pub fn plural_form(language: &str, n: u64) -> &'static str {
    let (units, tens) = (n % 10, n % 100);
    let few = (2..=4).contains(&units) && !(12..=14).contains(&tens);
    match language {
        "ja" | "zh" | "ko" | "vi" | "th" | "id" | "ms" | "lo" | "my" | "km" => "other",
        "fr" | "hy" | "fa" | "hi" | "bn" | "pt" if n <= 1 => "one",
        "uk" | "ru" | "be" => match () {
            _ if units == 1 && tens != 11 => "one",
            _ if few => "few",
            _ => "many",
        },
        "pl" => match () {
            _ if n == 1 => "one",
            _ if few => "few",
            _ => "many",
        },
        "hr" | "sr" | "bs" => match () {
            _ if units == 1 && tens != 11 => "one",
            _ if few => "few",
            _ => "other",
        },
        "cs" | "sk" => match n {
            1 => "one",
            2..=4 => "few",
            _ => "other",
        },
        "lt" if !(11..=19).contains(&tens) && units == 1 => "one",
        "lt" if !(11..=19).contains(&tens) && units >= 2 => "few",
        "ar" => match (n, tens) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "he" => match n {
            1 => "one",
            2 => "two",
            _ => "other",
        },
        "ro" if n == 1 => "one",
        "ro" if n == 0 || (2..=19).contains(&tens) => "few",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// Whether a language tag's text runs right to left: by its script subtag
/// if it has one (the four letters after the language), else by its language.
fn is_right_to_left(language: &str) -> bool {
    let mut subtags = language.split(['-', '_']);
    let primary = subtags.next().unwrap_or_default().to_ascii_lowercase();
    let script = subtags
        .next()
        .filter(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase);
    match script {
        Some(script) => RIGHT_TO_LEFT_SCRIPTS.contains(&script.as_str()),
        None => RIGHT_TO_LEFT.contains(&primary.as_str()),
    }
}

/// A format with `{name}` places, each filled in by `put` (which says
/// whether it knows the name: an unknown one is kept as it is written).
/// One pass, however many places: dates are written for every card and chart.
fn fill(format: &str, mut put: impl FnMut(&mut String, &str) -> bool) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if put(&mut out, &after[..close]) => rest = &after[close + 1..],
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn push_number(out: &mut String, n: i64) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_subtag_says_which_way_the_text_runs() {
        for rtl in [
            "ar",
            "fa-IR",
            "ckb",
            "ku-Arab",
            "az-Arab-IR",
            "pa-Arab",
            "yi",
            "uz-ARAB",
        ] {
            assert!(is_right_to_left(rtl), "{rtl}");
        }
        for ltr in ["fr", "ku", "az-Latn", "ar-Latn", "sr-Cyrl", "en-US", "pa"] {
            assert!(!is_right_to_left(ltr), "{ltr}");
        }
    }

    fn french() -> Translations {
        let text = crate::render::theme::embedded_file("i18n/fr.toml").unwrap();
        Translations::parse(std::str::from_utf8(text).unwrap()).unwrap()
    }

    #[test]
    fn a_translation_missing_words_names_them_all() {
        let all = Translations::parse("months = []\nplaces = \"Місця\"\nweek_starts = \"mon\"\n")
            .err()
            .unwrap();
        let said: Vec<&str> = all.iter().map(|(message, _)| message.as_str()).collect();
        assert!(
            said[0].starts_with("`weekdays`, `date_format`, `month_format` are missing"),
            "{said:?}"
        );
        // And in the same build, what is wrong with the rest.
        assert_eq!(said[1], "`months` must list 12 names, not 0");
        assert!(said[2].starts_with("`week_starts` must be"), "{said:?}");
        assert_eq!(said.len(), 3);
    }

    #[test]
    fn french_dates_read_as_a_french_reader_writes_them() {
        let t = french();
        assert_eq!(
            t.date(NaiveDate::from_ymd_opt(2020, 10, 28).unwrap()),
            "mercredi 28 octobre 2020"
        );
        assert_eq!(
            t.date(NaiveDate::from_ymd_opt(2020, 10, 1).unwrap()),
            "jeudi 1er octobre 2020"
        );
        assert_eq!(t.month(2020, 10), "octobre 2020");
    }

    #[test]
    fn formats_keep_what_is_not_a_place_to_fill() {
        let t = Translations {
            date_format: "{day}/{month} {year} {unknown} {weekday".into(),
            ..french()
        };
        assert_eq!(
            t.date(NaiveDate::from_ymd_opt(2020, 10, 28).unwrap()),
            "28/octobre 2020 {unknown} {weekday"
        );
    }

    #[test]
    fn a_month_alone_takes_its_standalone_name_where_a_language_has_one() {
        let text = crate::render::theme::embedded_file("i18n/en.toml").unwrap();
        let mut ukrainian = std::str::from_utf8(text).unwrap().replace(
            "months = [",
            "months_standalone = [\"січень\", \"лютий\", \"березень\", \"квітень\", \"травень\", \"червень\", \"липень\", \"серпень\", \"вересень\", \"жовтень\", \"листопад\", \"грудень\"]\nmonths = [",
        );
        ukrainian = ukrainian.replace("\"March\"", "\"березня\"");
        ukrainian = ukrainian.replace(
            "date_format = \"{weekday}, {month} {day}, {year}\"",
            "date_format = \"{day} {month} {year}\"",
        );
        let t = Translations::parse(&ukrainian).unwrap();
        let day = NaiveDate::from_ymd_opt(2022, 3, 2).unwrap();
        assert_eq!(t.date(day), "2 березня 2022");
        assert_eq!(t.month(2022, 3), "березень 2022");
        // Without it, the month stands alone as a date writes it.
        let t = Translations {
            months_standalone: None,
            ..t
        };
        assert_eq!(t.month(2022, 3), "березня 2022");
        let short = ukrainian.replace("\"грудень\"]", "]");
        let (err, at) = Translations::parse(&short).unwrap_err().remove(0);
        assert_eq!(err, "`months_standalone` must list 12 names, not 11");
        assert_eq!(&short[at], "months_standalone");
    }

    #[test]
    fn errors_say_where_and_unknown_places_are_found() {
        let english =
            std::str::from_utf8(crate::render::theme::embedded_file("i18n/en.toml").unwrap())
                .unwrap()
                .to_string();
        let saturday = english.replace("week_starts = \"sunday\"", "week_starts = \"saturday\"");
        let t = Translations::parse(&saturday).unwrap();
        assert_eq!(t.first_weekday(), 5);
        let friday = english.replace("week_starts = \"sunday\"", "week_starts = \"friday\"");
        let (err, at) = Translations::parse(&friday).unwrap_err().remove(0);
        assert!(err.contains("\"saturday\""), "{err}");
        assert_eq!(&friday[at], "week_starts");
        // A value of the wrong type at its key, not at the file's start.
        let wrong = english.replace("date_format =", "date_format = 3\nold_date_format =");
        let (err, at) = Translations::parse(&wrong).unwrap_err().remove(0);
        assert_eq!(err, "`date_format` must be text in quotes, found integer");
        assert_eq!(&wrong[at], "date_format");
        let months = english.replace("months = [", "months = [1, ");
        let (err, at) = Translations::parse(&months).unwrap_err().remove(0);
        assert!(err.starts_with("`months` must be a list of names"), "{err}");
        assert_eq!(&months[at], "months");
        // A TOML error at its place.
        let broken = english.replace("date_format =", "oops = \"unclosed\ndate_format =");
        let (_, at) = Translations::parse(&broken).unwrap_err().remove(0);
        assert!(at.start >= broken.find("oops").unwrap(), "{at:?}");
        // `{{day}}` reads as a brace, then `{day}`: nothing unknown.
        let braced = english.replace("{day}", "{{day}}");
        let t = Translations::parse(&braced).unwrap();
        assert!(t.unknown_places(&braced).is_empty());
        let odd = english.replace("{day}", "{dday}");
        let t = Translations::parse(&odd).unwrap();
        let unknown = t.unknown_places(&odd);
        assert_eq!(unknown.len(), 1, "{unknown:?}");
        assert!(
            unknown[0].0.contains("`{dday}` in `date_format`"),
            "{unknown:?}"
        );
        assert_eq!(&odd[unknown[0].1.clone()], "date_format");
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let forms = |language: &str| -> Vec<&str> {
            [0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111]
                .iter()
                .map(|&n| plural_form(language, n))
                .collect()
        };
        let (one, few, many, other) = ("one", "few", "many", "other");
        assert_eq!(
            forms("en"),
            [
                other, one, other, other, other, other, other, other, other, other, other, other
            ]
        );
        assert_eq!(
            forms("fr"),
            [
                one, one, other, other, other, other, other, other, other, other, other, other
            ]
        );
        assert_eq!(
            forms("uk"),
            [
                many, one, few, few, many, many, many, one, few, many, one, many
            ]
        );
        assert_eq!(
            forms("pl"),
            [
                many, one, few, few, many, many, many, many, few, many, many, many
            ]
        );
        assert_eq!(plural_form("ar", 2), "two");
        assert_eq!(plural_form("ar", 103), "few");
        assert_eq!(plural_form("ja", 1), "other");
    }

    #[test]
    fn english_dates_too() {
        let text = crate::render::theme::embedded_file("i18n/en.toml").unwrap();
        let t = Translations::parse(std::str::from_utf8(text).unwrap()).unwrap();
        assert_eq!(
            t.date(NaiveDate::from_ymd_opt(2020, 10, 28).unwrap()),
            "Wednesday, October 28, 2020"
        );
    }
}
