//! Reads `chronicle.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::{BuildSettings, Config, RawHtml, SanitizeRules};

/// The file name of a site's config.
pub const CONFIG_FILE: &str = "chronicle.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    theme: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    build: RawBuild,
    /// The theme's own settings, as Zola's `[extra]` (Hugo's `[params]`).
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBuild {
    #[serde(default = "default_per_page")]
    per_page: usize,
    output_dir: Option<PathBuf>,
    #[serde(default = "default_true")]
    link_places: bool,
    #[serde(default = "default_raw_html")]
    raw_html: String,
    #[serde(default)]
    sanitize: SanitizeRules,
    #[serde(default = "default_per_page")]
    feed_limit: usize,
}

impl Default for RawBuild {
    fn default() -> Self {
        RawBuild {
            per_page: default_per_page(),
            output_dir: None,
            link_places: true,
            raw_html: default_raw_html(),
            sanitize: SanitizeRules::default(),
            feed_limit: default_per_page(),
        }
    }
}

fn default_language() -> String {
    "en".into()
}
fn default_per_page() -> usize {
    20
}
fn default_true() -> bool {
    true
}
fn default_raw_html() -> String {
    "sanitize".into()
}

/// Reads and checks the config of the site at `root`: every problem found,
/// and the config when every value has its type. Then a wrong value has its
/// default in it, so that the content can be read for more problems.
pub fn load_config(root: &Path) -> (Option<Config>, Vec<Diagnostic>) {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            let error = Diagnostic::error(format!("cannot read {}: {e}", path.display())).with_help(
                "run chronicle in a chronicle's folder, or pass --root DIR (`chronicle init` makes a new one)",
            );
            return (None, vec![error]);
        }
    };
    let file = SourceFile::new(CONFIG_FILE, crate::load::lone_cr_to_lf(text));
    match toml::from_str::<RawConfig>(&file.text) {
        Ok(raw) => {
            let (config, errors) = check_values(file, raw);
            (Some(config), errors)
        }
        Err(e) => (None, type_errors(&file, e)),
    }
}

/// Parses the text of a config file: the config, or every problem found
/// (a syntax error is said alone, as what follows it may be misread; the
/// checks of the values come once every value has its type).
pub fn parse_config(file: SourceFile) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = toml::from_str(&file.text).map_err(|e| type_errors(&file, e))?;
    match check_values(file, raw) {
        (config, errors) if errors.is_empty() => Ok(config),
        (_, errors) => Err(errors),
    }
}

/// The config of values that have their types, and what is wrong with them:
/// a wrong value is said, and its default taken in its place.
fn check_values(file: SourceFile, raw: RawConfig) -> (Config, Vec<Diagnostic>) {
    let at_key = |key: &str| key_span(&file.text, key);
    let at_value = |key: &str| value_span(&file.text, key);
    let mut errors = Vec::new();
    let mut language = raw.language;
    if !is_language_tag(&language) {
        let mut error = Diagnostic::error(format!("invalid language `{language}`"))
            .at(&file, at_value("language"))
            .with_label("expected a language tag such as \"fr\", \"en\" or \"fr-CA\"");
        if language.contains('_') {
            error = error.with_help("a region follows a hyphen, not an underscore: en-US, fr-CA");
        }
        errors.push(error);
        language = default_language();
    }
    let raw_html = match raw.build.raw_html.as_str() {
        "allow" => RawHtml::Allow,
        "escape" => RawHtml::Escape,
        "sanitize" => RawHtml::Sanitize,
        other => {
            errors.push(
                Diagnostic::error(format!("unknown raw_html policy `{other}`"))
                    .at(&file, at_value("raw_html"))
                    .with_label("expected \"allow\", \"escape\" or \"sanitize\""),
            );
            RawHtml::Sanitize
        }
    };
    // The sanitizer removes these with their content; allowing them is `raw_html = "allow"`.
    if let Some(tag) = raw
        .build
        .sanitize
        .tags
        .iter()
        .find(|t| matches!(t.to_ascii_lowercase().as_str(), "script" | "style"))
    {
        errors.push(
            Diagnostic::error(format!("[build.sanitize] cannot allow <{tag}>"))
                .at(&file, at_key("tags"))
                .with_label("scripts and styles are never kept by the sanitizer")
                .with_help("to keep every raw HTML tag as written, set raw_html = \"allow\""),
        );
    }
    // Nor event handlers, nor a frame's page written in an attribute: they run scripts.
    for (tag, attributes) in &raw.build.sanitize.attributes {
        for attribute in attributes {
            let lower = attribute.to_ascii_lowercase();
            if !(lower.starts_with("on") || lower == "srcdoc") {
                continue;
            }
            let quoted = format!("\"{attribute}\"");
            let at = file
                .text
                .find(&quoted)
                .map_or_else(|| at_key("attributes"), |at| at..at + quoted.len());
            errors.push(
                Diagnostic::error(format!(
                    "[build.sanitize] cannot allow the attribute `{attribute}` on <{tag}>"
                ))
                .at(&file, at)
                .with_label(match lower == "srcdoc" {
                    true => "a frame's srcdoc is a page of its own, scripts included: never kept",
                    false => "event handlers run scripts: the sanitizer never keeps them",
                })
                .with_help("to keep every raw HTML tag as written, set raw_html = \"allow\""),
            );
        }
    }
    let mut per_page = raw.build.per_page;
    if per_page == 0 {
        per_page = default_per_page();
        errors.push(
            Diagnostic::error("per_page must be at least 1")
                .at(&file, at_value("per_page"))
                .with_label("expected a number of dispatches per page, such as 20"),
        );
    }
    let mut feed_limit = raw.build.feed_limit;
    if feed_limit == 0 {
        feed_limit = default_per_page();
        errors.push(
            Diagnostic::error("feed_limit must be at least 1")
                .at(&file, at_value("feed_limit"))
                .with_label("expected a number of entries per Atom feed, such as 20"),
        );
    }
    let base_url = normalize_base_url(&raw.base_url).unwrap_or_else(|| {
        errors.push(
            Diagnostic::error(format!("invalid base_url `{}`", raw.base_url))
                .at(&file, at_value("base_url"))
                .with_label(
                    "expected an absolute http(s) URL with no empty segment (`//`), such as \"https://user.github.io/repo/\"",
                ),
        );
        // For looking for more problems: the address with the path written
        // (links to `/repo/…` are checked under it), or any.
        let written = raw.base_url.trim();
        let after_scheme = written.split_once("://").map_or(written, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
        normalize_base_url(&format!("https://example.org{path}"))
            .unwrap_or_else(|| "https://example.org/".into())
    });
    let mut theme = raw.theme;
    // (The default theme in its place.)
    if let Some(name) = theme.take_if(|name| !crate::slug::is_valid_slug(name)) {
        errors.push(
            Diagnostic::error(format!("invalid theme name `{name}`"))
                .at(&file, at_value("theme"))
                .with_label("expected the name of a folder in themes/, such as \"default\""),
        );
    }
    let config = Config {
        title: raw.title,
        base_url,
        language,
        theme,
        description: raw.description,
        author: raw.author,
        build: BuildSettings {
            per_page,
            output_dir: raw.build.output_dir,
            link_places: raw.build.link_places,
            raw_html,
            sanitize: raw.build.sanitize,
            feed_limit,
        },
        extra: toml_to_json(toml::Value::Table(raw.extra)),
        source: Some(file),
    };
    (config, errors)
}

/// The errors of a config file that serde stops at, from `first`: the file
/// is read again with the lines of each error found blanked out (as many
/// bytes, so that the spans still point into the file), until no other is
/// found, and then the values left are checked. A syntax error is the only
/// one said: what follows it may be misread.
fn type_errors(file: &SourceFile, first: toml::de::Error) -> Vec<Diagnostic> {
    const AT_MOST: usize = 20;
    let said = |e: &toml::de::Error| {
        let error = Diagnostic::error(format!("invalid {CONFIG_FILE}"))
            .at(file, e.span().unwrap_or(0..0))
            .with_label(readable_type_error(e.message().trim()));
        match unknown_key_help(e.message()) {
            Some(help) => error.with_help(help),
            None => error,
        }
    };
    let mut errors = vec![said(&first)];
    if file.text.parse::<toml::Table>().is_err() {
        return errors;
    }
    let mut text = file.text.as_bytes().to_vec();
    let mut blanked_keys = Vec::new();
    let mut header_blanked = false;
    let mut error = first;
    while errors.len() < AT_MOST {
        let Some(span) = error.span().filter(|s| s.end <= text.len()) else {
            break;
        };
        let start = text[..span.start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let mut end = text[span.end..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| span.end + i);
        let line = String::from_utf8_lossy(&text[start..end]).into_owned();
        // An unknown table goes with its keys, which would otherwise be read
        // as the table's before it (and said unknown there).
        if line
            .trim_start_matches(crate::diagnostic::BOM)
            .trim_start()
            .starts_with('[')
        {
            let mut at = end;
            while at < text.len() {
                let next = text[at + 1..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(text.len(), |i| at + 1 + i);
                let following = String::from_utf8_lossy(&text[(at + 1).min(next)..next]);
                if following.trim_start().starts_with('[') {
                    break;
                }
                end = next;
                at = next;
            }
        }
        // (Without its header, a table's keys would be read as the one's
        // before it: their values are then not checked.)
        header_blanked |= line
            .trim_start_matches(crate::diagnostic::BOM)
            .trim_start()
            .starts_with('[');
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim_start_matches(crate::diagnostic::BOM).trim();
            blanked_keys.push(key.trim_matches('"').to_string());
        }
        text[start..end]
            .iter_mut()
            .filter(|b| **b != b'\n')
            .for_each(|b| *b = b' ');
        // Only ASCII bytes were written over, from one line's start to another's end.
        // (Blanking a line may cut a value that goes on past it: then stop.)
        let Ok(again) = std::str::from_utf8(&text) else {
            break;
        };
        if again.parse::<toml::Table>().is_err() {
            break;
        }
        let next = match toml::from_str::<RawConfig>(again) {
            Err(next) => next,
            // What is left has its types: its values are checked too.
            Ok(raw) => {
                if !header_blanked {
                    errors.extend(check_values(file.clone(), raw).1);
                }
                break;
            }
        };
        // A required field that was blanked out is not another problem.
        let missing = next
            .message()
            .strip_prefix("missing field `")
            .and_then(|m| m.split('`').next());
        if missing.is_some_and(|key| blanked_keys.iter().any(|k| k == key))
            || next.span() == Some(span)
        {
            break;
        }
        errors.push(said(&next));
        error = next;
    }
    errors.sort_by_key(|e| e.location.as_ref().map(|l| l.1.start));
    errors
}

/// A TOML value as templates take it: a date-time as written in TOML.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        toml::Value::String(text) => Json::String(text),
        toml::Value::Integer(n) => Json::from(n),
        toml::Value::Float(x) => Json::from(x),
        toml::Value::Boolean(b) => Json::Bool(b),
        toml::Value::Datetime(when) => Json::String(when.to_string()),
        toml::Value::Array(items) => Json::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Json::Object(
            table
                .into_iter()
                .map(|(key, value)| (key, toml_to_json(value)))
                .collect(),
        ),
    }
}

/// The keys at the top of chronicle.toml, as [`RawConfig`] names them (a
/// test keeps the two the same).
const TOP_KEYS: [&str; 8] = [
    "title",
    "base_url",
    "language",
    "theme",
    "description",
    "author",
    "build",
    "extra",
];

/// The keys of `[build]`, as [`RawBuild`] names them (a test keeps the two
/// the same).
const BUILD_KEYS: [&str; 6] = [
    "per_page",
    "output_dir",
    "link_places",
    "raw_html",
    "sanitize",
    "feed_limit",
];

/// What an unknown key likely means: another tool's name for one of ours
/// (Hugo's `baseURL`, Zola's `paginate_by`), or one of `[build]`'s written
/// at the top.
fn unknown_key_help(message: &str) -> Option<String> {
    let key = message.strip_prefix("unknown field `")?.split('`').next()?;
    let at_top = message.contains("`base_url`");
    let ours = match key.to_ascii_lowercase().replace('-', "_").as_str() {
        "baseurl" | "url" => "base_url",
        "languagecode" | "defaultcontentlanguage" | "lang" | "locale" => "language",
        "paginate" | "pagination" | "paginate_by" | "pagersize" => "[build] per_page",
        "publishdir" | "publish_dir" | "destination" | "output" | "output_directory" => {
            "[build] output_dir"
        }
        "params" => "[extra] (the theme's own settings)",
        key if at_top && BUILD_KEYS.contains(&key) => {
            return Some(format!(
                "`{key}` is a setting of [build]: write it under a [build] line"
            ));
        }
        key if !at_top && TOP_KEYS.contains(&key) => {
            return Some(format!(
                "`{key}` is a setting of the top of the file: write it above the [build] line \
                 (a key under a [table] line belongs to that table)"
            ));
        }
        key => {
            let known: &[&str] = if at_top { &TOP_KEYS } else { &BUILD_KEYS };
            let near = crate::load::near_miss(key, known)?;
            return Some(format!("did you mean `{near}`?"));
        }
    };
    Some(format!("chronicle calls it `{ours}`"))
}

/// A TOML type error in words: "expected usize" is "expected a whole number".
fn readable_type_error(message: &str) -> String {
    message
        .replace(
            "expected usize",
            "expected a whole number, such as 20 (without quotes)",
        )
        .replace(
            "expected a boolean",
            "expected true or false (without quotes)",
        )
}

/// Where a key is set in a TOML file: the first line that starts with it
/// (not a comment that names it), else the first place that names it.
pub fn key_span(text: &str, key: &str) -> std::ops::Range<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if let Some(rest) = line[indent..].strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return at + indent..at + indent + key.len();
        }
        at += line.len();
    }
    // Set some other way (`build.raw_html = …`, an inline table): where it is named.
    text.find(key)
        .map_or(0..0, |start| start..start + key.len())
}

/// Where the value of `key = value` is written, its quotes included (the
/// key's span if it is not written so).
fn value_span(text: &str, key: &str) -> std::ops::Range<usize> {
    let key_at = key_span(text, key);
    let line_end = text[key_at.end..]
        .find('\n')
        .map_or(text.len(), |at| key_at.end + at);
    let Some(equals) = text[key_at.end..line_end].find('=') else {
        return key_at;
    };
    let rest = &text[key_at.end + equals + 1..line_end];
    let start = key_at.end + equals + 1 + (rest.len() - rest.trim_start().len());
    let value = &text[start..line_end];
    let len = match value.strip_prefix('"') {
        Some(inside) => inside.find('"').map_or(value.len(), |at| at + 2),
        None => value.find('#').unwrap_or(value.len()),
    };
    let end = start + value[..len].trim_end().len();
    if end == start { key_at } else { start..end }
}

/// A language tag's primary subtag, as written: `fr` for `fr-CA` (and for
/// `fr_CA`, as locales write it). The one place tags are cut.
pub fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or_default()
}

/// Whether a language is written as a language tag (BCP 47): a language of
/// 2, 3 or 5 to 8 letters, then subtags of 1 to 8 letters or digits, each
/// after a hyphen (`fr`, `fr-CA`, `sr-Latn-RS`, `hy`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    // (BCP 47 keeps primary subtags of 5 to 8 letters for languages it
    // never registered: `english` is no language, and browsers and
    // validators reject it.)
    matches!(primary.len(), 2 | 3)
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Why a site's folder, as `--root` gives it, cannot be one; `None` when it
/// is a folder (whether it holds a chronicle is the config's to say).
pub fn root_problem(root: &Path) -> Option<String> {
    let problem = match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => return None,
        Ok(_) => format!("{} is not a folder", root.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("there is no folder {}", root.display())
        }
        Err(e) => format!("cannot open the folder {}: {e}", root.display()),
    };
    Some(format!(
        "{problem}: give --root the folder that holds {CONFIG_FILE}"
    ))
}

/// A base URL given on the command line (`--base-url`), checked and ending with `/`.
pub fn base_url_option(url: &str) -> Result<String, Diagnostic> {
    normalize_base_url(url).ok_or_else(|| {
        Diagnostic::error(format!("invalid --base-url `{url}`"))
            .with_help("expected an absolute http(s) URL with no empty segment (`//`), such as https://user.github.io/repo/")
    })
}

/// Checks a base URL and makes it end with `/`.
pub fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    // (An empty segment, `/repo//`, would be in every link of the site.)
    if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>']) || rest.contains("//") {
        return None;
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    /// The keys a `[build]` table accepts are those its help lists.
    #[test]
    fn the_build_keys_are_raw_builds_fields() {
        let Err(error) = toml::from_str::<super::RawBuild>("zzz = 1\n") else {
            panic!("an unknown key was accepted");
        };
        let message = error.message().to_string();
        let expected = message.split("expected one of ").nth(1).unwrap_or_default();
        let fields: Vec<&str> = expected
            .split(", ")
            .map(|field| field.trim().trim_matches('`'))
            .collect();
        assert_eq!(fields, super::BUILD_KEYS, "{message}");
    }

    /// The keys at the top of the file are those its help lists.
    #[test]
    fn the_top_keys_are_raw_configs_fields() {
        let Err(error) = toml::from_str::<super::RawConfig>("zzz = 1\n") else {
            panic!("an unknown key was accepted");
        };
        let message = error.message().to_string();
        let expected = message.split("expected one of ").nth(1).unwrap_or_default();
        let fields: Vec<&str> = expected
            .split(", ")
            .map(|field| field.trim().trim_matches('`'))
            .collect();
        assert_eq!(fields, super::TOP_KEYS, "{message}");
    }

    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        parse_config(SourceFile::new(CONFIG_FILE, text)).map_err(|mut all| all.remove(0))
    }

    #[test]
    fn every_type_error_is_said_at_its_value_not_only_the_first() {
        let text = "title = \"T\"\nbase_url = \"https://example.org\"\n\n[build]\nper_page = \"abc\"\nlink_places = 3\nraw_html = [\n  \"allow\",\n]\n";
        let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        let at: Vec<(usize, String)> = errors
            .iter()
            .map(|e| {
                let span = e.location.as_ref().expect("a place in the file").1.clone();
                (text[..span.start].lines().count(), text[span].to_string())
            })
            .collect();
        assert_eq!(
            at,
            [
                (5, "\"abc\"".to_string()),
                (6, "3".to_string()),
                (7, "[\n  \"allow\",\n]".to_string())
            ],
            "{errors:?}"
        );
        // A syntax error is said alone.
        let errors =
            parse_config(SourceFile::new(CONFIG_FILE, "title = \"T\nper_page = x\n")).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        // A line whose value goes on past it: the rest is not misread.
        let text = "title = \"T\"\nbase_url = \"https://example.org\"\n[build.sanitize]\ntags = [\"a\",\n  3]\n";
        let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn a_primary_subtag_is_cut_at_a_hyphen_or_an_underscore() {
        for (tag, primary) in [
            ("fr", "fr"),
            ("fr-CA", "fr"),
            ("uk_UA", "uk"),
            ("sr-Latn-RS", "sr"),
            ("", ""),
        ] {
            assert_eq!(primary_subtag(tag), primary, "{tag}");
        }
        assert_eq!(
            crate::slug::Transliteration::for_language("uk_UA"),
            crate::slug::Transliteration::for_language("uk")
        );
    }

    #[test]
    fn another_tools_key_is_given_ours() {
        for (line, help) in [
            (
                "baseURL = \"https://e.org/\"",
                "chronicle calls it `base_url`",
            ),
            ("paginate = 10", "chronicle calls it `[build] per_page`"),
            ("per_page = 10", "`per_page` is a setting of [build]"),
        ] {
            let text = format!("title = \"T\"\nbase_url = \"https://e.org/\"\n{line}\n");
            let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
            let said = errors[0].render();
            assert!(
                said.contains(help) && said.contains("chronicle.toml:3:1"),
                "{said}"
            );
        }
    }

    /// An unknown table's keys are not read as the table's before it.
    #[test]
    fn an_unknown_table_is_said_alone() {
        let text = "title = \"T\"\nbase_url = \"https://e.org/\"\n[seo]\nlanguage = \"fr_FR\"\n";
        let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        let said: Vec<String> = errors.iter().map(|e| e.render()).collect();
        assert_eq!(errors.len(), 1, "{said:#?}");
        assert!(said[0].contains("unknown field `seo`"), "{said:#?}");
    }

    #[test]
    fn an_unknown_table_after_build_is_said_alone_with_its_keys() {
        let text = "title = \"T\"\nbase_url = \"https://e.org/\"\n[build]\nper_page = 3\n\n[params]\ntwitter = \"x\"\nmore = 1\n";
        let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        let said: Vec<String> = errors.iter().map(|e| e.render()).collect();
        assert_eq!(errors.len(), 1, "{said:#?}");
        assert!(said[0].contains("chronicle calls it `[extra]"), "{said:#?}");
    }

    #[test]
    fn a_misspelt_or_misplaced_key_is_said_with_what_was_meant() {
        let text = "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguge = \"fr\"\n[build]\nper_pag = 3\ntheme = \"mine\"\n";
        let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        let said: Vec<String> = errors.iter().map(|e| e.render()).collect();
        assert_eq!(errors.len(), 3, "{said:#?}");
        assert!(said[0].contains("did you mean `language`?"), "{}", said[0]);
        assert!(said[1].contains("did you mean `per_page`?"), "{}", said[1]);
        assert!(
            said[2].contains("write it above the [build] line"),
            "{}",
            said[2]
        );
    }

    #[test]
    fn extra_holds_the_theme_s_own_settings() {
        let config = parse(
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[extra]\ntwitter = \"@desk\"\nsince = 2020-09-27\nmenu = [{ name = \"About\", url = \"/about/\" }]\n",
        )
        .unwrap();
        assert_eq!(config.extra["twitter"], "@desk");
        assert_eq!(config.extra["since"], "2020-09-27");
        assert_eq!(config.extra["menu"][0]["url"], "/about/");
    }

    #[test]
    fn a_byte_order_mark_adds_no_error() {
        let text = "\u{feff}title = 5\nbase_url = \"https://example.org/\"\n";
        let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        assert_eq!(
            errors.len(),
            1,
            "{:?}",
            errors.iter().map(|e| e.render()).collect::<Vec<_>>()
        );
        assert!(errors[0].render().contains("chronicle.toml:1:9"));
    }

    #[test]
    fn a_minimal_config_gets_the_defaults() {
        let config = parse("title = \"T\"\nbase_url = \"https://example.org\"\n").unwrap();
        assert_eq!(config.base_url, "https://example.org/");
        assert_eq!(config.build.per_page, 20);
        assert_eq!(config.build.raw_html, RawHtml::Sanitize);
        assert!(config.build.link_places);
    }

    #[test]
    fn a_language_must_be_a_language_tag_and_is_reported_where_it_is_set() {
        for good in ["fr", "en", "fr-CA", "sr-Latn-RS", "hy", "ckb", "uk"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "f",
            "en_US",
            "fr_FR",
            "x y",
            "français",
            "fr-",
            "-fr",
            "1a",
            "fr-toolongsubtag",
            "english",
            "french-CA",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        let err = parse(
            "# the language of the site: language = \"fr\"\ntitle = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"en_US\"\n",
        )
        .unwrap_err();
        let text = err.render();
        assert!(text.contains("chronicle.toml:4:12"), "{text}");
        assert!(text.contains("invalid language `en_US`"), "{text}");
        assert!(text.contains("en-US"), "{text}");
    }

    #[test]
    fn every_wrong_setting_is_reported_at_once() {
        let all = parse_config(SourceFile::new(
            CONFIG_FILE,
            "title = \"T\"\nbase_url = \"x\"\nlanguage = \"fr_FR\"\n[build]\nraw_html = \"yes\"\nper_page = 0\nfeed_limit = 0\n",
        ))
        .err()
        .unwrap();
        let text: Vec<String> = all.iter().map(Diagnostic::render).collect();
        let text = text.join("\n");
        for expected in [
            "invalid language `fr_FR`",
            "chronicle.toml:3:12",
            "unknown raw_html policy `yes`",
            "chronicle.toml:5:12",
            "per_page must be at least 1",
            "chronicle.toml:6:1",
            "feed_limit must be at least 1",
            "chronicle.toml:7:1",
            "invalid base_url `x`",
            "chronicle.toml:2:1",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
        let err = parse(
            "title = \"T\"\nbase_url = \"https://example.org/\"\n[build]\nper_page = \"20\"\n",
        )
        .unwrap_err()
        .render();
        assert!(err.contains("chronicle.toml:4:12"), "{err}");
        assert!(
            err.contains("expected a whole number, such as 20 (without quotes)"),
            "{err}"
        );
    }

    #[test]
    fn a_feed_limit_of_0_is_an_error_where_it_is_set_and_1_is_taken() {
        let err = parse(
            "title = \"T\"\nbase_url = \"https://example.org/\"\n\n[build]\n  feed_limit = 0\n",
        )
        .unwrap_err()
        .render();
        assert!(err.contains("feed_limit must be at least 1"), "{err}");
        assert!(err.contains("chronicle.toml:5:16"), "{err}");
        assert!(err.contains("entries per Atom feed"), "{err}");
        let config =
            parse("title = \"T\"\nbase_url = \"https://example.org/\"\n[build]\nfeed_limit = 1\n")
                .unwrap();
        assert_eq!(config.build.feed_limit, 1);
    }

    #[test]
    fn a_misspelled_key_is_an_error_naming_the_line() {
        let err = parse("title = \"T\"\nbase_url = \"https://example.org/\"\ntitel = \"x\"\n")
            .unwrap_err();
        let text = err.render();
        assert!(text.contains("chronicle.toml:3:1"), "{text}");
        assert!(text.contains("unknown field `titel`"), "{text}");
    }

    /// An unknown key does not hide what is wrong with the values of the
    /// others, nor a wrong type: one build says it all.
    #[test]
    fn an_unknown_key_does_not_hide_a_bad_value() {
        let text = "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr_FR\"\n\
                    [build]\nper_pgae = 3\nper_page = 0\nlink_places = 3\n";
        let errors = parse_config(SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        let said: Vec<String> = errors.iter().map(|e| e.render()).collect();
        assert_eq!(errors.len(), 4, "{said:#?}");
        for (message, at) in [
            ("invalid language `fr_FR`", "chronicle.toml:3:1"),
            ("unknown field `per_pgae`", "chronicle.toml:5:1"),
            ("per_page must be at least 1", "chronicle.toml:6:1"),
            ("expected true or false", "chronicle.toml:7:15"),
        ] {
            assert!(
                said.iter().any(|e| e.contains(message) && e.contains(at)),
                "{message} at {at}: {said:#?}"
            );
        }
    }

    #[test]
    fn the_sanitizer_allow_list_can_be_extended_but_never_to_scripts() {
        let config = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[build.sanitize]\ntags = [\"iframe\"]\nattributes = { iframe = [\"src\", \"allowfullscreen\"] }\n").unwrap();
        assert_eq!(config.build.sanitize.tags, ["iframe"]);
        let err = parse(
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[build.sanitize]\ntags = [\"script\"]\n",
        )
        .unwrap_err();
        assert!(
            err.render().contains("cannot allow <script>"),
            "{}",
            err.render()
        );
        let errors = parse_config(SourceFile::new(
            CONFIG_FILE,
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[build.sanitize]\ntags = [\"iframe\"]\nattributes = { iframe = [\"src\", \"onLoad\", \"srcdoc\"], a = [\"onclick\"] }\n",
        ))
        .unwrap_err();
        let said: Vec<String> = errors.iter().map(|e| e.render()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said[0].contains("cannot allow the attribute `onclick` on <a>"),
            "{}",
            said[0]
        );
        assert!(said[1].contains("`onLoad` on <iframe>"), "{}", said[1]);
        assert!(said[1].contains("chronicle.toml:5:33"), "{}", said[1]);
        assert!(
            said[2].contains("srcdoc is a page of its own"),
            "{}",
            said[2]
        );
    }

    #[test]
    fn a_base_url_must_be_absolute() {
        let err = parse("title = \"T\"\nbase_url = \"/repo/\"\n").unwrap_err();
        assert!(err.render().contains("expected an absolute http(s) URL"));
        assert_eq!(
            normalize_base_url("https://u.github.io/repo").as_deref(),
            Some("https://u.github.io/repo/")
        );
        for bad in [
            "https://u.github.io/repo//",
            "https://u.github.io//repo/",
            "https:///repo/",
        ] {
            assert_eq!(normalize_base_url(bad), None, "{bad}");
        }
    }
}
