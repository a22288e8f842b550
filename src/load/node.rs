//! A YAML or TOML document as one tree whose every value knows where it was
//! written, so that a wrong type is reported at its line and column.

use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// A value with the byte range it was written at (relative to the parsed text).
#[derive(Clone, Debug)]
pub struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

/// The kinds of values front-matter and gazetteers are made of.
#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A TOML date or date-time, as written.
    Datetime(String),
    List(Vec<Node>),
    Map(Vec<Entry>),
}

/// A key of a table and its value.
#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

/// A document that could not be parsed: the message and where it happened.
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub span: Range<usize>,
}

impl Node {
    /// Replaces by a space each character that HTML and XML forbid, in
    /// every string and key of the tree; gives the span of the first one
    /// that had some.
    pub fn replace_forbidden(&mut self) -> Option<Range<usize>> {
        fn mend(text: &mut String, span: &Range<usize>, first: &mut Option<Range<usize>>) {
            if text.contains(super::is_forbidden) {
                *text = text.replace(super::is_forbidden, " ");
                first.get_or_insert_with(|| span.clone());
            }
        }
        fn walk(node: &mut Node, first: &mut Option<Range<usize>>) {
            match &mut node.value {
                Value::Str(s) => mend(s, &node.span, first),
                Value::List(items) => items.iter_mut().for_each(|n| walk(n, first)),
                Value::Map(entries) => {
                    for entry in entries {
                        mend(&mut entry.key, &entry.key_span, first);
                        walk(&mut entry.value, first);
                    }
                }
                _ => {}
            }
        }
        let mut first = None;
        walk(self, &mut first);
        first
    }
}

impl Value {
    /// What a value is, in words, for "expected a string, found a list".
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a number",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Datetime(_) => "a date",
            Value::List(_) => "a list",
            Value::Map(_) => "a table",
        }
    }

    /// The value as JSON, for data handed to themes untouched.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) | Value::Datetime(s) => J::String(s.clone()),
            Value::List(items) => J::Array(items.iter().map(|n| n.value.to_json()).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parses TOML into a tree.
pub fn parse_toml(text: &str) -> Result<Node, SyntaxError> {
    let table = toml::de::DeTable::parse(text).map_err(|e| SyntaxError {
        message: e.message().trim().to_string(),
        span: e.span().unwrap_or(0..0),
    })?;
    let span = table.span();
    Ok(Node {
        span,
        value: toml_table(table.into_inner()),
    })
}

fn toml_table(table: toml::de::DeTable<'_>) -> Value {
    Value::Map(
        table
            .into_iter()
            .map(|(key, value)| Entry {
                key_span: key.span(),
                key: key.into_inner().into_owned(),
                value: toml_node(value),
            })
            .collect(),
    )
}

fn toml_node(node: toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let span = node.span();
    let value = match node.into_inner() {
        DeValue::String(s) => Value::Str(s.into_owned()),
        DeValue::Integer(i) => {
            let text = i.as_str().replace('_', "");
            let parsed = match i.radix() {
                10 => text.parse().ok(),
                radix => i64::from_str_radix(&text[2..], radix).ok(),
            };
            parsed.map_or(Value::Str(i.as_str().to_string()), Value::Int)
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse()
            .map_or(Value::Str(f.as_str().to_string()), Value::Float),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::List(items.into_iter().map(toml_node).collect()),
        DeValue::Table(table) => toml_table(table),
    };
    Node { span, value }
}

/// Parses YAML into a tree. An empty document is an empty table.
pub fn parse_yaml(text: &str) -> Result<Node, SyntaxError> {
    match simple_yaml(text) {
        Some(node) => Ok(node),
        None => parse_yaml_fully(text),
    }
}

/// [`parse_yaml`] by the YAML parser, whatever the text.
fn parse_yaml_fully(text: &str) -> Result<Node, SyntaxError> {
    let lines = LineStarts::new(text);
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let at = lines.offset(text, e.marker().line(), e.marker().col());
        SyntaxError {
            message: e.info().to_string(),
            span: at..at,
        }
    })?;
    match docs.into_iter().next() {
        Some(doc) => Ok(yaml_node(doc, text, &lines)),
        None => Ok(Node {
            span: 0..0,
            value: Value::Map(Vec::new()),
        }),
    }
}

fn yaml_node(node: MarkedYaml<'_>, text: &str, lines: &LineStarts) -> Node {
    let start = lines.offset(text, node.span.start.line(), node.span.start.col());
    let end = lines
        .offset(text, node.span.end.line(), node.span.end.col())
        .max(start);
    let value = match node.data {
        YamlData::Value(scalar) => match scalar {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(b),
            Scalar::Integer(i) => Value::Int(i),
            Scalar::FloatingPoint(f) => Value::Float(f.into_inner()),
            Scalar::String(s) => Value::Str(s.into_owned()),
        },
        YamlData::Representation(s, _, _) => Value::Str(s.into_owned()),
        YamlData::Sequence(items) => Value::List(
            items
                .into_iter()
                .map(|n| yaml_node(n, text, lines))
                .collect(),
        ),
        YamlData::Mapping(map) => Value::Map(
            map.into_iter()
                .map(|(k, v)| {
                    let key = yaml_node(k, text, lines);
                    Entry {
                        key: match key.value {
                            Value::Str(s) => s,
                            Value::Int(i) => i.to_string(),
                            Value::Bool(b) => b.to_string(),
                            other => format!("{other:?}"),
                        },
                        key_span: key.span,
                        value: yaml_node(v, text, lines),
                    }
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => return yaml_node(*inner, text, lines),
        YamlData::Alias(_) | YamlData::BadValue => Value::Null,
    };
    let flow = text[start..].starts_with(['[', '{']);
    let span = match value {
        // The parser's flow list or table ends where its `]` or `}` starts.
        Value::List(_) | Value::Map(_) if flow && text[end..].starts_with([']', '}']) => {
            start..end + 1
        }
        Value::List(_) | Value::Map(_) if !flow => without_trailing_space(text, start..end),
        _ => start..end,
    };
    Node { span, value }
}

/// A block list's or table's span as the parser gives it runs on to where the
/// next item, key or the end of the text starts; a message showing it should
/// end with its last character, not underline the next line's indentation
/// or the closing `---`.
fn without_trailing_space(text: &str, span: Range<usize>) -> Range<usize> {
    span.start..span.start + text[span].trim_end().len()
}

/// Byte offsets of line starts, to turn YAML's (line, column in characters) into bytes.
/// The front matter most dispatches have, read without the YAML parser
/// (which takes some 80,000 instructions for five lines): one `key: value`
/// per line, each value a plain or double-quoted string on its line or a flow
/// list of plain words, or a `key:` followed by a block list (`  - `) of such
/// values or of tables of them (`sources`, `claims`). Anything else, or
/// anything that YAML could read as other than a string (`true`, `12`, `~`),
/// is `None`, for the parser to read. The tree is the parser's, spans included.
fn simple_yaml(text: &str) -> Option<Node> {
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, line.strip_suffix('\n').unwrap_or(line)));
        at += line.len();
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = 0;
    while let Some(&(start, line)) = lines.get(i) {
        let (key, value) = key_and_value(line, start)?;
        let value = match value {
            Some((value, value_start)) => {
                i += 1;
                inline_value(value, value_start)?
            }
            None => {
                let (list, next) = block_list(text, &lines, i + 1)?;
                i = next;
                list
            }
        };
        push_entry(&mut entries, key, value)?;
    }
    let first = entries.first()?;
    Some(Node {
        span: without_trailing_space(text, first.key_span.start..text.len()),
        value: Value::Map(entries),
    })
}

/// A line's `key:` (its text and span) and what follows `key: ` (with where
/// it starts), or nothing when the line ends at the colon.
type KeyAndValue<'l> = ((&'l str, Range<usize>), Option<(&'l str, usize)>);

/// The [`KeyAndValue`] of a line.
fn key_and_value(line: &str, start: usize) -> Option<KeyAndValue<'_>> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let mut bytes = key.bytes();
    let plain = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && is_surely_a_string(key);
    if !plain {
        return None;
    }
    let key = (key, start..start + colon);
    let rest = &line[colon + 1..];
    if rest.is_empty() {
        return Some((key, None));
    }
    let value = rest.strip_prefix(' ')?;
    if value.is_empty() || value.starts_with(' ') {
        return None;
    }
    Some((key, Some((value, start + colon + 2))))
}

/// Adds an entry; a key written twice is for the parser to report.
fn push_entry(
    entries: &mut Vec<Entry>,
    (key, key_span): (&str, Range<usize>),
    value: Node,
) -> Option<()> {
    if entries.iter().any(|e| e.key == key) {
        return None;
    }
    entries.push(Entry {
        key: key.to_string(),
        key_span,
        value,
    });
    Some(())
}

/// The block list that starts at line `i` (`  - ` items, each a value or a
/// table whose other keys are on lines indented by four spaces), and the line
/// after it. As the parser has them, the list and its tables end where the
/// next item, key or the end of the text starts, less the space before it.
fn block_list(text: &str, lines: &[(usize, &str)], mut i: usize) -> Option<(Node, usize)> {
    let next_token = |from: usize, i: usize| {
        let end = match lines.get(i) {
            Some((start, line)) if line.starts_with("  - ") => start + 2,
            Some((start, _)) => *start,
            None => text.len(),
        };
        without_trailing_space(text, from..end)
    };
    let mut items = Vec::new();
    let first = lines.get(i)?.0 + 2;
    while let Some(&(start, line)) = lines.get(i) {
        let Some(item) = line.strip_prefix("  - ") else {
            break;
        };
        let item_start = start + 4;
        i += 1;
        let is_table = !item.starts_with(['"', '[']) && key_and_value(item, item_start).is_some();
        let node = if is_table {
            let (key, value) = key_and_value(item, item_start)?;
            let (value, value_start) = value?;
            let mut entries = Vec::new();
            push_entry(&mut entries, key, inline_value(value, value_start)?)?;
            while let Some(&(start, line)) = lines.get(i) {
                let Some(more) = line.strip_prefix("    ") else {
                    break;
                };
                let (key, value) = key_and_value(more, start + 4)?;
                let (value, value_start) = value?;
                push_entry(&mut entries, key, inline_value(value, value_start)?)?;
                i += 1;
            }
            Node {
                span: next_token(item_start, i),
                value: Value::Map(entries),
            }
        } else {
            inline_value(item, item_start)?
        };
        items.push(node);
    }
    if items.is_empty() {
        return None;
    }
    let node = Node {
        span: next_token(first, i),
        value: Value::List(items),
    };
    Some((node, i))
}

/// A value on its line: a flow list of plain words, a double-quoted string
/// without escapes, or a plain string.
fn inline_value(value: &str, value_start: usize) -> Option<Node> {
    let span = value_start..value_start + value.len();
    if let Some(list) = value.strip_prefix('[') {
        let list = list.strip_suffix(']')?;
        let mut items = Vec::new();
        let mut item_at = value_start + 1;
        if !list.trim_start_matches(' ').is_empty() {
            for item in list.split(',') {
                let word = item.trim_start_matches(' ');
                let word_start = item_at + (item.len() - word.len());
                let word = word.trim_end_matches(' ');
                if !is_plain_word(word) {
                    return None;
                }
                items.push(Node {
                    span: word_start..word_start + word.len(),
                    value: Value::Str(word.to_string()),
                });
                item_at += item.len() + 1;
            }
        }
        return Some(Node {
            span,
            value: Value::List(items),
        });
    }
    let text = match value.strip_prefix('"') {
        Some(quoted) => {
            let quoted = quoted.strip_suffix('"')?;
            let plain = !quoted.contains(['"', '\\']) && quoted.chars().all(is_plain_char);
            plain.then_some(quoted)?
        }
        None => is_plain_scalar(value).then_some(value)?,
    };
    Some(Node {
        span,
        value: Value::Str(text.to_string()),
    })
}

/// A character that a string may hold as it is, in any context: printable,
/// neither a tab nor a line break of any kind, nor a byte-order mark.
fn is_plain_char(c: char) -> bool {
    match c {
        ' '..='~' => true,
        '\u{A0}'..='\u{D7FF}' => !matches!(c, '\u{2028}' | '\u{2029}'),
        '\u{E000}'..='\u{FFFD}' => c != '\u{FEFF}',
        _ => c >= '\u{10000}',
    }
}

/// A block value that YAML reads as this very string: no space or indicator first, no
/// `: ` or ` #` inside, no space at either end, and nothing that would be a
/// number, a boolean or null.
fn is_plain_scalar(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    !" -?:,[]{}#&*!|>'\"%@`".contains(first)
        && !value.ends_with([' ', ':'])
        && !value.contains(": ")
        && !value.contains(" #")
        && value.chars().all(is_plain_char)
        && is_surely_a_string(value)
}

/// An item of a flow list that YAML reads as this very string: letters,
/// digits, `-`, `_` and `.`, and single spaces between words.
fn is_plain_word(word: &str) -> bool {
    !word.is_empty()
        && !word.contains("  ")
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '))
        && !word.starts_with(['-', '.'])
        && is_surely_a_string(word)
}

/// Whether no YAML schema reads the text as a number, a boolean or null:
/// it starts with no digit, sign or dot and is none of their words, or it is
/// a date (`2020-10-12`) or a date and time (`2020-10-12T08:30:00+04:00`).
fn is_surely_a_string(text: &str) -> bool {
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() {
        return is_date_like(text);
    }
    if matches!(first, b'+' | b'-' | b'.') {
        return false;
    }
    let words = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    !words.iter().any(|w| text.eq_ignore_ascii_case(w))
}

/// `YYYY-MM-DD`, then optionally `THH:MM`, `:SS`, a fraction and `Z` or an
/// offset: what a dispatch's date looks like.
fn is_date_like(text: &str) -> bool {
    // Each takes what it reads off the front of `rest`.
    fn byte(rest: &mut &[u8], wanted: &[u8]) -> bool {
        match rest.split_first() {
            Some((b, after)) if wanted.contains(b) => {
                *rest = after;
                true
            }
            _ => false,
        }
    }
    fn digits(rest: &mut &[u8]) -> usize {
        let count = rest.iter().take_while(|d| d.is_ascii_digit()).count();
        *rest = &rest[count..];
        count
    }
    let mut rest = text.as_bytes();
    let r = &mut rest;
    let date = digits(r) == 4 && byte(r, b"-") && digits(r) == 2 && byte(r, b"-") && digits(r) == 2;
    if !date || r.is_empty() {
        return date;
    }
    if !(byte(r, b"T") && digits(r) == 2 && byte(r, b":") && digits(r) == 2) {
        return false;
    }
    if byte(r, b":") && (digits(r) != 2 || (byte(r, b".") && digits(r) == 0)) {
        return false;
    }
    match *r {
        [] | [b'Z'] => true,
        _ => byte(r, b"+-") && digits(r) == 2 && byte(r, b":") && digits(r) == 2 && r.is_empty(),
    }
}

struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts(starts)
    }

    fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        let Some(&start) = self.0.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let line_text = &text[start..];
        let end = line_text.find('\n').unwrap_or(line_text.len());
        start
            + line_text[..end]
                .char_indices()
                .nth(col)
                .map_or(end, |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(node: &'a Node, key: &str) -> &'a Node {
        match &node.value {
            Value::Map(entries) => &entries.iter().find(|e| e.key == key).unwrap().value,
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn yaml_values_know_their_byte_span() {
        let text = "title: \"Gəncə\"\ndate: 2020-10-11\nplaces: [hadrut, stepanakert]\n";
        let doc = parse_yaml(text).unwrap();
        let date = get(&doc, "date");
        assert!(matches!(&date.value, Value::Str(s) if s == "2020-10-11"));
        assert_eq!(&text[date.span.clone()], "2020-10-11");
        let Value::List(places) = &get(&doc, "places").value else {
            panic!()
        };
        assert_eq!(&text[places[1].span.clone()], "stepanakert");
    }

    #[test]
    fn simple_front_matter_reads_as_the_yaml_parser_reads_it() {
        let simple = [
            "sources:\n  - name: \"Kremlin\"\n    by: russia\n  - name: Wargonzo\nclaims:\n  - by: azerbaijan\n    says: \"L'armée a pris Hadrut.\"\n    denied_by: []\n  - by: armenia\n    denied_by: [azerbaijan, russia]\n",
            "title:\n  - a\n",
            "x: NaN\nslug: inf\nsides: [nan, Infinity]\n",
            "title: Le \"cessez-le-feu\", [c] {d} a:b 50% @x `y` \\n\nslug: nan-x\n",
            "aliases:\n  - Chouchi\n  - \"Şuşa\"\n  - [a, b]\ndate: 2020-10-11\n",
            "title: \"Gəncə\"\ndate: 2020-10-11\nplaces: [hadrut, stepanakert]\n",
            "title: \"Dépêche 0 : Des humanitaires d'autre localités\"\ndate: 2020-09-27\nsides: [azerbaijan, artsakh]\nplaces: [lieu-50, lieu-154]\ntopics: [sujet-10]\n",
            "title: Trêve rompue à Hadrut\ndate: 2020-10-12T08:30:00+04:00\nupdated: 2020-10-12T09:00Z\nslug: treve\n",
            "title: l’Arménie et l’Azerbaïdjan\nplaces: []\nsides: [ Arménie ,  Haut Karabakh,Bakou ]\nsummary: Un résumé, avec une virgule; et un point.\n",
            "title: Степанакерт 舒沙 😀\ndate: 2020-10-11 \n",
            "title: x\ndate: 2020-10-11",
            "a: b\n",
            "title: 2020-10-11T08:30:00.5-01:00\n",
        ];
        for text in simple {
            let fully = format!("{:?}", parse_yaml_fully(text).unwrap());
            match simple_yaml(text) {
                Some(node) => assert_eq!(format!("{node:?}"), fully, "{text:?}"),
                None => assert!(
                    text.contains("10-11 \n"),
                    "read by the parser only: {text:?}"
                ),
            }
        }
        // And every YAML front matter of the sample and of the test corpus.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in ["content", "tests/corpus"] {
            for file in walkdir::WalkDir::new(root.join(dir)) {
                let path = file.unwrap().into_path();
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let Ok(split) = super::super::frontmatter::split(&text) else {
                    continue;
                };
                let matter = &text[split.matter];
                if let Some(node) = simple_yaml(matter) {
                    let fully = parse_yaml_fully(matter).expect("the parser reads it too");
                    assert_eq!(format!("{node:?}"), format!("{fully:?}"), "{path:?}");
                    read += 1;
                }
            }
        }
        // The sample's six, at least.
        assert!(read >= 15, "only {read} front matters were simple");
        // What the parser must read: other types, other forms, other lines.
        let others = [
            "draft: true\n",
            "draft: False\n",
            "count: 12\n",
            "x: -3\n",
            "x: .5\n",
            "x: ~\n",
            "x: null\n",
            "x: no\n",
            "x: 2020-10-1\n",
            "x: 2020-10-11T8:30\n",
            "title: a: b\n",
            "title: a #b\n",
            "title: a:\n",
            "title: \"a\\\"b\"\n",
            "title: 'a'\n",
            "title: \"a\" \n",
            "title: a\n  b\n",
            "title: a\n\ndate: b\n",
            "# c\ntitle: a\n",
            "title: a\r\n",
            "title: a\tb\n",
            "title: [a, 12]\n",
            "title: [a, , b]\n",
            "title: [a, b,]\n",
            "title: [a: b]\n",
            "title: [a, [b]]\n",
            "title: {a: b}\n",
            "title: &x a\n",
            "title: *x\n",
            "title: !t a\n",
            "title: |\n  a\n",
            "title: a\ntitle: b\n",
            "ti tle: a\n",
            "title: a\u{2028}b\n",
            "\u{FEFF}title: a\n",
            "---\ntitle: a\n",
            "",
            "title: [a, y]\n",
            "title: [-a]\n",
            "title: [a  b]\n",
            "sources:\n",
            "sources:\n- a\n",
            "sources:\n  - a:\n",
            "sources:\n  - a: 1\n",
            "sources:\n  - a: b\n      c: d\n",
            "sources:\n  - a: b\n    a: c\n",
            "sources:\n  - a: b\n    c:\n      - d\n",
            "sources:\n  -  a\n",
        ];
        for text in others {
            assert!(simple_yaml(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn dates_and_times_are_told_from_numbers() {
        for text in [
            "2020-10-11",
            "2020-10-11T08:30",
            "2020-10-11T08:30Z",
            "2020-10-11T08:30:00",
            "2020-10-11T08:30:00.125+04:00",
            "2020-10-11T08:30-01:00",
        ] {
            assert!(is_date_like(text), "{text}");
        }
        for text in [
            "2020",
            "2020-10",
            "2020-10-1",
            "20201-10-11",
            "2020-10-111",
            "2020-10-11x",
            "2020-10-11T",
            "2020-10-11T8:30",
            "2020-10-11T08:30:",
            "2020-10-11T08:30:0",
            "2020-10-11T08:30:00.",
            "2020-10-11T08:30+04",
            "2020-10-11T08:30+04:00Z",
            "2020-10-11T08:30Z+04:00",
            "2020-10-11 08:30",
        ] {
            assert!(!is_date_like(text), "{text}");
        }
    }

    #[test]
    fn toml_dates_are_kept_as_written() {
        let text = "title = \"A\"\ndate = 2020-10-10T00:30:00+04:00\n";
        let doc = parse_toml(text).unwrap();
        let date = get(&doc, "date");
        assert!(matches!(&date.value, Value::Datetime(s) if s == "2020-10-10T00:30:00+04:00"));
        assert_eq!(&text[date.span.clone()], "2020-10-10T00:30:00+04:00");
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = parse_yaml("title: [unclosed\ndate: 2020-10-11\n").unwrap_err();
        assert!(!err.message.is_empty());
        let err = parse_toml("title = \"A\"\ndate = = 3\n").unwrap_err();
        assert!(err.span.start >= 12, "{err:?}");
    }
}
