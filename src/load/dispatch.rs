//! Reads one dispatch file: its front-matter fields, checked, and its body.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::fields::{Fields, near_miss};
use super::frontmatter::{Format, SplitError, split};
use super::node::{Node, Value, parse_toml, parse_yaml};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::When;
use crate::slug::{NAME_MAX, Transliteration, is_valid_slug};

/// The fields the contract knows; anything else goes to `extra`.
pub const KNOWN_FIELDS: &[&str] = &[
    "title", "date", "sides", "places", "topics", "summary", "slug", "draft", "updated", "sources",
    "claims", "extra", "aliases",
];

/// The field of the contract that another tool's front-matter field
/// (Hugo's, Zola's or Jekyll's) stands for, if there is one.
fn other_tools_field(field: &str) -> Option<&'static str> {
    Some(match field.to_ascii_lowercase().as_str() {
        "tags" | "categories" | "keywords" => "topics",
        "description" | "excerpt" | "abstract" => "summary",
        "lastmod" | "last_modified_at" | "modified" | "updated_at" => "updated",
        "publishdate" | "pubdate" => "date",
        _ => return None,
    })
}

/// An alias as the output path it redirects from: `/2020/10/02/old/` and
/// `2020/10/02/old` are `2020/10/02/old/`; `old.html` (or `.htm`) stays a
/// file; a feed's or data file's address is no alias.
pub fn alias_path(alias: &str) -> Result<String, &'static str> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") {
        return Err("an alias is an address of this site, without a host");
    }
    if alias.contains(['?', '#', '\\', '%', '<', '>', '"', '|', '*'])
        || alias.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(
            "an alias is a plain path, without spaces, a query or a fragment, its letters as they are (é, not %C3%A9)",
        );
    }
    let path = alias.trim_matches('/');
    if path.is_empty() {
        return Err("the site's home page cannot be an alias");
    }
    if path.split('/').any(|part| matches!(part, "" | "." | "..")) {
        return Err("an alias has no empty, `.` or `..` part");
    }
    // (An output that is a gh-pages worktree holds its `.git`.)
    if path.split('/').any(|part| part.starts_with('.')) {
        return Err(
            "an alias has no part starting with `.`: hidden files and folders (`.git`, `.well-known`) are not pages of the site",
        );
    }
    // (`/feed.xml/`, with its slash, is a folder as asked.)
    let extension = path
        .rsplit_once('.')
        .filter(|_| !alias.ends_with('/'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => Ok(path.to_string()),
        // Feed readers and scripts do not follow an HTML page's redirect.
        Some("xml" | "rss" | "atom" | "rdf" | "json" | "txt" | "csv") => Err(
            "an alias is a redirect page, in HTML: readers of a feed or data file do not follow one (expected a path ending in / or .html)",
        ),
        // An old `page.php` is a folder: GitHub Pages and others send
        // `/page.php` on to `/page.php/`.
        _ => Ok(format!("{path}/")),
    }
}

/// The quote that `text` starts with, if its line does not close it (a
/// `\"` or, in single quotes, `''` does not close it).
fn unclosed_quote(text: &str) -> Option<char> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let line = text[1..].lines().next().unwrap_or("");
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            c if c == quote => return None,
            _ => {}
        }
    }
    Some(quote)
}

/// What to do about a front-matter that does not parse, from what the
/// parser said: the usual slip (an unquoted `: `, an unquoted string) unless
/// it said otherwise.
fn syntax_help(format: Format, message: &str) -> &'static str {
    let said = |what: &str| message.contains(what);
    match format {
        Format::Yaml if said("tab") => {
            "indent with spaces: YAML takes no tab before a field or a list item"
        }
        Format::Yaml if said("duplicate") => {
            "each field is written once: remove the other one, or join their values"
        }
        Format::Yaml => {
            "quote values that contain `: ` or start with a special character, e.g. title: \"Nagorny-Karabakh : …\""
        }
        Format::Toml if said("date") || said("month") || said("day") || said("time") => {
            "a date is YYYY-MM-DD, with a time if needed: date = 2020-10-28T14:30:00+04:00"
        }
        Format::Toml if said("duplicate") => {
            "each field is written once: remove the other one, or join their values"
        }
        Format::Toml => "strings are quoted in TOML: title = \"…\"",
    }
}

/// A `key:` followed by a tab on the line of `at`: the key and where the tab is.
fn tab_after_key(text: &str, at: usize) -> Option<(&str, usize)> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let colon = line.find(":\t")?;
    let key = line[..colon].trim().trim_start_matches("- ");
    (!key.is_empty() && !key.contains(['"', '\'', '#'])).then_some((key, start + colon + 1))
}

/// A name written in front-matter, with where it was written.
pub type Reference = (String, Range<usize>);

/// A dispatch as written, before its references are resolved.
#[derive(Debug)]
pub struct RawDispatch {
    pub source: SourceFile,
    pub path: PathBuf,
    pub bundle: Option<PathBuf>,
    pub title: String,
    pub when: When,
    pub slug: String,
    pub sides: Vec<Reference>,
    pub places: Vec<Reference>,
    pub topics: Vec<Reference>,
    pub summary: Option<String>,
    pub draft: bool,
    pub updated: Option<When>,
    pub sources: Vec<RawSource>,
    pub claims: Vec<RawClaim>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Other addresses of the dispatch (site paths, `2020/10/02/old/`), each
    /// with where it is written.
    pub aliases: Vec<Reference>,
    /// Where the Markdown body starts in the source; it runs to the end.
    pub body_offset: usize,
}

#[derive(Debug)]
pub struct RawSource {
    pub name: String,
    pub url: Option<String>,
    pub by: Option<Reference>,
    pub archive_url: Option<String>,
}

#[derive(Debug)]
pub struct RawClaim {
    pub by: Reference,
    pub says: String,
    pub denied_by: Vec<Reference>,
}

/// What to do with a file that other tools keep beside their posts and
/// chronicle reads as a dispatch: Hugo's and Zola's section page, a README.
fn not_a_dispatch(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    match name.as_str() {
        "_index.md" => Some(
            "`_index.md` is a section's page for Hugo and Zola; chronicle has no sections and reads \
             every .md file under content/dispatches/ as a dispatch: move it out (a place's, side's \
             or topic's description goes in content/places.toml, sides.toml or topics.toml)",
        ),
        "readme.md" => Some(
            "every .md file under content/dispatches/ is read as a dispatch: move the README \
             out of the folder (to the site's root, beside chronicle.toml)",
        ),
        _ => None,
    }
}

/// Parses a dispatch. `stem` is the file name (or bundle folder) the slug may
/// come from, by the site's `transliteration`.
pub fn parse_dispatch(
    source: SourceFile,
    path: PathBuf,
    bundle: Option<PathBuf>,
    stem: &str,
    transliteration: Transliteration,
) -> (Option<RawDispatch>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let parts = match split(&source.text) {
        Ok(parts) => parts,
        Err(SplitError::Missing) => {
            let first_line = source.text.find('\n').unwrap_or(source.text.len());
            let message = if source.text.trim().is_empty() {
                "empty dispatch file: missing front-matter"
            } else {
                "missing front-matter"
            };
            let help = not_a_dispatch(&path)
                .unwrap_or("a dispatch starts with\n---\ntitle: \"…\"\ndate: 2020-10-28\n---");
            diagnostics.push(
                Diagnostic::error(message)
                    .at(&source, 0..first_line)
                    .with_label("expected the file to start with a `---` line (YAML) or a `+++` line (TOML)")
                    .with_help(help),
            );
            return (None, diagnostics);
        }
        Err(SplitError::Unclosed(open)) => {
            diagnostics.push(
                Diagnostic::error("the front-matter is never closed")
                    .at(&source, open.clone())
                    .with_label(format!(
                        "opened here; expected a closing `{}` line after the fields",
                        &source.text[open]
                    )),
            );
            return (None, diagnostics);
        }
    };
    let matter = &source.text[parts.matter.clone()];
    let parsed = match parts.format {
        Format::Yaml => parse_yaml(matter),
        Format::Toml => parse_toml(matter),
    };
    let doc = match parsed {
        Ok(doc) => doc,
        Err(e) => {
            let language = if parts.format == Format::Yaml {
                "YAML"
            } else {
                "TOML"
            };
            let mut at = parts.matter.start + e.span.start..parts.matter.start + e.span.end;
            let tab = (parts.format == Format::Yaml)
                .then(|| tab_after_key(&source.text, at.start))
                .flatten();
            let (label, help) = match unclosed_quote(&source.text[at.start..]) {
                Some(quote) if parts.format == Format::Yaml => (
                    format!("this `{quote}` is not closed on its line"),
                    "end the value with the quote it starts with, on the same line: title: \"…\" \
                     (a `\"` inside is written `\\\"`)",
                ),
                _ if tab.is_some() => {
                    let (key, tab_at) = tab.expect("a tab");
                    at = tab_at..tab_at + 1;
                    (
                        format!("a tab after `{key}:`"),
                        "write a space after the colon: YAML reads a tab there before some values \
                         and not before others",
                    )
                }
                _ => (e.message.clone(), syntax_help(parts.format, &e.message)),
            };
            diagnostics.push(
                Diagnostic::error(format!("invalid {language} in the front-matter"))
                    .at(&source, at)
                    .with_label(label)
                    .with_help(help),
            );
            return (None, diagnostics);
        }
    };

    let mut doc = doc;
    // An escape such as "\x1b" writes what the file itself could not hold.
    if let Some(span) = doc.replace_forbidden() {
        let at = parts.matter.start + span.start..parts.matter.start + span.end;
        diagnostics.push(
            Diagnostic::warning(super::FORBIDDEN_IN_VALUE)
                .at(&source, at)
                .with_label("replaced by a space")
                .with_help("remove the escape that writes it (such as \\x1b or \\u0007)"),
        );
    }

    let mut fields = Fields::new(&source, parts.matter.start, parts.format);
    fields.diagnostics.extend(diagnostics);
    let opening = 0..3;
    let Some(entries) = fields.table(&doc, "front-matter").map(<[_]>::to_vec) else {
        return (None, fields.diagnostics);
    };
    let mut title = None;
    let mut when = None;
    let mut raw = RawDispatch {
        source: source.clone(),
        path,
        bundle,
        title: String::new(),
        when: When {
            date: chrono::NaiveDate::MIN,
            time: None,
        },
        slug: String::new(),
        sides: Vec::new(),
        places: Vec::new(),
        topics: Vec::new(),
        summary: None,
        draft: false,
        updated: None,
        sources: Vec::new(),
        claims: Vec::new(),
        extra: serde_json::Map::new(),
        aliases: Vec::new(),
        body_offset: parts.body.start,
    };
    let mut slug = None;
    let mut updated_at = None;
    // The fields the contract does not know, for `extra` (where one written
    // in `extra` itself wins).
    let mut loose = Vec::new();
    // Errors in fields a dispatch's address and pages do not hang on.
    let mut side_errors = 0;
    for entry in &entries {
        let errors_before = fields.diagnostics.errors();
        let node = &entry.value;
        // An optional field written without a value (`summary:`) is not there.
        if matches!(node.value, Value::Null)
            && matches!(
                entry.key.as_str(),
                "summary" | "slug" | "updated" | "draft" | "extra"
            )
        {
            continue;
        }
        match entry.key.as_str() {
            "title" => title = fields.text(node, "title"),
            "date" => when = fields.when(node, "date"),
            "sides" => raw.sides = fields.strings(node, "sides"),
            "places" => raw.places = fields.strings(node, "places"),
            "topics" => raw.topics = fields.strings(node, "topics"),
            "summary" => raw.summary = fields.text(node, "summary"),
            "slug" => {
                if let Some(s) = fields.text(node, "slug") {
                    if s.len() > NAME_MAX {
                        fields.error(
                            &node.span,
                            format!("a slug of {} characters", s.len()),
                            format!("expected at most {NAME_MAX}: a file system takes no longer folder name"),
                        );
                    } else if is_valid_slug(&s) {
                        slug = Some(s);
                    } else {
                        fields.error(
                            &node.span,
                            format!("invalid slug `{s}`"),
                            format!(
                                "expected lowercase ASCII letters and digits joined by single hyphens{}",
                                transliteration.slugify(&s).map(|g| format!(", such as \"{g}\"")).unwrap_or_default()
                            ),
                        );
                    }
                }
            }
            "aliases" => {
                for (alias, span) in fields.strings(node, "aliases") {
                    match alias_path(&alias) {
                        Ok(path) => raw.aliases.push((path, span)),
                        Err(why) => fields.diagnostics.push(
                            Diagnostic::error(format!("invalid alias `{alias}`: {why}"))
                                .at(&source, span)
                                .with_label(
                                    "expected a path of this site, such as /2020/10/02/old-slug/",
                                ),
                        ),
                    }
                }
            }
            "draft" => raw.draft = fields.bool(node, "draft").unwrap_or(false),
            "updated" => {
                raw.updated = fields.when(node, "updated");
                updated_at = Some(node.span.clone());
            }
            "sources" => raw.sources = read_sources(&mut fields, node),
            "claims" => raw.claims = read_claims(&mut fields, node),
            "extra" => {
                if let Some(extra) = fields.table(node, "extra") {
                    for e in extra {
                        raw.extra.insert(e.key.clone(), e.value.value.to_json());
                    }
                }
            }
            other => {
                if other.eq_ignore_ascii_case("published") {
                    // Jekyll's `published: false` is our `draft: true`.
                    fields.warn(
                        &entry.key_span,
                        format!(
                            "`{other}` is Jekyll's field; chronicle's is `draft`, the other way \
                             round, and this one is kept for themes in `extra`"
                        ),
                        Some(
                            "write `draft: true` for a dispatch that is not to be published".into(),
                        ),
                    );
                } else if let Some(ours) = other_tools_field(other) {
                    fields.warn(
                        &entry.key_span,
                        format!(
                            "`{other}` is another tool's field (Hugo, Zola or Jekyll); \
                             chronicle calls it `{ours}`, and keeps this one for themes in `extra`"
                        ),
                        Some(format!(
                            "rename it `{ours}`, or write it under `{}` if it is for the theme",
                            match parts.format {
                                Format::Yaml => "extra:",
                                Format::Toml => "[extra]",
                            }
                        )),
                    );
                } else if let Some(known) =
                    KNOWN_FIELDS.iter().find(|k| k.eq_ignore_ascii_case(other))
                {
                    fields.warn(
                        &entry.key_span,
                        format!(
                            "`{other}` is not `{known}`: field names are lower case, so this one \
                             is kept for themes in `extra`"
                        ),
                        Some(format!("write it `{known}`")),
                    );
                } else if let Some(known) = near_miss(other, KNOWN_FIELDS) {
                    fields.warn(
                        &entry.key_span,
                        format!("unknown field `{other}`; it is kept for themes in `extra`"),
                        Some(format!("did you mean `{known}`?")),
                    );
                }
                loose.push((other, &entry.key_span, node.value.to_json()));
            }
        }
        if matches!(
            entry.key.as_str(),
            "aliases" | "sources" | "claims" | "summary" | "updated" | "extra"
        ) {
            side_errors += fields.diagnostics.errors() - errors_before;
        }
    }
    for (key, at, value) in loose {
        if raw.extra.contains_key(key) {
            fields.warn(
                at,
                format!(
                    "`{key}` is written in `extra` too, and the one there is what themes get; \
                     this one is left out"
                ),
                Some("keep one of them".into()),
            );
        } else {
            raw.extra.insert(key.to_string(), value);
        }
    }
    let missing = |fields: &mut Fields, field: &str, example: &str| {
        let mut error = Diagnostic::error(format!("missing `{field}` in the front-matter"))
            .at(&source, opening.clone())
            .with_label(format!("expected a `{field}` field, such as {example}"));
        if let Some(help) = not_a_dispatch(&raw.path) {
            error = error.with_help(help);
        }
        fields.diagnostics.push(error);
    };
    match (title, when) {
        (Some(t), Some(w)) => {
            raw.title = t;
            raw.when = w;
        }
        (t, w) => {
            if t.is_none() && !entries.iter().any(|e| e.key == "title") {
                missing(&mut fields, "title", "`title: \"Poursuite des combats\"`");
            }
            if w.is_none() && !entries.iter().any(|e| e.key == "date") {
                missing(&mut fields, "date", "`date: 2020-10-28`");
            }
        }
    }
    // (A title means the date was read too.)
    let before = |updated: When, date: When| match (updated.time, date.time) {
        (Some(u), Some(d)) => u < d,
        _ => updated.date < date.date,
    };
    if let (Some(updated), Some(at)) = (raw.updated, &updated_at)
        && !raw.title.is_empty()
        && before(updated, raw.when)
    {
        fields.warn(
            at,
            "`updated` is before `date`",
            Some("an update comes after the dispatch: check both dates".into()),
        );
    }
    // A file named by one date and dated another: one of them is a typo.
    if let Some(named) = stem
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        && !raw.title.is_empty()
        && named != raw.when.date
        && let Some(entry) = entries.iter().find(|e| e.key == "date")
    {
        fields.warn(
            &entry.value.span,
            format!(
                "the file name says {named} but `date` says {}",
                raw.when.date
            ),
            Some(format!(
                "the dispatch is filed under its `date`, at /{}/…; correct whichever of the two is wrong",
                raw.when.date.format("%Y/%m/%d")
            )),
        );
    }
    if !raw.title.is_empty() {
        let from_stem = transliteration.slugify(strip_date_prefix(stem));
        match slug
            .or(from_stem)
            .or_else(|| transliteration.title_slug(&raw.title, NAME_MAX))
        {
            Some(s) => raw.slug = s,
            None => fields.diagnostics.push(
                Diagnostic::error("no slug can be made for this dispatch")
                    .at(&source, opening.clone())
                    .with_label(if strip_date_prefix(stem).trim_matches(['-', '_', ' ']).is_empty() {
                        "the file name has nothing after its date, and the title no letter or digit"
                    } else {
                        "neither the file name (after its date) nor the title has a letter or digit"
                    })
                    .with_help("add `slug: some-words` to the front-matter"),
            ),
        }
    }
    // A dispatch whose only errors are in fields its address and pages do
    // not hang on (an alias, a source's url, a claim) is loaded with the
    // others, without what was wrong, so that the same run finds the rest
    // (a broken link in its body, an alias taken by a page); the build
    // fails all the same.
    if fields.diagnostics.errors() > side_errors {
        return (None, fields.diagnostics);
    }
    (Some(raw), fields.diagnostics)
}

/// `2020-10-28-poursuite-des-combats` → `poursuite-des-combats`; a name
/// that is only a date (`2020-10-28`) leaves nothing, and the title gives
/// the slug.
pub fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let is_date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    match b.get(10) {
        _ if !is_date => stem,
        None => "",
        // (`2022-03-02 rapport.md`, as some editors save a title.)
        Some(b'-' | b'_' | b' ') => stem[11..].trim_start(),
        Some(_) => stem,
    }
}

fn read_sources(fields: &mut Fields, node: &Node) -> Vec<RawSource> {
    let Value::List(items) = &node.value else {
        fields.error(
            &node.span,
            "`sources` must be a list",
            "expected a list of tables with `name`, and optionally `url`, `by`, `archive_url`",
        );
        return Vec::new();
    };
    let mut sources = Vec::new();
    for item in items {
        if let Value::Str(name) = &item.value {
            sources.push(RawSource {
                name: name.clone(),
                url: None,
                by: None,
                archive_url: None,
            });
            continue;
        }
        let Value::Map(entries) = &item.value else {
            fields.error(
                &item.span,
                "a source must be a name or a table",
                format!(
                    "expected a name such as \"AFP\", or `name:` with `url:`, `by:` or `archive_url:`, found {}",
                    item.value.describe()
                ),
            );
            continue;
        };
        let mut source = RawSource {
            name: String::new(),
            url: None,
            by: None,
            archive_url: None,
        };
        for e in entries {
            match e.key.as_str() {
                "name" => source.name = fields.text(&e.value, "name").unwrap_or_default(),
                "url" => source.url = url(fields, &e.value, "url"),
                "archive_url" => source.archive_url = url(fields, &e.value, "archive_url"),
                "by" => {
                    source.by = fields
                        .text(&e.value, "by")
                        .map(|b| (b, fields.span(&e.value.span)))
                }
                other => {
                    let help = match near_miss(other, &["name", "url", "by", "archive_url"]) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "a source has `name`, `url`, `by` and `archive_url`".into(),
                    };
                    fields.warn(
                        &e.key_span,
                        format!("unknown field `{other}` in a source; it is ignored"),
                        Some(help),
                    )
                }
            }
        }
        if source.name.is_empty() {
            // A `name` of the wrong type has had its error already.
            if !entries.iter().any(|e| e.key == "name") {
                let example = match fields.format {
                    Format::Toml => "name = \"AFP\"",
                    Format::Yaml => "name: \"AFP\"",
                };
                fields.error(
                    &item.span,
                    "a source without a `name`",
                    format!("expected `name`, such as {example}"),
                );
            }
            continue;
        }
        sources.push(source);
    }
    sources
}

fn url(fields: &mut Fields, node: &Node, field: &str) -> Option<String> {
    let url = fields.text(node, field)?;
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        // As a page may link it (what no URL holds percent-encoded).
        Some(crate::paths::percent_encode(url.trim(), &[]))
    } else {
        fields.error(
            &node.span,
            format!("invalid `{field}` `{url}`"),
            "expected an http:// or https:// address",
        );
        None
    }
}

fn read_claims(fields: &mut Fields, node: &Node) -> Vec<RawClaim> {
    let Value::List(items) = &node.value else {
        fields.error(
            &node.span,
            "`claims` must be a list",
            "expected a list of tables with `by`, `says` and `denied_by`",
        );
        return Vec::new();
    };
    let mut claims = Vec::new();
    for item in items {
        let Value::Map(entries) = &item.value else {
            fields.error(
                &item.span,
                "a claim must be a table",
                format!(
                    "expected `by:` and `says:` (and optionally `denied_by:`), found {}",
                    item.value.describe()
                ),
            );
            continue;
        };
        let mut by = None;
        let mut says = None;
        let mut denied_by = Vec::new();
        let written = |key: &str| entries.iter().any(|e| e.key == key);
        for e in entries {
            match e.key.as_str() {
                "by" => {
                    by = fields
                        .text(&e.value, "by")
                        .map(|b| (b, fields.span(&e.value.span)))
                }
                "says" => says = fields.text(&e.value, "says"),
                "denied_by" => denied_by = fields.strings(&e.value, "denied_by"),
                other => {
                    let help = near_miss(other, &["by", "says", "denied_by"])
                        .map(|k| format!("did you mean `{k}`?"));
                    fields.warn(
                        &e.key_span,
                        format!("unknown field `{other}` in a claim; it is ignored"),
                        help,
                    );
                }
            }
        }
        let (Some(by), Some(says)) = (by, says) else {
            // A `by` or `says` of the wrong type has had its error already.
            let (label, help) = match (written("by"), written("says")) {
                (true, true) => continue,
                (false, false) => (
                    "a claim without `by` and `says`",
                    "expected `by`, the side that makes the claim, and `says`, what it claims",
                ),
                (false, true) => (
                    "a claim without `by`",
                    "expected `by`: the side that makes the claim",
                ),
                (true, false) => (
                    "a claim without `says`",
                    "expected `says`: what the side claims",
                ),
            };
            fields.error(&item.span, label, help);
            continue;
        };
        claims.push(RawClaim {
            by,
            says,
            denied_by,
        });
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RawDispatch, Diagnostics> {
        let (raw, diagnostics) = parse_dispatch(
            SourceFile::new("content/dispatches/2020-10-28-x.md", text),
            PathBuf::from("x.md"),
            None,
            "2020-10-28-poursuite",
            Transliteration::default(),
        );
        match raw {
            Some(raw) if !diagnostics.has_errors() => Ok(raw),
            _ => Err(diagnostics),
        }
    }

    #[test]
    fn a_dispatch_no_slug_can_be_made_for_is_told_what_lacks_one() {
        for (stem, said) in [
            (
                "2022-03-07",
                "the file name has nothing after its date, and the title no letter or digit",
            ),
            (
                "2022-03-07-!!",
                "neither the file name (after its date) nor the title has a letter or digit",
            ),
        ] {
            let (raw, diagnostics) = parse_dispatch(
                SourceFile::new(
                    "content/dispatches/x.md",
                    "---\ntitle: \"?!…—\"\ndate: 2022-03-07\n---\n",
                ),
                PathBuf::from("x.md"),
                None,
                stem,
                Transliteration::default(),
            );
            assert!(raw.is_none());
            let text = diagnostics.render();
            assert!(
                text.contains("no slug can be made") && text.contains(said),
                "{text}"
            );
        }
    }

    #[test]
    fn a_field_also_written_in_extra_is_said_and_extra_s_kept() {
        let (raw, diagnostics) = parse_dispatch(
            SourceFile::new(
                "content/dispatches/2020-10-28-x.md",
                "---\ntitle: T\ndate: 2020-10-28\nmood: grim\nextra: {mood: calm, n: 3}\n---\n",
            ),
            PathBuf::from("x.md"),
            None,
            "2020-10-28-x",
            Transliteration::default(),
        );
        let raw = raw.unwrap();
        assert_eq!(raw.extra["mood"], "calm");
        assert_eq!(raw.extra["n"], 3);
        let text = diagnostics.render();
        assert!(
            text.contains("`mood` is written in `extra` too")
                && text.contains("2020-10-28-x.md:4:1"),
            "{text}"
        );
    }

    #[test]
    fn a_full_yaml_dispatch_is_read() {
        let raw = parse(
            "---\ntitle: \"Nagorny-Karabakh : suite\"\ndate: 2020-10-28\nplaces: [Hadrout]\nsides: [azerbaijan, armenia]\nsources:\n  - name: AFP\n    by: azerbaijan\nclaims:\n  - by: azerbaijan\n    says: \"20 civils tués\"\n    denied_by: [armenia]\nmood: grim\n---\nBody\n",
        )
        .unwrap();
        assert_eq!(raw.title, "Nagorny-Karabakh : suite");
        assert_eq!(raw.slug, "poursuite");
        assert_eq!(raw.places[0].0, "Hadrout");
        assert_eq!(raw.sources[0].by.as_ref().unwrap().0, "azerbaijan");
        assert_eq!(raw.claims[0].denied_by[0].0, "armenia");
        assert_eq!(raw.extra["mood"], "grim");
        assert_eq!(&raw.source.text[raw.body_offset..], "Body\n");
    }

    #[test]
    fn a_dispatch_without_a_date_is_an_error_naming_the_line() {
        let err = parse("---\ntitle: A\n---\n").unwrap_err();
        let text = err.render();
        assert!(text.contains("missing `date`"), "{text}");
        assert!(text.contains("x.md:1:1"), "{text}");
    }

    #[test]
    fn a_wrong_type_is_reported_at_its_value() {
        let err =
            parse("---\ntitle: A\ndate: 2020-10-28\nplaces: {a: 1}\ndraft: yes please\n---\n")
                .unwrap_err();
        let text = err.render();
        assert!(text.contains("x.md:4:9"), "{text}");
        assert!(
            text.contains("expected a list of strings, found a table"),
            "{text}"
        );
        assert!(text.contains("x.md:5:8"), "{text}");
    }

    #[test]
    fn a_bad_claim_or_source_is_one_error_at_the_item_or_its_value() {
        let claims = "---\ntitle: A\ndate: 2020-10-28\nclaims:\n";
        let sources = "---\ntitle: A\ndate: 2020-10-28\nsources:\n";
        for (matter, item, said, at) in [
            (
                claims,
                "  - by: [armenia]\n    says: x\n",
                "`by` must be a string",
                "5:9",
            ),
            (
                claims,
                "  - by: armenia\n    says: [x]\n",
                "`says` must be a string",
                "6:11",
            ),
            (
                claims,
                "  - by: armenia\n    says: \"\"\n",
                "`says` is empty",
                "6:11",
            ),
            (claims, "  - says: x\n", "a claim without `by`", "5:5"),
            (claims, "  - by: armenia\n", "a claim without `says`", "5:5"),
            (claims, "  - {}\n", "a claim without `by` and `says`", "5:5"),
            (claims, "  - \"x\"\n", "a claim must be a table", "5:5"),
            (
                sources,
                "  - name: [AFP]\n",
                "`name` must be a string",
                "5:11",
            ),
            (
                sources,
                "  - url: https://a.org/\n",
                "a source without a `name`",
                "5:5",
            ),
            (
                sources,
                "  - [AFP]\n",
                "a source must be a name or a table",
                "5:5",
            ),
        ] {
            let err = parse(&format!("{matter}{item}---\n")).unwrap_err();
            let text = err.render();
            assert_eq!(err.errors(), 1, "{item:?}: {text}");
            assert!(text.contains(said), "{item:?}: {text}");
            assert!(text.contains(&format!("x.md:{at}")), "{item:?}: {text}");
        }
        // The dispatch is still loaded, for the rest of the build to check,
        // without what was wrong; one with a bad date is not.
        let bad_url = format!("{sources}  - name: AFP\n    url: afp.com\n---\n");
        let (raw, diagnostics) = parse_dispatch(
            SourceFile::new("x.md", bad_url),
            PathBuf::from("x.md"),
            None,
            "x",
            Transliteration::default(),
        );
        assert_eq!(diagnostics.errors(), 1);
        let raw = raw.expect("loaded for the checks");
        assert_eq!(raw.sources.len(), 1);
        assert_eq!(raw.sources[0].url, None);
        let (raw, _) = parse_dispatch(
            SourceFile::new("x.md", "---\ntitle: A\ndate: 2020-13-01\n---\n"),
            PathBuf::from("x.md"),
            None,
            "x",
            Transliteration::default(),
        );
        assert!(raw.is_none());
        // The item is underlined to its last character, not into the next line.
        let err = parse(&format!("{claims}  - says: x\n---\n")).unwrap_err();
        assert!(!err.render().contains("---"), "{}", err.render());
    }

    #[test]
    fn a_field_written_in_capitals_is_named_with_its_lower_case_name() {
        let err = parse("---\nTitle: A\ndate: 2020-10-28\n---\n").unwrap_err();
        let text = err.render();
        assert!(text.contains("`Title` is not `title`"), "{text}");
        assert!(text.contains("x.md:2:1"), "{text}");
        assert!(text.contains("missing `title`"), "{text}");
    }

    #[test]
    fn a_slug_that_is_not_a_slug_is_an_error_never_a_path() {
        let err = parse("---\ntitle: A\ndate: 2020-10-28\nslug: ../../etc\n---\n").unwrap_err();
        assert!(err.render().contains("invalid slug `../../etc`"));
    }

    #[test]
    fn toml_front_matter_with_native_dates_works() {
        let raw = parse("+++\ntitle = \"A\"\ndate = 2020-10-10T00:30:00+04:00\n+++\nB").unwrap();
        assert_eq!(raw.when.date.to_string(), "2020-10-10");
    }

    #[test]
    fn the_date_prefix_of_a_file_name_is_not_part_of_the_slug() {
        assert_eq!(strip_date_prefix("2020-10-28-poursuite"), "poursuite");
        assert_eq!(strip_date_prefix("poursuite"), "poursuite");
        assert_eq!(strip_date_prefix("2020-10-28"), "");
        assert_eq!(strip_date_prefix("2020-10-28-"), "");
        assert_eq!(strip_date_prefix("2020-10-28x"), "2020-10-28x");
        assert_eq!(
            strip_date_prefix("2022-03-02 my #1 report?"),
            "my #1 report?"
        );
    }

    #[test]
    fn an_alias_is_a_folder_or_an_html_file_never_a_feed() {
        assert_eq!(alias_path("/2020/10/02/old").unwrap(), "2020/10/02/old/");
        assert_eq!(alias_path("old.html").unwrap(), "old.html");
        assert_eq!(alias_path("/old.HTM").unwrap(), "old.HTM");
        assert_eq!(alias_path("/index.php").unwrap(), "index.php/");
        assert_eq!(alias_path("/feed.xml/").unwrap(), "feed.xml/");
        for feed in ["/feed.xml", "rss.RSS", "/data/all.json", "/notes.txt"] {
            let why = alias_path(feed).unwrap_err();
            assert!(why.contains("redirect page, in HTML"), "{feed}: {why}");
        }
    }

    #[test]
    fn a_source_url_is_encoded_as_a_link_needs_it() {
        assert_eq!(
            crate::paths::percent_encode(
                "https://example.com/some report|v2.pdf?q=\"a\"&x=%C3%A9#p",
                &[]
            ),
            "https://example.com/some%20report%7Cv2.pdf?q=%22a%22&x=%C3%A9#p"
        );
        assert_eq!(
            crate::paths::percent_encode("https://uk.wikipedia.org/wiki/Київ", &[]),
            "https://uk.wikipedia.org/wiki/Київ"
        );
    }
}
