//! render: a chronicle and its index → every file of the site, in memory.
//!
//! Markdown is rendered once per dispatch, each dispatch becomes one template
//! value shared by every page that lists it, and pages render in parallel.

pub mod cache;
mod calendar;
mod charts;
mod checks;
mod colors;
mod copied;
pub mod data;
mod feeds;
mod footnotes;
pub mod highlight;
pub(crate) mod html_text;
pub mod i18n;
pub(crate) mod links;
pub mod markdown;
pub(crate) mod mentions;
mod pages;
mod sanitize;
pub mod search;
pub mod theme;
pub mod typography;
mod verbatim;
pub mod views;

use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;
use tera::Value;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::index::Index;
use crate::model::Chronicle;
use crate::output::{Content, Deferred, OutputFile, Sink, Site, site_paths};
use crate::paths::normalize;
use cache::RenderCache;
use checks::{
    GENERATED_FILES, alias_file_conflicts, aliases_in_generated_folders, anchor_warnings,
};
use markdown::{Body, MarkdownContext, render_body};
use pages::{Page, Plan};
use theme::{load_theme, template_error};
use views::{Urls, views};

/// The folder of a site whose files are copied into the output as they are.
pub const STATIC_DIR: &str = "static";

/// Renders the whole site. Nothing is returned unless every page rendered.
pub fn render(
    chronicle: &mut Chronicle,
    index: &Index,
) -> Result<(Site, Diagnostics), Diagnostics> {
    render_with(
        chronicle,
        index,
        &mut RenderCache::default(),
        Handoff::default(),
    )
}

/// Is told the pages of the dispatches an edit changed, made before the rest
/// of the site (`serve` shows them at once).
pub type FirstPages<'f> = &'f (dyn Fn(&[OutputFile]) + Sync);

/// Where a render hands files over while it runs, besides the site it returns.
#[derive(Clone, Copy, Default)]
pub struct Handoff<'h> {
    /// Is given the changed dispatches' own pages first.
    pub first: Option<FirstPages<'h>>,
    /// Takes every generated file as soon as it is made; the site then lists
    /// them in `written`, and nothing keeps their bytes.
    pub sink: Option<&'h dyn Sink>,
}

impl Handoff<'_> {
    /// Hands nothing on: for a render looked at only for its problems.
    pub fn discarding() -> Handoff<'static> {
        Handoff {
            first: None,
            sink: Some(&crate::output::Discard),
        }
    }

    /// How a render goes on after a step: `None` to stop at its errors (a
    /// render that does not hand its files to a sink, serve's); else on,
    /// handing nothing on once there are errors (a build's, a check's: one
    /// run reports all it can).
    fn after_step(self, errors: &Diagnostics, thorough: bool) -> Option<Self> {
        match (errors.has_errors(), thorough) {
            (false, _) => Some(self),
            (true, false) => None,
            (true, true) => Some(Handoff::discarding()),
        }
    }
}

/// At most this many dispatches changed for their pages to be made first.
const FIRST_PAGES_AT_MOST: usize = 8;

/// [`render`], reusing from `cache` whatever an earlier render made from the
/// same inputs (and keeping this render's work there for the next one).
/// Files are handed over as `handoff` says.
pub fn render_with(
    chronicle_mut: &mut Chronicle,
    index: &Index,
    cache: &mut RenderCache,
    handoff: Handoff,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let chronicle: &Chronicle = chronicle_mut;
    let config = &chronicle.config;
    let mut steps = Steps::new();
    let mut theme = load_theme(&chronicle.root, config)?;
    let mut warnings = std::mem::take(&mut theme.warnings);
    let urls = Urls::of(config);
    let theme_text: Vec<&str> = theme.sources.values().map(|s| &*s.text).collect();
    let labels = format!("{:?}", theme.translations);
    // Bodies link place names: the gazetteer's names are part of what they are made from.
    let names: Vec<_> = chronicle
        .places
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.name.as_str(),
                p.aliases.as_slice(),
                &p.names,
                p.declared,
            )
        })
        .collect();
    // What every file depends on besides the dispatches: a file's signature
    // for a sink counts it too.
    let render_key = cache::hash_of(&(format!("{config:?}"), theme_text, labels, names));
    let permalinks = permalinks_key(chronicle);
    // A render that hands its files to a sink is a one-off: it keeps nothing.
    cache.begin(render_key, permalinks, handoff.sink.is_some());
    let for_sink = |signature: u64| cache::hash_of(&(render_key, signature));

    steps.done("theme");
    let theme_ids = theme.literal_ids();
    let back_to_text = theme.translations.labels.get("back_to_text");
    let back_to_text = back_to_text
        .and_then(toml::Value::as_str)
        .unwrap_or("Back to the text");
    let (mut bodies, mut errors) =
        render_bodies_with(chronicle, &urls, (&theme_ids, back_to_text), cache);
    // A render into a sink (a build, a check) goes on past errors, for the
    // problems only its later steps find.
    let thorough = handoff.sink.is_some();
    let Some(handoff) = handoff.after_step(&errors, thorough) else {
        return Err(errors);
    };

    steps.done("markdown");
    let stemmer = search::Stemmer::for_language(&config.language);
    // A build that hands its files to a sink makes the search files first
    // and lets them go, before the dispatches' values and pages are made,
    // so that the two are not held together.
    let mut written = Vec::new();
    if let Some(sink) = handoff.sink {
        let sources_key = search_sources_key(chronicle, index, permalinks);
        let signature = for_sink(sources_key);
        let search_files = || -> Result<Vec<String>, Diagnostics> {
            if let Some(kept) = sink.holds_group(signature) {
                return Ok(kept);
            }
            let mut paths = Vec::new();
            let make = |d: usize| search_doc(chronicle, &theme, &bodies[d], d, stemmer);
            search::write_made(chronicle, index, make, &mut |path, bytes| {
                sink.put(&path, signature, &bytes)?;
                paths.push(path);
                Ok(())
            })
            .map_err(|e| Diagnostics(vec![cannot_write("search/", &e)]))?;
            Ok(paths)
        };
        // The export, signed like the search files by the dispatches' sources.
        let path = data::DISPATCHES_JSON;
        let exports_key = for_sink(cache::hash_of(&(sources_key, path)));
        let export = || -> Result<(), Diagnostics> {
            if !sink.holds(path, exports_key) {
                let json = data::dispatches_json(chronicle, index, |batch| {
                    batch
                        .par_iter()
                        .map(|&d| export_entry(chronicle, &urls, &bodies[d], d))
                        .collect::<Vec<_>>()
                });
                sink.put(path, exports_key, &json)
                    .map_err(|e| Diagnostics(vec![cannot_write(path, &e)]))?;
            }
            Ok(())
        };
        // Together: the search files' postings and writing are done on one
        // thread, and the export keeps the other busy meanwhile.
        let (search_paths, exported) = rayon::join(search_files, export);
        written.extend(search_paths?);
        exported?;
        written.push(path.to_string());
        // Only the search files read a body's plain text.
        for body in &mut bodies {
            if let Some(body) = Arc::get_mut(body) {
                body.text = String::new();
            }
        }
        steps.done("search files");
    }
    // The search files and the export were the last to read the dispatches'
    // files: a one-off build that made them lets the text go.
    let chronicle: &Chronicle = if handoff.sink.is_some() {
        release_sources(chronicle_mut, &bodies);
        chronicle_mut
    } else {
        chronicle
    };
    let config = &chronicle.config;
    let site = views::map! {
        "title" => config.title.clone(),
        "description" => config.description.clone(),
        "author" => config.author.clone(),
        "language" => config.language.clone(),
        "direction" => theme.translations.direction(&config.language),
        "base_url" => urls.base_url.clone(),
        "base_path" => urls.base_path.clone(),
        "feed_url" => urls.link("atom.xml"),
        "generator" => format!("chronicle {}", env!("CARGO_PKG_VERSION")),
        "extra" => Value::from_serializable(&config.extra),
    };
    let global = theme.tera.global_context();
    global.insert_value("site", site);
    global.insert_value("t", Value::from_serializable(&theme.translations.labels));
    global.insert_value("base_path", urls.base_path.clone().into());

    let fragments = |d: &Value| -> Result<Value, Diagnostic> {
        let mut context = tera::Context::new();
        context.insert_value("d", d.clone());
        let mut rendered = tera::Map::new();
        for (name, template) in views::FRAGMENTS {
            let html = theme
                .tera
                .render(template, &context)
                .map_err(|e| template_error(&e, &theme.sources))?;
            rendered.insert(name.into(), Value::safe_string(&html));
        }
        Ok(Value::from(rendered))
    };
    let lists = (&theme.translations, &urls);
    let mut views = match views(chronicle, index, &bodies, lists, &fragments, cache) {
        Ok(views) => views,
        Err(more) => {
            // (A template error; the bodies' errors are not lost.)
            errors.extend(more);
            return Err(errors);
        }
    };
    if handoff.sink.is_some() {
        views.count_by_content();
        // The cards hold the summaries now.
        for body in &mut bodies {
            if let Some(body) = Arc::get_mut(body) {
                body.first_paragraph = String::new();
            }
        }
    }
    steps.done("template values");

    // Dispatches that mention a place without being tagged with it, newest first.
    let mut mentioned = vec![Vec::new(); chronicle.places.len()];
    for &d in &index.order {
        for &p in &bodies[d].mentions {
            if !chronicle.dispatches[d].places.contains(&p) {
                mentioned[p].push(d);
            }
        }
    }
    let plan = Plan {
        chronicle,
        index,
        mentioned: &mentioned,
        views: &views,
        t: &theme.translations,
        urls: &urls,
        dots: Default::default(),
        locator: Default::default(),
        places_key: Default::default(),
        json_ld_terms: Default::default(),
        alias_errors: Default::default(),
        days: Default::default(),
        charts: cache.take_charts().into(),
    };
    let early = match handoff.first {
        Some(show) => render_first_pages(&plan, &theme, cache, show),
        None => 0,
    };
    steps.done("first pages");
    let html = plan.pages();
    let alias_errors = std::mem::take(&mut *plan.alias_errors.lock().expect("never poisoned"));
    errors.extend(Diagnostics(alias_errors));
    let Some(handoff) = handoff.after_step(&errors, thorough) else {
        return Err(errors);
    };
    let other = plan.feeds_and_sitemap(&html);
    // Aliases against every file the render makes, before any is written;
    // the static files are known later.
    let made: HashSet<&str> = if chronicle.dispatches.iter().any(|d| !d.aliases.is_empty()) {
        html.iter().chain(&other).map(|p| p.path.as_str()).collect()
    } else {
        HashSet::default()
    };
    let is_generated = |path: &str| GENERATED_FILES.contains(&path);
    // (An alias's own page is among those made: its address was checked
    // against the pages, so only the other files may not be it.)
    let is_made = |path: &str| made.contains(path) || is_generated(path);
    errors.extend(aliases_in_generated_folders(chronicle));
    errors.extend(alias_file_conflicts(chronicle, &is_made, &is_generated));
    drop(made);
    let Some(handoff) = handoff.after_step(&errors, thorough) else {
        return Err(errors);
    };
    steps.done("planning");
    let page_count = html.len();
    if let Some(sink) = handoff.sink {
        sink.expect(page_count + other.len() + theme.static_files.len());
    }
    // The search index changes with the dispatches' versions, like the
    // export; when it must be made again, only the dispatches that changed
    // are read again, and its files are made while the pages render.
    let exports_signature = cache::hash_of(&(&index.order, &views.version_of));
    let ids_key = search::docs_key(chronicle);
    let search_signature = cache::hash_of(&(exports_signature, ids_key));
    let mut deferred = None;
    let mut search_input = None;
    let kept_search = cache.search(search_signature);
    if kept_search.is_none() && handoff.sink.is_none() {
        let docs = cache
            .search_docs
            .get(&chronicle.dispatches, &views.version_of, ids_key, |d| {
                search_doc(chronicle, &theme, &bodies[d], d, stemmer)
            });
        let input = search::SearchInput::new(chronicle, index, &docs);
        if cache.defer_search {
            deferred = Some(Deferred {
                search: Arc::new(input),
                signature: search_signature,
            });
        } else {
            search_input = Some(input);
        }
    }
    steps.done("search");

    let cached: &RenderCache = cache;
    let hand =
        |path: &str, signature, bytes: &[u8]| hand_over(handoff.sink, path, signature, bytes);
    type Rendered = Result<(Option<Arc<[u8]>>, u64, bool), Diagnostic>;
    let render_pages = || -> Vec<Rendered> {
        html.par_iter()
            .chain(other.par_iter())
            .map(|page: &Page| {
                let signature = page.signature(&views);
                let on_disk = for_sink(signature);
                if handoff
                    .sink
                    .is_some_and(|sink| sink.holds(&page.path, on_disk))
                {
                    return Ok((None, signature, false));
                }
                if let Some(bytes) = cached.page(&page.path, signature) {
                    return Ok((
                        hand_over(handoff.sink, &page.path, on_disk, bytes)?,
                        signature,
                        false,
                    ));
                }
                // Rendered as bytes: Tera need not check that they are UTF-8
                // (they are), and a sink writes them as they are. Each thread
                // renders into one buffer, kept between pages up to
                // PAGE_BUFFER_KEPT.
                // (Its data is made first: nothing that runs while the
                // buffer is borrowed waits on the pool, which could give this
                // thread another page.)
                let context = plan.data(page).context();
                PAGE_BUFFER.with_borrow_mut(|bytes| {
                    bytes.clear();
                    theme
                        .tera
                        .render_to(page.template, &context, &mut *bytes)
                        .map_err(|e| template_error(&e, &theme.sources))?;
                    let handed = hand(&page.path, on_disk, &bytes[..]);
                    // (Not kept at the size of the archive's page.)
                    if bytes.capacity() > PAGE_BUFFER_KEPT {
                        *bytes = Vec::with_capacity(PAGE_BUFFER_KEPT);
                    }
                    Ok((handed?, signature, true))
                })
            })
            .collect()
    };
    let (rendered, made_search) = rayon::join(render_pages, || {
        search_input.as_ref().map(search::SearchInput::make)
    });
    let rendered_count = rendered.len();
    let mut files = Vec::with_capacity(rendered.len() + theme.static_files.len());
    let mut fresh = 0;
    let pages = html.iter().chain(other.iter());
    for (page, result) in pages.zip(rendered) {
        match result {
            Ok((Some(bytes), signature, rendered)) => {
                if rendered {
                    cache.keep_page(&page.path, signature, bytes.clone());
                }
                fresh += usize::from(rendered);
                files.push(OutputFile {
                    path: page.path.clone(),
                    content: Content::Bytes(bytes),
                });
            }
            Ok((None, _, rendered)) => {
                fresh += usize::from(rendered);
                written.push(page.path.clone());
            }
            Err(d) => errors.push_once(d),
        }
    }
    let Some(handoff) = handoff.after_step(&errors, thorough) else {
        return Err(errors);
    };
    steps.done("pages");
    // The other generated files: those a sink already holds are not made again.
    let mut add = |path: String,
                   signature: u64,
                   make: &mut dyn FnMut() -> Arc<[u8]>|
     -> Result<(), Diagnostics> {
        let on_disk = for_sink(signature);
        if handoff.sink.is_some_and(|sink| sink.holds(&path, on_disk)) {
            written.push(path);
            return Ok(());
        }
        match hand_over(handoff.sink, &path, on_disk, make()).map_err(|d| Diagnostics(vec![d]))? {
            Some(bytes) => files.push(OutputFile {
                path,
                content: Content::Bytes(bytes),
            }),
            None => written.push(path),
        }
        Ok(())
    };
    // The data exports: the dispatches' export only changes with a dispatch.
    // Each dispatch's entry is made once per version. A build for a sink
    // made it with the search files.
    if handoff.sink.is_none() {
        add(data::DISPATCHES_JSON.into(), exports_signature, &mut || {
            if let Some(json) = cache.page(data::DISPATCHES_JSON, exports_signature) {
                return json;
            }
            let versions = &views.version_of;
            let entries = cache
                .exports
                .get(&chronicle.dispatches, versions, ids_key, |d| {
                    export_entry(chronicle, &urls, &bodies[d], d)
                });
            let json: Arc<[u8]> = data::dispatches_json(chronicle, index, |batch| {
                batch.iter().map(|&d| entries[d].as_str()).collect()
            })
            .into();
            cache.keep_page(data::DISPATCHES_JSON, exports_signature, json.clone());
            json
        })?;
    }
    steps.done("data exports");
    let search_files = kept_search.or_else(|| {
        let made = made_search?;
        cache.keep_search(search_signature, made.clone());
        Some(made)
    });
    for (path, bytes) in search_files.iter().flat_map(|f| f.iter()) {
        add(path.clone(), search_signature, &mut || bytes.clone())?;
    }
    drop(search_files);
    let geojson = data::places_geojson(chronicle, index, &urls);
    let signature = cache::hash_of(&geojson);
    add(data::PLACES_GEOJSON.into(), signature, &mut || {
        geojson.as_slice().into()
    })?;
    add(crate::write::MARKER.into(), 0, &mut || {
        crate::write::MARKER_TEXT.as_bytes().into()
    })?;
    cache.keep_charts(std::mem::take(
        &mut *plan.charts.lock().expect("never poisoned"),
    ));
    cache.rendered = fresh + early;
    let generated = site_paths(&files, &written);
    // Pages, and the dispatches' export.
    cache.retain_pages(rendered_count + 1, |path| generated.contains(path));

    let static_files = std::mem::take(&mut theme.static_files);
    let copies = copied::copies(chronicle, static_files, &generated, &mut warnings);
    // Aliases against the copies only: those against the pages and the
    // generated files were checked before any page was made.
    let is_copy = |path: &str| copies.contains_key(path);
    let conflicts = alias_file_conflicts(chronicle, &is_copy, &is_copy);
    if conflicts.has_errors() {
        errors.extend(conflicts);
        if !thorough {
            return Err(errors);
        }
    }
    let copies = copied::outside_pages(copies, &generated, &mut warnings);
    drop(generated);
    files.extend(copies);
    steps.done("static files");
    warnings.extend(checks::file_link_warnings(
        chronicle, &bodies, &files, &written,
    ));
    warnings.extend(checks::theme_id_warnings(chronicle, &bodies));
    // Links to anchors: every heading and footnote of the target is known now.
    warnings.extend(anchor_warnings(chronicle, &bodies, &theme));
    steps.done("links");
    if errors.has_errors() {
        errors.extend(warnings);
        return Err(errors);
    }
    let site = Site {
        files,
        written,
        deferred,
        steps: steps.done,
        pages: page_count,
        dispatches: chronicle.dispatches.len(),
    };
    Ok((site, warnings))
}

/// Renders the pages of the dispatches an edit changed, keeps them in the
/// cache (where the render of the whole site finds them) and shows them.
/// Returns how many it rendered; none when one fails (the whole render will
/// report why).
fn render_first_pages(
    plan: &Plan,
    theme: &theme::Theme,
    cache: &mut RenderCache,
    show: FirstPages,
) -> usize {
    let changed = cache.changed_dispatches(&plan.views.version_of, FIRST_PAGES_AT_MOST);
    if changed.is_empty() {
        return 0;
    }
    let mut files = Vec::with_capacity(changed.len());
    for (rank, d) in plan.index.order.iter().enumerate() {
        if !changed.contains(d) {
            continue;
        }
        let page = plan.dispatch_page(rank);
        let signature = page.signature(plan.views);
        if cache.page(&page.path, signature).is_some() {
            continue;
        }
        let Ok(text) = theme
            .tera
            .render(page.template, &plan.data(&page).context())
        else {
            return 0;
        };
        let bytes: Arc<[u8]> = text.into_bytes().into();
        cache.keep_page(&page.path, signature, bytes.clone());
        files.push(OutputFile {
            path: page.path,
            content: Content::Bytes(bytes),
        });
    }
    if !files.is_empty() {
        show(&files);
    }
    files.len()
}

/// What the search files are made from, before the dispatches' template
/// values exist: every dispatch's file and text in the chronicle's order
/// (its body with the permalinks it links to), and the terms they name.
/// A dispatch's search entry, with its title and date as the site shows them.
fn search_doc(
    chronicle: &Chronicle,
    theme: &theme::Theme,
    body: &Body,
    d: usize,
    stemmer: search::Stemmer,
) -> search::SearchDoc {
    let dispatch = &chronicle.dispatches[d];
    let title = views::display_text(&dispatch.title, chronicle.config.is_french());
    let date = theme.translations.date(dispatch.when.date);
    search::search_doc(chronicle, d, body, &title, &date, stemmer)
}

/// A dispatch's entry in the data export.
fn export_entry(chronicle: &Chronicle, urls: &Urls, body: &Body, d: usize) -> String {
    let french = chronicle.config.is_french();
    let summary = views::summary(&chronicle.dispatches[d], body, french);
    data::dispatch_entry(chronicle, d, &summary, urls)
}

/// Lets the text of every dispatch's file go (its Markdown was rendered, its
/// search entry and export made): a one-off build of a large chronicle holds
/// a few hundred megabytes less while its pages render. Diagnostics made
/// before keep their own copy; a dispatch that links to files of the site
/// (or anything else later warnings are about) keeps its text, since a
/// warning about such a link, made once every path of the site is known,
/// shows its line.
fn release_sources(chronicle: &mut Chronicle, bodies: &[Arc<Body>]) {
    for (dispatch, body) in chronicle.dispatches.iter_mut().zip(bodies) {
        // What later warnings and errors point into keeps its text.
        if !body.local_links.is_empty()
            || !body.fragment_links.is_empty()
            || !body.theme_id_clashes.is_empty()
            || !dispatch.aliases.is_empty()
        {
            continue;
        }
        if let Some(dispatch) = Arc::get_mut(dispatch) {
            dispatch.source.text = Arc::from("");
            dispatch.body_offset = 0;
        }
    }
}

fn search_sources_key(chronicle: &Chronicle, index: &Index, permalinks: u64) -> u64 {
    let dispatches: Vec<u64> = index
        .order
        .iter()
        .map(|&d| {
            let dispatch = &chronicle.dispatches[d];
            cache::hash_of(&(dispatch.path.as_os_str(), &*dispatch.source.text))
        })
        .collect();
    let terms = format!(
        "{:?}{:?}{:?}",
        chronicle.places, chronicle.sides, chronicle.topics
    );
    cache::hash_of(&(dispatches, terms, permalinks, search::docs_key(chronicle)))
}

thread_local! {
    /// The buffer a thread renders its pages into.
    static PAGE_BUFFER: std::cell::RefCell<Vec<u8>> =
        std::cell::RefCell::new(Vec::with_capacity(PAGE_BUFFER_KEPT));
}

/// The most a page buffer keeps between pages: more than most pages need.
const PAGE_BUFFER_KEPT: usize = 256 * 1024;

/// A file's bytes handed to the sink (and forgotten), or kept for the site.
fn hand_over(
    sink: Option<&dyn Sink>,
    path: &str,
    signature: u64,
    bytes: impl AsRef<[u8]> + Into<Arc<[u8]>>,
) -> Result<Option<Arc<[u8]>>, Diagnostic> {
    match sink {
        Some(sink) => sink
            .put(path, signature, bytes.as_ref())
            .map(|()| None)
            .map_err(|e| cannot_write(path, &e)),
        None => Ok(Some(bytes.into())),
    }
}

fn cannot_write(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write {path}: {error}"))
}

/// Where a render's time went, step by step (`--timings` shows it).
struct Steps {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Steps {
    fn new() -> Steps {
        Steps {
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Ends a step: the time since the last one ended is its own.
    fn done(&mut self, step: &'static str) {
        let now = Instant::now();
        self.done.push((step, now - self.last));
        self.last = now;
    }
}

/// A hash of every dispatch's permalink: when it changes, bodies that link to
/// dispatches must be rendered again.
fn permalinks_key(chronicle: &Chronicle) -> u64 {
    // A permalink is made of the date and the slug; the base path is in the
    // cache's key already. Dispatches are hashed in any order.
    chronicle
        .dispatches
        .iter()
        .map(|d| cache::hash_of(&(d.path.as_os_str(), d.when.date, &d.slug)))
        .fold(0u64, u64::wrapping_add)
}

/// Renders every dispatch's Markdown, in parallel, collecting every broken link.
pub fn render_bodies(chronicle: &Chronicle, urls: &Urls) -> (Vec<Arc<Body>>, Diagnostics) {
    render_bodies_with(
        chronicle,
        urls,
        (&HashSet::default(), "Back to the text"),
        &mut RenderCache::default(),
    )
}

/// [`render_bodies`], rendering only the bodies `cache` does not hold.
fn render_bodies_with(
    chronicle: &Chronicle,
    urls: &Urls,
    (theme_ids, back_to_text): (&HashSet<&str>, &str),
    cache: &mut RenderCache,
) -> (Vec<Arc<Body>>, Diagnostics) {
    let config = &chronicle.config;
    let cached: &RenderCache = cache;
    let reused: Vec<Option<Arc<Body>>> = chronicle
        .dispatches
        .par_iter()
        .map(|d| cached.body(d))
        .collect();
    // Links between dispatches need every permalink, but only when a body is rendered.
    let permalinks = if reused.iter().any(Option::is_none) {
        cache.permalinks(|| {
            chronicle
                .dispatches
                .iter()
                .map(|d| (normalize(&d.path), urls.link(&d.path_part())))
                // A file that did not load has its own errors; its address
                // is unknown, but a link to it is no other error (and a
                // chronicle with errors is not published).
                .chain(
                    chronicle
                        .unloaded
                        .iter()
                        .map(|path| (normalize(path), urls.link(""))),
                )
                .collect()
        })
    } else {
        Arc::default()
    };
    let mentions = config
        .build
        .link_places
        .then(|| {
            mentions::Mentions::new(&chronicle.places, |p| {
                urls.link(&format!("places/{}/", p.id))
            })
        })
        .flatten();
    let cx = MarkdownContext {
        mentions: mentions.as_ref(),
        permalinks: &permalinks,
        raw_html: config.build.raw_html,
        sanitize: &config.build.sanitize,
        french: config.is_french(),
        base_path: &urls.base_path,
        theme_ids,
        back_to_text,
        transliteration: config.transliteration(),
    };
    let results: Vec<_> = chronicle
        .dispatches
        .par_iter()
        .zip(reused)
        .map(|(d, reused)| match reused {
            Some(body) => (Ok(body), false),
            None => {
                let (body, errors) = render_body(d, &cx);
                let body = Arc::new(body);
                (
                    if errors.is_empty() {
                        Ok(body)
                    } else {
                        Err((body, errors))
                    },
                    true,
                )
            }
        })
        .collect();
    cache.retain_dispatches(&chronicle.dispatches);
    let mut errors = Diagnostics::default();
    let mut bodies = Vec::with_capacity(results.len());
    for (dispatch, (result, fresh)) in chronicle.dispatches.iter().zip(results) {
        match result {
            Ok(body) if fresh => bodies.push(cache.keep_body(dispatch, Arc::unwrap_or_clone(body))),
            Ok(body) => bodies.push(body),
            // Not kept: the next build reports its errors again. Its links
            // are still checked, so that what else is wrong is said too.
            Err((body, found)) => {
                found.into_iter().for_each(|d| errors.push(d));
                bodies.push(body);
            }
        }
    }
    errors.sort();
    (bodies, errors)
}
