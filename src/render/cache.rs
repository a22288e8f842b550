//! What `serve` keeps between rebuilds so that an edit re-renders only what it
//! changes: each dispatch's Markdown, its template value, and every page's bytes
//! with a signature of what the page was made from.
//!
//! The rule that keeps it honest: a rebuild with a cache gives the same bytes
//! as a build without one. A value is reused only when everything it was made
//! from is the same, and a page only when its signature (its template and every
//! value in its data, with each dispatch counted by its version) is unchanged.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

use tera::Value;
use tera::value::ValueKind;

use super::markdown::Body;
use super::search::SearchDoc;
use crate::model::Dispatch;
use crate::paths::forget_gone;

/// The version of every dispatch's template value, by the address of its map
/// (stable while the value lives): a page's signature counts a dispatch by its
/// version instead of hashing the whole value, and never has to read it.
#[derive(Default)]
pub struct Versions(rustc_hash::FxHashMap<usize, u64>);

impl Versions {
    pub fn insert(&mut self, value: &Value, version: u64) {
        if let Some(address) = address(value) {
            self.0.insert(address, version);
        }
    }

    fn get(&self, value: &Value) -> Option<u64> {
        address(value).and_then(|a| self.0.get(&a).copied())
    }
}

fn address(value: &Value) -> Option<usize> {
    value.as_map().map(|map| std::ptr::from_ref(map) as usize)
}

/// Everything kept from the previous render.
#[derive(Default)]
pub struct RenderCache {
    /// What the cached work depended on outside the dispatches (config, theme).
    key: u64,
    /// Every dispatch's permalink, hashed: bodies that link to dispatches
    /// depend on it.
    permalinks: u64,
    permalink_map: Option<(u64, Arc<HashMap<PathBuf, String>>)>,
    versions: u64,
    /// The last version given out before this render began.
    began_at: u64,
    // Keyed by the file's path as bytes: hashing a `Path` walks its components.
    bodies: HashMap<OsString, CachedBody>,
    cards: HashMap<OsString, CachedCard>,
    pages: rustc_hash::FxHashMap<String, (u64, Arc<[u8]>)>,
    /// Charts (SVG values) by name, with the key of what they were drawn from.
    charts: HashMap<String, (u64, Value)>,
    /// The search files, with a hash of the dispatches' versions they index.
    search: Option<(u64, SearchFiles)>,
    /// Each dispatch's terms and search entry.
    pub search_docs: ByVersion<SearchDoc>,
    /// Each dispatch's entry in `/data/dispatches.json`.
    pub exports: ByVersion<String>,
    /// How many pages the last render had to render (not reuse).
    pub rendered: usize,
    /// Leave the search files for later when they must be made again
    /// (`serve`: see [`crate::output::Deferred`]).
    pub defer_search: bool,
    /// Keep nothing of the dispatches for another render (a one-off build,
    /// which should hold as little as it can).
    one_off: bool,
}

/// Something made from each dispatch, kept by the dispatch's file with the
/// version it was made from, and the key of what else it depends on.
pub struct ByVersion<T> {
    key: u64,
    kept: rustc_hash::FxHashMap<OsString, (u64, Arc<T>)>,
}

impl<T> Default for ByVersion<T> {
    fn default() -> Self {
        ByVersion {
            key: 0,
            kept: Default::default(),
        }
    }
}

impl<T: Send + Sync> ByVersion<T> {
    /// What every dispatch gives, made (in parallel) only for the dispatches
    /// whose version changed since the last call, or all when `key` did.
    pub fn get(
        &mut self,
        dispatches: &[Arc<Dispatch>],
        versions: &[u64],
        key: u64,
        make: impl Fn(usize) -> T + Sync,
    ) -> Vec<Arc<T>> {
        use rayon::prelude::*;
        if self.key != key {
            self.key = key;
            self.kept.clear();
        }
        let kept = &self.kept;
        let made: Vec<(Arc<T>, bool)> = (0..dispatches.len())
            .into_par_iter()
            .map(|d| match kept.get(dispatches[d].path.as_os_str()) {
                Some((version, made)) if *version == versions[d] => (made.clone(), false),
                _ => (Arc::new(make(d)), true),
            })
            .collect();
        for (d, (made, fresh)) in made.iter().enumerate() {
            if *fresh {
                let path = dispatches[d].path.clone().into_os_string();
                self.kept.insert(path, (versions[d], made.clone()));
            }
        }
        let paths = dispatches.iter().map(|d| d.path.as_os_str());
        forget_gone(&mut self.kept, dispatches.len(), paths);
        made.into_iter().map(|(made, _)| made).collect()
    }
}

/// Files made together, by their paths relative to the site root.
pub type SearchFiles = Arc<Vec<(String, Arc<[u8]>)>>;

struct CachedBody {
    source: Arc<str>,
    permalinks: u64,
    body: Arc<Body>,
}

struct CachedCard {
    source: Arc<str>,
    body_generation: u64,
    links: u64,
    value: Value,
    version: u64,
}

impl RenderCache {
    /// Starts a render: forgets everything when the config or the theme
    /// changed. A one-off render keeps nothing of the dispatches.
    pub fn begin(&mut self, key: u64, permalinks: u64, one_off: bool) {
        if key != self.key {
            *self = RenderCache {
                key,
                versions: self.versions,
                defer_search: self.defer_search,
                ..RenderCache::default()
            };
        }
        self.permalinks = permalinks;
        self.one_off = one_off;
        self.rendered = 0;
        self.began_at = self.versions;
    }

    /// The dispatches whose values are new in this render, when an earlier
    /// render's pages are kept and there are at most `most` of them: the
    /// dispatches an edit changed, whose pages `serve` shows first.
    pub fn changed_dispatches(&self, version_of: &[u64], most: usize) -> Vec<usize> {
        if self.pages.is_empty() {
            return Vec::new();
        }
        let changed: Vec<usize> = (0..version_of.len())
            .filter(|&d| version_of[d] > self.began_at)
            .take(most + 1)
            .collect();
        if changed.len() > most {
            return Vec::new();
        }
        changed
    }

    /// Whether this render keeps nothing for another.
    pub fn one_off(&self) -> bool {
        self.one_off
    }

    pub fn next_version(&mut self) -> u64 {
        self.versions += 1;
        self.versions
    }

    /// A dispatch's body, if it was rendered from the same text (and, when it
    /// links to other dispatches, with the same permalinks).
    pub fn body(&self, dispatch: &Dispatch) -> Option<Arc<Body>> {
        let cached = self.bodies.get(dispatch.path.as_os_str())?;
        let same = Arc::ptr_eq(&cached.source, &dispatch.source.text)
            && (!cached.body.links_dispatches || cached.permalinks == self.permalinks);
        same.then(|| cached.body.clone())
    }

    /// Keeps a freshly rendered body, giving it a new generation.
    pub fn keep_body(&mut self, dispatch: &Dispatch, mut body: Body) -> Arc<Body> {
        body.generation = self.next_version();
        let body = Arc::new(body);
        if self.one_off {
            return body;
        }
        self.bodies.insert(
            dispatch.path.clone().into_os_string(),
            CachedBody {
                source: dispatch.source.text.clone(),
                permalinks: self.permalinks,
                body: body.clone(),
            },
        );
        body
    }

    /// A dispatch's template value and its version, if made from the same
    /// text, body and term links.
    pub fn card(
        &self,
        dispatch: &Dispatch,
        body_generation: u64,
        links: u64,
    ) -> Option<(Value, u64)> {
        let cached = self.cards.get(dispatch.path.as_os_str())?;
        let same = Arc::ptr_eq(&cached.source, &dispatch.source.text)
            && cached.body_generation == body_generation
            && cached.links == links;
        same.then(|| (cached.value.clone(), cached.version))
    }

    pub fn keep_card(
        &mut self,
        dispatch: &Dispatch,
        body_generation: u64,
        links: u64,
        value: Value,
        version: u64,
    ) {
        if self.one_off {
            return;
        }
        self.cards.insert(
            dispatch.path.clone().into_os_string(),
            CachedCard {
                source: dispatch.source.text.clone(),
                body_generation,
                links,
                value,
                version,
            },
        );
    }

    /// Forgets the dispatches that are gone (there are some when the cache
    /// holds more than the chronicle has).
    pub fn retain_dispatches(&mut self, dispatches: &[Arc<Dispatch>]) {
        let paths = || dispatches.iter().map(|d| d.path.as_os_str());
        forget_gone(&mut self.bodies, dispatches.len(), paths());
        forget_gone(&mut self.cards, dispatches.len(), paths());
    }

    /// Every dispatch's permalink by its file, made again only when one changed.
    pub fn permalinks(
        &mut self,
        make: impl FnOnce() -> HashMap<PathBuf, String>,
    ) -> Arc<HashMap<PathBuf, String>> {
        match &self.permalink_map {
            Some((key, map)) if *key == self.permalinks => map.clone(),
            _ => {
                let map = Arc::new(make());
                self.permalink_map = Some((self.permalinks, map.clone()));
                map
            }
        }
    }

    /// The bytes of a page rendered before from the same signature.
    pub fn page(&self, path: &str, signature: u64) -> Option<Arc<[u8]>> {
        self.pages
            .get(path)
            .filter(|(s, _)| *s == signature)
            .map(|(_, bytes)| bytes.clone())
    }

    /// The search files made from the same dispatches, if they were kept.
    pub fn search(&self, signature: u64) -> Option<SearchFiles> {
        self.search
            .as_ref()
            .filter(|(s, _)| *s == signature)
            .map(|(_, files)| files.clone())
    }

    pub fn keep_search(&mut self, signature: u64, files: SearchFiles) {
        self.search = Some((signature, files));
    }

    pub fn take_charts(&mut self) -> HashMap<String, (u64, Value)> {
        std::mem::take(&mut self.charts)
    }

    pub fn keep_charts(&mut self, charts: HashMap<String, (u64, Value)>) {
        self.charts = charts;
    }

    /// Keeps a page's bytes with the signature they were rendered from.
    pub fn keep_page(&mut self, path: &str, signature: u64, bytes: Arc<[u8]>) {
        match self.pages.get_mut(path) {
            Some(kept) => *kept = (signature, bytes),
            None => {
                self.pages.insert(path.to_string(), (signature, bytes));
            }
        }
    }

    /// Forgets the pages the site no longer has. Every page of this render
    /// is kept, so there are some only when the cache holds more than `count`.
    pub fn retain_pages(&mut self, count: usize, present: impl Fn(&str) -> bool) {
        if self.pages.len() > count {
            self.pages.retain(|path, _| present(path));
        }
    }
}

/// A hash of a template value. Maps are hashed whatever their order; a
/// dispatch's value counts as its version alone. (Fx hashing: these hashes are
/// computed for every page of every rebuild, and nothing here is adversarial.)
pub fn value_hash(value: &Value, versions: &Versions) -> u64 {
    let mut hasher = FxHasher::default();
    hash_value(value, versions, &mut hasher);
    hasher.finish()
}

/// What [`value_hash`] counts of a map (its entries, whatever their order):
/// given as the version of a map that many values share, it spares hashing
/// the map again in each, and the hashes come out the same.
pub fn map_content(value: &Value) -> u64 {
    map_sum(value, &Versions::default())
}

fn map_sum(value: &Value, versions: &Versions) -> u64 {
    let mut sum: u64 = 0;
    for (key, item) in value.as_map().into_iter().flatten() {
        let mut entry = FxHasher::default();
        key.as_str().hash(&mut entry);
        hash_value(item, versions, &mut entry);
        sum = sum.wrapping_add(entry.finish());
    }
    sum
}

fn hash_value(value: &Value, versions: &Versions, h: &mut FxHasher) {
    let kind = value.kind();
    std::mem::discriminant(&kind).hash(h);
    match kind {
        ValueKind::Map => {
            let sum = versions
                .get(value)
                .unwrap_or_else(|| map_sum(value, versions));
            sum.hash(h);
        }
        ValueKind::Array => {
            let items = value.as_array().expect("an array");
            items.len().hash(h);
            items.iter().for_each(|item| hash_value(item, versions, h));
        }
        ValueKind::String => {
            value.as_str().hash(h);
            value.is_safe().hash(h);
        }
        ValueKind::Bool => value.as_bool().hash(h),
        ValueKind::F64 => value.as_f64().map(f64::to_bits).hash(h),
        ValueKind::U64 | ValueKind::I64 | ValueKind::U128 | ValueKind::I128 => {
            value.as_i128().hash(h)
        }
        ValueKind::Bytes => value.as_bytes().hash(h),
        _ => {}
    }
}

/// A hash of anything hashable, for cache keys.
pub fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::map;

    #[test]
    fn a_dispatch_value_counts_as_its_version_and_maps_ignore_order() {
        let none = Versions::default();
        let (a1, b1, a2) = (
            map! { "title" => "a" },
            map! { "title" => "b" },
            map! { "title" => "a" },
        );
        let mut versions = Versions::default();
        versions.insert(&a1, 1);
        versions.insert(&b1, 1);
        versions.insert(&a2, 2);
        assert_eq!(
            value_hash(&a1, &versions),
            value_hash(&b1, &versions),
            "the version stands for the value"
        );
        assert_ne!(value_hash(&a1, &versions), value_hash(&a2, &versions));
        assert_ne!(value_hash(&a1, &none), value_hash(&b1, &none));
        assert_eq!(
            value_hash(&a1.clone(), &versions),
            value_hash(&a1, &versions),
            "a clone shares the map"
        );
        let a = map! { "x" => 1, "y" => "z" };
        let b = map! { "y" => "z", "x" => 1 };
        assert_eq!(value_hash(&a, &none), value_hash(&b, &none));
        assert_ne!(
            value_hash(&map! { "x" => 1 }, &none),
            value_hash(&map! { "x" => 2 }, &none)
        );
        assert_ne!(
            value_hash(&Value::safe_string("<b>"), &none),
            value_hash(&Value::from("<b>"), &none)
        );
    }
}
