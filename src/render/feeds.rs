//! The pages that are not HTML: Atom feeds for the site and every term, the
//! sitemap (split past 50,000 URLs), and robots.txt.

use std::sync::Arc;

use tera::{Map, Value};

use super::cache::hash_of;
use super::pages::{Data, Page, PageData, Plan, text};
use super::views::map;
use crate::model::When;

/// The most URLs one sitemap file may hold.
const SITEMAP_LIMIT: usize = 50_000;

impl Plan<'_> {
    /// Feeds (site and terms), the sitemap, robots.txt: pages that are not
    /// HTML. Feeds and sitemaps make their data only if they must be rendered.
    pub fn feeds_and_sitemap<'p>(&'p self, html_pages: &'p [Page<'p>]) -> Vec<Page<'p>> {
        let c = self.chronicle;
        let limit = c.config.build.feed_limit;
        // The later of a dispatch's date and its update (a bare `updated`
        // on the day of a timed `date` is taken at midnight, before it).
        let lastmod = move |d: usize| {
            let d = &c.dispatches[d];
            d.update()
                .filter(|u| u.instant() > d.when.instant())
                .unwrap_or(d.when)
        };
        let feed = |path: String, title: String, alternate: String, list: &'p [usize]| {
            let entries = &list[..list.len().min(limit)];
            // The feed changed when the last of its entries did, the newest
            // or an older one updated since.
            let updated = entries
                .iter()
                .map(|&d| lastmod(d))
                .max_by_key(When::instant);
            let key = hash_of(&(
                &title,
                &alternate,
                self.versions(entries.iter().copied()),
                updated,
            ));
            let page = path.clone();
            let make = move || {
                let mut context = Data::default();
                let updated =
                    updated.map_or_else(|| "1970-01-01T00:00:00Z".into(), |u| u.rfc3339());
                context.insert_value(
                    "feed",
                    map! {
                        "title" => title.as_str(),
                        "url" => self.urls.permalink(&path),
                        "alternate" => self.urls.permalink(&alternate),
                        "updated" => updated,
                    },
                );
                context.insert_value("entries", self.cards(entries.iter().copied()));
                context
            };
            Page {
                path: page,
                template: "atom.xml",
                data: PageData::Later {
                    key,
                    make: Box::new(make),
                },
            }
        };
        let mut pages = vec![feed(
            "atom.xml".into(),
            c.config.title.clone(),
            String::new(),
            &self.index.order,
        )];
        for (kind, _, _, values, lists) in self.term_kinds() {
            for (term, list) in values.iter().zip(lists) {
                let id = text(term, "id");
                let name = text(term, "name");
                let alternate = format!("{kind}/{id}/");
                pages.push(feed(
                    format!("{alternate}atom.xml"),
                    format!("{} — {name}", c.config.title),
                    alternate,
                    list,
                ));
            }
        }

        // The sitemap lists every HTML page but the 404, redirects and
        // drafts (in a build with --drafts), with a date where one is known.
        // Its key: the paths and those dates.
        let listed: Arc<Vec<(&str, Option<usize>)>> = Arc::new(
            html_pages
                .iter()
                .filter(|p| p.path != "404.html" && p.template != "alias.html")
                .filter(|p| p.dispatch().is_none_or(|d| !c.dispatches[d].draft))
                .map(|p| (p.path.trim_end_matches("index.html"), p.dispatch()))
                .collect(),
        );
        let sitemap = |path: String, range: std::ops::Range<usize>| {
            let dated: Vec<_> = listed[range.clone()]
                .iter()
                .map(|&(path, d)| (path, d.map(lastmod)))
                .collect();
            let listed = listed.clone();
            let make = move || {
                let urls: Vec<Value> = listed[range.clone()]
                    .iter()
                    .map(|&(path, d)| {
                        let mut m = Map::new();
                        let loc = self.urls.permalink(path);
                        m.insert("loc".into(), crate::paths::ascii_url(&loc).into());
                        let lastmod = d.map_or(Value::none(), |d| lastmod(d).rfc3339().into());
                        m.insert("lastmod".into(), lastmod);
                        Value::from(m)
                    })
                    .collect();
                let mut context = Data::default();
                context.insert_value("urls", urls.into());
                context
            };
            Page {
                path,
                template: "sitemap.xml",
                data: PageData::Later {
                    key: hash_of(&dated),
                    make: Box::new(make),
                },
            }
        };
        if listed.len() <= SITEMAP_LIMIT {
            pages.push(sitemap("sitemap.xml".into(), 0..listed.len()));
        } else {
            let mut sitemaps = Vec::new();
            for (i, start) in (0..listed.len()).step_by(SITEMAP_LIMIT).enumerate() {
                let path = format!("sitemap-{}.xml", i + 1);
                let loc = self.urls.permalink(&path);
                sitemaps.push(Value::from(crate::paths::ascii_url(&loc)));
                let end = listed.len().min(start + SITEMAP_LIMIT);
                pages.push(sitemap(path, start..end));
            }
            let mut context = Data::default();
            context.insert_value("sitemaps", sitemaps.into());
            pages.push(Page {
                path: "sitemap.xml".into(),
                template: "sitemap_index.xml",
                data: PageData::Ready(context),
            });
        }
        let mut context = Data::default();
        let sitemap_url = self.urls.permalink("sitemap.xml");
        context.insert_value("sitemap_url", crate::paths::ascii_url(&sitemap_url).into());
        pages.push(Page {
            path: "robots.txt".into(),
            template: "robots.txt",
            data: PageData::Ready(context),
        });
        pages
    }
}
