//! The chronicle as data, for researchers and other tools:
//! `/data/dispatches.json` and `/data/places.geojson`.

use serde::Serialize;
use serde_json::{Value, json};

use super::views::Urls;
use crate::index::Index;
use crate::model::Chronicle;

/// Where the exports are written, relative to the site root.
pub const DISPATCHES_JSON: &str = "data/dispatches.json";
pub const PLACES_GEOJSON: &str = "data/places.geojson";

/// Every published dispatch, newest first, with its references as ids.
/// `entries` gives the [`dispatch_entry`] of dispatches by their position in
/// the chronicle, asked a batch at a time (so that a one-off build, which
/// makes them in parallel, never holds them all besides the file).
pub fn dispatches_json<E: AsRef<str>>(
    chronicle: &Chronicle,
    index: &Index,
    entries: impl Fn(&[usize]) -> Vec<E>,
) -> Vec<u8> {
    let head = json!({
        "title": chronicle.config.title,
        "url": chronicle.config.base_url,
        "language": chronicle.config.language,
        "generator": format!("chronicle {}", env!("CARGO_PKG_VERSION")),
    });
    let mut bytes = serde_json::to_vec(&head).expect("JSON values always serialize");
    bytes.pop(); // the closing brace: the list follows
    bytes.extend_from_slice(b",\"dispatches\":[");
    for (i, batch) in index.order.chunks(1024).enumerate() {
        let made = entries(batch);
        if i == 0 {
            // Thousands of entries: one allocation (from the first batch's
            // size) rather than a dozen growing copies.
            let size: usize = made.iter().map(|e| e.as_ref().len() + 1).sum();
            bytes.reserve(size * index.order.len() / batch.len() + 20);
        }
        for (j, entry) in made.iter().enumerate() {
            if i > 0 || j > 0 {
                bytes.push(b',');
            }
            bytes.extend_from_slice(entry.as_ref().as_bytes());
        }
    }
    bytes.extend_from_slice(b"]}\n");
    bytes
}

/// One dispatch as `/data/dispatches.json` lists it. `summary` is as the site shows it.
pub fn dispatch_entry(chronicle: &Chronicle, d: usize, summary: &str, urls: &Urls) -> String {
    let side = |i: usize| chronicle.sides[i].id.as_str();
    let sides = |list: &[usize]| list.iter().map(|&i| side(i)).collect();
    let dispatch = &chronicle.dispatches[d];
    let entry = Entry {
        title: &dispatch.title,
        date: dispatch.when.iso(),
        updated: dispatch.update().map(|u| u.iso()),
        url: urls.permalink(&dispatch.path_part()),
        sides: sides(&dispatch.sides),
        places: dispatch
            .places
            .iter()
            .map(|&i| chronicle.places[i].id.as_str())
            .collect(),
        topics: dispatch
            .topics
            .iter()
            .map(|&i| chronicle.topics[i].id.as_str())
            .collect(),
        summary,
        sources: dispatch
            .sources
            .iter()
            .map(|s| SourceEntry {
                name: &s.name,
                url: s.url.as_deref(),
                by: s.by.map(side),
                archive_url: s.archive_url.as_deref(),
            })
            .collect(),
        claims: dispatch
            .claims
            .iter()
            .map(|c| ClaimEntry {
                by: side(c.by),
                says: &c.says,
                denied_by: sides(&c.denied_by),
            })
            .collect(),
    };
    serde_json::to_string(&entry).expect("strings and lists always serialize")
}

/// A dispatch's entry in the export, its fields in the order they are
/// written (serialized as it is, without a JSON value in between).
#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    date: String,
    updated: Option<String>,
    url: String,
    sides: Vec<&'a str>,
    places: Vec<&'a str>,
    topics: Vec<&'a str>,
    summary: &'a str,
    sources: Vec<SourceEntry<'a>>,
    claims: Vec<ClaimEntry<'a>>,
}

#[derive(Serialize)]
struct SourceEntry<'a> {
    name: &'a str,
    url: Option<&'a str>,
    by: Option<&'a str>,
    archive_url: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimEntry<'a> {
    by: &'a str,
    says: &'a str,
    denied_by: Vec<&'a str>,
}

/// The places that have coordinates, as GeoJSON points (`[lon, lat]`).
pub fn places_geojson(chronicle: &Chronicle, index: &Index, urls: &Urls) -> Vec<u8> {
    let features: Vec<Value> = chronicle
        .places
        .iter()
        .zip(&index.places)
        .filter_map(|(place, list)| {
            let (lat, lon) = (place.lat?, place.lon?);
            Some(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": {
                    "id": place.id,
                    "name": place.name,
                    "aliases": place.aliases,
                    "kind": place.kind,
                    "region": place.region,
                    "dispatches": list.len(),
                    "url": urls.permalink(&format!("places/{}/", place.id)),
                },
            }))
        })
        .collect();
    let mut bytes =
        serde_json::to_vec(&json!({ "type": "FeatureCollection", "features": features }))
            .expect("JSON values always serialize");
    bytes.push(b'\n');
    bytes
}
