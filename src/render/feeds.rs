//! The pages that are not HTML: Atom feeds for the site and every term, the
//! sitemap (split past 50,000 URLs), and robots.txt.

use tera::{Map, Value};

use super::pages::{Data, Page, Plan, text};
use super::views::map;

/// The most URLs one sitemap file may hold.
const SITEMAP_LIMIT: usize = 50_000;

impl Plan<'_> {
    /// Feeds (site and terms), the sitemap, robots.txt: pages that are not HTML.
    pub fn feeds_and_sitemap(&self, html_pages: &[Page]) -> Vec<Page> {
        let c = self.chronicle;
        let limit = c.config.build.feed_limit;
        let updated = |list: &[usize]| {
            list.first()
                .map(|&d| {
                    c.dispatches[d]
                        .updated
                        .unwrap_or(c.dispatches[d].when)
                        .rfc3339()
                })
                .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
        };
        let feed = |path: &str, title: String, alternate: &str, list: &[usize]| {
            let mut context = Data::default();
            context.insert_value(
                "feed",
                map! {
                    "title" => title,
                    "url" => self.urls.permalink(path),
                    "alternate" => self.urls.permalink(alternate),
                    "updated" => updated(list),
                },
            );
            context.insert_value("entries", self.cards(list.iter().take(limit).copied()));
            Page {
                path: path.to_string(),
                template: "atom.xml",
                dispatch: None,
                context,
            }
        };
        let mut pages = vec![feed(
            "atom.xml",
            c.config.title.clone(),
            "",
            &self.index.order,
        )];
        for (kind, _, _, values, lists) in self.term_kinds() {
            for (term, list) in values.iter().zip(lists) {
                let id = text(term, "id");
                let name = text(term, "name");
                let alternate = format!("{kind}/{id}/");
                pages.push(feed(
                    &format!("{alternate}atom.xml"),
                    format!("{} — {name}", c.config.title),
                    &alternate,
                    list,
                ));
            }
        }

        // The sitemap lists every HTML page but the 404 and redirects, with a date where one is known.
        let mut urls: Vec<Value> = Vec::with_capacity(html_pages.len());
        for page in html_pages
            .iter()
            .filter(|p| p.path != "404.html" && p.template != "alias.html")
        {
            let path = page.path.trim_end_matches("index.html");
            let lastmod = page.dispatch.map_or(Value::none(), |(d, _, _)| {
                let dispatch = &c.dispatches[d];
                dispatch.updated.unwrap_or(dispatch.when).rfc3339().into()
            });
            let mut m = Map::new();
            m.insert("loc".into(), self.urls.permalink(path).into());
            m.insert("lastmod".into(), lastmod);
            urls.push(Value::from(m));
        }
        if urls.len() <= SITEMAP_LIMIT {
            let mut context = Data::default();
            context.insert_value("urls", urls.into());
            pages.push(Page {
                path: "sitemap.xml".into(),
                template: "sitemap.xml",
                dispatch: None,
                context,
            });
        } else {
            let mut sitemaps = Vec::new();
            for (i, chunk) in urls.chunks(SITEMAP_LIMIT).enumerate() {
                let path = format!("sitemap-{}.xml", i + 1);
                sitemaps.push(Value::from(self.urls.permalink(&path)));
                let mut context = Data::default();
                context.insert_value("urls", chunk.to_vec().into());
                pages.push(Page {
                    path,
                    template: "sitemap.xml",
                    dispatch: None,
                    context,
                });
            }
            let mut context = Data::default();
            context.insert_value("sitemaps", sitemaps.into());
            pages.push(Page {
                path: "sitemap.xml".into(),
                template: "sitemap_index.xml",
                dispatch: None,
                context,
            });
        }
        let mut context = Data::default();
        context.insert_value("sitemap_url", self.urls.permalink("sitemap.xml").into());
        pages.push(Page {
            path: "robots.txt".into(),
            template: "robots.txt",
            dispatch: None,
            context,
        });
        pages
    }
}
