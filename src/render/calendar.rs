//! A month as a calendar: weeks of seven days, starting on the day the site's
//! language starts them, where the days that have dispatches are links.

use chrono::{Datelike, NaiveDate};
use tera::Value;

use super::i18n::Translations;
use super::views::{Urls, day_path, map};

/// The calendar of a month, for month pages. `counts` gives, for each day of
/// the month that has dispatches, how many.
pub fn calendar(
    year: i32,
    month: u32,
    counts: &[(NaiveDate, usize)],
    t: &Translations,
    urls: &Urls,
) -> Value {
    let first_weekday = t.first_weekday();
    // Column of a weekday, 0 being the first column.
    let column = |date: NaiveDate| {
        let from_monday = date.weekday().num_days_from_monday() as usize;
        (from_monday + 7 - first_weekday) % 7
    };
    let weekdays: Vec<Value> = (0..7)
        .map(|col| {
            let from_monday = (col + first_weekday) % 7;
            map! {
                "name" => t.weekdays[from_monday].clone(),
                "short" => t.weekday_short(from_monday).to_string(),
            }
        })
        .collect();

    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a month of the archive");
    let mut weeks: Vec<Vec<Value>> = Vec::new();
    let mut week: Vec<Value> = vec![Value::none(); column(first)];
    for date in first.iter_days().take_while(|d| d.month() == month) {
        let count = counts
            .iter()
            .find(|(d, _)| *d == date)
            .map_or(0, |(_, n)| *n);
        week.push(map! {
            "day" => i64::from(date.day()),
            "label" => t.day(date.day()),
            "iso" => crate::model::ymd(date),
            "display" => t.date(date),
            "count" => count,
            "url" => if count > 0 { Value::from(urls.link(&day_path(date))) } else { Value::none() },
        });
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
    }
    if !week.is_empty() {
        week.resize(7, Value::none());
        weeks.push(week);
    }
    map! {
        "weekdays" => weekdays,
        "weeks" => weeks.into_iter().map(Value::from).collect::<Vec<_>>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translations(file: &str) -> Translations {
        let text = crate::render::theme::embedded_file(file).unwrap();
        Translations::parse(std::str::from_utf8(text).unwrap()).unwrap()
    }

    fn urls() -> Urls {
        Urls {
            base_url: "https://example.org/repo/".into(),
            base_path: "/repo/".into(),
        }
    }

    /// Each week as text: `.` for an empty cell, the day, `*` after a linked day.
    fn weeks(calendar: &Value) -> Vec<String> {
        let weeks = calendar.get_from_path("weeks").unwrap().as_array().unwrap();
        weeks
            .iter()
            .map(|week| {
                let cells = week.as_array().unwrap();
                assert_eq!(cells.len(), 7);
                cells
                    .iter()
                    .map(
                        |cell| match cell.get_from_path("day").filter(|_| !cell.is_none()) {
                            None => ".".to_string(),
                            Some(day) => {
                                let linked =
                                    cell.get_from_path("url").is_some_and(|u| !u.is_none());
                                format!("{day}{}", if linked { "*" } else { "" })
                            }
                        },
                    )
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn a_week_that_starts_on_saturday_heads_its_columns_from_saturday() {
        let mut t = translations("i18n/en.toml");
        t.week_starts = Some("saturday".into());
        let day = |d| NaiveDate::from_ymd_opt(2020, 10, d).unwrap();
        let c = calendar(2020, 10, &[(day(9), 1)], &t, &urls());
        assert_eq!(weeks(&c)[0], ". . . . . 1 2");
        assert_eq!(weeks(&c)[1], "3 4 5 6 7 8 9*");
        let heads = c.get_from_path("weekdays").unwrap().as_array().unwrap();
        assert_eq!(
            heads[0].get_from_path("name").unwrap().as_str(),
            Some("Saturday")
        );
    }

    #[test]
    fn october_2020_starts_on_a_thursday_in_a_french_week_that_starts_on_monday() {
        let t = translations("i18n/fr.toml");
        let day = |d| NaiveDate::from_ymd_opt(2020, 10, d).unwrap();
        let c = calendar(2020, 10, &[(day(9), 1), (day(28), 2)], &t, &urls());
        assert_eq!(
            weeks(&c),
            [
                ". . . 1 2 3 4",
                "5 6 7 8 9* 10 11",
                "12 13 14 15 16 17 18",
                "19 20 21 22 23 24 25",
                "26 27 28* 29 30 31 .",
            ]
        );
        let heads = c.get_from_path("weekdays").unwrap().as_array().unwrap();
        assert_eq!(
            heads[0].get_from_path("name").unwrap().as_str(),
            Some("lundi")
        );
        let weeks = c.get_from_path("weeks").unwrap().as_array().unwrap();
        let ninth = &weeks[1].as_array().unwrap()[4];
        assert_eq!(
            ninth.get_from_path("url").unwrap().as_str(),
            Some("/repo/2020/10/09/")
        );
        assert_eq!(
            weeks[0].as_array().unwrap()[3]
                .get_from_path("label")
                .unwrap()
                .as_str(),
            Some("1er")
        );
    }

    #[test]
    fn an_english_week_starts_on_sunday() {
        let t = translations("i18n/en.toml");
        let c = calendar(2020, 11, &[], &t, &urls());
        // 1 November 2020 was a Sunday.
        assert_eq!(weeks(&c)[0], "1 2 3 4 5 6 7");
        assert_eq!(weeks(&c).len(), 5);
        let heads = c.get_from_path("weekdays").unwrap().as_array().unwrap();
        assert_eq!(
            heads[0].get_from_path("name").unwrap().as_str(),
            Some("Sunday")
        );
        assert_eq!(
            heads[6].get_from_path("name").unwrap().as_str(),
            Some("Saturday")
        );
    }
}
