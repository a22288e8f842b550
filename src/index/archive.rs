//! The dated archive: years → months → days, each holding its dispatches.

use chrono::{Datelike, NaiveDate};

use crate::model::Dispatch;

#[derive(Clone, Debug)]
pub struct Year {
    pub year: i32,
    pub months: Vec<Month>,
}

#[derive(Clone, Debug)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    pub days: Vec<Day>,
}

#[derive(Clone, Debug)]
pub struct Day {
    pub date: NaiveDate,
    pub dispatches: Vec<usize>,
}

impl Year {
    /// Every dispatch of the year, newest first.
    pub fn dispatches(&self) -> impl Iterator<Item = usize> + '_ {
        self.months.iter().flat_map(Month::dispatches)
    }
}

impl Month {
    pub fn dispatches(&self) -> impl Iterator<Item = usize> + '_ {
        self.days.iter().flat_map(|d| d.dispatches.iter().copied())
    }
}

/// Groups dispatches already sorted newest first by the day they are filed under.
pub fn archive(dispatches: &[std::sync::Arc<Dispatch>], order: &[usize]) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for &d in order {
        let date = dispatches[d].when.date;
        if years.last().is_none_or(|y| y.year != date.year()) {
            years.push(Year {
                year: date.year(),
                months: Vec::new(),
            });
        }
        let year = years.last_mut().expect("pushed above");
        if year.months.last().is_none_or(|m| m.month != date.month()) {
            year.months.push(Month {
                year: date.year(),
                month: date.month(),
                days: Vec::new(),
            });
        }
        let month = year.months.last_mut().expect("pushed above");
        if month.days.last().is_none_or(|day| day.date != date) {
            month.days.push(Day {
                date,
                dispatches: Vec::new(),
            });
        }
        month
            .days
            .last_mut()
            .expect("pushed above")
            .dispatches
            .push(d);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tests::dispatch;

    #[test]
    fn a_dispatch_is_filed_under_its_day_as_written_in_its_own_offset() {
        let list = [
            dispatch("night", "2020-10-10T00:30:00+04:00"),
            dispatch("eve", "2020-10-09T23:30:00+04:00"),
            dispatch("nye", "2019-12-31"),
        ]
        .map(std::sync::Arc::new);
        let years = archive(&list, &[0, 1, 2]);
        assert_eq!(years.len(), 2);
        assert_eq!(years[0].months[0].days.len(), 2);
        assert_eq!(years[0].months[0].days[0].date.day(), 10);
        assert_eq!(years[0].months[0].days[0].dispatches, [0]);
        assert_eq!(years[1].year, 2019);
        assert_eq!(years[0].dispatches().collect::<Vec<_>>(), [0, 1]);
    }
}
