//! Problems found in a chronicle, each pointing at the file, line and column
//! where the editor can fix it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// How bad a problem is: errors stop a build, warnings only fail `check --strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A source file as read from disk, shared by the diagnostics that point into it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the site root when possible).
    pub name: PathBuf,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        // A byte-order mark is no column: editors do not show it.
        let line_start = if line_start == 0 && before.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            line_start
        };
        let col = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// The byte offset of a 1-based line and 0-based character column.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        // (Line 1's columns start after a byte-order mark, as in `line_col`.)
        let mut start = if self.text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[start..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        start
            + rest[..line_end]
                .char_indices()
                .nth(col)
                .map_or(line_end, |(i, _)| i)
    }
}

/// The byte-order mark some editors put at the start of a UTF-8 file.
pub const BOM: char = '\u{feff}';

/// The text as shown, without a leading byte-order mark (invisible, it
/// would leave a span on it no caret), and the range in it.
fn without_bom(text: &Arc<str>, range: Range<usize>) -> (Arc<str>, Range<usize>) {
    match text.strip_prefix(BOM) {
        Some(rest) => {
            let cut = |at: usize| at.saturating_sub(BOM.len_utf8());
            (rest.into(), cut(range.start)..cut(range.end))
        }
        None => (text.clone(), range),
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem, with where it is and what would fix it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The file and byte range the problem is about; `None` for a problem with no file.
    /// Boxed to keep `Result<_, Diagnostic>` small on the happy path.
    pub location: Option<Box<(SourceFile, Range<usize>)>>,
    /// What the label under the offending text says (often what was expected).
    pub label: Option<String>,
    /// Further places involved (the other file of a duplicate, say).
    pub related: Vec<(SourceFile, Range<usize>, String)>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points the diagnostic at a byte range of a file.
    pub fn at(mut self, file: &SourceFile, range: Range<usize>) -> Self {
        self.location = Some(Box::new((file.clone(), range)));
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(
        mut self,
        file: &SourceFile,
        range: Range<usize>,
        label: impl Into<String>,
    ) -> Self {
        self.related.push((file.clone(), range, label.into()));
        self
    }

    /// A problem about a whole file that could not be read as text.
    pub fn in_file(mut self, path: &Path) -> Self {
        self.location = Some(Box::new((SourceFile::new(path, ""), 0..0)));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file, line and column, as `path:line:col`.
    pub fn position(&self) -> Option<String> {
        self.location.as_deref().map(|(file, range)| {
            let (line, col) = file.line_col(range.start);
            format!("{}:{line}:{col}", file.name.display())
        })
    }

    /// Renders the diagnostic like rustc: message, `--> file:line:col`, the line
    /// with a caret under the problem, and the help.
    pub fn render(&self) -> String {
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(&self.message);
        let config = term::Config::default();
        let mut out = String::new();
        match self.location.as_deref() {
            Some((file, range)) if !file.text.is_empty() => {
                let (text, range) = without_bom(&file.text, clamp(&file.text, range.clone()));
                let (text, range, shift) = window(&text, range);
                let mut files = vec![SimpleFile::new(file.name.display().to_string(), text)];
                let mut labels = vec![
                    Label::primary(0, range).with_message(self.label.clone().unwrap_or_default()),
                ];
                for (other, range, label) in &self.related {
                    let (text, range) = without_bom(&other.text, clamp(&other.text, range.clone()));
                    files.push(SimpleFile::new(other.name.display().to_string(), text));
                    labels.push(Label::secondary(files.len() - 1, range).with_message(label));
                }
                let mut report = report.with_labels(labels);
                if let Some(help) = &self.help {
                    report = report.with_note(format!("help: {help}"));
                }
                let files = MultiFile(files, shift);
                match term::emit_into_string(&config, &files, &report) {
                    Ok(text) => out.push_str(&text),
                    Err(_) => out.push_str(&self.plain()),
                }
            }
            _ => out.push_str(&self.plain()),
        }
        out
    }

    /// The form without the file's text (an empty file has no line to
    /// show), laid out as the full one.
    fn plain(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{kind}: {}\n", self.message);
        if let Some((file, range)) = self.location.as_deref() {
            let (line, column) = file.line_col(range.start);
            out.push_str(&format!(
                "  ┌─ {}:{line}:{column}\n  │\n",
                file.name.display()
            ));
        }
        for (file, _, label) in &self.related {
            out.push_str(&format!("  ┌─ {}: {label}\n", file.name.display()));
        }
        if let Some(label) = &self.label {
            out.push_str(&format!("  = {label}\n"));
        }
        if let Some(help) = &self.help {
            // Its other lines under its first, as the full form writes them.
            let help = help.replace('\n', "\n          ");
            out.push_str(&format!("  = help: {help}\n"));
        }
        out.push('\n');
        out
    }
}

impl Diagnostic {
    /// The diagnostic as JSON, for editors and CI (`check --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        let (file, start, end) = match self.location.as_deref() {
            Some((file, range)) => (
                Some(file.name.to_string_lossy().replace('\\', "/")),
                Some(file.line_col(range.start)),
                Some(file.line_col(range.end)),
            ),
            None => (None, None, None),
        };
        serde_json::json!({
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "message": self.message,
            "file": file,
            "line": start.map(|(l, _)| l),
            "column": start.map(|(_, c)| c),
            "end_line": end.map(|(l, _)| l),
            "end_column": end.map(|(_, c)| c),
            "label": self.label,
            "help": self.help,
            "related": self.related.iter().map(|(f, r, label)| {
                let (line, column) = f.line_col(r.start);
                serde_json::json!({ "file": f.name.to_string_lossy().replace('\\', "/"), "line": line, "column": column, "label": label })
            }).collect::<Vec<_>>(),
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Keeps a range inside the text and on character boundaries, so the reporter
/// never panics on a span computed from another view of the file.
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
    start..end
}

/// The longest line a message shows whole, in characters; a longer one (a
/// minified table, a value nested thousands deep) is shown around the span.
const LONGEST_LINE: usize = 240;

/// The text to show for a span: `text` itself, or, if the span's line is
/// longer than [`LONGEST_LINE`], the text with that line cut to the part
/// around the span (`…` for what is left out), the span in it, and the
/// line's index with the characters cut before the part, for its columns.
fn window(
    text: &Arc<str>,
    range: Range<usize>,
) -> (Arc<str>, Range<usize>, Option<(usize, usize)>) {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.start..]
        .find('\n')
        .map_or(text.len(), |i| range.start + i);
    let whole = &text[line_start..line_end];
    if whole.len() <= LONGEST_LINE || whole.chars().count() <= LONGEST_LINE {
        return (text.clone(), range, None);
    }
    let from = floor_char_boundary(
        text,
        range.start.saturating_sub(LONGEST_LINE / 3).max(line_start),
    );
    let end = range.end.min(line_end).min(range.start + LONGEST_LINE / 2);
    let mut to = (end + LONGEST_LINE / 3).min(line_end);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before = if from > line_start { "…" } else { "" };
    let after = if to < line_end { "…" } else { "" };
    let shown = format!(
        "{}{before}{}{after}{}",
        &text[..line_start],
        &text[from..to],
        &text[line_end..]
    );
    let at = line_start + before.len();
    let range = at + (range.start - from)..at + (floor_char_boundary(text, end) - from);
    let line = text[..line_start].matches('\n').count();
    let cut = text[line_start..from].chars().count() - before.chars().count();
    (shown.into(), range, Some((line, cut)))
}

/// The files of one diagnostic, for codespan's reporter, and the first
/// one's line shown in part ([`window`]).
struct MultiFile(Vec<SimpleFile<String, Arc<str>>>, Option<(usize, usize)>);

impl<'a> codespan_reporting::files::Files<'a> for MultiFile {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, codespan_reporting::files::Error> {
        Ok(self.get(id)?.name().clone())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.get(id)?.source())
    }

    fn line_index(
        &'a self,
        id: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        self.get(id)?.line_index((), byte_index)
    }

    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        self.get(id)?.line_range((), line_index)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let source = self.source(id)?;
        let start = self.line_range(id, line_index)?.start;
        let column = source[start..byte_index.max(start)].chars().count() + 1;
        Ok(match self.1 {
            Some((line, cut)) if id == 0 && line == line_index => column + cut,
            _ => column,
        })
    }
}

impl MultiFile {
    fn get(
        &self,
        id: usize,
    ) -> Result<&SimpleFile<String, Arc<str>>, codespan_reporting::files::Error> {
        self.0
            .get(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }
}

/// Every problem of a run, in the order found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds a diagnostic unless the same one (message and position) is
    /// there already: a template's error repeats for every page using it.
    pub fn push_once(&mut self, diagnostic: Diagnostic) {
        let position = diagnostic.position();
        if !self
            .0
            .iter()
            .any(|d| d.message == diagnostic.message && d.position() == position)
        {
            self.push(diagnostic);
        }
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts by file and position, so output is the same whatever order threads finished in.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_deref()
                    .map(|(f, r)| (f.name.clone(), r.start))
            };
            key(a).cmp(&key(b))
        });
    }

    /// All diagnostics, rendered one after the other.
    pub fn render(&self) -> String {
        self.0.iter().map(Diagnostic::render).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let file = SourceFile::new("a.md", "---\ntitle: Gəncə\ndate: x\n");
        let offset = file.text.find("date").unwrap();
        assert_eq!(file.line_col(offset), (3, 1));
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_col(x), (3, 7));
        assert_eq!(file.offset_of(3, 6), x);
    }

    /// A byte-order mark is invisible: it is no column, and the line is shown
    /// without it, with a caret even when the mark is all the line holds.
    #[test]
    fn a_byte_order_mark_is_neither_shown_nor_counted() {
        let file = SourceFile::new("a.toml", "\u{feff}= 3\n");
        assert_eq!(file.line_col(3), (1, 1));
        assert_eq!(file.line_col(4), (1, 2));
        assert_eq!(file.offset_of(1, 1), 4);
        let text = Diagnostic::error("e").at(&file, 4..5).render();
        assert!(text.contains("a.toml:1:2"), "{text}");
        assert!(!text.contains('\u{feff}'), "{text}");
        assert!(text.contains("1 │ = 3\n  │  ^"), "{text}");
        let file = SourceFile::new("a.md", "\u{feff}\n");
        let text = Diagnostic::error("e").at(&file, 0..3).render();
        assert!(text.contains("a.md:1:1"), "{text}");
        assert!(text.contains("1 │ \n  │ ^"), "{text}");
    }

    #[test]
    fn a_very_long_line_is_shown_around_the_span_at_its_true_column() {
        let line = format!("extra: {}x{}", "[".repeat(5000), "]".repeat(5000));
        let file = SourceFile::new("a.md", format!("---\ntitle: A\n{line}\n---\n"));
        let at = file.text.rfind('x').unwrap();
        let text = Diagnostic::error("too deep")
            .at(&file, at..at + 1)
            .with_label("here")
            .render();
        assert!(text.contains("a.md:3:5008"), "{text}");
        assert!(text.len() < 1000, "{text}");
        assert!(text.contains("…[[[[") && text.contains("]]]]…"), "{text}");
        // A line of 200 Cyrillic letters (400 bytes) is short.
        let long = format!("title: {}", "Ж".repeat(200));
        let file = SourceFile::new("a.md", format!("---\n{long}\n"));
        let text = Diagnostic::error("e").at(&file, 4..9).render();
        assert!(text.contains(&long) && !text.contains('…'), "{text}");
        // A short line is shown whole.
        let file = SourceFile::new("a.md", "---\ndate: x\n");
        let text = Diagnostic::error("e").at(&file, 10..11).render();
        assert!(text.contains("date: x") && !text.contains('…'), "{text}");
    }

    #[test]
    fn a_rendered_error_names_the_file_line_and_shows_the_line() {
        let file = SourceFile::new(
            "content/dispatches/a.md",
            "---\ntitle: A\ndate: 2020-13-45\n---\n",
        );
        let start = file.text.find("2020").unwrap();
        let text = Diagnostic::error("invalid date")
            .at(&file, start..start + 10)
            .with_label("expected YYYY-MM-DD")
            .with_help("months go from 01 to 12")
            .render();
        assert!(text.contains("error: invalid date"), "{text}");
        assert!(text.contains("content/dispatches/a.md:3:7"), "{text}");
        assert!(text.contains("date: 2020-13-45"), "{text}");
        assert!(text.contains("expected YYYY-MM-DD"), "{text}");
        assert!(text.contains("help: months go from 01 to 12"), "{text}");
    }
}
