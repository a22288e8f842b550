//! Side colours made readable: whatever colour an editor gives a side, its
//! badge gets the ink (black or white) that reads best on it, and its name as
//! text gets a shade of the colour that keeps WCAG AA contrast (4.5:1) on the
//! default theme's light and dark backgrounds.

/// The default theme's page backgrounds (`--bg` in style.css), light and dark.
pub const LIGHT_BACKGROUND: [u8; 3] = [0xff, 0xff, 0xff];
pub const DARK_BACKGROUND: [u8; 3] = [0x11, 0x14, 0x18];

/// The contrast WCAG 2.1 AA asks of body text.
const AA: f64 = 4.5;

/// A side colour and what the theme draws with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideColors {
    /// The colour as the editor wrote it, normalized to `#rrggbb`.
    pub color: String,
    /// Text on the colour: `#ffffff` or `#000000`, whichever contrasts more.
    pub ink: String,
    /// The colour as text on the light background (darkened if it must be).
    pub on_light: String,
    /// The colour as text on the dark background (lightened if it must be).
    pub on_dark: String,
}

/// The colours drawn from a CSS colour `#rgb` or `#rrggbb`; none for anything else.
pub fn side_colors(color: &str) -> Option<SideColors> {
    let rgb = parse(color)?;
    let ink = if contrast(rgb, [255; 3]) >= contrast(rgb, [0; 3]) {
        [255; 3]
    } else {
        [0; 3]
    };
    Some(SideColors {
        color: hex(rgb),
        ink: hex(ink),
        on_light: hex(readable_on(rgb, LIGHT_BACKGROUND, [0; 3])),
        on_dark: hex(readable_on(rgb, DARK_BACKGROUND, [255; 3])),
    })
}

/// `#rgb` or `#rrggbb` as three bytes.
fn parse(color: &str) -> Option<[u8; 3]> {
    let digits = color.trim().strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |s: &str| u8::from_str_radix(s, 16).ok();
    match digits.len() {
        3 => {
            let mut out = [0; 3];
            for (i, c) in digits.chars().enumerate() {
                out[i] = byte(&format!("{c}{c}"))?;
            }
            Some(out)
        }
        6 => Some([
            byte(&digits[0..2])?,
            byte(&digits[2..4])?,
            byte(&digits[4..6])?,
        ]),
        _ => None,
    }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// WCAG relative luminance.
fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG contrast ratio between two colours, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The colour, mixed towards `toward` by the smallest step that reaches AA
/// contrast on `background` (the colour itself when it already does).
fn readable_on(rgb: [u8; 3], background: [u8; 3], toward: [u8; 3]) -> [u8; 3] {
    (0..=100)
        .map(|step| {
            let t = f64::from(step) / 100.0;
            let mix = |i: usize| {
                (f64::from(rgb[i]) + (f64::from(toward[i]) - f64::from(rgb[i])) * t).round() as u8
            };
            [mix(0), mix(1), mix(2)]
        })
        .find(|&c| contrast(c, background) >= AA)
        .unwrap_or(toward)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_keeps_aa_contrast_as_badge_and_as_text_in_both_modes() {
        for color in [
            "#0072b2", "#c05500", "#a26085", "#008561", "#5f5f5f", "#ffcc00", "#000", "#fff",
            "#777777", "#ff0000", "#00ff00", "#1a1a1a",
        ] {
            let c = side_colors(color).unwrap();
            let get = |s: &str| parse(s).unwrap();
            assert!(contrast(get(&c.ink), get(&c.color)) >= AA, "{color}: {c:?}");
            assert!(
                contrast(get(&c.on_light), LIGHT_BACKGROUND) >= AA,
                "{color}: {c:?}"
            );
            assert!(
                contrast(get(&c.on_dark), DARK_BACKGROUND) >= AA,
                "{color}: {c:?}"
            );
        }
    }

    #[test]
    fn a_colour_readable_already_is_kept_and_a_light_one_gets_black_ink() {
        let blue = side_colors("#0072B2").unwrap();
        assert_eq!(blue.color, "#0072b2");
        assert_eq!(blue.on_light, "#0072b2");
        assert_eq!(blue.ink, "#ffffff");
        assert_ne!(blue.on_dark, "#0072b2", "too dark on the dark background");
        assert_eq!(side_colors("#fc0").unwrap().ink, "#000000");
        assert_eq!(side_colors("blue"), None);
        assert_eq!(side_colors("#12345"), None);
    }
}
