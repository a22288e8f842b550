//! Splits a dispatch file into its front-matter and its Markdown body.

use std::ops::Range;

/// The language the front-matter is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// Where the parts of a dispatch file are, as byte ranges of the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub format: Format,
    /// The front-matter text between the delimiter lines.
    pub matter: Range<usize>,
    /// The Markdown after the closing delimiter line.
    pub body: Range<usize>,
}

/// Why a file has no usable front-matter.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---` or `+++`.
    Missing,
    /// The opening delimiter (its range) has no closing line.
    Unclosed(Range<usize>),
}

/// Finds the front-matter at the top of a file. A UTF-8 byte order mark and
/// CRLF line endings are accepted.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let start = if text.starts_with(crate::diagnostic::BOM) {
        crate::diagnostic::BOM.len_utf8()
    } else {
        0
    };
    let mut lines = LineIter { text, pos: start };
    let (open, first) = lines.next().ok_or(SplitError::Missing)?;
    let (format, delimiter) = match first.trim_end() {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => return Err(SplitError::Missing),
    };
    let matter_start = lines.pos;
    while let Some((range, line)) = lines.next() {
        if line.trim_end() == delimiter {
            return Ok(Split {
                format,
                matter: matter_start..range.start,
                body: lines.pos..text.len(),
            });
        }
    }
    Err(SplitError::Unclosed(open.start..open.start + 3))
}

/// Lines with their byte ranges (without the line ending).
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (Range<usize>, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (len, skip) = match rest.find('\n') {
            Some(i) => (i, i + 1),
            None => (rest.len(), rest.len()),
        };
        let line = rest[..len].strip_suffix('\r').unwrap_or(&rest[..len]);
        let range = self.pos..self.pos + line.len();
        self.pos += skip;
        Some((range, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter_are_found() {
        let text = "---\ntitle: A\n---\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.format, Format::Yaml);
        assert_eq!(&text[split.matter], "title: A\n");
        assert_eq!(&text[split.body], "Body\n");
        let text = "+++\ntitle = \"A\"\n+++\n";
        let split = super::split(text).unwrap();
        assert_eq!(split.format, Format::Toml);
        assert_eq!(&text[split.body], "");
    }

    #[test]
    fn a_bom_and_crlf_line_endings_work() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        let split = split(text).unwrap();
        assert_eq!(&text[split.matter], "title: A\r\n");
        assert_eq!(&text[split.body], "Body\r\n");
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_told_apart() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed(0..3)));
    }
}
