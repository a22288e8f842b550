//! The chronicle as data, for researchers and other tools:
//! `/data/dispatches.json` and `/data/places.geojson`.

use std::sync::Arc;

use serde_json::{Value, json};

use super::views::Urls;
use crate::index::Index;
use crate::model::Chronicle;

/// Where the exports are written, relative to the site root.
pub const DISPATCHES_JSON: &str = "data/dispatches.json";
pub const PLACES_GEOJSON: &str = "data/places.geojson";

/// Every published dispatch, newest first, with its references as ids, from
/// each dispatch's [`dispatch_entry`] (by its position in the chronicle).
pub fn dispatches_json(chronicle: &Chronicle, index: &Index, entries: &[Arc<String>]) -> Vec<u8> {
    let head = json!({
        "title": chronicle.config.title,
        "url": chronicle.config.base_url,
        "language": chronicle.config.language,
        "generator": format!("chronicle {}", env!("CARGO_PKG_VERSION")),
    });
    let mut bytes = serde_json::to_vec(&head).expect("JSON values always serialize");
    bytes.pop(); // the closing brace: the list follows
    // Thousands of entries: one allocation rather than a dozen growing copies.
    let size: usize = index.order.iter().map(|&d| entries[d].len() + 1).sum();
    bytes.reserve_exact(size + 20);
    bytes.extend_from_slice(b",\"dispatches\":[");
    for (i, &d) in index.order.iter().enumerate() {
        if i > 0 {
            bytes.push(b',');
        }
        bytes.extend_from_slice(entries[d].as_bytes());
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
