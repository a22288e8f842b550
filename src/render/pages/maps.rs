//! The maps and timelines of a plan's pages, each drawn once for the
//! inputs it was drawn from.

use tera::Value;

use super::Plan;
use crate::model::Chronicle;
use crate::render::cache::hash_of;
use crate::render::charts;

impl<'a> Plan<'a> {
    /// A chart made before from the same inputs, or made now (and kept
    /// between serve's rebuilds).
    pub(super) fn chart(&self, name: String, key: u64, make: impl FnOnce() -> Value) -> Value {
        let charts = || self.charts.lock().expect("never poisoned");
        if let Some((k, value)) = charts().get(&name)
            && *k == key
        {
            return value.clone();
        }
        let value = make();
        charts().insert(name, (key, value.clone()));
        value
    }

    /// An activity timeline of a list, as an SVG value (none for an empty list).
    /// `name` tells the list apart in the chart cache.
    /// `key` is the list's [`Plan::timeline_key`], computed once per list
    /// (not once per page of it).
    pub(super) fn timeline(&self, list: &[usize], name: &str, key: u64) -> Value {
        self.chart(format!("timeline:{name}"), key, || {
            let label = self.words();
            let words = charts::Words {
                t: self.t,
                label: &label,
            };
            charts::timeline(
                self.chronicle,
                list,
                "timeline",
                (self.urls, &self.days),
                &words,
            )
            .map_or(Value::none(), |svg| Value::safe_string(&svg))
        })
    }

    /// What a timeline is drawn from: its dispatches' days and sides.
    pub(super) fn timeline_key(&self, list: &[usize]) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        for &d in list {
            let d = &self.chronicle.dispatches[d];
            std::hash::Hash::hash(&(d.when.date, &d.sides), &mut hasher);
        }
        std::hash::Hasher::finish(&hasher)
    }

    /// Every place with coordinates, as a dot of a map (made once per render).
    pub(super) fn dots(&self) -> &[charts::Dot<'a>] {
        self.dots.get_or_init(|| self.make_dots())
    }

    pub(super) fn make_dots(&self) -> Vec<charts::Dot<'a>> {
        let c: &'a Chronicle = self.chronicle;
        c.places
            .iter()
            .zip(&self.index.places)
            .filter_map(|(place, list)| {
                // The side most involved in the place's dispatches gives its colour.
                let mut involvement = vec![0usize; c.sides.len()];
                for &d in list {
                    for &s in &c.dispatches[d].sides {
                        involvement[s] += 1;
                    }
                }
                let side = (0..c.sides.len())
                    .filter(|&s| involvement[s] > 0)
                    .max_by_key(|&s| (involvement[s], std::cmp::Reverse(s)));
                Some(charts::Dot {
                    name: &place.name,
                    url: self.urls.link(&format!("places/{}/", place.id)),
                    lat: place.lat?,
                    lon: place.lon?,
                    count: list.len(),
                    labelled: place.kind.as_deref() != Some("region"),
                    color: side
                        .and_then(|s| c.sides[s].color.as_deref())
                        .unwrap_or("#8a8f98"),
                })
            })
            .collect()
    }

    pub(super) fn places_map(&self) -> Value {
        let key = hash_of(&(
            self.places_key(),
            &self.index.places,
            &self.views.version_of,
        ));
        self.chart("map:places".into(), key, || {
            let label = self.words();
            let words = charts::Words {
                t: self.t,
                label: &label,
            };
            charts::places_map(self.dots(), "map", &words)
                .map_or(Value::none(), |svg| Value::safe_string(&svg))
        })
    }

    /// What the maps draw of the places: names, kinds and coordinates.
    pub(super) fn places_key(&self) -> u64 {
        *self.places_key.get_or_init(|| {
            let places: Vec<_> = self
                .chronicle
                .places
                .iter()
                .map(|p| {
                    (
                        &p.id,
                        &p.name,
                        &p.kind,
                        p.lat.map(f64::to_bits),
                        p.lon.map(f64::to_bits),
                    )
                })
                .collect();
            hash_of(&places)
        })
    }

    pub(super) fn locator_map(&self, place: usize) -> Value {
        let name = format!("locator:{}", self.chronicle.places[place].id);
        self.chart(name, self.places_key(), || self.make_locator_map(place))
    }

    pub(super) fn make_locator_map(&self, place: usize) -> Value {
        let p = &self.chronicle.places[place];
        let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
            return Value::none();
        };
        let Some(locator) = self
            .locator
            .get_or_init(|| charts::Locator::new(self.dots()))
        else {
            return Value::none();
        };
        let here = charts::Dot {
            name: &p.name,
            url: String::new(),
            lat,
            lon,
            count: 0,
            color: "",
            labelled: true,
        };
        let label = self.words();
        let words = charts::Words {
            t: self.t,
            label: &label,
        };
        locator
            .map(&here, "map", &words)
            .map_or(Value::none(), |svg| Value::safe_string(&svg))
    }
}
