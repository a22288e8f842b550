//! A dispatch page's schema.org data (`json_ld`).

use tera::Value;

use super::{Plan, text};

impl<'a> Plan<'a> {
    /// A dispatch page's `json_ld`: the dispatch as a schema.org
    /// NewsArticle, from its value, as JSON that may stand in a `<script>`.
    /// Made here, not in the template, where it was a third of the time a
    /// dispatch page took to render (and where it could come out invalid).
    pub(super) fn json_ld(&self, d: usize, card: &Value) -> Value {
        use crate::render::theme::push_script_string as string;
        let config = &self.chronicle.config;
        let dispatch = &self.chronicle.dispatches[d];
        // Written as it goes (a dispatch page each): "key": value pairs whose
        // keys are plain, strings escaped for a <script>.
        let mut out = String::with_capacity(1024);
        let published = card
            .get_from_path("date")
            .map_or("", |date| text(date, "iso"));
        let modified = truthy(card, "updated").map_or(published, |u| text(u, "iso"));
        let author = if config.author.is_empty() {
            &config.title
        } else {
            &config.author
        };
        let permalink = text(card, "permalink");
        out.push_str("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",");
        for (key, value) in [
            ("headline", text(card, "title")),
            ("description", text(card, "summary")),
            ("url", permalink),
            ("mainEntityOfPage", permalink),
            ("inLanguage", &config.language),
            ("datePublished", published),
            ("dateModified", modified),
        ] {
            json_pair(&mut out, key, value);
            out.push(',');
        }
        out.push_str("\"author\":{\"@type\":\"Organization\",");
        json_pair(&mut out, "name", author);
        out.push_str("},\"publisher\":{\"@type\":\"Organization\",");
        json_pair(&mut out, "name", &config.title);
        out.push(',');
        json_pair(&mut out, "url", &self.urls.base_url);
        out.push('}');
        // A term is written the same way in every dispatch that has it: once.
        let terms = self.json_ld_terms.get_or_init(|| {
            let views = self.views;
            let each = |values: &[Value], write: fn(&mut String, &Value)| -> Vec<String> {
                values
                    .iter()
                    .map(|value| {
                        let mut out = String::new();
                        write(&mut out, value);
                        out
                    })
                    .collect()
            };
            [
                each(&views.places, place_json_ld),
                each(&views.sides, side_json_ld),
                each(&views.topics, |out, t| string(out, text(t, "name"))),
            ]
        });
        for (key, list, written) in [
            ("contentLocation", &dispatch.places, &terms[0]),
            ("about", &dispatch.sides, &terms[1]),
            ("keywords", &dispatch.topics, &terms[2]),
        ] {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":[");
            for (i, &term) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&written[term]);
            }
            out.push(']');
        }
        let sources = card
            .get_from_path("sources")
            .and_then(Value::as_array)
            .unwrap_or(&[]);
        out.push_str(",\"citation\":[");
        for (i, source) in sources.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"@type\":\"CreativeWork\",");
            json_pair(&mut out, "name", text(source, "name"));
            if let Some(url) = truthy(source, "url").and_then(Value::as_str) {
                out.push(',');
                json_pair(&mut out, "url", url);
            }
            out.push('}');
        }
        out.push_str("]}");
        Value::safe_string(&out)
    }
}

/// A field of a value, if a template would find it true.
fn truthy<'v>(value: &'v Value, key: &'static str) -> Option<&'v Value> {
    value.get_from_path(key).filter(|v| v.is_truthy())
}

/// `"key":"value"` in JSON-LD, the value escaped for a `<script>`.
fn json_pair(out: &mut String, key: &str, value: &str) {
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
    crate::render::theme::push_script_string(out, value);
}

/// A place in a dispatch's JSON-LD (`contentLocation`), from its value.
fn place_json_ld(out: &mut String, place: &Value) {
    out.push_str("{\"@type\":\"Place\",");
    json_pair(out, "name", text(place, "name"));
    out.push(',');
    json_pair(out, "url", text(place, "permalink"));
    if let (Some(lat), Some(lon)) = (truthy(place, "lat"), truthy(place, "lon")) {
        let number = |out: &mut String, v: &Value| {
            out.push_str(&serde_json::to_string(v).expect("numbers serialize"));
        };
        out.push_str(",\"geo\":{\"@type\":\"GeoCoordinates\",\"latitude\":");
        number(out, lat);
        out.push_str(",\"longitude\":");
        number(out, lon);
        out.push('}');
    }
    out.push('}');
}

/// A side in a dispatch's JSON-LD (`about`), from its value.
fn side_json_ld(out: &mut String, side: &Value) {
    out.push_str("{\"@type\":\"Thing\",");
    json_pair(out, "name", text(side, "name"));
    out.push(',');
    json_pair(out, "url", text(side, "permalink"));
    out.push('}');
}
