//! Search without a server: an index of the chronicle's words, cut into small
//! files that the browser fetches as a query needs them (`static/search.js`).
//!
//! - `search/meta.json`: how words are normalized (stop words, stemmer), where
//!   each shard of the index starts, where each chunk of documents starts, and
//!   the sides, places and topics one can filter by.
//! - `search/t/N.json`: a shard, a run of the sorted terms, each with its
//!   postings `[id, weight, …]` (ids as gaps from the previous one).
//! - `search/d/N.json`: a chunk of documents, in id order, each with what a
//!   result shows: path, title, date, sides, places, topics and the text.
//! - `search/f/{s,p,t}N.json`: the ids of the dispatches of a side, place or
//!   topic, as gaps.
//!
//! Ids count dispatches from the oldest, so that a new dispatch changes the
//! end of the files, not every one of them. Shards and chunks are cut by size:
//! a query fetches the manifest, the shards its words fall in and the chunks
//! of the results it shows, which stays in the tens of kilobytes at any size.
//!
//! Words are folded (decomposed, lowercased, marks removed: "Trêve" → "treve"),
//! stop words dropped and, in French and English, stemmed lightly, here and in
//! the browser alike: `search.js` mirrors [`fold`], [`words`] and [`stem`]
//! (in `words.rs`), and a test runs both on the same words.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde_json::{Value, json};
mod words;

pub use words::{Stemmer, Words, fold, pieces, stem, term, terms, words};

use super::markdown::Body;
use crate::index::Index;
use crate::model::Chronicle;

/// Where the search files go, relative to the site root.
pub const DIR: &str = "search/";
/// The manifest a query starts from.
pub const META: &str = "search/meta.json";

/// Whether a path of the site (relative to its root) is one of the index's
/// files, which [`SearchInput::write`] makes (the search page is not).
pub fn is_index_file(path: &str) -> bool {
    path.starts_with(DIR) && path.ends_with(".json")
}

/// A shard is cut once its terms and postings take this many bytes.
const SHARD_BYTES: usize = 16 * 1024;
/// A chunk of documents is cut once it takes this many bytes.
const CHUNK_BYTES: usize = 20 * 1024;
/// How much of a dispatch's text is kept for snippets, in characters.
const TEXT_CHARS: usize = 20_000;

/// How much a word counts, by where it is.
const IN_TITLE: u32 = 5;
const IN_TERMS: u32 = 3;
const IN_TEXT: u32 = 1;
/// A posting's weight is capped, so that one long dispatch does not win by length.
const MAX_WEIGHT: u32 = 60;

/// Words met and their terms, per thread: the dispatches of a chronicle
/// share most of their words, and folding and stemming each again was most of
/// the search files' work. Terms are numbered, so that a dispatch counts its
/// words' weights by number.
#[derive(Default)]
struct Interned {
    stemmer: Option<Stemmer>,
    /// Each word met, with its term's number ([`NO_TERM`] for none).
    words: FxHashMap<Box<str>, u32>,
    /// Each term's number.
    numbers: FxHashMap<Box<str>, u32>,
    /// The terms, by number: shared with the documents that have them.
    terms: Vec<Arc<str>>,
    /// The weights of the terms of the document being read, by number, and
    /// the numbers that have one.
    weights: Vec<u32>,
    counted: Vec<u32>,
}

const NO_TERM: u32 = u32::MAX;

impl Interned {
    /// Starts a dispatch: past this many words (more than any chronicle's
    /// vocabulary) the thread starts again, between dispatches only.
    fn begin(&mut self, stemmer: Stemmer) {
        const MOST: usize = 1 << 17;
        if self.stemmer != Some(stemmer) || self.words.len() >= MOST {
            *self = Interned {
                stemmer: Some(stemmer),
                ..Interned::default()
            };
        }
    }

    fn number(&mut self, word: &str) -> u32 {
        if let Some(&number) = self.words.get(word) {
            return number;
        }
        let stemmer = self.stemmer.unwrap_or(Stemmer::None);
        let number = match term(word, stemmer) {
            None => NO_TERM,
            Some(term) => match self.numbers.get(term.as_str()) {
                Some(&number) => number,
                None => {
                    let number = self.terms.len() as u32;
                    self.terms.push(Arc::from(term.as_str()));
                    self.weights.push(0);
                    self.numbers.insert(term.into_boxed_str(), number);
                    number
                }
            },
        };
        self.words.insert(word.into(), number);
        number
    }

    /// Adds a word's weight to its term's, in the document being read.
    fn count(&mut self, word: &str, weight: u32) {
        let number = self.number(word);
        // NO_TERM, past every number, has no weight.
        if let Some(sum) = self.weights.get_mut(number as usize) {
            if *sum == 0 {
                self.counted.push(number);
            }
            *sum += weight;
        }
    }

    /// The document's terms with their weights; the next document starts from none.
    fn take_counted(&mut self) -> Vec<(Arc<str>, u32)> {
        let terms = self
            .counted
            .iter()
            .map(|&number| {
                let weight = std::mem::take(&mut self.weights[number as usize]);
                (self.terms[number as usize].clone(), weight.min(MAX_WEIGHT))
            })
            .collect();
        self.counted.clear();
        terms
    }
}

thread_local! {
    static INTERNED: std::cell::RefCell<Interned> = Default::default();
}

/// What search keeps of one dispatch: its terms with their weights, and its
/// entry in a chunk of documents. Made once per version of the dispatch.
#[derive(Debug)]
pub struct SearchDoc {
    terms: Vec<(Arc<str>, u32)>,
    json: String,
}

/// A dispatch's terms and entry: its title, the names of its places, sides and
/// topics (with every other spelling, so that "Chouchi" finds Shusha), the
/// spellings of the places its text mentions, its claims, summary and text.
/// `title` and `date` are as the site shows them.
pub fn search_doc(
    chronicle: &Chronicle,
    d: usize,
    body: &Body,
    title: &str,
    date: &str,
    stemmer: Stemmer,
) -> SearchDoc {
    let dispatch = &chronicle.dispatches[d];
    // (In the order they were met: each term's postings are by document,
    // whatever order a document gives its terms in.)
    let terms: Vec<(Arc<str>, u32)> = INTERNED.with_borrow_mut(|interned| {
        interned.begin(stemmer);
        let mut add = |text: &str, weight: u32| {
            words(text).for_each(|word| pieces(word, true, |piece| interned.count(piece, weight)));
        };
        add(title, IN_TITLE);
        for &p in &dispatch.places {
            let place = &chronicle.places[p];
            add(&place.name, IN_TERMS);
            place.aliases.iter().for_each(|a| add(a, IN_TERMS));
            place.names.values().for_each(|n| add(n, IN_TERMS));
        }
        for &s in &dispatch.sides {
            let side = &chronicle.sides[s];
            add(&side.name, IN_TERMS);
            side.aliases.iter().for_each(|a| add(a, IN_TERMS));
        }
        for &t in &dispatch.topics {
            add(&chronicle.topics[t].name, IN_TERMS);
        }
        for &p in &body.mentions {
            let place = &chronicle.places[p];
            add(&place.name, IN_TEXT);
            place.aliases.iter().for_each(|a| add(a, IN_TEXT));
            place.names.values().for_each(|n| add(n, IN_TEXT));
        }
        for claim in &dispatch.claims {
            add(&claim.says, IN_TEXT);
        }
        if let Some(summary) = &dispatch.summary {
            // Its words, not a link's address written in it.
            add(&crate::render::markdown::inline_text(summary), IN_TEXT);
        }
        add(&body.text, IN_TEXT);
        interned.take_counted()
    });

    let text = &body.text;
    // A text of at most TEXT_CHARS bytes has at most as many characters.
    let cut = (text.len() > TEXT_CHARS)
        .then(|| text.char_indices().nth(TEXT_CHARS))
        .flatten();
    let text = cut.map_or(&text[..], |(end, _)| &text[..end]);
    let entry = (
        dispatch.path_part(),
        title,
        date,
        dispatch.when.iso(),
        &dispatch.sides,
        &dispatch.places,
        &dispatch.topics,
        text,
    );
    let json = serde_json::to_string(&entry).expect("strings and numbers serialize");
    SearchDoc { terms, json }
}

/// What the search files and the data export depend on besides each
/// dispatch's entry: the language, and the sides, places and topics that
/// entries name by position.
pub fn docs_key(chronicle: &Chronicle) -> u64 {
    let ids = |list: Vec<&str>| list.join("\n");
    super::cache::hash_of(&(
        &chronicle.config.language,
        ids(chronicle.sides.iter().map(|s| s.id.as_str()).collect()),
        ids(chronicle.places.iter().map(|p| p.id.as_str()).collect()),
        ids(chronicle.topics.iter().map(|t| t.id.as_str()).collect()),
    ))
}

/// What the search files are made from, taken from a render: every
/// dispatch's [`SearchDoc`] in id order, and the sides, places and topics with
/// their dispatches. Owning it all, it can be made into files later (`serve`
/// does so after the pages are served).
pub struct SearchInput {
    language: String,
    docs: Vec<Arc<SearchDoc>>,
    /// Sides, places and topics: (letter, id, name, colour, ids of their dispatches).
    facets: [Vec<Facet>; 3],
}

struct Facet {
    id: String,
    name: String,
    color: Option<String>,
    ids: Vec<u32>,
}

impl SearchInput {
    /// `docs` are by the dispatch's position in the chronicle.
    pub fn new(chronicle: &Chronicle, index: &Index, docs: &[Arc<SearchDoc>]) -> SearchInput {
        let order = oldest_first(index);
        SearchInput {
            language: chronicle.config.language.clone(),
            docs: order.iter().map(|&d| docs[d].clone()).collect(),
            facets: facets(chronicle, index, &order),
        }
    }

    /// Every search file, shared as the output holds them.
    pub fn make(&self) -> super::cache::SearchFiles {
        let mut files = Vec::new();
        self.write(&mut |path, bytes| {
            files.push((path, bytes.into()));
            Ok(())
        })
        .expect("collecting cannot fail");
        Arc::new(files)
    }

    /// Gives every search file to `emit` as soon as it is made, by its path
    /// relative to the site root.
    pub fn write(&self, emit: &mut Emit) -> std::io::Result<()> {
        let mut postings: FxHashMap<&str, Postings> = FxHashMap::default();
        let mut chunks = Chunks::default();
        for (id, doc) in self.docs.iter().enumerate() {
            let terms = doc.terms.iter().map(|(term, weight)| (&**term, *weight));
            post(&mut postings, id as u32, terms);
            chunks.push(&doc.json, emit)?;
        }
        let terms: Vec<(&str, Postings)> = postings.into_iter().collect();
        finish(&self.language, terms, chunks, &self.facets, emit)
    }
}

/// Makes and writes the search files with `make` giving the entry of the
/// dispatch at a position, a batch at a time (in parallel): what is held is
/// the postings, never every entry at once. This is how a one-off build makes
/// them, where nothing is kept for a next render.
pub fn write_made(
    chronicle: &Chronicle,
    index: &Index,
    make: impl Fn(usize) -> SearchDoc + Sync,
    emit: &mut Emit,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const BATCH: usize = 1024;
    let order = oldest_first(index);
    let mut postings: FxHashMap<Arc<str>, Postings> = FxHashMap::default();
    let mut chunks = Chunks::default();
    let make_batch = |ds: &[usize]| -> Vec<SearchDoc> { ds.par_iter().map(|&d| make(d)).collect() };
    let mut batches = order.chunks(BATCH);
    let mut docs = batches.next().map(make_batch).unwrap_or_default();
    let mut first_id = 0;
    // Each batch is posted and written (here) while the next one is made
    // (on the pool).
    while !docs.is_empty() {
        let mut next = Vec::new();
        rayon::in_place_scope(|scope| -> std::io::Result<()> {
            if let Some(ds) = batches.next() {
                scope.spawn(|_| next = make_batch(ds));
            }
            for (i, doc) in std::mem::take(&mut docs).into_iter().enumerate() {
                post(&mut postings, (first_id + i) as u32, doc.terms);
                chunks.push(&doc.json, emit)?;
            }
            Ok(())
        })?;
        first_id += BATCH;
        docs = next;
    }
    let mut owned: Vec<(Arc<str>, Postings)> = postings.into_iter().collect();
    let terms = owned
        .iter_mut()
        .map(|(term, list)| (&**term, std::mem::take(list)))
        .collect();
    let facets = facets(chronicle, index, &order);
    finish(&chronicle.config.language, terms, chunks, &facets, emit)
}

/// A term's documents, by id, with its weight in each.
type Postings = Vec<(u32, u32)>;

/// Adds a document's terms and weights to the postings of every term.
fn post<K: Eq + std::hash::Hash>(
    postings: &mut FxHashMap<K, Postings>,
    id: u32,
    terms: impl IntoIterator<Item = (K, u32)>,
) {
    for (term, weight) in terms {
        postings.entry(term).or_default().push((id, weight));
    }
}

/// The dispatches in the order search numbers them: oldest first, so that
/// ids stay put when a newer dispatch arrives.
fn oldest_first(index: &Index) -> Vec<usize> {
    index.order.iter().rev().copied().collect()
}

/// The sides, places and topics with the ids of their dispatches.
fn facets(chronicle: &Chronicle, index: &Index, order: &[usize]) -> [Vec<Facet>; 3] {
    let facet = |id: &str, name: &str, color: Option<&String>| Facet {
        id: id.to_string(),
        name: name.to_string(),
        color: color.cloned(),
        ids: Vec::new(),
    };
    let mut facets = [
        chronicle
            .sides
            .iter()
            .map(|s| facet(&s.id, &s.name, s.color.as_ref()))
            .collect::<Vec<_>>(),
        chronicle
            .places
            .iter()
            .map(|p| facet(&p.id, &p.name, None))
            .collect(),
        chronicle
            .topics
            .iter()
            .map(|t| facet(&t.id, &t.name, None))
            .collect(),
    ];
    // Each term's dispatches as its page lists them: a region's are those of
    // the places in it too, a side's those in which it only makes or denies
    // a claim too.
    let mut position = vec![u32::MAX; chronicle.dispatches.len()];
    for (id, &d) in order.iter().enumerate() {
        position[d] = id as u32;
    }
    let lists = [&index.sides, &index.places, &index.topics];
    for (facets, lists) in facets.iter_mut().zip(lists) {
        for (facet, list) in facets.iter_mut().zip(lists) {
            facet.ids = list
                .iter()
                .map(|&d| position[d])
                .filter(|&id| id != u32::MAX)
                .collect();
            facet.ids.sort_unstable();
            facet.ids.dedup();
        }
    }
    facets
}

/// Writes what follows the entries: the term shards, the facets and the
/// file that says where everything is.
fn finish(
    language: &str,
    mut terms: Vec<(&str, Postings)>,
    chunks: Chunks,
    facets: &[Vec<Facet>; 3],
    emit: &mut Emit,
) -> std::io::Result<()> {
    let stemmer = Stemmer::for_language(language);
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let shards = shard_terms(&terms, emit)?;
    drop(terms);
    let docs = chunks.count;
    let chunks = chunks.finish(emit)?;
    let facets = facet_files(facets, emit)?;
    let meta = json!({
        "version": 1,
        "language": language,
        "stemmer": stemmer.name(),
        "stop": stemmer.stop_words(),
        "docs": docs,
        "shards": shards,
        "chunks": chunks,
        "facets": facets,
    });
    emit(META.to_string(), meta.to_string().into_bytes())
}

/// Writes the ids of each side's, place's and topic's dispatches (as
/// gaps); returns them all to filter by, with how many dispatches each has.
fn facet_files(all: &[Vec<Facet>; 3], emit: &mut Emit) -> std::io::Result<Value> {
    for (letter, facets) in ["s", "p", "t"].iter().zip(all) {
        for (i, facet) in facets.iter().enumerate() {
            if facet.ids.is_empty() {
                continue;
            }
            let mut last = 0;
            let gaps: Vec<u32> = facet
                .ids
                .iter()
                .map(|&id| std::mem::replace(&mut last, id).abs_diff(id))
                .collect();
            let bytes = serde_json::to_vec(&gaps).expect("numbers serialize");
            emit(format!("{DIR}f/{letter}{i}.json"), bytes)?;
        }
    }
    let list = |facets: &[Facet], colors: bool| {
        facets
            .iter()
            .map(|f| {
                let mut v = json!({ "id": f.id, "name": f.name });
                if colors {
                    v["color"] = json!(f.color);
                }
                v["count"] = json!(f.ids.len());
                v
            })
            .collect::<Vec<_>>()
    };
    let [sides, places, topics] = all;
    Ok(json!({
        "sides": list(sides, true),
        "places": list(places, false),
        "topics": list(topics, false),
    }))
}

/// Takes each search file as it is made.
pub type Emit<'e> = dyn FnMut(String, Vec<u8>) -> std::io::Result<()> + 'e;

/// Cuts the sorted terms into shards of about [`SHARD_BYTES`], writing each;
/// returns where each shard starts: the shortest prefix of its first term that
/// sorts after the previous shard's last term ("" for the first).
fn shard_terms(terms: &[(&str, Postings)], emit: &mut Emit) -> std::io::Result<Vec<String>> {
    let mut starts = Vec::new();
    let mut shard = String::new();
    let mut previous: Option<&str> = None;
    let mut first_in_shard = true;
    for &(term, ref postings) in terms {
        if first_in_shard {
            starts.push(match previous {
                None => String::new(),
                Some(last) => separator(last, term),
            });
            shard.push('{');
            first_in_shard = false;
        } else {
            shard.push(',');
        }
        shard.push_str(&serde_json::to_string(term).expect("strings serialize"));
        shard.push_str(":[");
        let mut last_id = 0;
        let mut number = itoa::Buffer::new();
        for (i, &(id, weight)) in postings.iter().enumerate() {
            if i > 0 {
                shard.push(',');
            }
            shard.push_str(number.format(id - last_id));
            shard.push(',');
            shard.push_str(number.format(weight));
            last_id = id;
        }
        shard.push(']');
        previous = Some(term);
        if shard.len() >= SHARD_BYTES {
            shard.push('}');
            let path = format!("{DIR}t/{}.json", starts.len() - 1);
            emit(path, std::mem::take(&mut shard).into_bytes())?;
            first_in_shard = true;
        }
    }
    if !first_in_shard {
        shard.push('}');
        emit(
            format!("{DIR}t/{}.json", starts.len() - 1),
            shard.into_bytes(),
        )?;
    }
    Ok(starts)
}

/// The shortest prefix of `next` that sorts after `last` (`last` < `next`).
fn separator(last: &str, next: &str) -> String {
    let mut prefix = String::new();
    for c in next.chars() {
        prefix.push(c);
        if prefix.as_str() > last {
            break;
        }
    }
    prefix
}

/// The documents in chunks of about [`CHUNK_BYTES`], each written when full.
#[derive(Default)]
struct Chunks {
    /// The id of each chunk's first document.
    starts: Vec<usize>,
    chunk: String,
    /// How many documents were pushed.
    count: usize,
}

impl Chunks {
    fn push(&mut self, json: &str, emit: &mut Emit) -> std::io::Result<()> {
        if self.chunk.is_empty() {
            self.starts.push(self.count);
            self.chunk.push('[');
        } else {
            self.chunk.push(',');
        }
        self.chunk.push_str(json);
        self.count += 1;
        if self.chunk.len() >= CHUNK_BYTES {
            self.write(emit)?;
        }
        Ok(())
    }

    fn write(&mut self, emit: &mut Emit) -> std::io::Result<()> {
        self.chunk.push(']');
        let path = format!("{DIR}d/{}.json", self.starts.len() - 1);
        emit(path, std::mem::take(&mut self.chunk).into_bytes())
    }

    /// Writes the last chunk; returns the first id of every chunk.
    fn finish(mut self, emit: &mut Emit) -> std::io::Result<Vec<usize>> {
        if !self.chunk.is_empty() {
            self.write(emit)?;
        }
        Ok(self.starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_the_shortest_prefix_after_the_last_term() {
        assert_eq!(separator("bombard", "bombardement"), "bombarde");
        assert_eq!(separator("arme", "civil"), "c");
        assert_eq!(separator("ab", "b"), "b");
    }
}
