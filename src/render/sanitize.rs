//! The `sanitize` policy for raw HTML in dispatches: safe HTML kept, scripts,
//! event handlers and dangerous URLs removed.

use crate::model::SanitizeRules;

/// Schemes a link may use without the sanitizer looking at it.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Keeps safe HTML, drops scripts, event handlers and dangerous URLs.
pub fn sanitize(html: &str, rules: &SanitizeRules) -> String {
    let mut builder = ammonia::Builder::default();
    builder.add_tags(rules.tags.iter().map(String::as_str));
    for (tag, attributes) in &rules.attributes {
        builder.add_tag_attributes(tag.as_str(), attributes.iter().map(String::as_str));
    }
    builder
        .add_generic_attributes(["class", "id", "lang", "dir", "title"])
        .add_tags([
            "input",
            "section",
            "figure",
            "figcaption",
            "details",
            "summary",
            "mark",
            "video",
            "audio",
            "source",
            "picture",
            "track",
            "time",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("div", ["tabindex"])
        .add_tag_attributes("pre", ["tabindex"])
        // A footnote's way back to the text.
        .add_tag_attributes("a", ["aria-label"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("img", ["loading", "width", "height", "srcset", "sizes"])
        .add_tag_attributes("video", ["src", "controls", "poster", "width", "height"])
        .add_tag_attributes("audio", ["src", "controls"])
        .add_tag_attributes("source", ["src", "type", "srcset", "sizes", "media"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
        // A date as machines read it: a chronicle's raw HTML writes them.
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("del", ["datetime"])
        .add_tag_attributes("ins", ["datetime"])
        .attribute_filter(|element, attribute, value| {
            if attribute == "style" {
                // Table alignment from Markdown is the only inline style kept.
                let ok = matches!(element, "th" | "td")
                    && matches!(
                        value,
                        "text-align: left" | "text-align: center" | "text-align: right"
                    );
                return ok.then(|| value.into());
            }
            // (The sanitizer checks the schemes of `src` and `href`, not
            // of the candidates a `srcset` lists.)
            if attribute == "srcset" {
                let safe = value
                    .split(',')
                    .all(|candidate| is_safe_url(candidate.trim_start()));
                return safe.then(|| value.into());
            }
            if attribute == "type" && element == "input" {
                return (value == "checkbox").then(|| value.into());
            }
            Some(value.into())
        })
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough);
    builder.clean(html).to_string()
}
