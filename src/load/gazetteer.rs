//! Reads `content/places.toml`, `sides.toml` and `topics.toml`, and resolves
//! the names dispatches use to refer to them.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::fields::{Fields, edit_distance, near_miss};
use super::frontmatter::Format;
use super::node::{Entry, Node, Value, parse_toml};
use super::read_source;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{Place, Side, Topic};
use crate::slug::{is_valid_slug, match_key, script_of};

/// The declared places, sides and topics of a chronicle.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    pub sides: Vec<Side>,
    pub topics: Vec<Topic>,
    pub place_names: Resolver,
    pub side_names: Resolver,
    pub topic_names: Resolver,
    /// Whether places.toml, sides.toml and topics.toml (in this order) are
    /// there but could not be read: their error says why, and a reference
    /// to what they declare is not also told it is not declared.
    pub unreadable: [bool; 3],
}

/// Finds a term by id, name or alias, ignoring case and accents, and the
/// script a spelling is written in (`Степанакерт` finds Stepanakert) unless
/// two terms are spelt alike in two scripts (Bar in Montenegro, Бар in
/// Ukraine): then a spelling finds the term spelt so in its own script.
#[derive(Clone, Debug, Default)]
pub struct Resolver {
    /// By [`match_key`]: the term, or [`AMBIGUOUS`] for a key that two terms
    /// have, each in another script.
    keys: HashMap<String, usize>,
    /// By script and [`match_key`]: within one script, a key is one term's.
    scripted: HashMap<(u32, String), usize>,
    /// Every key with the term it names, for "did you mean".
    spellings: Vec<(String, usize)>,
    /// Where each spelling of a declared term is written in its file.
    written_at: HashMap<(u32, String), Range<usize>>,
}

/// A [`Resolver::keys`] entry that names no one term.
const AMBIGUOUS: usize = usize::MAX;

impl Resolver {
    pub fn find(&self, text: &str) -> Option<usize> {
        let key = match_key(text);
        match self.keys.get(&key).copied()? {
            // Spelt alike in several scripts: the one of this spelling's
            // script, else the Latin one.
            AMBIGUOUS => {
                let script = script_of(text);
                let of = |script: u32| self.scripted.get(&(script, key.clone())).copied();
                of(script).or_else(|| of(0))
            }
            term => Some(term),
        }
    }

    /// Adds a spelling; returns the term that already had it, if another one did.
    pub fn add(&mut self, text: &str, term: usize) -> Option<usize> {
        let key = match_key(text);
        let scripted = (script_of(text), key.clone());
        match self.scripted.get(&scripted) {
            Some(&other) if other != term => return Some(other),
            Some(_) => return None,
            None => {}
        }
        match self.keys.get(&key).copied() {
            // The same letters in another script, for another term.
            Some(other) if other != term => {
                self.keys.insert(key.clone(), AMBIGUOUS);
            }
            Some(_) => {}
            None => {
                self.keys.insert(key.clone(), term);
            }
        }
        self.scripted.insert(scripted, term);
        self.spellings.push((key, term));
        None
    }

    /// Adds a spelling written at `at` in the gazetteer's file; returns the
    /// term that already had it, if another one did, and where it has it.
    fn add_written(
        &mut self,
        text: &str,
        term: usize,
        at: Range<usize>,
    ) -> Option<(usize, Option<Range<usize>>)> {
        let scripted = (script_of(text), match_key(text));
        match self.add(text, term) {
            Some(other) => Some((other, self.written_at.get(&scripted).cloned())),
            None => {
                self.written_at.entry(scripted).or_insert(at);
                None
            }
        }
    }

    /// The term whose spelling is closest to `text`, if it is close enough to be a typo.
    pub fn closest(&self, text: &str) -> Option<usize> {
        let key = match_key(text);
        self.spellings
            .iter()
            .map(|(k, term)| (edit_distance(&key, k), *term))
            .filter(|(d, _)| *d <= (key.chars().count() / 3).max(2))
            .min()
            .map(|(_, term)| term)
    }
}

/// What the three kinds of terms share, read from one `[[place]]`-like table.
struct Common {
    id: String,
    name: String,
    aliases: Vec<(String, Range<usize>)>,
    id_span: Range<usize>,
    /// Where the name is written; the id's span when it has none.
    name_span: Range<usize>,
}

/// Loads the gazetteer files that exist under `content/`.
pub fn load_gazetteer(content: &Path, root: &Path) -> (Gazetteer, Diagnostics) {
    let mut gazetteer = Gazetteer::default();
    let mut diagnostics = Diagnostics::default();

    let unreadable = &mut gazetteer.unreadable[0];
    if let Some(file) = read_optional(
        &content.join("places.toml"),
        root,
        &mut diagnostics,
        unreadable,
    ) {
        let mut fields = Fields::new(&file, 0, Format::Toml);
        let mut region_spans = Vec::new();
        let tables = read_tables(&mut fields, "place", PLACE_FIELDS);
        gazetteer.unreadable[0] = tables.is_none();
        for (common, entries) in tables.unwrap_or_default() {
            let mut place = Place {
                id: common.id.clone(),
                name: common.name.clone(),
                aliases: common.aliases.iter().map(|(a, _)| a.clone()).collect(),
                declared: true,
                ..Place::default()
            };
            // Where `region` is written; where `lat` or `lon` is, and which of the two are.
            let mut region_at = None;
            let mut coordinate = None;
            let mut written = (false, false);
            for entry in entries {
                let node = &entry.value;
                match entry.key.as_str() {
                    "lat" => written.0 = true,
                    "lon" => written.1 = true,
                    _ => {}
                }
                if matches!(entry.key.as_str(), "lat" | "lon") {
                    coordinate = Some(entry.key_span.clone());
                }
                match entry.key.as_str() {
                    "lat" => {
                        place.lat = fields
                            .number(node, "lat")
                            .filter(|v| in_range(&mut fields, node, *v, 90.0))
                    }
                    "lon" => {
                        place.lon = fields
                            .number(node, "lon")
                            .filter(|v| in_range(&mut fields, node, *v, 180.0))
                    }
                    "region" => {
                        place.region = fields.text(node, "region");
                        region_at = Some(node.span.clone());
                    }
                    "kind" => place.kind = fields.text(node, "kind"),
                    "names" => {
                        for e in fields.table(node, "names").unwrap_or_default() {
                            if let Some(name) = fields.text(&e.value, "names") {
                                place.names.insert(e.key.clone(), name);
                            }
                        }
                    }
                    key => {
                        if let Some(lang) = key.strip_prefix("name_")
                            && let Some(name) = fields.text(node, key)
                        {
                            place.names.insert(lang.to_string(), name);
                        }
                    }
                }
            }
            // One of the two left out (not one that was wrong: that is an error).
            if let Some(at) = coordinate
                && written.0 != written.1
            {
                let (has, lacks) = if written.0 {
                    ("lat", "lon")
                } else {
                    ("lon", "lat")
                };
                let place = match place.id.as_str() {
                    "" => "this place".to_string(),
                    id => format!("place `{id}`"),
                };
                fields.warn(
                    &at,
                    format!("{place} has `{has}` but no `{lacks}`; it is left off the maps"),
                    Some(format!("add `{lacks} = …` (decimal degrees)")),
                );
            }
            if common.id.is_empty() {
                continue;
            }
            region_spans.push(region_at);
            let index = gazetteer.places.len();
            register(
                &mut fields,
                &mut gazetteer.place_names,
                "place",
                &common,
                index,
            );
            for name in place.names.values() {
                gazetteer.place_names.add(name, index);
            }
            gazetteer.places.push(place);
        }
        // A region names another place; keep its id so pages can link to it.
        let mut regions: Vec<Option<usize>> = vec![None; gazetteer.places.len()];
        for i in 0..gazetteer.places.len() {
            let Some(region) = gazetteer.places[i].region.clone() else {
                continue;
            };
            let span = region_spans[i].clone().unwrap_or(0..0);
            let id = &gazetteer.places[i].id;
            match gazetteer.place_names.find(&region) {
                Some(r) if r != i => regions[i] = Some(r),
                Some(_) => fields.warn(
                    &span,
                    format!("`{id}` is given itself as its region"),
                    Some("a region is the id of another [[place]] that holds this one".into()),
                ),
                None => fields.warn(
                    &span,
                    format!("region `{region}` of `{id}` is not a declared place"),
                    Some("a region is the id of another [[place]] of this file".into()),
                ),
            }
        }
        // A region within itself, through others (Kyiv in its oblast, the
        // oblast in Kyiv), would make each the other's region on its page.
        // Each place is walked up from once: a circle is cut at its first
        // place in the file.
        let mut done = vec![false; regions.len()];
        for start in 0..regions.len() {
            let mut path = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at.filter(|&i| !done[i] && !path.contains(&i)) {
                path.push(i);
                at = regions[i];
            }
            let circle = at
                .and_then(|i| path.iter().position(|&p| p == i))
                .map(|from| path[from..].to_vec());
            path.iter().for_each(|&i| done[i] = true);
            let Some(circle) = circle else { continue };
            let first = circle
                .iter()
                .position(|&i| i == *circle.iter().min().expect("a circle"))
                .unwrap_or(0);
            let i = circle[first];
            let mut chain: Vec<&str> = circle[first..]
                .iter()
                .chain(&circle[..first])
                .map(|&p| gazetteer.places[p].id.as_str())
                .collect();
            chain.push(&gazetteer.places[i].id);
            fields.warn(
                &region_spans[i].clone().unwrap_or(0..0),
                format!(
                    "the regions of `{}` go round in a circle: {}",
                    chain[0],
                    chain.join(" → ")
                ),
                Some(
                    "a region holds the place: remove the `region` of the one that holds the other; \
                     this one is ignored"
                        .into(),
                ),
            );
            regions[i] = None;
        }
        let ids: Vec<String> = gazetteer.places.iter().map(|p| p.id.clone()).collect();
        for (place, region) in gazetteer.places.iter_mut().zip(&regions) {
            place.region = region.map(|r| ids[r].clone());
        }
        diagnostics.extend(fields.diagnostics);
    }

    let unreadable = &mut gazetteer.unreadable[1];
    if let Some(file) = read_optional(
        &content.join("sides.toml"),
        root,
        &mut diagnostics,
        unreadable,
    ) {
        let mut fields = Fields::new(&file, 0, Format::Toml);
        let tables = read_tables(&mut fields, "side", SIDE_FIELDS);
        gazetteer.unreadable[1] = tables.is_none();
        for (common, entries) in tables.unwrap_or_default() {
            let mut side = Side {
                id: common.id.clone(),
                name: common.name.clone(),
                aliases: common.aliases.iter().map(|(a, _)| a.clone()).collect(),
                declared: true,
                ..Side::default()
            };
            if let Some(entry) = entries.iter().find(|e| e.key == "color")
                && let Some(color) = fields.text(&entry.value, "color")
            {
                if let Some(color) = hex_color(&color) {
                    side.color = Some(color);
                } else {
                    fields.error(
                        &entry.value.span,
                        format!("invalid colour `{color}`"),
                        "expected a hex colour such as \"#2471a3\" or \"#c50\"",
                    );
                }
            }
            if let Some(entry) = entries.iter().find(|e| e.key == "with_article") {
                side.with_article = fields.text(&entry.value, "with_article");
            }
            if common.id.is_empty() {
                continue;
            }
            let index = gazetteer.sides.len();
            register(
                &mut fields,
                &mut gazetteer.side_names,
                "side",
                &common,
                index,
            );
            gazetteer.sides.push(side);
        }
        diagnostics.extend(fields.diagnostics);
    }

    let unreadable = &mut gazetteer.unreadable[2];
    if let Some(file) = read_optional(
        &content.join("topics.toml"),
        root,
        &mut diagnostics,
        unreadable,
    ) {
        let mut fields = Fields::new(&file, 0, Format::Toml);
        let tables = read_tables(&mut fields, "topic", TOPIC_FIELDS);
        gazetteer.unreadable[2] = tables.is_none();
        for (common, entries) in tables.unwrap_or_default() {
            let mut topic = Topic {
                id: common.id.clone(),
                name: common.name.clone(),
                aliases: common.aliases.iter().map(|(a, _)| a.clone()).collect(),
                declared: true,
                ..Topic::default()
            };
            if let Some(entry) = entries.iter().find(|e| e.key == "description") {
                topic.description = fields.text(&entry.value, "description");
            }
            if common.id.is_empty() {
                continue;
            }
            let index = gazetteer.topics.len();
            register(
                &mut fields,
                &mut gazetteer.topic_names,
                "topic",
                &common,
                index,
            );
            gazetteer.topics.push(topic);
        }
        diagnostics.extend(fields.diagnostics);
    }

    (gazetteer, diagnostics)
}

const PLACE_FIELDS: &[&str] = &[
    "id", "name", "aliases", "lat", "lon", "region", "kind", "names",
];
const SIDE_FIELDS: &[&str] = &["id", "name", "aliases", "color", "with_article"];
const TOPIC_FIELDS: &[&str] = &["id", "name", "aliases", "description"];

fn read_optional(
    path: &Path,
    root: &Path,
    diagnostics: &mut Diagnostics,
    unreadable: &mut bool,
) -> Option<SourceFile> {
    if !path.exists() {
        return None;
    }
    match read_source(path, root) {
        Ok(file) => Some(file),
        Err(d) => {
            diagnostics.push(d);
            *unreadable = true;
            None
        }
    }
}

/// Reads every `[[kind]]` table of a gazetteer file: the shared fields, and the
/// entries left for the caller; `None` if the file is not TOML.
fn read_tables(
    fields: &mut Fields,
    kind: &str,
    known: &[&str],
) -> Option<Vec<(Common, Vec<Entry>)>> {
    let mut doc = match parse_toml(&fields.file.text) {
        Ok(doc) => doc,
        Err(e) => {
            fields.error(
                &e.span,
                format!("invalid TOML in {}", fields.file.name.display()),
                e.message,
            );
            return None;
        }
    };
    if let Some(span) = doc.replace_forbidden() {
        fields.warn(
            &span,
            format!("{}; it was replaced by a space", super::FORBIDDEN_IN_VALUE),
            Some("remove the escape that writes it (such as \\u001b)".into()),
        );
    }
    let Value::Map(top) = doc.value else {
        return Some(Vec::new());
    };
    let mut out = Vec::new();
    for entry in top {
        if entry.key != kind {
            fields.error(
                &entry.key_span,
                format!(
                    "unexpected `{}` in {}",
                    entry.key,
                    fields.file.name.display()
                ),
                format!("expected only [[{kind}]] tables"),
            );
            continue;
        }
        let Value::List(tables) = &entry.value.value else {
            fields.error(
                &entry.value.span,
                format!("`{kind}` must be a list of tables"),
                format!("write each one as [[{kind}]]"),
            );
            continue;
        };
        for table in tables {
            if let Some(item) = read_common(fields, table, kind, known) {
                out.push(item);
            }
        }
    }
    Some(out)
}

fn read_common(
    fields: &mut Fields,
    table: &Node,
    kind: &str,
    known: &[&str],
) -> Option<(Common, Vec<Entry>)> {
    let entries = fields.table(table, kind)?;
    let get = |key: &str| entries.iter().find(|e| e.key == key);
    for entry in entries {
        let is_language_name = kind == "place" && entry.key.starts_with("name_");
        if !(known.contains(&entry.key.as_str()) || is_language_name) {
            let help = near_miss(&entry.key, known).map(|k| format!("did you mean `{k}`?"));
            fields.warn(
                &entry.key_span,
                format!(
                    "unknown field `{}` in a [[{kind}]]; it is ignored",
                    entry.key
                ),
                help,
            );
        }
    }
    // An entry without a usable id has its other fields checked all the
    // same (their errors are not kept for the next build), with an empty id.
    let id = match get("id") {
        None => {
            fields.error(
                &table.span,
                format!("a [[{kind}]] without an `id`"),
                "expected `id = \"…\"`, the slug of its URL",
            );
            None
        }
        Some(id_entry) => match fields.text(&id_entry.value, "id") {
            Some(id) if !is_valid_slug(&id) => {
                fields.error(
                    &id_entry.value.span,
                    format!("invalid {kind} id `{id}`"),
                    "expected lowercase ASCII letters and digits joined by single hyphens, such as \"hadrut\" or \"lachin-corridor\"",
                );
                // The build fails; meanwhile the entry stands under the slug
                // of what was written, so that the dispatches naming it are
                // not said, each, to name an undeclared one.
                crate::slug::slugify(&id).map(|slug| (slug, fields.span(&id_entry.value.span)))
            }
            id => id.map(|id| (id, fields.span(&id_entry.value.span))),
        },
    };
    let Some((id, id_span)) = id else {
        let common = Common {
            id: String::new(),
            name: String::new(),
            aliases: Vec::new(),
            id_span: 0..0,
            name_span: 0..0,
        };
        return Some((common, entries.to_vec()));
    };
    let (name, name_span) = match get("name") {
        // (A name of the wrong type has had its error: the rest is checked.)
        Some(e) => match fields.text(&e.value, "name") {
            Some(name) => (name, fields.span(&e.value.span)),
            None => (id.clone(), id_span.clone()),
        },
        None => (id.clone(), id_span.clone()),
    };
    let mut aliases = match get("aliases") {
        Some(e) => fields.strings(&e.value, "aliases"),
        None => Vec::new(),
    };
    // An alias no address can be made of makes no redirect page, and
    // names nothing a reference could not write better.
    aliases.retain(|(alias, span)| {
        let names = crate::slug::slugify(alias).is_some();
        if !names {
            fields.warn(
                span,
                format!(
                    "the alias `{alias}` of {kind} `{id}` has no letter or digit; it is ignored"
                ),
                Some("an alias is another spelling of the name, such as \"Hadrout\"".into()),
            );
        }
        names
    });
    let common = Common {
        id,
        name,
        aliases,
        id_span,
        name_span,
    };
    Some((common, entries.to_vec()))
}

/// Adds a term's id, name and aliases to its resolver, reporting a spelling
/// that another term already has.
fn register(
    fields: &mut Fields,
    resolver: &mut Resolver,
    kind: &str,
    common: &Common,
    index: usize,
) {
    let mut conflict = |fields: &mut Fields, text: &str, span: Range<usize>, what: &str| {
        if let Some((other, other_at)) = resolver.add_written(text, index, span.clone()) {
            let message = if what == "id" {
                format!("duplicate {kind} id `{text}`")
            } else {
                format!(
                    "the {what} `{text}` of {kind} `{}` already names another {kind}",
                    common.id
                )
            };
            let other = resolver
                .spellings
                .iter()
                .find(|(_, t)| *t == other)
                .map(|(k, _)| k.clone())
                .unwrap_or_default();
            let mut error = Diagnostic::error(message)
                .at(fields.file, span)
                .with_label(format!("already used by the {kind} `{other}`"))
                .with_help("each id, name and alias must name one entry only (case and accents are ignored)");
            if let Some(at) = other_at {
                error = error.with_related(
                    fields.file,
                    at,
                    format!("the {kind} `{other}` has it here"),
                );
            }
            fields.diagnostics.push(error);
        }
    };
    conflict(fields, &common.id, common.id_span.clone(), "id");
    // (Even when it is the id's key: it is a spelling in its own script.)
    conflict(fields, &common.name, common.name_span.clone(), "name");
    for (alias, span) in &common.aliases {
        conflict(fields, alias, span.clone(), "alias");
    }
}

fn in_range(fields: &mut Fields, node: &Node, value: f64, limit: f64) -> bool {
    let ok = value.is_finite() && value.abs() <= limit;
    if !ok {
        fields.error(
            &node.span,
            "coordinate out of range",
            format!("expected a number between -{limit} and {limit}"),
        );
    }
    ok
}

/// A hex colour, `#2471a3` or `#fff` (as `#ffffff`), lowercase.
fn hex_color(color: &str) -> Option<String> {
    let digits = color.strip_prefix('#')?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digits = digits.to_ascii_lowercase();
    match digits.len() {
        6 => Some(format!("#{digits}")),
        3 => Some(digits.chars().fold("#".to_string(), |mut out, c| {
            out.extend([c, c]);
            out
        })),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(places: &str) -> (Gazetteer, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("places.toml"), places).unwrap();
        load_gazetteer(dir.path(), dir.path())
    }

    #[test]
    fn a_region_is_another_place_and_regions_never_go_round_in_a_circle() {
        let (g, d) = load("[[place]]\nid = \"kyiv\"\nname = \"Kyiv\"\nregion = \"kyiv\"\n");
        assert!(
            d.render().contains("`kyiv` is given itself as its region"),
            "{}",
            d.render()
        );
        assert!(d.render().contains("places.toml:4:10"), "{}", d.render());
        assert_eq!(g.places[0].region, None);
        let (g, d) = load(
            "[[place]]\nid = \"kyiv\"\nname = \"Kyiv\"\nregion = \"oblast\"\n\n\
             [[place]]\nid = \"oblast\"\nname = \"Kyiv Oblast\"\nregion = \"Kyiv\"\n\n\
             [[place]]\nid = \"bucha\"\nname = \"Bucha\"\nregion = \"oblast\"\n",
        );
        let text = d.render();
        assert!(
            text.contains("the regions of `kyiv` go round in a circle: kyiv → oblast → kyiv"),
            "{text}"
        );
        assert_eq!(text.matches("circle").count(), 1, "{text}");
        let regions: Vec<_> = g.places.iter().map(|p| p.region.as_deref()).collect();
        assert_eq!(regions, [None, Some("kyiv"), Some("oblast")]);
        // An id that another entry has as an alias: both places are shown.
        let (_, d) = load(
            "[[place]]\nid = \"kyiv\"\nname = \"Kyiv\"\naliases = [\"Kiev\", \"Lviv\"]\n\n\
             [[place]]\nid = \"lviv\"\nname = \"Lviv\"\n",
        );
        let text = d.render();
        assert!(
            text.contains("places.toml:7:6") && text.contains("places.toml:4:20"),
            "{text}"
        );
        assert!(text.contains("the place `kyiv` has it here"), "{text}");
        // Where the other entry has the spelling, not some string like it.
        let (_, d) = load(
            "# a \"quoted\" comment\n[[place]]\nid = \"kyiv\"\nname = \"Kyiv\"\n\n\
             [[place]]\nid = \"bucha\"\nname = \"Bucha\"\nregion = \"kyiv\"\n\n\
             [[place]]\nid = \"kyiv-city\"\nname = \"Kyiv City\"\naliases = [\"Kyiv\"]\n",
        );
        let text = d.render();
        assert!(
            text.contains("places.toml:3:6") && text.contains("the place `kyiv` has it here"),
            "{text}"
        );
        assert!(!text.contains("places.toml:10:"), "{text}");
    }

    #[test]
    fn side_colours_are_hex_of_six_or_three_digits() {
        assert_eq!(hex_color("#2471A3").as_deref(), Some("#2471a3"));
        assert_eq!(hex_color("#fFf").as_deref(), Some("#ffffff"));
        assert_eq!(hex_color("#c50").as_deref(), Some("#cc5500"));
        for bad in ["2471a3", "#2471a", "#ggg", "#", "#12345678", "red", "#é12"] {
            assert_eq!(hex_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn places_resolve_by_id_name_or_alias_ignoring_case_and_accents() {
        let (g, d) = load(
            "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\naliases = [\"Hadrout\", \"Հադրութ\"]\nlat = 39.52\nlon = 47.03\n\n[[place]]\nid = \"chouchi\"\nname = \"Chouchi\"\naliases = [\"Şuşa\", \"Shushi\"]\nregion = \"hadrut\"\n",
        );
        assert!(d.is_empty(), "{}", d.render());
        assert_eq!(g.place_names.find("HADROUT"), Some(0));
        assert_eq!(g.place_names.find("Հադրութ"), Some(0));
        assert_eq!(g.place_names.find("susa"), Some(1));
        assert_eq!(g.places[1].region.as_deref(), Some("hadrut"));
        assert_eq!(g.place_names.closest("Hadrot"), Some(0));
    }

    #[test]
    fn an_alias_claimed_by_two_places_is_an_error() {
        let (_, d) = load(
            "[[place]]\nid = \"a\"\naliases = [\"x\"]\n[[place]]\nid = \"b\"\naliases = [\"X\"]\n",
        );
        let text = d.render();
        assert!(d.has_errors());
        assert!(text.contains("places.toml:6:12"), "{text}");
        assert!(text.contains("already names another place"), "{text}");
    }

    #[test]
    fn two_places_may_be_spelt_alike_in_two_scripts() {
        let (g, d) = load(
            "[[place]]\nid = \"bar-montenegro\"\nname = \"Bar\"\n\n[[place]]\nid = \"bar-ukraine\"\nname = \"Бар\"\naliases = [\"Bar (Ukraine)\"]\n\n[[place]]\nid = \"stepanakert\"\nname = \"Stepanakert\"\n",
        );
        assert!(!d.has_errors(), "{}", d.render());
        let find = |text: &str| g.place_names.find(text);
        assert_eq!(find("Bar"), Some(0));
        assert_eq!(find("BAR"), Some(0));
        assert_eq!(find("Бар"), Some(1));
        assert_eq!(find("БАР"), Some(1));
        assert_eq!(find("bar-ukraine"), Some(1));
        // Another script still finds a name no other place shares.
        assert_eq!(find("Степанакерт"), Some(2));
        // The same letters in the same script are one name only.
        let (_, d) = load(
            "[[place]]\nid = \"a\"\nname = \"Бар\"\n\n[[place]]\nid = \"b\"\nname = \"БАР\"\n",
        );
        assert!(
            d.render().contains("already names another place"),
            "{}",
            d.render()
        );
        // Spellings in one script that fold alike, and a name that is its id
        // in another script, stay one place's.
        for places in [
            "[[place]]\nid = \"a\"\nname = \"Łódź\"\n\n[[place]]\nid = \"b\"\nname = \"B\"\naliases = [\"Lodz\"]\n",
            "[[place]]\nid = \"kyiv\"\nname = \"Київ\"\n\n[[place]]\nid = \"b\"\nname = \"B\"\naliases = [\"Київ\"]\n",
            "[[place]]\nid = \"gence\"\nname = \"Gəncə\"\n\n[[place]]\nid = \"b\"\nname = \"B\"\naliases = [\"Gəncə\"]\n",
        ] {
            let (_, d) = load(places);
            assert!(
                d.render().contains("already names another place"),
                "{places}: {}",
                d.render()
            );
        }
        // Scripts whose marks are letters are told apart as before.
        let (g, d) = load(
            "[[place]]\nid = \"patna\"\naliases = [\"पटना\"]\n\n[[place]]\nid = \"patan\"\naliases = [\"पाटन\"]\n",
        );
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(g.place_names.find("पटना"), Some(0));
        assert_eq!(g.place_names.find("पाटन"), Some(1));
    }

    #[test]
    fn a_name_given_to_two_places_is_shown_where_each_has_it() {
        let (_, d) = load(
            "[[place]]\nid = \"a\"\nname = \"Kyiv\"\n\n[[place]]\nid = \"b\"\nname = \"Kyiv\"\n",
        );
        let text = d.render();
        assert!(text.contains("already names another place"), "{text}");
        // The second place's name, at its line; the first one's, at its own.
        assert!(text.contains("places.toml:7:8"), "{text}");
        assert!(text.contains("the place `a` has it here"), "{text}");
        assert!(text.contains("3 │ name = \"Kyiv\""), "{text}");
    }

    #[test]
    fn bad_and_duplicate_ids_are_errors() {
        let (_, d) =
            load("[[place]]\nid = \"../etc\"\n[[place]]\nid = \"a\"\n[[place]]\nid = \"a\"\n");
        let text = d.render();
        assert!(text.contains("invalid place id `../etc`"), "{text}");
        assert!(text.contains("duplicate place id `a`"), "{text}");
    }
}
