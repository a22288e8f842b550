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
    Node {
        span: start..end,
        value,
    }
}

/// Byte offsets of line starts, to turn YAML's (line, column in characters) into bytes.
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
