//! What `serve` keeps between rebuilds so that an edit re-renders only what it
//! changes: each dispatch's Markdown, its template value, and every page's bytes
//! with a signature of what the page was made from.
//!
//! The rule that keeps it honest: a rebuild with a cache gives the same bytes
//! as a build without one. A value is reused only when everything it was made
//! from is the same, and a page only when its signature (its template and every
//! value in its data, with each dispatch counted by its version) is unchanged.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use tera::Value;
use tera::value::ValueKind;

use super::markdown::Body;
use crate::model::Dispatch;

/// The key a dispatch's template value carries its version under; a page's
/// signature counts the version instead of the whole value.
pub const VERSION_KEY: &str = "_version";

/// Everything kept from the previous render.
#[derive(Default)]
pub struct RenderCache {
    /// What the cached work depended on outside the dispatches (config, theme).
    key: u64,
    /// Every dispatch's permalink, hashed: bodies that link to dispatches
    /// depend on it.
    permalinks: u64,
    versions: u64,
    bodies: HashMap<PathBuf, CachedBody>,
    cards: HashMap<PathBuf, CachedCard>,
    pages: HashMap<String, (u64, Arc<[u8]>)>,
    /// How many pages the last render had to render (not reuse).
    pub rendered: usize,
}

struct CachedBody {
    source: Arc<str>,
    permalinks: u64,
    body: Body,
}

struct CachedCard {
    source: Arc<str>,
    body_generation: u64,
    links: u64,
    value: Value,
}

impl RenderCache {
    /// Starts a render: forgets everything when the config or the theme changed.
    pub fn begin(&mut self, key: u64, permalinks: u64) {
        if key != self.key {
            *self = RenderCache {
                key,
                versions: self.versions,
                ..RenderCache::default()
            };
        }
        self.permalinks = permalinks;
        self.rendered = 0;
    }

    pub fn next_version(&mut self) -> u64 {
        self.versions += 1;
        self.versions
    }

    /// A dispatch's body, if it was rendered from the same text (and, when it
    /// links to other dispatches, with the same permalinks).
    pub fn body(&self, dispatch: &Dispatch) -> Option<Body> {
        let cached = self.bodies.get(&dispatch.path)?;
        let same = Arc::ptr_eq(&cached.source, &dispatch.source.text)
            && (!cached.body.links_dispatches || cached.permalinks == self.permalinks);
        same.then(|| cached.body.clone())
    }

    /// Keeps a freshly rendered body, giving it a new generation.
    pub fn keep_body(&mut self, dispatch: &Dispatch, mut body: Body) -> Body {
        body.generation = self.next_version();
        self.bodies.insert(
            dispatch.path.clone(),
            CachedBody {
                source: dispatch.source.text.clone(),
                permalinks: self.permalinks,
                body: body.clone(),
            },
        );
        body
    }

    /// A dispatch's template value, if made from the same text, body and term links.
    pub fn card(&self, dispatch: &Dispatch, body_generation: u64, links: u64) -> Option<Value> {
        let cached = self.cards.get(&dispatch.path)?;
        let same = Arc::ptr_eq(&cached.source, &dispatch.source.text)
            && cached.body_generation == body_generation
            && cached.links == links;
        same.then(|| cached.value.clone())
    }

    pub fn keep_card(
        &mut self,
        dispatch: &Dispatch,
        body_generation: u64,
        links: u64,
        value: Value,
    ) {
        self.cards.insert(
            dispatch.path.clone(),
            CachedCard {
                source: dispatch.source.text.clone(),
                body_generation,
                links,
                value,
            },
        );
    }

    /// Forgets the dispatches that are gone.
    pub fn retain_dispatches(&mut self, present: &std::collections::HashSet<&PathBuf>) {
        self.bodies.retain(|p, _| present.contains(p));
        self.cards.retain(|p, _| present.contains(p));
    }

    /// The bytes of a page rendered before from the same signature.
    pub fn page(&self, path: &str, signature: u64) -> Option<Arc<[u8]>> {
        self.pages
            .get(path)
            .filter(|(s, _)| *s == signature)
            .map(|(_, bytes)| bytes.clone())
    }

    /// Replaces the kept pages with this render's.
    pub fn keep_pages(&mut self, pages: HashMap<String, (u64, Arc<[u8]>)>) {
        self.pages = pages;
    }
}

/// A hash of a template value. Maps are hashed whatever their order; a
/// dispatch's value counts as its version alone.
pub fn value_hash(value: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    hash_value(value, &mut hasher);
    hasher.finish()
}

fn hash_value(value: &Value, h: &mut DefaultHasher) {
    let kind = value.kind();
    std::mem::discriminant(&kind).hash(h);
    match kind {
        ValueKind::Map => {
            let map = value.as_map().expect("a map");
            if let Some(version) = map.get(&VERSION_KEY.into()).and_then(Value::as_u64) {
                version.hash(h);
                return;
            }
            let mut sum: u64 = 0;
            for (key, item) in map {
                let mut entry = DefaultHasher::new();
                key.as_str().hash(&mut entry);
                hash_value(item, &mut entry);
                sum = sum.wrapping_add(entry.finish());
            }
            sum.hash(h);
        }
        ValueKind::Array => {
            let items = value.as_array().expect("an array");
            items.len().hash(h);
            items.iter().for_each(|item| hash_value(item, h));
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
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::map;

    #[test]
    fn a_dispatch_value_counts_as_its_version_and_maps_ignore_order() {
        let card = |version: u64, title: &str| map! { "title" => title, VERSION_KEY => version };
        assert_eq!(
            value_hash(&card(1, "a")),
            value_hash(&card(1, "b")),
            "the version stands for the value"
        );
        assert_ne!(value_hash(&card(1, "a")), value_hash(&card(2, "a")));
        let a = map! { "x" => 1, "y" => "z" };
        let b = map! { "y" => "z", "x" => 1 };
        assert_eq!(value_hash(&a), value_hash(&b));
        assert_ne!(
            value_hash(&map! { "x" => 1 }),
            value_hash(&map! { "x" => 2 })
        );
        assert_ne!(
            value_hash(&Value::safe_string("<b>")),
            value_hash(&Value::from("<b>"))
        );
    }
}
