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

    /// A chart made before from the same inputs, or made now (and kept
    /// between serve's rebuilds).
    fn chart(&self, name: String, key: u64, make: impl FnOnce() -> Value) -> Value {
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
    fn timeline(&self, list: &[usize], name: &str, key: u64) -> Value {
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
    fn timeline_key(&self, list: &[usize]) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        for &d in list {
            let d = &self.chronicle.dispatches[d];
            std::hash::Hash::hash(&(d.when.date, &d.sides), &mut hasher);
        }
        std::hash::Hasher::finish(&hasher)
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

    /// A dispatch page's `json_ld`: the dispatch as a schema.org
    /// NewsArticle, from its value, as JSON that may stand in a `<script>`.
    /// Made here, not in the template, where it was a third of the time a
    /// dispatch page took to render (and where it could come out invalid).
    fn json_ld(&self, d: usize, card: &Value) -> Value {
        use super::theme::push_script_string as string;
        let config = &self.chronicle.config;
        let dispatch = &self.chronicle.dispatches[d];
        // Written as it goes (a dispatch page each): "key": value pairs whose
        // keys are plain, strings escaped for a <script>.
        let mut out = String::with_capacity(1024);
        let published = card
            .get_from_path("date")
            .map_or("", |date| text(date, "iso"));
        let modified = truthy(card, "updated").map_or(published, |u| text(u, "iso"));
        let author = if config.author.is_empty() {
            &config.title
        } else {
            &config.author
        };
        let permalink = text(card, "permalink");
        out.push_str("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",");
        for (key, value) in [
            ("headline", text(card, "title")),
            ("description", text(card, "summary")),
            ("url", permalink),
            ("mainEntityOfPage", permalink),
            ("inLanguage", &config.language),
            ("datePublished", published),
            ("dateModified", modified),
        ] {
            json_pair(&mut out, key, value);
            out.push(',');
        }
        out.push_str("\"author\":{\"@type\":\"Organization\",");
        json_pair(&mut out, "name", author);
        out.push_str("},\"publisher\":{\"@type\":\"Organization\",");
        json_pair(&mut out, "name", &config.title);
        out.push(',');
        json_pair(&mut out, "url", &self.urls.base_url);
        out.push('}');
        // A term is written the same way in every dispatch that has it: once.
        let terms = self.json_ld_terms.get_or_init(|| {
            let views = self.views;
            let each = |values: &[Value], write: fn(&mut String, &Value)| -> Vec<String> {
                values
                    .iter()
                    .map(|value| {
                        let mut out = String::new();
                        write(&mut out, value);
                        out
                    })
                    .collect()
            };
            [
                each(&views.places, place_json_ld),
                each(&views.sides, side_json_ld),
                each(&views.topics, |out, t| string(out, text(t, "name"))),
            ]
        });
        for (key, list, written) in [
            ("contentLocation", &dispatch.places, &terms[0]),
            ("about", &dispatch.sides, &terms[1]),
            ("keywords", &dispatch.topics, &terms[2]),
        ] {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":[");
            for (i, &term) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&written[term]);
            }
            out.push(']');
        }
        let sources = card
            .get_from_path("sources")
            .and_then(Value::as_array)
            .unwrap_or(&[]);
        out.push_str(",\"citation\":[");
        for (i, source) in sources.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"@type\":\"CreativeWork\",");
            json_pair(&mut out, "name", text(source, "name"));
            if let Some(url) = truthy(source, "url").and_then(Value::as_str) {
                out.push(',');
                json_pair(&mut out, "url", url);
            }
            out.push('}');
        }
        out.push_str("]}");
        Value::safe_string(&out)
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

    /// A redirect page at every address a dispatch's `aliases` name, and an
    /// error for each alias that cannot be one: the address of another page
    /// of the site (`taken`), or an alias already.
    fn dispatch_aliases(
        &self,
        taken: &std::collections::HashSet<&str>,
    ) -> (Vec<Page<'_>>, Vec<crate::diagnostic::Diagnostic>) {
        let mut pages: Vec<Page<'_>> = Vec::new();
        let mut errors = Vec::new();
        let mut made: std::collections::HashMap<String, (usize, std::ops::Range<usize>)> =
            Default::default();
        for (d, dispatch) in self.chronicle.dispatches.iter().enumerate() {
            for (alias, span) in &dispatch.aliases {
                let path = alias_page_path(alias);
                let error = |message: String, label: &str| {
                    crate::diagnostic::Diagnostic::error(message)
                        .at(&dispatch.source, span.clone())
                        .with_label(label.to_string())
                };
                if taken.contains(path.as_str()) {
                    errors.push(error(
                        format!("the alias /{alias} is the address of a page of the site"),
                        "expected an address where nothing is published",
                    ));
                    continue;
                }
                match made.get(&path) {
                    Some((other, _)) if *other == d => {
                        errors.push(error(
                            format!("the alias /{alias} is listed twice"),
                            "again",
                        ));
                        continue;
                    }
                    Some((other, at)) => {
                        let first = &self.chronicle.dispatches[*other];
                        errors.push(
                            error(
                                format!("two dispatches have the alias /{alias}"),
                                "this dispatch's alias",
                            )
                            .with_related(
                                &first.source,
                                at.clone(),
                                "the other's",
                            ),
                        );
                        continue;
                    }
                    None => {}
                }
                made.insert(path.clone(), (d, span.clone()));
                let card = &self.views.dispatches[d];
                let mut page = self.page(
                    alias,
                    "alias.html",
                    self.page_value("alias", text(card, "title"), alias),
                    vec![("term", redirect_to(card))],
                );
                page.path = path;
                pages.push(page);
            }
        }
        (pages, errors)
    }

    /// A redirect page at the address a dispatch whose file is named only by
    /// its date (`2020-10-09.md`) had before its slug came from its title
    /// (`/2020/10/09/2020-10-09/` → `/2020/10/09/shelling/`), so that links
    /// made to it keep working; none where a dispatch is published.
    fn old_date_slugs(&self) -> Vec<Page<'_>> {
        let dispatches = &self.chronicle.dispatches;
        let published: std::collections::HashSet<String> =
            dispatches.iter().map(|d| d.path_part()).collect();
        let mut pages = Vec::new();
        for (d, dispatch) in dispatches.iter().enumerate() {
            let named = match &dispatch.bundle {
                Some(folder) => folder.file_name(),
                None => dispatch.path.file_stem(),
            };
            let Some(stem) = named.and_then(|n| n.to_str()) else {
                continue;
            };
            let from_title = (self.chronicle.config.transliteration())
                .title_slug(&dispatch.title, crate::slug::NAME_MAX);
            let was_dated = crate::load::strip_date_prefix(stem).is_empty() && stem.len() == 10;
            if !was_dated || from_title.as_deref() != Some(dispatch.slug.as_str()) {
                continue;
            }
            let current = dispatch.path_part();
            let day = &current[..current.len() - dispatch.slug.len() - 1];
            let old = format!("{day}{stem}/");
            if published.contains(&old) {
                continue;
            }
            let card = &self.views.dispatches[d];
            pages.push(self.page(
                &old,
                "alias.html",
                self.page_value("alias", text(card, "title"), &old),
                vec![("term", redirect_to(card))],
            ));
        }
        pages
    }

    /// A redirect page for every other spelling of a term, its name and its
    /// aliases, so that a link made with any of them keeps working:
    /// `/places/hadrout/` → `/places/hadrut/`, and the page an undeclared
    /// term had (at the slug of its name) once it is declared with another id.
    /// Ids come first, then names, then aliases.
    fn alias_pages(&self, kind: &str, values: &[Value]) -> Vec<Page<'_>> {
        let c = self.chronicle;
        let spellings = |i: usize| -> (&str, &[String]) {
            match kind {
                "places" => (&c.places[i].name, &c.places[i].aliases),
                "sides" => (&c.sides[i].name, &c.sides[i].aliases),
                _ => (&c.topics[i].name, &c.topics[i].aliases),
            }
        };
        let mut taken: std::collections::HashSet<String> =
            values.iter().map(|v| text(v, "id").to_string()).collect();
        let names = (0..values.len()).map(|i| (i, spellings(i).0));
        let aliases = (0..values.len())
            .flat_map(|i| spellings(i).1.iter().map(move |alias| (i, alias.as_str())));
        let mut pages = Vec::new();
        for (i, spelling) in names.chain(aliases) {
            let Some(slug) = c
                .config
                .transliteration()
                .title_slug(spelling, crate::slug::NAME_MAX)
            else {
                continue;
            };
            if !taken.insert(slug.clone()) {
                continue;
            }
            let term = &values[i];
            let path = format!("{kind}/{slug}/");
            pages.push(self.page(
                &path,
                "alias.html",
                self.page_value("alias", text(term, "name"), &path),
                vec![("term", term.clone())],
            ));
        }
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

/// A field of a value, if a template would find it true.
fn truthy<'v>(value: &'v Value, key: &'static str) -> Option<&'v Value> {
    value.get_from_path(key).filter(|v| v.is_truthy())
}

/// `"key":"value"` in JSON-LD, the value escaped for a `<script>`.
fn json_pair(out: &mut String, key: &str, value: &str) {
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
    super::theme::push_script_string(out, value);
}

/// A place in a dispatch's JSON-LD (`contentLocation`), from its value.
fn place_json_ld(out: &mut String, place: &Value) {
    out.push_str("{\"@type\":\"Place\",");
    json_pair(out, "name", text(place, "name"));
    out.push(',');
    json_pair(out, "url", text(place, "permalink"));
    if let (Some(lat), Some(lon)) = (truthy(place, "lat"), truthy(place, "lon")) {
        let number = |out: &mut String, v: &Value| {
            out.push_str(&serde_json::to_string(v).expect("numbers serialize"));
        };
        out.push_str(",\"geo\":{\"@type\":\"GeoCoordinates\",\"latitude\":");
        number(out, lat);
        out.push_str(",\"longitude\":");
        number(out, lon);
        out.push('}');
    }
    out.push('}');
}

/// A side in a dispatch's JSON-LD (`about`), from its value.
fn side_json_ld(out: &mut String, side: &Value) {
    out.push_str("{\"@type\":\"Thing\",");
    json_pair(out, "name", text(side, "name"));
    out.push(',');
    json_pair(out, "url", text(side, "permalink"));
    out.push('}');
}
