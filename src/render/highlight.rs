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
            "<pre tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
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
                "<pre tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
                escape_text(code)
            );
        }
    }
    // A pre that scrolls sideways takes the focus, so that a keyboard scrolls it.
    format!(
        "<pre class=\"hl-code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
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
    // Each theme in its own scheme only: a rule of the light one that the
    // dark one has not (a string in a JSON key) kept its dark blue on the
    // dark background. Text colours are made readable on each background
    // (4.5:1, WCAG AA): the light theme's were as low as 2.9:1.
    let indent = |css: &str| -> String { css.lines().map(|l| format!("  {l}\n")).collect() };
    let light = indent(&readable(&light, (255, 255, 255)));
    let dark = indent(&readable(&dark, (0x2b, 0x30, 0x3b)));
    format!(
        "/* Highlighted code, generated from syntect's themes by chronicle. */\n\
         @media not all and (prefers-color-scheme: dark) {{\n{light}}}\n\
         @media (prefers-color-scheme: dark) {{\n{dark}}}\n"
    )
}

/// The stylesheet with each text colour (`color: #rrggbb`) taken towards
/// black or white, as the background needs, until it reads at 4.5:1 on it.
fn readable(css: &str, background: (u8, u8, u8)) -> String {
    let luminance = |(r, g, b): (f64, f64, f64)| {
        let linear = |c: f64| {
            let c = c / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let bg = (
        f64::from(background.0),
        f64::from(background.1),
        f64::from(background.2),
    );
    let bg_l = luminance(bg);
    let contrast = |c| {
        let l = luminance(c);
        (l.max(bg_l) + 0.05) / (l.min(bg_l) + 0.05)
    };
    let towards = if bg_l > 0.5 { 0.0 } else { 255.0 };
    let mut out = String::with_capacity(css.len());
    for line in css.lines() {
        let hex = line
            .trim()
            .strip_prefix("color: #")
            .and_then(|rest| rest.strip_suffix(';'))
            .filter(|hex| hex.len() == 6)
            .and_then(|hex| u32::from_str_radix(hex, 16).ok());
        let Some(hex) = hex else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let channel = |shift: u32| f64::from((hex >> shift) & 0xff);
        let mut c = (channel(16), channel(8), channel(0));
        while contrast(c) < 4.5 {
            let step = |v: f64| v + (towards - v) * 0.05;
            c = (step(c.0), step(c.1), step(c.2));
        }
        let [r, g, b] = [c.0, c.1, c.2].map(|v| v.round() as u8);
        out.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};\n"));
    }
    out
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
