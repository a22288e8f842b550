//! index: a [`Chronicle`] → who lists whom, in what order: the dated archive,
//! and the dispatches of every place, side and topic.

mod archive;

use std::cmp::Ordering;
use std::collections::HashMap;

pub use archive::{Day, Month, Year};

use crate::model::{Chronicle, Dispatch};

/// The lists of a chronicle. Every list holds indices into `Chronicle::dispatches`,
/// newest first.
#[derive(Clone, Debug)]
pub struct Index {
    /// Every dispatch, newest first.
    pub order: Vec<usize>,
    /// Years, newest first, down to days.
    pub years: Vec<Year>,
    /// The dispatches tagged with each place (same positions as `Chronicle::places`).
    pub places: Vec<Vec<usize>>,
    pub sides: Vec<Vec<usize>>,
    pub topics: Vec<Vec<usize>>,
    /// Claims each side made and denied, as (dispatch, claim) pairs, newest first.
    pub claims_made: Vec<Vec<(usize, usize)>>,
    pub claims_denied: Vec<Vec<(usize, usize)>>,
}

/// Newest first: by the day as written; on the same day the later instant
/// first (`12:00+05:00` came before `10:00Z`), then those without a time;
/// then by slug, so the order never depends on the file system.
pub fn newest_first(a: &Dispatch, b: &Dispatch) -> Ordering {
    let time = |d: &Dispatch| d.when.time.map(|t| t.to_utc());
    b.when
        .date
        .cmp(&a.when.date)
        .then_with(|| time(b).cmp(&time(a)))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Builds every list of the chronicle.
pub fn index(chronicle: &Chronicle) -> Index {
    let dispatches = &chronicle.dispatches;
    let mut order: Vec<usize> = (0..dispatches.len()).collect();
    order.sort_by(|&a, &b| newest_first(&dispatches[a], &dispatches[b]));

    let mut places = vec![Vec::new(); chronicle.places.len()];
    let mut sides = vec![Vec::new(); chronicle.sides.len()];
    let mut topics = vec![Vec::new(); chronicle.topics.len()];
    let mut claims_made = vec![Vec::new(); chronicle.sides.len()];
    let mut claims_denied = vec![Vec::new(); chronicle.sides.len()];
    // The dispatches whose sources relay each side's statements.
    let mut relayed: Vec<Vec<usize>> = vec![Vec::new(); chronicle.sides.len()];
    // Walking in order keeps every list sorted without sorting it again.
    for &d in &order {
        let dispatch = &dispatches[d];
        for &p in &dispatch.places {
            places[p].push(d);
        }
        for &s in &dispatch.sides {
            sides[s].push(d);
        }
        for &t in &dispatch.topics {
            topics[t].push(d);
        }
        for (c, claim) in dispatch.claims.iter().enumerate() {
            claims_made[claim.by].push((d, c));
            for &s in &claim.denied_by {
                claims_denied[s].push((d, c));
            }
        }
        for s in dispatch.sources.iter().filter_map(|source| source.by) {
            if relayed[s].last() != Some(&d) {
                relayed[s].push(d);
            }
        }
    }
    // A side that only makes or denies claims, or whose statement a source
    // relays, is still involved. Lists are merged by each dispatch's place
    // in `order` (a side's claims may run to thousands, over thousands of
    // dispatches).
    let mut rank = vec![0usize; dispatches.len()];
    for (r, &d) in order.iter().enumerate() {
        rank[d] = r;
    }
    for (s, list) in sides.iter_mut().enumerate() {
        let claimed = claims_made[s].iter().chain(&claims_denied[s]);
        if claimed.clone().next().is_none() && relayed[s].is_empty() {
            continue;
        }
        list.extend(claimed.map(|&(d, _)| d).chain(relayed[s].iter().copied()));
        list.sort_unstable_by_key(|&d| rank[d]);
        list.dedup();
    }
    gather_regions(chronicle, &order, &mut places);
    let years = archive::archive(dispatches, &order);
    Index {
        order,
        years,
        places,
        sides,
        topics,
        claims_made,
        claims_denied,
    }
}

/// A region gathers the dispatches of the places in it (and in those, down
/// the chain), so its page tells what happened anywhere in it.
fn gather_regions(chronicle: &Chronicle, order: &[usize], places: &mut [Vec<usize>]) {
    let by_id: HashMap<&str, usize> = chronicle
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let parent = |i: usize| {
        chronicle.places[i]
            .region
            .as_deref()
            .and_then(|r| by_id.get(r).copied())
    };
    let mut gathered: Vec<Vec<usize>> = vec![Vec::new(); places.len()];
    for (p, list) in places.iter().enumerate() {
        let mut seen = vec![p];
        let mut up = parent(p);
        // A chain of regions ends; a loop (a in b, b in a) is cut where it closes.
        while let Some(region) = up.filter(|r| !seen.contains(r)) {
            gathered[region].extend(list);
            seen.push(region);
            up = parent(region);
        }
    }
    if gathered.iter().all(Vec::is_empty) {
        return;
    }
    let mut rank = vec![0; chronicle.dispatches.len()];
    for (position, &d) in order.iter().enumerate() {
        rank[d] = position;
    }
    for (list, more) in places.iter_mut().zip(gathered) {
        if !more.is_empty() {
            list.extend(more);
            list.sort_by_key(|&d| rank[d]);
            list.dedup();
        }
    }
}

/// Splits a list into pages of `per_page` (at least one page, even when empty).
pub fn paginate(list: &[usize], per_page: usize) -> Vec<&[usize]> {
    if list.is_empty() {
        return vec![&[]];
    }
    list.chunks(per_page.max(1)).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::load::parse_when;

    pub(crate) fn dispatch(slug: &str, date: &str) -> Dispatch {
        Dispatch {
            source: crate::diagnostic::SourceFile::new(format!("{slug}.md"), ""),
            path: format!("{slug}.md").into(),
            bundle: None,
            title: slug.into(),
            when: parse_when(date).unwrap(),
            slug: slug.into(),
            sides: vec![],
            places: vec![],
            topics: vec![],
            summary: None,
            draft: false,
            updated: None,
            sources: vec![],
            claims: vec![],
            extra: Default::default(),
            aliases: vec![],
            body_offset: 0,
        }
    }

    #[test]
    fn lists_are_newest_first_with_ties_broken_by_time_then_slug() {
        let list = [
            dispatch("b", "2020-10-10"),
            dispatch("a", "2020-10-10"),
            dispatch("late", "2020-10-10T23:00:00+04:00"),
            dispatch("early", "2020-10-10T00:30:00+04:00"),
            dispatch("new", "2020-10-28"),
            dispatch("old", "2020-09-27"),
        ];
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by(|&a, &b| newest_first(&list[a], &list[b]));
        let slugs: Vec<&str> = order.iter().map(|&i| list[i].slug.as_str()).collect();
        assert_eq!(slugs, ["new", "late", "early", "a", "b", "old"]);
    }

    #[test]
    fn on_one_day_the_later_instant_is_newer_whatever_its_offset() {
        // 12:00 at +05:00 is 07:00 UTC, three hours before 10:00 UTC; each
        // stays on the day it was written on.
        let list = [
            dispatch("kyiv", "2020-06-01T12:00:00+05:00"),
            dispatch("utc", "2020-06-01T10:00:00Z"),
            dispatch("next-day", "2020-06-02T01:00:00+05:00"),
        ];
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by(|&a, &b| newest_first(&list[a], &list[b]));
        let slugs: Vec<&str> = order.iter().map(|&i| list[i].slug.as_str()).collect();
        assert_eq!(slugs, ["next-day", "utc", "kyiv"]);
    }

    #[test]
    fn pagination_keeps_one_page_for_an_empty_list() {
        assert_eq!(paginate(&[], 20).len(), 1);
        assert_eq!(paginate(&[1, 2, 3, 4, 5], 2).len(), 3);
    }
}
