//! Tools for editors: starting a chronicle (`init`) and a dispatch (`new`).

pub mod init;
pub mod new;

/// A string as a double-quoted YAML scalar, safe whatever it holds.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_quoted_and_escaped() {
        assert_eq!(
            yaml_string("Karabakh : \"trêve\""),
            "\"Karabakh : \\\"trêve\\\"\""
        );
        assert_eq!(yaml_string("a\\b\n"), "\"a\\\\b\\n\"");
    }
}
