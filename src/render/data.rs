//! The chronicle as data, for researchers and other tools:
//! `/data/dispatches.json` and `/data/places.geojson`.

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
    let side = |i: usize| chronicle.sides[i].id.clone();
    let ids = |list: &[usize], names: &dyn Fn(usize) -> String| {
        list.iter().map(|&i| names(i)).collect::<Vec<_>>()
    };
    let dispatch = &chronicle.dispatches[d];
    let entry = json!({
        "title": dispatch.title,
        "date": dispatch.when.iso(),
        "updated": dispatch.updated.map(|u| u.iso()),
        "url": urls.permalink(&dispatch.path_part()),
        "sides": ids(&dispatch.sides, &side),
        "places": ids(&dispatch.places, &|i| chronicle.places[i].id.clone()),
        "topics": ids(&dispatch.topics, &|i| chronicle.topics[i].id.clone()),
        "summary": summary,
        "sources": dispatch.sources.iter().map(|s| json!({
            "name": s.name,
            "url": s.url,
            "by": s.by.map(side),
            "archive_url": s.archive_url,
        })).collect::<Vec<_>>(),
        "claims": dispatch.claims.iter().map(|c| json!({
            "by": side(c.by),
            "says": c.says,
            "denied_by": ids(&c.denied_by, &side),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string(&entry).expect("JSON values always serialize")
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
