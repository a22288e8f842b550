//! Fenced code highlighted at build time by syntect, with CSS classes (the
//! theme ships the colours in `static/syntax.css`).

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The class prefix of highlighted code, shared with the theme's stylesheet.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights fenced code with CSS classes (the theme ships the colours).
pub fn highlight(lang: &str, code: &str) -> String {
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_attr(lang))
    };
    let Some(syntax) = syntax else {
        return format!(
            "<pre><code{lang_class}>{}</code></pre>\n",
            escape_text(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre><code{lang_class}>{}</code></pre>\n",
                escape_text(code)
            );
        }
    }
    format!(
        "<pre class=\"hl-code\"><code{lang_class}>{}</code></pre>\n",
        generator.finalize()
    )
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(super) fn escape_attr(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`. The default theme ships its output as
/// `static/syntax.css`; a test keeps the two in step.
pub fn syntax_css() -> String {
    use syntect::highlighting::ThemeSet;
    use syntect::html::css_for_theme_with_class_style;
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
        .unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
        .unwrap_or_default();
    let indented: String = dark.lines().map(|l| format!("  {l}\n")).collect();
    format!(
        "/* Highlighted code, generated from syntect's themes by chronicle. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{indented}}}\n"
    )
}

#[cfg(test)]
mod syntax_css_tests {
    /// Run with CHRONICLE_UPDATE_SYNTAX_CSS=1 to write the file after changing the themes.
    #[test]
    fn the_shipped_syntax_stylesheet_matches_the_highlighter() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/syntax.css"
        );
        let css = super::syntax_css();
        if std::env::var_os("CHRONICLE_UPDATE_SYNTAX_CSS").is_some() {
            std::fs::write(path, &css).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            shipped == css,
            "themes/default/static/syntax.css is out of date: run the tests with CHRONICLE_UPDATE_SYNTAX_CSS=1"
        );
    }
}
