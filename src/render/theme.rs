//! The theme a site is drawn with: the default one embedded in the binary,
//! overridden file by file by the site's own `themes/NAME/`, and its labels
//! by the site's `i18n/LANG.toml` (a language without a theme of one's own).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::i18n::Translations;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Config;

include!(concat!(env!("OUT_DIR"), "/theme.rs"));

/// One file of a theme: embedded, or on disk in the site's theme folder.
#[derive(Clone, Debug)]
pub enum ThemeFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A theme ready to render with.
pub struct Theme {
    pub tera: Tera,
    /// Files copied into the output as they are, by their path there.
    pub static_files: BTreeMap<String, ThemeFile>,
    pub translations: Translations,
    /// Each template's source by name, for errors found while rendering.
    pub sources: BTreeMap<String, SourceFile>,
    /// What the build should say about the theme (a translation that lacks labels).
    pub warnings: Diagnostics,
}

impl Theme {
    /// The ids the templates write as they are (`main`, a section's title):
    /// a page's own links may point to them, and no heading may take them.
    pub fn literal_ids(&self) -> rustc_hash::FxHashSet<&str> {
        self.sources
            .values()
            .flat_map(|source| source.text.split("id=\"").skip(1))
            .filter_map(|rest| rest.split('"').next())
            .filter(|id| !id.is_empty() && !id.contains(['{', '}', '%']))
            .collect()
    }
}

/// A file of the embedded default theme, by its path inside the theme.
pub fn embedded_file(path: &str) -> Option<&'static [u8]> {
    DEFAULT_THEME
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, bytes)| *bytes)
}

/// The folder of a site whose translation files (`LANG.toml`) win over the theme's.
pub const I18N_DIR: &str = "i18n";

/// Loads the theme of a site: the embedded default, then the files of
/// `themes/NAME/` when the config names a theme the site has on disk, then
/// the translations in the site's `i18n/`.
pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
    let mut files: BTreeMap<String, ThemeFile> = DEFAULT_THEME
        .iter()
        .map(|(path, bytes)| (path.to_string(), ThemeFile::Embedded(bytes)))
        .collect();
    let mut diagnostics = Diagnostics::default();
    if let Some(name) = &config.theme {
        let dir = root.join("themes").join(name);
        if !dir.is_dir() && name != "default" {
            // The binary's own theme stands in, as the contract says; but a
            // misspelt name would lose the site's overrides unsaid.
            let mut known: Vec<String> = std::fs::read_dir(root.join("themes"))
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            known.sort();
            let help = match known.as_slice() {
                [] => "the default theme is used; a theme of one's own is a folder themes/NAME/ beside chronicle.toml".to_string(),
                names => format!("the default theme is used; this site's themes are: {}", names.join(", ")),
            };
            let mut warning = Diagnostic::warning(format!("there is no theme `{name}` in themes/"))
                .with_help(help);
            if let Some(source) = &config.source {
                warning = warning.at(source, crate::config::key_span(&source.text, "theme"));
            }
            diagnostics.push(warning);
        }
    }
    let mut add_dir = |dir: &Path, prefix: &str, what: &str| {
        if !dir.is_dir() {
            return;
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let relative = e.path().strip_prefix(dir).expect("walked under dir");
                    let key = format!("{prefix}{}", relative.to_string_lossy().replace('\\', "/"));
                    // A theme's static/ is published as a site's is, hidden files included.
                    let name = e.file_name().to_string_lossy();
                    let skipped = match key.starts_with("static/") {
                        true => crate::load::is_leftover(&name),
                        false => crate::load::is_ignored(&name),
                    };
                    if !skipped {
                        files.insert(key, ThemeFile::Disk(e.into_path()));
                    }
                }
                Ok(_) => {}
                Err(e) => diagnostics.push(Diagnostic::error(format!("cannot read {what}: {e}"))),
            }
        }
    };
    if let Some(name) = &config.theme {
        add_dir(
            &root.join("themes").join(name),
            "",
            &format!("theme `{name}`"),
        );
    }
    add_dir(&root.join(I18N_DIR), "i18n/", "the site's translations");

    let language = &config.language;
    let translation_path = format!("i18n/{language}.toml");
    // `fr-CA` reads `i18n/fr-CA.toml`, else `i18n/fr.toml`.
    let found = [
        translation_path.clone(),
        format!("i18n/{}.toml", language.to_ascii_lowercase()),
        format!("i18n/{}.toml", config.primary_language()),
    ]
    .into_iter()
    .find_map(|path| Some((files.get(&path)?.clone(), path)));
    let own = found.is_some();
    // Counts are said in the language of the labels: English's when the
    // site's has no translation.
    let labels_language = if own {
        config.primary_language()
    } else {
        "en".to_string()
    };

    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.register_filter("json", json_filter);
    tera.register_filter("escape_xml", escape_xml);
    let plural_language = labels_language.clone();
    tera.register_filter("plural", move |n: Value, kwargs: Kwargs, _: &State| {
        plural_filter(&plural_language, n, kwargs)
    });
    let mut templates = Vec::new();
    let mut sources: BTreeMap<String, SourceFile> = BTreeMap::new();
    for (path, file) in &files {
        let Some(name) = path.strip_prefix("templates/") else {
            continue;
        };
        match read_text(path, file, root) {
            Ok(source) => {
                templates.push((name.to_string(), source.text.to_string()));
                sources.insert(name.to_string(), source);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if let Err(e) = tera.add_raw_templates(templates) {
        diagnostics.extend(Diagnostics(template_errors(&e, &sources)));
    }

    let (path, file) = match found {
        Some((file, path)) => (path, file),
        None => {
            diagnostics.push(
                Diagnostic::warning(format!("the theme has no translation for language `{language}`; its labels are in English"))
                    .with_help(format!("add {translation_path} beside chronicle.toml (or in your theme's folder), a copy of themes/default/i18n/en.toml in your language")),
            );
            (
                "i18n/en.toml".to_string(),
                ThemeFile::Embedded(
                    embedded_file("i18n/en.toml").expect("the default theme has English"),
                ),
            )
        }
    };
    let mut translation_source = None;
    let translations =
        match read_text(&path, &file, root).map(|s| (Translations::parse(&s.text), s)) {
            Ok((Ok(t), source)) => {
                translation_source = Some(source.clone());
                for (message, at) in t.unknown_places(&source.text) {
                    diagnostics.push(
                        Diagnostic::warning(message)
                            .at(&source, at)
                            .with_label("shown as written on every date")
                            .with_help("fix the name, or write the braces' text without them"),
                    );
                }
                Some(t)
            }
            Ok((Err(problems), source)) => {
                for (message, at) in problems {
                    diagnostics.push(
                        Diagnostic::error(format!("invalid translation file: {message}"))
                            .at(&source, at),
                    );
                }
                None
            }
            Err(d) => {
                diagnostics.push(d);
                None
            }
        };
    // Labels a translation lacks are shown in English, with a warning.
    let english = files
        .get("i18n/en.toml")
        .and_then(|file| read_text("i18n/en.toml", file, root).ok())
        .and_then(|source| Translations::parse(&source.text).ok());
    let mut translations = translations;
    // The Open Graph locale says the site's language, not the one its
    // labels fell back to: `fr_CA` for `fr-CA`.
    if let Some(t) = translations.as_mut()
        && (!own || path != translation_path || !t.labels.contains_key("og_locale"))
    {
        let region = language
            .split(['-', '_'])
            .skip(1)
            .find(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()));
        let primary = config.primary_language();
        let locale = match region {
            Some(region) => format!("{primary}_{}", region.to_ascii_uppercase()),
            None => primary,
        };
        t.labels
            .insert("og_locale".into(), toml::Value::String(locale));
    }
    if let (Some(t), Some(english)) = (translations.as_mut(), english) {
        if let Some(source) = translation_source
            .as_ref()
            .filter(|_| path != "i18n/en.toml")
        {
            let named: std::collections::HashSet<&str> = sources
                .values()
                .flat_map(|s| labels_named(&s.text))
                .collect();
            let used = |key: &str| named.contains(key);
            diagnostics.extend(label_problems(t, &english, source, used));
        }
        let mut missing = t.fill_from(&english);
        // A label only a `--drafts` build shows is filled in without a word:
        // a translation written before it came is not told of it at each build.
        missing.retain(|key| !QUIET_LABELS.contains(&key.as_str()));
        if !missing.is_empty() {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "the translation for language `{language}` has no {}; {} shown in English",
                    missing
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if missing.len() == 1 {
                        "it is"
                    } else {
                        "they are"
                    }
                ))
                .with_help(format!(
                    "add {} to i18n/{language}.toml, translated from the theme's i18n/en.toml",
                    if missing.len() == 1 { "it" } else { "them" }
                )),
            );
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let static_files = files
        .into_iter()
        .filter_map(|(path, file)| Some((path.strip_prefix("static/")?.to_string(), file)))
        .collect();
    let mut translations = translations.expect("no error means a translation");
    translations.language = labels_language;
    Ok(Theme {
        tera,
        static_files,
        translations,
        sources,
        warnings: diagnostics,
    })
}

/// `{{ text | escape_xml }}`, as Tera's own filter escapes (`&`, `<`, `>`,
/// `"`, `'`), but copying the runs between them whole instead of a character
/// at a time: feeds escape every entry's HTML with it.
fn escape_xml(text: &str, _: Kwargs, _: &State) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&text[run..]);
    out
}

/// `{{ count | plural(zero=t.dispatches_zero, one=t.dispatch, two=t.dispatches_two,
/// few=t.dispatches_few, many=t.dispatches_many, other=t.dispatches) }}`: the word of the form the site's language
/// writes `count` with ([`super::i18n::plural_form`]). A form that is not
/// given, or that the translation has no label for, is `other`'s.
fn plural_filter(language: &str, n: Value, kwargs: Kwargs) -> TeraResult<Value> {
    let Some(n) = n
        .as_i128()
        .and_then(|n| u64::try_from(n.unsigned_abs()).ok())
    else {
        return Err(tera::Error::message(format!(
            "`plural` counts a whole number, not {}",
            n.name()
        )));
    };
    let form = super::i18n::plural_form(language, n);
    let given = |form: &str| -> TeraResult<Option<Value>> {
        let value = kwargs.get::<Value>(form)?;
        Ok(value.filter(|v| !v.is_undefined() && !v.is_none()))
    };
    match given(form)? {
        Some(word) => Ok(word),
        None => kwargs.must_get::<Value>("other"),
    }
}

/// `{{ value | json }}`: the value as JSON that is safe inside a `<script>`
/// element (JSON-LD): `<`, `>` and `&` are written as `\u003c`, `\u003e`,
/// `\u0026`, so no value can close the element, and U+2028/9 are escaped.
fn json_filter(value: Value, _: Kwargs, _: &State) -> TeraResult<Value> {
    let text = script_json(&value)
        .map_err(|e| tera::Error::message(format!("cannot write the value as JSON: {e}")))?;
    Ok(Value::safe_string(&text))
}

/// A value as JSON that may stand inside a `<script>` element (see the
/// `json` filter).
pub(super) fn script_json(value: &impl serde::Serialize) -> serde_json::Result<String> {
    let text = serde_json::to_string(value)?;
    if !text.contains(SCRIPT_UNSAFE) {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    push_script_safe(&mut out, &text);
    Ok(out)
}

/// What could end a `<script>` or start a comment in it (`<`, `>`, `&`), or
/// end a line for JavaScript (U+2028, U+2029).
const SCRIPT_UNSAFE: [char; 5] = ['<', '>', '&', '\u{2028}', '\u{2029}'];

/// Pushes JSON text with the characters of [`SCRIPT_UNSAFE`] escaped; runs
/// without any are copied whole.
fn push_script_safe(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(SCRIPT_UNSAFE) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().expect("found a character");
        out.push_str(match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            _ => "\\u2029",
        });
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// Pushes a string as a JSON string that may stand inside a `<script>`.
/// The same characters as `serde_json` and [`push_script_safe`] escape,
/// written as it goes: runs with nothing to escape are copied whole.
pub(super) fn push_script_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0..0x20 => {
                out.push_str(&text[run..i]);
                let hex = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(hex[usize::from(b >> 4)]));
                out.push(char::from(hex[usize::from(b & 0xF)]));
                run = i + 1;
                continue;
            }
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])) => {
                if bytes[i + 2] == 0xA8 {
                    "\\u2028"
                } else {
                    "\\u2029"
                }
            }
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(escaped);
        // Every escaped character above is one byte but U+2028/9's three.
        run = i + if b == 0xE2 { 3 } else { 1 };
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// The labels a translation may lack without a warning (English is shown).
const QUIET_LABELS: [&str; 1] = ["draft"];

fn read_text(path: &str, file: &ThemeFile, root: &Path) -> Result<SourceFile, Diagnostic> {
    match file {
        ThemeFile::Embedded(bytes) => Ok(SourceFile::new(
            format!("(default theme) {path}"),
            String::from_utf8_lossy(bytes).into_owned(),
        )),
        ThemeFile::Disk(disk) => crate::load::read_source(disk, root),
    }
}

/// A translation's labels that are not text where English's are (the
/// templates write them as text), and those that neither English nor any
/// template has (a key misspelled is a label left in English).
fn label_problems(
    t: &Translations,
    english: &Translations,
    source: &SourceFile,
    used: impl Fn(&str) -> bool,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let at = |key: &str| crate::config::key_span(&source.text, key);
    for (key, value) in &t.labels {
        match english.labels.get(key) {
            Some(toml::Value::String(_)) if !value.is_str() => problems.push(
                Diagnostic::error(format!(
                    "the label `{key}` must be text, not {}",
                    value.type_str()
                ))
                .at(source, at(key))
                .with_label("expected a string in quotes, as in the theme's i18n/en.toml"),
            ),
            Some(_) => {}
            // (`direction` and `og_locale` are read by chronicle itself.)
            None if key == "og_locale" || key == "direction" || used(key) => {}
            None => {
                let mut warning = Diagnostic::warning(format!(
                    "unknown label `{key}`: no template uses it, and the theme's i18n/en.toml has no such key"
                ))
                .at(source, at(key))
                .with_label("no template shows it");
                // (With the plural forms English has no label for.)
                let plural = [
                    "dispatches_zero",
                    "dispatches_two",
                    "dispatches_few",
                    "dispatches_many",
                ];
                let mut known: Vec<&str> = english.labels.keys().map(String::as_str).collect();
                known.extend(plural);
                if let Some(close) = crate::load::near_miss(key, &known) {
                    warning = warning.with_help(format!("did you mean `{close}`?"));
                }
                problems.push(warning);
            }
        }
    }
    problems
}

/// The labels a template names: `t.KEY`, `t["KEY"]` or `t['KEY']`, where
/// the `t` is a name of its own (not `site.t` or `part.t`).
fn labels_named(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    text.match_indices('t').filter_map(move |(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            return None;
        }
        let rest = &text[at + 1..];
        let (rest, close) = if let Some(rest) = rest.strip_prefix('.') {
            (rest, None)
        } else if let Some(rest) = rest.strip_prefix("[\"") {
            (rest, Some('"'))
        } else {
            (rest.strip_prefix("['")?, Some('\''))
        };
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let key = &rest[..len];
        let closed = close.is_none_or(|q| rest[len..].starts_with(q));
        (!key.is_empty() && closed).then_some(key)
    })
}

/// A Tera error as a diagnostic at the template's line, when Tera says where
/// (the first, when it reports several).
pub fn template_error(error: &tera::Error, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    template_errors(error, sources)
        .into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::error(format!("template error: {error}")))
}

/// Every problem a Tera error reports, each at its template's line and column
/// when it names one: checking templates' filters, tests and includes gives
/// them all at once, as text.
pub fn template_errors(
    error: &tera::Error,
    sources: &BTreeMap<String, SourceFile>,
) -> Vec<Diagnostic> {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let diagnostic = Diagnostic::error(format!("template error: {}", report.message()));
            vec![match sources.get(report.filename()) {
                Some(source) => diagnostic
                    .at(source, report.span().range.clone())
                    .with_label(report.message().to_string()),
                None => diagnostic.with_help(format!("in template {}", report.filename())),
            }]
        }
        tera::ErrorKind::Msg(text) if text.starts_with("error: ") => text
            .split("\n\nerror: ")
            .map(|report| reported(report.trim_start_matches("error: "), sources))
            .collect(),
        tera::ErrorKind::MissingParent { current, parent } => {
            let diagnostic = Diagnostic::error(format!(
                "template error: `{current}` extends `{parent}`, which the theme does not have"
            ))
            .with_help(
                "expected the name of one of the theme's templates, from its templates/ folder",
            );
            vec![match sources.get(current.as_str()) {
                Some(source) => match ["\"", "'"]
                    .iter()
                    .find_map(|q| source.text.find(&format!("{q}{parent}{q}")))
                {
                    Some(at) => diagnostic
                        .at(source, at + 1..at + 1 + parent.len())
                        .with_label("no such template"),
                    None => diagnostic.at(source, 0..0),
                },
                None => diagnostic,
            }]
        }
        _ => vec![Diagnostic::error(format!("template error: {error}"))],
    }
}

/// One of Tera's text reports (`Unknown filter `x``, then ` --> name:3:17`
/// and the line underlined) as a diagnostic at its template's span.
fn reported(report: &str, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    let message = report.lines().next().unwrap_or(report).trim();
    let diagnostic = Diagnostic::error(format!("template error: {message}"));
    let located = report.lines().find_map(|line| {
        let place = line.trim_start().strip_prefix("--> ")?;
        let mut parts = place.rsplitn(3, ':');
        let column: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        Some((name, line, column))
    });
    let Some((name, line, column)) = located else {
        return diagnostic;
    };
    let Some(source) = sources.get(name) else {
        return diagnostic.with_help(format!("in template {name}, line {line}"));
    };
    // The underline's carets say how many characters it covers.
    let width = report
        .lines()
        .rev()
        .find_map(|l| l.contains('^').then(|| l.matches('^').count()))
        .unwrap_or(1);
    // (Tera's columns are 1-based.)
    let start = source.offset_of(line, column.saturating_sub(1));
    let end = source.offset_of(line, column.saturating_sub(1) + width);
    diagnostic
        .at(source, start..end)
        .with_label(message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labels_a_template_names_are_found_as_names() {
        let found: Vec<&str> = labels_named(
            "{{ t.places }} {{ t[\"a\"] }} {{ t['date'] }} {{ site.t.x }} {{ part.y }} {% set t2 = 1 %} {{ t.  }}",
        )
        .collect();
        assert_eq!(found, ["places", "a", "date"]);
    }

    #[test]
    fn escape_xml_escapes_as_tera_does() {
        let all: String = (0..0x800).filter_map(char::from_u32).collect();
        let text = format!("<p class=\"x\">l'A & b</p> — «\u{A0}» {all}");
        let mut context = tera::Context::new();
        context.insert("a", &text);
        let render = |ours: bool| {
            let mut tera = tera::Tera::default();
            if ours {
                tera.register_filter("escape_xml", escape_xml);
            }
            tera.add_raw_template("t", "{{ a | escape_xml | safe }}")
                .unwrap();
            tera.render("t", &context).unwrap()
        };
        let out = render(true);
        assert_eq!(out, render(false));
        assert!(
            out.starts_with("&lt;p class=&quot;x&quot;&gt;l&apos;A &amp; b&lt;/p&gt; — «\u{A0}»")
        );
    }

    #[test]
    fn a_script_string_is_the_json_filter_s_string() {
        let by_serde = |text: &str| {
            let mut out = String::new();
            push_script_safe(&mut out, &serde_json::to_string(text).unwrap());
            out
        };
        let direct = |text: &str| {
            let mut out = String::new();
            push_script_string(&mut out, text);
            out
        };
        for text in [
            "",
            "</script><!-- & \"q\" \\ \u{2028}\u{2029}\u{2027}\u{202A}",
            "l’Arménie\u{202F}: «\u{A0}trêve\u{A0}»\n\ttab\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "\u{E2}\u{2028}",
        ] {
            assert_eq!(direct(text), by_serde(text), "{text:?}");
        }
        for c in (0..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b{c}");
            assert_eq!(direct(&text), by_serde(&text), "{c:?}");
        }
    }

    #[test]
    fn json_cannot_close_a_script_or_end_a_line() {
        let mut tera = tera::Tera::default();
        tera.register_filter("json", json_filter);
        tera.add_raw_template("t", "{{ a | json }} {{ b | json }} {{ c | json }}")
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("a", "</script><!-- a & b \u{2028}\u{2029}");
        context.insert("b", "Chouchi « ville »");
        context.insert("c", &serde_json::json!({ "n": 3, "s": ["x\"y"] }));
        let out = tera.render("t", &context).unwrap();
        assert_eq!(
            out,
            r#""\u003c/script\u003e\u003c!-- a \u0026 b \u2028\u2029" "Chouchi « ville »" {"n":3,"s":["x\"y"]}"#
        );
    }

    #[test]
    fn maps_are_read_in_the_order_they_were_made() {
        // A page must come out the same in every build (or it would be
        // written again): Tera's maps keep their order (`preserve_order`).
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", "{% for k, v in m %}{{ k }}{% endfor %}")
            .unwrap();
        let keys: Vec<String> = ('a'..='t').map(String::from).collect();
        let mut map = tera::Map::new();
        for key in &keys {
            map.insert(key.clone().into(), Value::from(1));
        }
        let mut context = tera::Context::new();
        context.insert_value("m", Value::from(map));
        assert_eq!(tera.render("t", &context).unwrap(), keys.concat());
    }

    #[test]
    fn a_string_in_json_ld_cannot_close_the_script() {
        let mut out = String::new();
        push_script_string(&mut out, "« a » </script>\u{2028}’\"\n&");
        assert_eq!(out, r#""« a » \u003c/script\u003e\u2028’\"\n\u0026""#);
        let parsed: String = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed, "« a » </script>\u{2028}’\"\n&");
    }
}
