//! Which pages a chronicle has, and the data each page's template receives.

use chrono::Datelike;
use tera::{Context, Value};

use super::cache::{Versions, hash_of, value_hash};

use super::calendar::calendar;
use super::charts;
use super::i18n::Translations;
use super::views::{Urls, Views, day_path, map, month_path, year_path};
use crate::index::{Index, paginate};
use crate::model::Chronicle;

/// One page to render: where it goes, with which template and data.
pub struct Page {
    /// Output path, such as `2020/10/28/slug/index.html`.
    pub path: String,
    pub template: &'static str,
    pub context: Data,
    /// A dispatch's page (the dispatch, the one before, the one after): its
    /// data is made only if it must be rendered, and its signature from the
    /// three versions. Dispatch pages are most pages, and most never change.
    pub dispatch: Option<(usize, Option<usize>, Option<usize>)>,
}

/// A page's data: the values its template receives, by name.
#[derive(Clone, Default)]
pub struct Data(Vec<(&'static str, Value)>);

impl Data {
    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        self.0.push((key, value));
    }

    /// The data as a Tera context.
    pub fn context(&self) -> Context {
        let mut context = Context::new();
        for (key, value) in &self.0 {
            context.insert_value(*key, value.clone());
        }
        context
    }
}

impl Page {
    /// What the page is made from: its path, its template and its data, each
    /// dispatch in it counted by its version. Same signature, same bytes.
    pub fn signature(&self, views: &Views) -> u64 {
        if let Some((d, older, newer)) = self.dispatch {
            let version = |d: Option<usize>| d.map(|d| views.version_of[d]);
            return hash_of(&(
                &self.path,
                self.template,
                version(Some(d)),
                version(older),
                version(newer),
            ));
        }
        let versions: &Versions = &views.versions;
        let values: Vec<(&str, u64)> = self
            .context
            .0
            .iter()
            .map(|(k, v)| (*k, value_hash(v, versions)))
            .collect();
        hash_of(&(&self.path, self.template, values))
    }
}

/// Everything pages need to know, gathered once.
pub struct Plan<'a> {
    pub chronicle: &'a Chronicle,
    pub index: &'a Index,
    /// For each place, the dispatches that mention it without being tagged with it.
    pub mentioned: &'a [Vec<usize>],
    pub views: &'a Views,
    pub t: &'a Translations,
    pub urls: &'a Urls,
    /// The places as map dots, made on first use.
    pub dots: std::sync::OnceLock<Vec<charts::Dot<'a>>>,
    pub places_key: std::sync::OnceLock<u64>,
    /// Charts made by the previous render, and those of this one, by name.
    pub charts_before: std::collections::HashMap<String, (u64, Value)>,
    pub charts_now: std::sync::Mutex<std::collections::HashMap<String, (u64, Value)>>,
}

/// A kind of term with its list template, term template, values and lists.
type TermKind<'a> = (
    &'a str,
    &'static str,
    &'static str,
    &'a [Value],
    &'a [Vec<usize>],
);

/// A string field of a template value, or "" when it has none.
pub(super) fn text<'v>(value: &'v Value, key: &'v str) -> &'v str {
    value
        .get_from_path(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

impl<'a> Plan<'a> {
    fn words(&self) -> impl Fn(&str) -> String + '_ {
        move |key: &str| self.label(key)
    }

    /// An activity timeline of a list, as an SVG value (none for an empty list).
    /// A chart made before from the same inputs, or made now. Charts are
    /// computed while planning, for every term: kept between serve's rebuilds.
    fn chart(&self, name: String, key: u64, make: impl FnOnce() -> Value) -> Value {
        let value = match self.charts_before.get(&name) {
            Some((k, value)) if *k == key => value.clone(),
            _ => make(),
        };
        self.charts_now
            .lock()
            .expect("never poisoned")
            .insert(name, (key, value.clone()));
        value
    }

    /// An activity timeline of a list, as an SVG value (none for an empty list).
    /// `name` tells the list apart in the chart cache.
    fn timeline(&self, list: &[usize], name: &str) -> Value {
        let versions: Vec<u64> = list.iter().map(|&d| self.views.version_of[d]).collect();
        self.chart(format!("timeline:{name}"), hash_of(&versions), || {
            let label = self.words();
            let words = charts::Words {
                t: self.t,
                label: &label,
            };
            charts::timeline(self.chronicle, list, "timeline", self.urls, &words)
                .map_or(Value::none(), |svg| Value::safe_string(&svg))
        })
    }

    /// Every place with coordinates, as a dot of a map (made once per render).
    fn dots(&self) -> &[charts::Dot<'a>] {
        self.dots.get_or_init(|| self.make_dots())
    }

    fn make_dots(&self) -> Vec<charts::Dot<'a>> {
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

    fn places_map(&self) -> Value {
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
    fn places_key(&self) -> u64 {
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

    fn locator_map(&self, place: usize) -> Value {
        let name = format!("locator:{}", self.chronicle.places[place].id);
        self.chart(name, self.places_key(), || self.make_locator_map(place))
    }

    fn make_locator_map(&self, place: usize) -> Value {
        let p = &self.chronicle.places[place];
        let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
            return Value::none();
        };
        let dots = self.dots();
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
        charts::locator_map(dots, &here, "map", &words)
            .map_or(Value::none(), |svg| Value::safe_string(&svg))
    }

    fn label(&self, key: &str) -> String {
        match self.t.labels.get(key) {
            Some(toml::Value::String(s)) => s.clone(),
            _ => key.to_string(),
        }
    }

    pub(super) fn term_kinds(&self) -> [TermKind<'_>; 3] {
        [
            (
                "places",
                "places.html",
                "place.html",
                &self.views.places,
                &self.index.places,
            ),
            (
                "sides",
                "sides.html",
                "side.html",
                &self.views.sides,
                &self.index.sides,
            ),
            (
                "topics",
                "topics.html",
                "topic.html",
                &self.views.topics,
                &self.index.topics,
            ),
        ]
    }

    pub(super) fn cards(&self, list: impl IntoIterator<Item = usize>) -> Value {
        Value::from(
            list.into_iter()
                .map(|d| self.views.dispatches[d].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn page_value(&self, kind: &str, title: &str, path: &str) -> Value {
        map! {
            "kind" => kind,
            "title" => title,
            "path" => path,
            "url" => self.urls.link(path),
            "permalink" => self.urls.permalink(path),
        }
    }

    /// The data of a page: made now for most pages, when rendering for a dispatch's.
    pub fn data(&self, page: &Page) -> Data {
        let Some((d, older, newer)) = page.dispatch else {
            return page.context.clone();
        };
        let card = self.views.dispatches[d].clone();
        let path = self.chronicle.dispatches[d].path_part();
        let title = text(&card, "title").to_string();
        let opt = |d: Option<usize>| d.map_or(Value::none(), |d| self.views.dispatches[d].clone());
        let mut data = Data::default();
        data.insert_value("page", self.page_value("dispatch", &title, &path));
        data.insert_value("dispatch", card);
        data.insert_value("previous", opt(older));
        data.insert_value("next", opt(newer));
        data
    }

    fn page(
        &self,
        path: &str,
        template: &'static str,
        page: Value,
        extra: Vec<(&'static str, Value)>,
    ) -> Page {
        let mut context = Data::default();
        context.insert_value("page", page);
        for (key, value) in extra {
            context.insert_value(key, value);
        }
        Page {
            path: format!("{path}index.html"),
            template,
            context,
            dispatch: None,
        }
    }

    /// A paginated list: its first page at `path`, the others at `path/page/N/`.
    fn paginated(
        &self,
        path: &str,
        template: &'static str,
        kind: &str,
        title: &str,
        list: &[usize],
        extra: &[(&'static str, Value)],
    ) -> Vec<Page> {
        let chunks = paginate(list, self.chronicle.config.build.per_page);
        let total = chunks.len();
        let page_path = |n: usize| {
            if n == 1 {
                path.to_string()
            } else {
                format!("{path}page/{n}/")
            }
        };
        chunks
            .iter()
            .enumerate()
            .map(|(i, chunk)| {
                let n = i + 1;
                let url = |n: usize| Value::from(self.urls.link(&page_path(n)));
                let paginator = map! {
                    "number" => n,
                    "total" => total,
                    "first_url" => url(1),
                    "last_url" => url(total),
                    "previous_url" => if n > 1 { url(n - 1) } else { Value::none() },
                    "next_url" => if n < total { url(n + 1) } else { Value::none() },
                };
                let mut values = vec![
                    ("dispatches", self.cards(chunk.iter().copied())),
                    ("paginator", paginator),
                ];
                values.extend(extra.iter().cloned());
                let this = page_path(n);
                self.page(&this, template, self.page_value(kind, title, &this), values)
            })
            .collect()
    }

    /// Every HTML page of the site.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        let c = self.chronicle;
        let index = self.index;
        let timeline = self.timeline(&index.order, "home");
        pages.extend(self.paginated(
            "",
            "index.html",
            "home",
            &c.config.title,
            &index.order,
            &[("timeline", timeline)],
        ));

        // Dispatches, with the one before and after in time.
        for (rank, &d) in index.order.iter().enumerate() {
            let newer = rank.checked_sub(1).map(|r| index.order[r]);
            let older = index.order.get(rank + 1).copied();
            pages.push(Page {
                path: format!("{}index.html", c.dispatches[d].path_part()),
                template: "dispatch.html",
                context: Data::default(),
                dispatch: Some((d, older, newer)),
            });
        }

        // The dated archive.
        for (y, year) in index.years.iter().enumerate() {
            let path = year_path(year.year);
            let months: Vec<Value> = year
                .months
                .iter()
                .map(|m| {
                    map! {
                        "name" => self.t.month(m.year, m.month),
                        "url" => self.urls.link(&month_path(m.year, m.month)),
                        "count" => m.dispatches().count(),
                        "dispatches" => self.cards(m.dispatches()),
                    }
                })
                .collect();
            let neighbour = |i: Option<&crate::index::Year>| {
                i.map_or(Value::none(), |y| map! { "name" => y.year.to_string(), "url" => self.urls.link(&year_path(y.year)) })
            };
            pages.push(self.page(
                &path,
                "year.html",
                self.page_value("year", &year.year.to_string(), &path),
                vec![
                    ("year", Value::from(year.year as i64)),
                    ("months", months.into()),
                    ("count", year.dispatches().count().into()),
                    (
                        "newer",
                        neighbour(y.checked_sub(1).and_then(|i| index.years.get(i))),
                    ),
                    ("older", neighbour(index.years.get(y + 1))),
                ],
            ));
        }
        let months: Vec<&crate::index::Month> =
            index.years.iter().flat_map(|y| &y.months).collect();
        for (i, month) in months.iter().enumerate() {
            let path = month_path(month.year, month.month);
            let name = self.t.month(month.year, month.month);
            let days: Vec<Value> = month
                .days
                .iter()
                .map(|day| {
                    map! {
                        "display" => self.t.date(day.date),
                        "day" => self.t.day(day.date.day()),
                        "url" => self.urls.link(&day_path(day.date)),
                        "dispatches" => self.cards(day.dispatches.iter().copied()),
                    }
                })
                .collect();
            let neighbour = |m: Option<&&crate::index::Month>| {
                m.map_or(Value::none(), |m| map! { "name" => self.t.month(m.year, m.month), "url" => self.urls.link(&month_path(m.year, m.month)) })
            };
            let counts: Vec<_> = month
                .days
                .iter()
                .map(|day| (day.date, day.dispatches.len()))
                .collect();
            let calendar = calendar(month.year, month.month, &counts, self.t, self.urls);
            pages.push(self.page(
                &path,
                "month.html",
                self.page_value("month", &name, &path),
                vec![
                    ("year", map! { "name" => month.year.to_string(), "url" => self.urls.link(&year_path(month.year)) }),
                    ("days", days.into()),
                    ("calendar", calendar),
                    ("count", month.dispatches().count().into()),
                    ("newer", neighbour(i.checked_sub(1).and_then(|i| months.get(i)))),
                    ("older", neighbour(months.get(i + 1))),
                ],
            ));
            for day in &month.days {
                let path = day_path(day.date);
                let display = self.t.date(day.date);
                pages.push(self.page(
                    &path,
                    "day.html",
                    self.page_value("day", &display, &path),
                    vec![
                        ("dispatches", self.cards(day.dispatches.iter().copied())),
                        ("month", map! { "name" => name.clone(), "url" => self.urls.link(&month_path(month.year, month.month)) }),
                    ],
                ));
            }
        }
        let years: Vec<Value> = index
            .years
            .iter()
            .map(|y| {
                let months: Vec<Value> = y
                    .months
                    .iter()
                    .map(|m| {
                        map! {
                            "name" => self.t.month(m.year, m.month),
                            "url" => self.urls.link(&month_path(m.year, m.month)),
                            "count" => m.dispatches().count(),
                            "dispatches" => self.cards(m.dispatches()),
                        }
                    })
                    .collect();
                map! { "year" => y.year as i64, "url" => self.urls.link(&year_path(y.year)), "months" => months }
            })
            .collect();
        let archive_title = self.label("archive");
        pages.push(self.page(
            "archive/",
            "archive.html",
            self.page_value("archive", &archive_title, "archive/"),
            vec![("years", years.into()), ("count", index.order.len().into())],
        ));

        let search_title = self.label("search");
        pages.push(self.page(
            super::search::DIR,
            "search.html",
            self.page_value("search", &search_title, super::search::DIR),
            vec![("index_url", self.urls.link(super::search::META).into())],
        ));

        // Places, sides and topics.
        for (kind, list_template, term_template, values, lists) in self.term_kinds() {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by_cached_key(|&i| crate::slug::match_key(text(&values[i], "name")));
            let terms: Vec<Value> = order.iter().map(|&i| values[i].clone()).collect();
            let path = format!("{kind}/");
            let title = self.label(kind);
            pages.push(self.page(
                &path,
                list_template,
                self.page_value(kind, &title, &path),
                if kind == "places" {
                    vec![("terms", terms.into()), ("map", self.places_map())]
                } else {
                    vec![("terms", terms.into())]
                },
            ));
            for (i, term) in values.iter().enumerate() {
                let id = text(term, "id");
                let term_name = text(term, "name");
                let path = format!("{kind}/{id}/");
                let mut extra = vec![
                    ("term", term.clone()),
                    (
                        "timeline",
                        self.timeline(&lists[i], &format!("{kind}/{}", text(term, "id"))),
                    ),
                ];
                if kind == "sides" {
                    extra.push(("claims_made", self.claims(&index.claims_made[i])));
                    extra.push(("claims_denied", self.claims(&index.claims_denied[i])));
                }
                if kind == "places" {
                    extra.push(("region", self.region(i)));
                    extra.push(("mentioned", self.cards(self.mentioned[i].iter().copied())));
                    extra.push(("map", self.locator_map(i)));
                    let id = &c.places[i].id;
                    let within: Vec<Value> = c
                        .places
                        .iter()
                        .zip(values)
                        .filter(|(p, _)| p.region.as_ref() == Some(id))
                        .map(|(_, v)| v.clone())
                        .collect();
                    extra.push(("places_in_region", within.into()));
                }
                let singular = &term_template[..term_template.len() - 5];
                pages.extend(self.paginated(
                    &path,
                    term_template,
                    singular,
                    term_name,
                    &lists[i],
                    &extra,
                ));
            }
            pages.extend(self.alias_pages(kind, values));
        }

        let not_found = self.label("not_found");
        pages.push(Page {
            path: "404.html".into(),
            template: "404.html",
            dispatch: None,
            context: {
                let mut context = Data::default();
                context.insert_value("page", self.page_value("404", &not_found, "404.html"));
                context.insert_value(
                    "dispatches",
                    self.cards(index.order.iter().take(5).copied()),
                );
                context
            },
        });
        pages
    }

    /// A redirect page for every other spelling of a term, so that a link made
    /// with any of them keeps working: `/places/hadrout/` → `/places/hadrut/`.
    fn alias_pages(&self, kind: &str, values: &[Value]) -> Vec<Page> {
        let mut taken: std::collections::HashSet<String> =
            values.iter().map(|v| text(v, "id").to_string()).collect();
        let mut pages = Vec::new();
        for term in values {
            let aliases = term
                .get_from_path("aliases")
                .and_then(Value::as_array)
                .unwrap_or_default();
            for alias in aliases.iter().filter_map(Value::as_str) {
                let Some(slug) = crate::slug::slugify(alias) else {
                    continue;
                };
                if !taken.insert(slug.clone()) {
                    continue;
                }
                let path = format!("{kind}/{slug}/");
                pages.push(self.page(
                    &path,
                    "alias.html",
                    self.page_value("alias", text(term, "name"), &path),
                    vec![("term", term.clone())],
                ));
            }
        }
        pages
    }

    /// The region a place lies in, as a term value.
    fn region(&self, place: usize) -> Value {
        let c = self.chronicle;
        c.places[place]
            .region
            .as_ref()
            .and_then(|id| c.places.iter().position(|p| &p.id == id))
            .map_or(Value::none(), |r| self.views.places[r].clone())
    }

    fn claims(&self, list: &[(usize, usize)]) -> Value {
        let values: Vec<Value> = list
            .iter()
            .map(|&(d, c)| {
                let dispatch = self.views.dispatches[d].clone();
                let claim = dispatch
                    .get_from_path("claims")
                    .and_then(Value::as_array)
                    .and_then(|claims| claims.get(c).cloned())
                    .unwrap_or_else(Value::none);
                map! { "dispatch" => dispatch, "claim" => claim }
            })
            .collect();
        values.into()
    }
}
