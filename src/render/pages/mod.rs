//! Which pages a chronicle has, and the data each page's template receives.

mod json_ld;
mod maps;
mod redirects;

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
pub struct Page<'p> {
    /// Output path, such as `2020/10/28/slug/index.html`.
    pub path: String,
    pub template: &'static str,
    pub data: PageData<'p>,
}

/// How a page gets its data.
pub enum PageData<'p> {
    /// Made while planning (pages few and small), signed by hashing it.
    Ready(Data),
    /// A dispatch's page (the dispatch, the one before, the one after): its
    /// data is made only if it must be rendered, and its signature from the
    /// three versions. Dispatch pages are most pages, and most never change.
    Dispatch(usize, Option<usize>, Option<usize>),
    /// Made only if the page must be rendered: lists, which are the other
    /// pages by the thousand, each changed by few edits. `key` is a hash of
    /// everything `make` reads that the render's cache key does not cover
    /// (each dispatch counted by its version).
    Later {
        key: u64,
        make: Box<dyn Fn() -> Data + Send + Sync + 'p>,
    },
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

impl Page<'_> {
    /// What the page is made from: its path, its template and its data, each
    /// dispatch in it counted by its version. Same signature, same bytes.
    pub fn signature(&self, views: &Views) -> u64 {
        match &self.data {
            PageData::Dispatch(d, older, newer) => {
                let version = |d: Option<usize>| d.map(|d| views.version_of[d]);
                hash_of(&(
                    &self.path,
                    self.template,
                    version(Some(*d)),
                    version(*older),
                    version(*newer),
                ))
            }
            PageData::Later { key, .. } => hash_of(&(&self.path, self.template, key)),
            PageData::Ready(data) => hash_of(&(&self.path, self.template, data.hash(views))),
        }
    }

    /// The dispatch whose page this is.
    pub fn dispatch(&self) -> Option<usize> {
        match self.data {
            PageData::Dispatch(d, ..) => Some(d),
            _ => None,
        }
    }
}

impl Data {
    /// A hash of every value, each dispatch counted by its version.
    pub fn hash(&self, views: &Views) -> u64 {
        let versions: &Versions = &views.versions;
        let values: Vec<(&str, u64)> = self
            .0
            .iter()
            .map(|(k, v)| (*k, value_hash(v, versions)))
            .collect();
        hash_of(&values)
    }
}

/// What a redirect page to a dispatch shows and points to.
fn redirect_to(card: &Value) -> Value {
    map! {
        "name" => text(card, "title").to_string(),
        "url" => text(card, "url").to_string(),
        "permalink" => text(card, "permalink").to_string(),
    }
}

/// The file of an alias's redirect page: `old/` is `old/index.html`.
pub(super) fn alias_page_path(alias: &str) -> String {
    if alias.ends_with('/') {
        format!("{alias}index.html")
    } else {
        alias.to_string()
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
    /// What every place's locator map shares, made on first use.
    pub locator: std::sync::OnceLock<Option<charts::Locator>>,
    pub places_key: std::sync::OnceLock<u64>,
    /// Each place's, side's and topic's JSON-LD, made on first use.
    pub json_ld_terms: std::sync::OnceLock<[Vec<String>; 3]>,
    /// Errors of the dispatches' aliases, found while the pages are planned.
    pub alias_errors: std::sync::Mutex<Vec<crate::diagnostic::Diagnostic>>,
    /// The dates and day links of timelines' bars, made on first use.
    pub days: charts::Days,
    /// Charts by name, with a hash of what they were drawn from: those that
    /// earlier renders made, and this one's.
    pub charts: std::sync::Mutex<std::collections::HashMap<String, (u64, Value)>>,
}

/// What every page of a list has besides its dispatches, made when needed.
/// It is given the page's number: some lists are on the first page only.
type Extra<'p> = std::sync::Arc<dyn Fn(usize) -> Vec<(&'static str, Value)> + Send + Sync + 'p>;

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
        let (d, older, newer) = match &page.data {
            PageData::Ready(data) => return data.clone(),
            PageData::Later { make, .. } => return make(),
            PageData::Dispatch(d, older, newer) => (*d, *older, *newer),
        };
        let card = self.views.dispatches[d].clone();
        let path = self.chronicle.dispatches[d].path_part();
        let title = text(&card, "title").to_string();
        let opt = |d: Option<usize>| d.map_or(Value::none(), |d| self.views.dispatches[d].clone());
        let mut data = Data::default();
        data.insert_value("json_ld", self.json_ld(d, &card));
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
    ) -> Page<'_> {
        let mut context = Data::default();
        context.insert_value("page", page);
        for (key, value) in extra {
            context.insert_value(key, value);
        }
        Page {
            path: format!("{path}index.html"),
            template,
            data: PageData::Ready(context),
        }
    }

    /// A page whose data is made only if it must be rendered: its `page`
    /// value, then what `extra` gives. `key` is a hash of what `extra` reads
    /// (see [`PageData::Later`]).
    fn later<'p>(
        &'p self,
        path: String,
        template: &'static str,
        (kind, title): (&'static str, String),
        key: u64,
        extra: impl Fn() -> Vec<(&'static str, Value)> + Send + Sync + 'p,
    ) -> Page<'p> {
        let page = format!("{path}index.html");
        Page {
            template,
            data: PageData::Later {
                key: hash_of(&(kind, &title, key)),
                make: Box::new(move || {
                    let mut data = Data::default();
                    data.insert_value("page", self.page_value(kind, &title, &path));
                    for (key, value) in extra() {
                        data.insert_value(key, value);
                    }
                    data
                }),
            },
            path: page,
        }
    }

    /// A hash of a list's dispatches, each by its version, in order.
    pub(super) fn versions(&self, list: impl IntoIterator<Item = usize>) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        for d in list {
            std::hash::Hash::hash(&self.views.version_of[d], &mut hasher);
        }
        std::hash::Hasher::finish(&hasher)
    }

    /// A paginated list: its first page at `path`, the others at
    /// `path/page/N/`. `extra` goes to every page, signed once.
    /// `extra` gives what every page has besides its dispatches, and
    /// `extra_key` is a hash of what it reads.
    fn paginated<'p>(
        &'p self,
        path: &str,
        template: &'static str,
        (kind, title): (&'static str, &str),
        list: &'p [usize],
        (extra, extra_key): (Extra<'p>, u64),
    ) -> Vec<Page<'p>> {
        let chunks = paginate(list, self.chronicle.config.build.per_page);
        let total = chunks.len();
        let page_path = move |base: &str, n: usize| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}page/{n}/")
            }
        };
        // `page/1/`, which no link gives but a reader who edits the
        // address of `page/2/` tries, is the first page: a redirect to it.
        let first = (total > 1).then(|| {
            let term = map! {
                "name" => title,
                "url" => self.urls.link(path),
                "permalink" => self.urls.permalink(path),
            };
            let redirect = format!("{path}page/1/");
            let page = self.page_value("alias", title, &redirect);
            self.page(&redirect, "alias.html", page, vec![("term", term)])
        });
        first
            .into_iter()
            .chain(chunks.into_iter().enumerate().map(|(i, chunk)| {
                let n = i + 1;
                let base = path.to_string();
                let extra = extra.clone();
                let key = hash_of(&(n, total, self.versions(chunk.iter().copied()), extra_key));
                let values = move || {
                    let url = |n: usize| Value::from(self.urls.link(&page_path(&base, n)));
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
                    values.extend(extra(n));
                    values
                };
                let this = page_path(path, n);
                self.later(this, template, (kind, title.to_string()), key, values)
            }))
            .collect()
    }

    /// The page of the dispatch at `rank` in the chronicle's order, with the
    /// one before and after it in time.
    pub fn dispatch_page(&self, rank: usize) -> Page<'a> {
        let order = &self.index.order;
        let d = order[rank];
        let newer = rank.checked_sub(1).map(|r| order[r]);
        let older = order.get(rank + 1).copied();
        Page {
            path: format!("{}index.html", self.chronicle.dispatches[d].path_part()),
            template: "dispatch.html",
            data: PageData::Dispatch(d, older, newer),
        }
    }

    /// Every HTML page of the site.
    pub fn pages(&self) -> Vec<Page<'_>> {
        let mut pages = Vec::new();
        let c = self.chronicle;
        let index = self.index;
        let key = self.timeline_key(&index.order);
        let timeline: Extra = std::sync::Arc::new(move |_| {
            vec![("timeline", self.timeline(&index.order, "home", key))]
        });
        pages.extend(self.paginated(
            "",
            "index.html",
            ("home", &c.config.title),
            &index.order,
            (timeline, key),
        ));

        // Dispatches, with the one before and after in time.
        pages.extend((0..index.order.len()).map(|rank| self.dispatch_page(rank)));

        // The dated archive. Its pages' keys: the dates and the versions of
        // the dispatches they list, and the neighbours they link to.
        let month_key = |m: &crate::index::Month| {
            let days: Vec<_> = m
                .days
                .iter()
                .map(|day| (day.date, self.versions(day.dispatches.iter().copied())))
                .collect();
            hash_of(&(m.year, m.month, days))
        };
        let month_link = move |m: &crate::index::Month| {
            map! { "name" => self.t.month(m.year, m.month), "url" => self.urls.link(&month_path(m.year, m.month)) }
        };
        let months_of = move |year: &crate::index::Year| -> Vec<Value> {
            year.months
                .iter()
                .map(|m| {
                    map! {
                        "name" => self.t.month(m.year, m.month),
                        "url" => self.urls.link(&month_path(m.year, m.month)),
                        "count" => m.dispatches().count(),
                        "dispatches" => self.cards(m.dispatches()),
                    }
                })
                .collect()
        };
        for (y, year) in index.years.iter().enumerate() {
            let newer = y.checked_sub(1).and_then(|i| index.years.get(i));
            let older = index.years.get(y + 1);
            let months: Vec<u64> = year.months.iter().map(month_key).collect();
            let key = hash_of(&(months, newer.map(|y| y.year), older.map(|y| y.year)));
            let neighbour = move |y: Option<&crate::index::Year>| {
                y.map_or(Value::none(), |y| map! { "name" => y.year.to_string(), "url" => self.urls.link(&year_path(y.year)) })
            };
            let values = move || {
                vec![
                    ("year", Value::from(year.year as i64)),
                    ("months", months_of(year).into()),
                    ("count", year.dispatches().count().into()),
                    ("newer", neighbour(newer)),
                    ("older", neighbour(older)),
                ]
            };
            let title = year.year.to_string();
            pages.push(self.later(
                year_path(year.year),
                "year.html",
                ("year", title),
                key,
                values,
            ));
        }
        let months: Vec<&crate::index::Month> =
            index.years.iter().flat_map(|y| &y.months).collect();
        for (i, &month) in months.iter().enumerate() {
            let newer = i.checked_sub(1).and_then(|i| months.get(i)).copied();
            let older = months.get(i + 1).copied();
            let at = |m: Option<&crate::index::Month>| m.map(|m| (m.year, m.month));
            let key = hash_of(&(month_key(month), at(newer), at(older)));
            let values = move || {
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
                let counts: Vec<_> = month
                    .days
                    .iter()
                    .map(|day| (day.date, day.dispatches.len()))
                    .collect();
                let calendar = calendar(month.year, month.month, &counts, self.t, self.urls);
                vec![
                    (
                        "year",
                        map! { "name" => month.year.to_string(), "url" => self.urls.link(&year_path(month.year)) },
                    ),
                    ("days", days.into()),
                    ("calendar", calendar),
                    ("count", month.dispatches().count().into()),
                    ("newer", newer.map_or(Value::none(), month_link)),
                    ("older", older.map_or(Value::none(), month_link)),
                ]
            };
            let name = self.t.month(month.year, month.month);
            let path = month_path(month.year, month.month);
            pages.push(self.later(path, "month.html", ("month", name), key, values));
            for day in &month.days {
                let key = hash_of(&(
                    month.year,
                    month.month,
                    self.versions(day.dispatches.iter().copied()),
                ));
                let values = move || {
                    vec![
                        ("dispatches", self.cards(day.dispatches.iter().copied())),
                        ("month", month_link(month)),
                    ]
                };
                let display = self.t.date(day.date);
                pages.push(self.later(
                    day_path(day.date),
                    "day.html",
                    ("day", display),
                    key,
                    values,
                ));
            }
        }
        let years: Vec<_> = index
            .years
            .iter()
            .map(|y| (y.year, y.months.iter().map(month_key).collect::<Vec<_>>()))
            .collect();
        let values = move || {
            let years: Vec<Value> = index
                .years
                .iter()
                .map(|y| map! { "year" => y.year as i64, "url" => self.urls.link(&year_path(y.year)), "months" => months_of(y) })
                .collect();
            vec![("years", years.into()), ("count", index.order.len().into())]
        };
        let archive = ("archive", self.label("archive"));
        pages.push(self.later(
            "archive/".into(),
            "archive.html",
            archive,
            hash_of(&years),
            values,
        ));
        let search_title = self.label("search");
        pages.push(self.page(
            super::search::DIR,
            "search.html",
            self.page_value("search", &search_title, super::search::DIR),
            vec![("index_url", self.urls.link(super::search::META).into())],
        ));

        // Places, sides and topics.
        let regions = std::sync::Arc::new(Regions::of(c));
        for (kind, list_template, term_template, values, lists) in self.term_kinds() {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by_cached_key(|&i| crate::slug::sort_key(text(&values[i], "name")));
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
                let list = &lists[i];
                // What the extras below read, each dispatch by its version.
                let versions = &self.views.versions;
                let claims_key = |claims: &[(usize, usize)]| {
                    let versions: Vec<_> = claims
                        .iter()
                        .map(|&(d, c)| (self.views.version_of[d], c))
                        .collect();
                    hash_of(&versions)
                };
                let key = match kind {
                    "sides" => hash_of(&(
                        claims_key(&index.claims_made[i]),
                        claims_key(&index.claims_denied[i]),
                    )),
                    "places" => {
                        let within: Vec<u64> = regions.within[i]
                            .iter()
                            .map(|&p| value_hash(&values[p], versions))
                            .collect();
                        hash_of(&(
                            regions.of[i].map(|r| value_hash(&values[r], versions)),
                            self.versions(self.mentioned[i].iter().copied()),
                            self.places_key(),
                            within,
                        ))
                    }
                    _ => 0,
                };
                let timeline = self.timeline_key(list);
                let key = hash_of(&(key, value_hash(term, versions), timeline));
                let chart = format!("{kind}/{id}");
                let regions = regions.clone();
                // Claims and mentions are listed on the first page only: a
                // side's claims could run to thousands, on every page.
                let extra: Extra = std::sync::Arc::new(move |n| {
                    fn first<T>(n: usize, list: &[T]) -> &[T] {
                        if n == 1 { list } else { &[] }
                    }
                    let mut extra = vec![
                        ("term", term.clone()),
                        ("timeline", self.timeline(list, &chart, timeline)),
                    ];
                    if kind == "sides" {
                        extra.push(("claims_made", self.claims(first(n, &index.claims_made[i]))));
                        extra.push((
                            "claims_denied",
                            self.claims(first(n, &index.claims_denied[i])),
                        ));
                    }
                    if kind == "places" {
                        let region = regions.of[i].map_or(Value::none(), |r| values[r].clone());
                        extra.push(("region", region));
                        let mentioned = first(n, &self.mentioned[i]).iter().copied();
                        extra.push(("mentioned", self.cards(mentioned)));
                        extra.push(("map", self.locator_map(i)));
                        let within: Vec<Value> = regions.within[i]
                            .iter()
                            .map(|&p| values[p].clone())
                            .collect();
                        extra.push(("places_in_region", within.into()));
                    }
                    extra
                });
                let singular = &term_template[..term_template.len() - 5];
                pages.extend(self.paginated(
                    &path,
                    term_template,
                    (singular, term_name),
                    list,
                    (extra, key),
                ));
            }
            pages.extend(self.alias_pages(kind, values));
        }

        let not_found = self.label("not_found");
        pages.extend(self.old_date_slugs());
        pages.push(Page {
            path: "404.html".into(),
            template: "404.html",
            data: PageData::Ready({
                let mut context = Data::default();
                context.insert_value("page", self.page_value("404", &not_found, "404.html"));
                context.insert_value(
                    "dispatches",
                    self.cards(index.order.iter().take(5).copied()),
                );
                context
            }),
        });
        let taken: std::collections::HashSet<&str> =
            pages.iter().map(|p| p.path.as_str()).collect();
        let (aliases, errors) = self.dispatch_aliases(&taken);
        drop(taken);
        pages.extend(aliases);
        *self.alias_errors.lock().expect("never poisoned") = errors;
        // (Held while every page renders: at 100,000 dispatches, the room
        // the vector grew by was 10 MB.)
        pages.shrink_to_fit();
        pages
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

/// Each place's region, and the places within each, by position.
struct Regions {
    of: Vec<Option<usize>>,
    within: Vec<Vec<usize>>,
}

impl Regions {
    fn of(chronicle: &Chronicle) -> Regions {
        let places = &chronicle.places;
        let by_id: std::collections::HashMap<&str, usize> = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let of: Vec<Option<usize>> = places
            .iter()
            .map(|p| p.region.as_deref().and_then(|id| by_id.get(id).copied()))
            .collect();
        let mut within = vec![Vec::new(); places.len()];
        for (p, region) in of.iter().enumerate() {
            if let Some(r) = region {
                within[*r].push(p);
            }
        }
        Regions { of, within }
    }
}
