//! The redirect pages of a plan: a dispatch's aliases and old addresses,
//! and every other spelling of a place, side or topic.

use tera::Value;

use super::{Page, Plan, alias_page_path, redirect_to, text};

impl<'a> Plan<'a> {
    /// A redirect page at every address a dispatch's `aliases` name, and an
    /// error for each alias that cannot be one: the address of another page
    /// of the site (`taken`), or an alias already.
    pub(super) fn dispatch_aliases(
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
    pub(super) fn old_date_slugs(&self) -> Vec<Page<'_>> {
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
    pub(super) fn alias_pages(&self, kind: &str, values: &[Value]) -> Vec<Page<'_>> {
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
}
