//! Reads typed fields out of a parsed document, reporting each wrong value at
//! its own line and column with what was expected.

use std::ops::Range;

use chrono::{DateTime, NaiveDate};

use super::frontmatter::Format;
use super::node::{Entry, Node, Value};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::When;

/// A reader over one document of one file.
pub struct Fields<'a> {
    pub file: &'a SourceFile,
    /// Where the parsed text starts in the file.
    pub base: usize,
    /// What the text is written in (and so an example of a field).
    pub format: Format,
    pub diagnostics: Diagnostics,
}

impl<'a> Fields<'a> {
    pub fn new(file: &'a SourceFile, base: usize, format: Format) -> Self {
        Fields {
            file,
            base,
            format,
            diagnostics: Diagnostics::default(),
        }
    }

    /// A span of the parsed text as a span of the file.
    pub fn span(&self, span: &Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    /// Reports an error at a span of the parsed text.
    pub fn error(
        &mut self,
        span: &Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        let span = self.span(span);
        self.diagnostics.push(
            Diagnostic::error(message)
                .at(self.file, span)
                .with_label(label),
        );
    }

    /// Reports a warning at a span of the parsed text.
    pub fn warn(&mut self, span: &Range<usize>, message: impl Into<String>, help: Option<String>) {
        let span = self.span(span);
        let mut warning = Diagnostic::warning(message).at(self.file, span);
        if let Some(help) = help {
            warning = warning.with_help(help);
        }
        self.diagnostics.push(warning);
    }

    fn wrong_type(&mut self, node: &Node, field: &str, expected: &str) {
        self.error(
            &node.span,
            format!("`{field}` must be {expected}"),
            format!("expected {expected}, found {}", node.value.describe()),
        );
    }

    /// The entries of a table.
    pub fn table<'n>(&mut self, node: &'n Node, field: &str) -> Option<&'n [Entry]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            _ => {
                self.wrong_type(node, field, "a table");
                None
            }
        }
    }

    /// A string; numbers are taken as their text, since `title: 1994` means the words.
    pub fn string(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            // A number where text is wanted is the text as written
            // (`title: 1.10`, `topics: [007]`), not the number read back.
            Value::Int(i) => Some(self.as_written(node).unwrap_or_else(|| i.to_string())),
            Value::Float(f) => Some(self.as_written(node).unwrap_or_else(|| f.to_string())),
            _ => {
                self.wrong_type(node, field, "a string");
                None
            }
        }
    }

    /// A scalar's text as the file writes it, if it is on one line.
    fn as_written(&self, node: &Node) -> Option<String> {
        let written = self.file.text.get(self.span(&node.span))?;
        (!written.is_empty() && !written.contains('\n')).then(|| written.trim().to_string())
    }

    /// A string that must not be blank.
    pub fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        let s = self.string(node, field)?;
        if s.trim().is_empty() {
            self.error(
                &node.span,
                format!("`{field}` is empty"),
                "expected some text",
            );
            return None;
        }
        Some(s.trim().to_string())
    }

    /// A list of strings, each with its span; a single string is a list of one.
    pub fn strings(&mut self, node: &Node, field: &str) -> Vec<(String, Range<usize>)> {
        let (items, listed): (Vec<&Node>, bool) = match &node.value {
            Value::List(items) => (items.iter().collect(), true),
            Value::Str(_) => (vec![node], false),
            Value::Null => (Vec::new(), false),
            _ => {
                self.wrong_type(node, field, "a list of strings");
                return Vec::new();
            }
        };
        items
            .into_iter()
            .filter_map(|item| {
                // (One blank item of a list is not the whole field empty.)
                if listed && matches!(&item.value, Value::Str(s) if s.trim().is_empty()) {
                    self.error(
                        &item.span,
                        format!("an empty item in `{field}`"),
                        "expected some text; or remove it from the list",
                    );
                    return None;
                }
                let value = self.text(item, field)?;
                Some((value, self.span(&item.span)))
            })
            .collect()
    }

    pub fn bool(&mut self, node: &Node, field: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, field, "true or false");
                None
            }
        }
    }

    pub fn number(&mut self, node: &Node, field: &str) -> Option<f64> {
        match node.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => {
                self.wrong_type(node, field, "a number");
                None
            }
        }
    }

    /// A date (`YYYY-MM-DD`) or an RFC 3339 date-time with its offset.
    pub fn when(&mut self, node: &Node, field: &str) -> Option<When> {
        let text = match &node.value {
            Value::Str(s) | Value::Datetime(s) => s.trim(),
            _ => {
                self.wrong_type(node, field, "a date such as 2020-10-28");
                return None;
            }
        };
        match parse_when(text) {
            Ok(when) => Some(when),
            Err(expected) => {
                self.error(&node.span, format!("invalid `{field}`: `{text}`"), expected);
                None
            }
        }
    }
}

/// Parses a front-matter date, saying what was expected when it can't.
pub fn parse_when(text: &str) -> Result<When, String> {
    if text.len() == 10 {
        let date = parse_date(text)?;
        return Ok(When { date, time: None });
    }
    if text.len() > 10 && matches!(text.as_bytes()[10], b'T' | b't' | b' ') {
        parse_date(&text[..10])?;
        let mut normalized = text.replacen(' ', "T", 1);
        if without_seconds(&normalized) {
            normalized.insert_str(16, ":00");
        }
        return match DateTime::parse_from_rfc3339(&normalized) {
            // chrono reads a leap second (`:60`) as 59.999…: not as written.
            Ok(time) if chrono::Timelike::nanosecond(&time) >= 1_000_000_000 => {
                Err("there is no second 60 in a date-time here: seconds go from 00 to 59".into())
            }
            Ok(time) => Ok(When {
                date: time.date_naive(),
                time: Some(time),
            }),
            Err(_) if !has_offset(&text[10..]) => Err(
                "expected an offset after the time, such as 2020-10-10T00:30:00+04:00 or …Z".into(),
            ),
            Err(_) => Err(out_of_range(&normalized).unwrap_or_else(|| {
                "expected a date-time such as 2020-10-10T00:30:00+04:00".into()
            })),
        };
    }
    Err(
        "expected a date such as 2020-10-28, or a date-time such as 2020-10-28T14:05:00+04:00"
            .into(),
    )
}

/// Whether a date-time gives hours and minutes only (`2020-10-10T14:05+02:00`),
/// as editors often write it: its seconds are then 00.
fn without_seconds(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() > 16
        && b[11..13].iter().chain(&b[14..16]).all(u8::is_ascii_digit)
        && b[13] == b':'
        && matches!(b[16], b'+' | b'-' | b'Z' | b'z')
}

/// What is out of its range in a date-time of the right shape
/// (`2020-10-10T25:00:00+04:00`: no hour 25), if anything is.
fn out_of_range(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let two = |at: usize| -> Option<u32> {
        let digits = b.get(at..at + 2)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(digits[0] - b'0') * 10 + u32::from(digits[1] - b'0'))
    };
    let (hour, minute, second) = (two(11)?, two(14)?, two(17)?);
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    if hour > 23 {
        return Some(format!(
            "there is no hour {hour}: hours go from 00 to 23 (midnight is 00:00 of the next day)"
        ));
    }
    if minute > 59 {
        return Some(format!(
            "there is no minute {minute}: minutes go from 00 to 59"
        ));
    }
    if second > 59 {
        return Some(format!(
            "there is no second {second}: seconds go from 00 to 59"
        ));
    }
    // The offset, after the seconds and their fraction.
    let mut at = 19;
    if b.get(at) == Some(&b'.') {
        at += 1;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    if !matches!(b.get(at), Some(b'+' | b'-')) || b.get(at + 3) != Some(&b':') {
        return None;
    }
    let (hours, minutes) = (two(at + 1)?, two(at + 4)?);
    (hours > 23 || minutes > 59).then(|| {
        format!(
            "there is no offset {}: offsets go from -23:59 to +23:59",
            &text[at..at + 6]
        )
    })
}

fn has_offset(time: &str) -> bool {
    time.ends_with(['Z', 'z']) || time[1..].contains(['+', '-'])
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err("expected a date such as 2020-10-28 (YYYY-MM-DD)".into());
    }
    let year: i32 = text[..4].parse().unwrap_or(0);
    let month: u32 = text[5..7].parse().unwrap_or(0);
    let day: u32 = text[8..10].parse().unwrap_or(0);
    if year == 0 {
        // (ISO's year 0 is 1 BC: here, a slip of the keyboard.)
        return Err("there is no year 0000: years go from 0001".into());
    }
    if !(1..=12).contains(&month) {
        return Err(format!(
            "there is no month {month}: months go from 01 to 12"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("there is no day {day} in {year}-{month:02}"))
}

/// The known field closest to a misspelled one, if it is close enough to be a typo.
pub fn near_miss<'k>(field: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(field, k), *k))
        .filter(|(d, k)| *d > 0 && *d <= (k.len() / 3).max(1))
        .min()
        .map(|(_, k)| k)
}

/// Levenshtein distance over characters (with swaps of two neighbours counted as one).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_filed_under_the_day_as_written() {
        let when = parse_when("2020-10-10T00:30:00+04:00").unwrap();
        assert_eq!(when.date, NaiveDate::from_ymd_opt(2020, 10, 10).unwrap());
        let when = parse_when("2020-10-28").unwrap();
        assert!(when.time.is_none());
    }

    #[test]
    fn impossible_times_and_offsets_say_why() {
        for (text, said) in [
            (
                "2020-10-10T25:00:00+04:00",
                "there is no hour 25: hours go from 00 to 23",
            ),
            ("2020-10-10T24:00:00+04:00", "there is no hour 24"),
            ("2020-10-10T14:60+04:00", "there is no minute 60"),
            ("2020-10-10T14:05:61Z", "there is no second 61"),
            (
                "2020-10-10T14:05:00+25:00",
                "there is no offset +25:00: offsets go from",
            ),
            ("2020-10-10T14:05:00.5-04:75", "there is no offset -04:75"),
            ("2020-10-10T14h05+04:00", "expected a date-time such as"),
        ] {
            let error = parse_when(text).unwrap_err();
            assert!(error.contains(said), "{text}: {error}");
        }
        assert!(parse_when("2020-10-10T23:59:59-23:59").is_ok());
    }

    #[test]
    fn impossible_dates_say_why() {
        assert!(
            parse_when("2020-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(parse_when("2021-02-29").unwrap_err().contains("no day 29"));
        assert!(
            parse_when("0000-03-02")
                .unwrap_err()
                .contains("no year 0000")
        );
        assert!(parse_when("28/10/2020").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_when("2020-10-10T00:30:00")
                .unwrap_err()
                .contains("offset")
        );
        // A leap second would be published as 59.999: not as written.
        let leap = parse_when("2023-01-01T10:00:60+02:00").unwrap_err();
        assert!(leap.contains("no second 60"), "{leap}");
        assert!(parse_when("2023-01-01T10:00:59.5+02:00").is_ok());
    }

    #[test]
    fn a_time_without_seconds_is_read_as_its_minute() {
        let when = parse_when("2020-10-10T14:05+02:00").unwrap();
        assert_eq!(when.time.unwrap().to_rfc3339(), "2020-10-10T14:05:00+02:00");
        let when = parse_when("2020-10-10 23:59Z").unwrap();
        assert_eq!(when.time.unwrap().to_rfc3339(), "2020-10-10T23:59:00+00:00");
        assert!(
            parse_when("2020-10-10T14:05")
                .unwrap_err()
                .contains("offset")
        );
        assert!(parse_when("2020-10-10T25:05+02:00").is_err());
    }

    #[test]
    fn near_misses_are_found_among_known_fields() {
        let known = ["title", "date", "places", "sides", "topics"];
        assert_eq!(near_miss("palces", &known), Some("places"));
        assert_eq!(near_miss("titel", &known), Some("title"));
        assert_eq!(near_miss("colour", &known), None);
    }
}
