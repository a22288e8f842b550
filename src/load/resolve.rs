//! Turns the names written in front-matter into the chronicle's places, sides
//! and topics: declared ones by id, name or alias; the others made on the way.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHasher};

use super::dispatch::{RawDispatch, Reference};
use super::gazetteer::{Gazetteer, Resolver};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{Chronicle, Claim, Config, Dispatch, Place, Side, Source, Topic};
use crate::slug::{NAME_MAX, Transliteration, spelling_key};

/// Kinds of terms, for messages.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Place,
    Side,
    Topic,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Place => "place",
            Kind::Side => "side",
            Kind::Topic => "topic",
        }
    }
    fn file(self) -> &'static str {
        match self {
            Kind::Place => "content/places.toml",
            Kind::Side => "content/sides.toml",
            Kind::Topic => "content/topics.toml",
        }
    }
}

/// What every kind of term has: how it is written, and whether it was declared.
struct Spelled<'g> {
    id: &'g str,
    name: &'g str,
    aliases: &'g [String],
    /// A place's names in other languages.
    names: Vec<&'g String>,
    declared: bool,
}

/// The term `index` of a kind, as [`Spelled`].
fn spelled(g: &Gazetteer, kind: Kind, index: usize) -> Spelled<'_> {
    match kind {
        Kind::Place => {
            let p = &g.places[index];
            Spelled {
                id: &p.id,
                name: &p.name,
                aliases: &p.aliases,
                names: p.names.values().collect(),
                declared: p.declared,
            }
        }
        Kind::Side => {
            let s = &g.sides[index];
            Spelled {
                id: &s.id,
                name: &s.name,
                aliases: &s.aliases,
                names: Vec::new(),
                declared: s.declared,
            }
        }
        Kind::Topic => {
            let t = &g.topics[index];
            Spelled {
                id: &t.id,
                name: &t.name,
                aliases: &t.aliases,
                names: Vec::new(),
                declared: t.declared,
            }
        }
    }
}

/// The terms of a chronicle while references are resolved: declared ones first,
/// then those met in front-matter.
pub(super) struct Terms {
    gazetteer: Gazetteer,
    pub(super) diagnostics: Diagnostics,
    topics_declared: bool,
    /// References already resolved, by kind and exact text: most dispatches
    /// name the same few places and sides, spelled the same way.
    resolved: [FxHashMap<String, usize>; 3],
    /// References that resolved to nothing (their error said), by kind, file
    /// and place in it: a dispatch's references are resolved twice.
    failed: rustc_hash::FxHashSet<(usize, std::path::PathBuf, usize)>,
    /// Each undeclared term's spellings, by kind and term, in the order
    /// met, with how many references use each (the dispatches' references
    /// counted once each, as [`Terms::references_hash`] resolves them).
    spellings: [FxHashMap<usize, Vec<(String, usize)>>; 3],
    /// How an undeclared term's id is made from its name.
    transliteration: Transliteration,
    /// Every term's id, by kind: two spellings that the resolver tells apart
    /// may still make one id (`Вугледар` and `Vuhledar` on a Ukrainian site,
    /// where ids read Cyrillic as Ukrainian and matching does not), and an
    /// id is one page.
    ids: [FxHashMap<String, usize>; 3],
}

impl Terms {
    /// The terms of a gazetteer, before any reference is resolved.
    pub(super) fn new(gazetteer: Gazetteer, transliteration: Transliteration) -> Terms {
        let mut ids: [FxHashMap<String, usize>; 3] = Default::default();
        let declared = [
            gazetteer.places.iter().map(|p| &p.id).collect::<Vec<_>>(),
            gazetteer.sides.iter().map(|s| &s.id).collect(),
            gazetteer.topics.iter().map(|t| &t.id).collect(),
        ];
        for (kind, list) in declared.into_iter().enumerate() {
            for (index, id) in list.into_iter().enumerate() {
                ids[kind].insert(id.clone(), index);
            }
        }
        Terms {
            transliteration,
            ids,
            topics_declared: !gazetteer.topics.is_empty(),
            gazetteer,
            diagnostics: Diagnostics::default(),
            resolved: Default::default(),
            failed: Default::default(),
            spellings: Default::default(),
        }
    }

    /// Whether a reference names a term of the gazetteer the terms began with.
    pub(super) fn find_declared(&self, kind: Kind, text: &str) -> bool {
        let resolver = match kind {
            Kind::Place => &self.gazetteer.place_names,
            Kind::Side => &self.gazetteer.side_names,
            Kind::Topic => &self.gazetteer.topic_names,
        };
        resolver.find(text).is_some()
    }

    fn resolver(&mut self, kind: Kind) -> &mut Resolver {
        match kind {
            Kind::Place => &mut self.gazetteer.place_names,
            Kind::Side => &mut self.gazetteer.side_names,
            Kind::Topic => &mut self.gazetteer.topic_names,
        }
    }

    fn resolve(&mut self, kind: Kind, reference: &Reference, file: &SourceFile) -> Option<usize> {
        if let Some(&index) = self.resolved[kind as usize].get(&reference.0) {
            return Some(index);
        }
        let failure = (kind as usize, file.name.clone(), reference.1.start);
        if self.failed.contains(&failure) {
            return None;
        }
        let Some(index) = self.resolve_new(kind, reference, file) else {
            self.failed.insert(failure);
            return None;
        };
        self.resolved[kind as usize].insert(reference.0.clone(), index);
        Some(index)
    }

    fn resolve_new(
        &mut self,
        kind: Kind,
        reference: &Reference,
        file: &SourceFile,
    ) -> Option<usize> {
        let (written, span) = reference;
        if let Some(index) = self.resolver(kind).find(written) {
            self.warn_if_spelled_otherwise(kind, index, reference, file);
            return Some(index);
        }
        // What shows of the name (a pasted U+200F or soft hyphen does not).
        let text = &crate::slug::without_invisible(written).into_owned();
        let Some(id) = self.transliteration.slugify(text) else {
            self.diagnostics.push(
                Diagnostic::error(format!("`{text}` cannot name a {}", kind.word()))
                    .at(file, span.clone())
                    .with_label("expected a name with at least one letter or digit"),
            );
            return None;
        };
        if id.len() > NAME_MAX {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "a {} name of {} characters is too long to make its page's address",
                    kind.word(),
                    text.chars().count()
                ))
                .at(file, span.clone())
                .with_label(format!(
                    "expected a shorter name (its address would be {} bytes; at most {NAME_MAX})",
                    id.len()
                )),
            );
            return None;
        }
        if let Some(&index) = self.ids[kind as usize].get(&id) {
            // Another spelling of a term met before: its page, said as the
            // term is (`Kyiv` after `Київ` on a Ukrainian site: one place,
            // or two that one address cannot tell apart).
            // (A declared term's id written in another script, `Вугледар`
            // for `vuhledar` on a Ukrainian site, is that term: not said.)
            let Spelled { name, declared, .. } = spelled(&self.gazetteer, kind, index);
            if !declared && self.says_undeclared(kind) {
                let word = kind.word();
                self.diagnostics.push(
                    Diagnostic::warning(format!(
                        "{word} `{text}` is not declared in {}, and shares the page of `{name}`, \
                         /{word}s/{id}/",
                        kind.file()
                    ))
                    .at(file, span.clone())
                    .with_label(format!("listed on the page of `{name}`"))
                    .with_help(format!(
                        "if they are one {word}, declare it in {} with the other spelling among \
                         its aliases; if not, spell one otherwise",
                        kind.file()
                    )),
                );
            }
            self.resolver(kind).add(text, index);
            return Some(index);
        }
        let mut warning = Diagnostic::warning(format!(
            "{} `{text}` is not declared in {}",
            kind.word(),
            kind.file()
        ))
        .at(file, span.clone())
        .with_label(format!("it gets its own page, /{}s/{id}/", kind.word()));
        let closest = self.resolver(kind).closest(text);
        if let Some(close) = closest {
            let Spelled { id, name, .. } = spelled(&self.gazetteer, kind, close);
            warning = warning.with_help(format!("did you mean `{id}` ({name})?"));
        }
        let g = &self.gazetteer;
        let index = match kind {
            Kind::Place => g.places.len(),
            Kind::Side => g.sides.len(),
            Kind::Topic => g.topics.len(),
        };
        if self.says_undeclared(kind) {
            self.diagnostics.push(warning);
        }
        self.resolver(kind).add(text, index);
        self.ids[kind as usize].insert(id.clone(), index);
        let name = text.clone();
        match kind {
            Kind::Place => self.gazetteer.places.push(Place {
                id,
                name,
                ..Place::default()
            }),
            Kind::Side => self.gazetteer.sides.push(Side {
                id,
                name,
                ..Side::default()
            }),
            Kind::Topic => self.gazetteer.topics.push(Topic {
                id,
                name,
                ..Topic::default()
            }),
        }
        Some(index)
    }

    /// Whether a term of `kind` that is not declared is worth a warning:
    /// topics are free-form, and only once the chronicle declares some; and
    /// not when its file could not be read (that error says why).
    fn says_undeclared(&self, kind: Kind) -> bool {
        let declared_some = !matches!(kind, Kind::Topic) || self.topics_declared;
        declared_some && !self.gazetteer.unreadable[kind as usize]
    }

    /// Counts a reference's spelling of the term it found, if that term is
    /// not declared.
    fn count_spelling(&mut self, kind: Kind, index: usize, text: &str) {
        let g = &self.gazetteer;
        let declared = match kind {
            Kind::Place => g.places[index].declared,
            Kind::Side => g.sides[index].declared,
            Kind::Topic => g.topics[index].declared,
        };
        if declared {
            return;
        }
        let shown = crate::slug::without_invisible(text);
        let spellings = self.spellings[kind as usize].entry(index).or_default();
        match spellings.iter_mut().find(|(s, _)| *s == shown) {
            Some((_, count)) => *count += 1,
            None => spellings.push((shown.into_owned(), 1)),
        }
    }

    /// Names each term met in front-matter (not declared) as most of its
    /// references spell it: `Drones` in the first dispatch and `drones` in
    /// the ten after make a page titled `drones`. Among spellings used as
    /// often, the first met wins.
    fn name_undeclared_by_use(&mut self) {
        let g = &mut self.gazetteer;
        for (k, terms) in std::mem::take(&mut self.spellings).into_iter().enumerate() {
            for (i, mut spellings) in terms.into_iter().filter(|(_, s)| s.len() > 1) {
                // The first of the most used (max_by_key keeps the last).
                let most = spellings.iter().map(|s| s.1).max().unwrap_or(0);
                let first = spellings.iter().position(|s| s.1 == most).unwrap_or(0);
                let name = spellings.swap_remove(first).0;
                match k {
                    0 => g.places[i].name = name,
                    1 => g.sides[i].name = name,
                    _ => g.topics[i].name = name,
                }
            }
        }
    }

    /// Warns of a reference that finds a term by its address only: written
    /// with other symbols than any of the term's spellings (`C#` finding
    /// `C++`), it is likely another term, merged with this one.
    fn warn_if_spelled_otherwise(
        &mut self,
        kind: Kind,
        index: usize,
        reference: &Reference,
        file: &SourceFile,
    ) {
        let Spelled {
            id,
            name,
            aliases,
            names,
            declared,
        } = spelled(&self.gazetteer, kind, index);
        let key = spelling_key(&reference.0);
        // The id of a term met on the way was made from its name, not written.
        let written_id = declared.then_some(id);
        let spellings = written_id.into_iter().chain([name]);
        let spellings = spellings.chain(aliases.iter().chain(names).map(String::as_str));
        if spellings.clone().any(|s| spelling_key(s) == key) {
            return;
        }
        let word = kind.word();
        self.diagnostics.push(
            Diagnostic::warning(format!(
                "{word} `{}` is taken for the {word} `{name}`: both make the address /{word}s/{id}/",
                reference.0
            ))
            .at(file, reference.1.clone())
            .with_label(format!("listed on the page of `{name}`"))
            .with_help(
                "an address keeps only letters and digits; if they are different, \
                 spell one with other letters (`C sharp`, `C plus plus`)",
            ),
        );
    }

    fn resolve_all(
        &mut self,
        kind: Kind,
        references: &[Reference],
        file: &SourceFile,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(references.len());
        for reference in references {
            if let Some(i) = self.resolve(kind, reference, file)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
        out
    }
}

/// Dispatches resolved by an earlier load, by file: each with the parse it
/// came from and a hash of the term indices its references resolved to. A
/// dispatch is made again only when either changed.
pub(super) type Resolved = FxHashMap<std::ffi::OsString, (Arc<RawDispatch>, u64, Arc<Dispatch>)>;

impl Terms {
    /// Warns of each side that denies a claim it makes itself (`by: X`,
    /// `denied_by: [X]`, or another of X's names): a slip, since the page
    /// would say that X claims and denies it at once. Says whether it warned.
    pub(super) fn warn_of_self_denials(&mut self, raw: &RawDispatch) -> bool {
        let file = &raw.source;
        let mut warned = false;
        for claim in &raw.claims {
            let Some(by) = self.resolve(Kind::Side, &claim.by, file) else {
                continue;
            };
            for denial in &claim.denied_by {
                if self.resolve(Kind::Side, denial, file) != Some(by) {
                    continue;
                }
                self.diagnostics.push(
                    Diagnostic::warning(format!(
                        "`{}` denies a claim that it makes itself",
                        denial.0
                    ))
                    .at(file, denial.1.clone())
                    .with_label("the same side as the claim's `by`")
                    .with_related(file, claim.by.1.clone(), "the claim is made by this side")
                    .with_help(
                        "name in `denied_by` the sides that deny the claim, not the one making it",
                    ),
                );
                warned = true;
            }
        }
        warned
    }

    /// Resolves every reference of a dispatch, in the order [`resolve`] makes
    /// the dispatch, into a hash of the indices found.
    fn references_hash(&mut self, raw: &RawDispatch) -> u64 {
        let file = &raw.source;
        let mut hasher = FxHasher::default();
        // Whether every reference resolved.
        let mut all = |terms: &mut Terms, kind: Kind, references: &[Reference]| {
            let mut every = true;
            for reference in references {
                let found = terms.resolve(kind, reference, file);
                if let Some(index) = found {
                    terms.count_spelling(kind, index, &reference.0);
                }
                every &= found.is_some();
                found.hash(&mut hasher);
            }
            usize::MAX.hash(&mut hasher);
            every
        };
        all(self, Kind::Side, &raw.sides);
        all(self, Kind::Place, &raw.places);
        all(self, Kind::Topic, &raw.topics);
        for source in &raw.sources {
            all(self, Kind::Side, source.by.as_slice());
        }
        for claim in &raw.claims {
            // As in `make_dispatch`: a claim whose side cannot be named is
            // left out, its denials unread.
            if all(self, Kind::Side, std::slice::from_ref(&claim.by)) {
                all(self, Kind::Side, &claim.denied_by);
            }
        }
        hasher.finish()
    }
}

/// Turns raw dispatches into dispatches whose references are term indices,
/// reusing from `kept` those made before from the same parse and indices.
pub(super) fn resolve(
    root: &Path,
    config: Config,
    gazetteer: Gazetteer,
    raws: &mut [Arc<RawDispatch>],
    kept: &mut Resolved,
) -> (Chronicle, Diagnostics) {
    // By the path's bytes: comparing `Path`s walks their components, slowly.
    raws.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    let raws = &*raws;
    let mut terms = Terms::new(gazetteer, config.transliteration());
    let mut dispatches: Vec<Arc<Dispatch>> = Vec::with_capacity(raws.len());
    // A permalink is made of the date and the slug.
    let mut permalinks: FxHashMap<(chrono::NaiveDate, &str), usize> = FxHashMap::default();
    permalinks.reserve(raws.len());
    for raw in raws {
        let hash = terms.references_hash(raw);
        terms.warn_of_self_denials(raw);
        let path = raw.path.as_os_str();
        let dispatch = match kept.get(path) {
            Some((before, h, dispatch)) if Arc::ptr_eq(before, raw) && *h == hash => {
                dispatch.clone()
            }
            _ => {
                let dispatch = Arc::new(make_dispatch(&mut terms, raw));
                let entry = (raw.clone(), hash, dispatch.clone());
                kept.insert(path.to_owned(), entry);
                dispatch
            }
        };
        let key = (raw.when.date, raw.slug.as_str());
        if let Some(&other) = permalinks.get(&key) {
            let permalink = dispatch.path_part();
            let first: &Dispatch = &dispatches[other];
            terms.diagnostics.push(
                Diagnostic::error(format!(
                    "two dispatches have the same date and slug: /{permalink}"
                ))
                .at(&dispatch.source, 0..3)
                .with_label("this dispatch")
                .with_related(&first.source, 0..3, "has the same permalink as this one")
                .with_help(format!(
                    "give one of them another `slug:` ({} and {})",
                    first.source.name.display(),
                    dispatch.source.name.display()
                )),
            );
            continue;
        }
        permalinks.insert(key, dispatches.len());
        dispatches.push(dispatch);
    }
    let paths = raws.iter().map(|r| r.path.as_os_str());
    crate::paths::forget_gone(kept, raws.len(), paths);
    terms.name_undeclared_by_use();
    let Terms {
        gazetteer,
        diagnostics,
        ..
    } = terms;
    let chronicle = Chronicle {
        root: root.to_path_buf(),
        config,
        dispatches,
        places: gazetteer.places,
        sides: gazetteer.sides,
        topics: gazetteer.topics,
        unloaded: Vec::new(),
    };
    (chronicle, diagnostics)
}

/// A dispatch from its parse, with its references resolved.
pub(super) fn make_dispatch(terms: &mut Terms, raw: &RawDispatch) -> Dispatch {
    let file = &raw.source;
    let sides = terms.resolve_all(Kind::Side, &raw.sides, file);
    let places = terms.resolve_all(Kind::Place, &raw.places, file);
    let topics = terms.resolve_all(Kind::Topic, &raw.topics, file);
    let sources = raw
        .sources
        .iter()
        .map(|s| Source {
            name: s.name.clone(),
            url: s.url.clone(),
            by: s
                .by
                .as_ref()
                .and_then(|by| terms.resolve(Kind::Side, by, file)),
            archive_url: s.archive_url.clone(),
        })
        .collect();
    let claims = raw
        .claims
        .iter()
        .filter_map(|c| {
            Some(Claim {
                by: terms.resolve(Kind::Side, &c.by, file)?,
                says: c.says.clone(),
                denied_by: terms.resolve_all(Kind::Side, &c.denied_by, file),
            })
        })
        .collect();
    Dispatch {
        source: raw.source.clone(),
        path: raw.path.clone(),
        bundle: raw.bundle.clone(),
        title: raw.title.clone(),
        when: raw.when,
        slug: raw.slug.clone(),
        sides,
        places,
        topics,
        summary: raw.summary.clone(),
        draft: raw.draft,
        updated: raw.updated,
        sources,
        claims,
        extra: raw.extra.clone(),
        aliases: raw.aliases.clone(),
        body_offset: raw.body_offset,
    }
}
