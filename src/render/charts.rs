//! Charts drawn at build time as inline SVG: an activity timeline (dispatches
//! per day or week, stacked by side) and maps of the gazetteer's places. No
//! script, no tile server, no request to another host.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use chrono::{Datelike, Duration, NaiveDate};

use super::i18n::Translations;
use super::views::{Urls, day_path};
use crate::model::Chronicle;

/// A colour for what has no side.
const NO_SIDE: &str = "#8a8f98";
/// Beyond this many days, the timeline counts weeks instead of days.
const DAILY_SPAN: i64 = 120;

/// Text as it may stand in an SVG attribute or element, written as it is
/// formatted (no copy of the text).
struct Escaped<'t>(&'t str);

fn escape(text: &str) -> Escaped<'_> {
    Escaped(text)
}

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A coordinate written with one decimal, as `{:.1}` would (ties to even),
/// but with integer arithmetic: a build writes hundreds of thousands of them.
/// What is not a finite number of reasonable size is written as 0.0.
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = [0; 24];
        let digits = tenths(&mut buf, self.0);
        f.write_str(std::str::from_utf8(digits).expect("ASCII digits"))
    }
}

fn push_tenths(out: &mut String, x: f64) {
    // ASCII bytes, pushed as they are: no UTF-8 check for a few digits.
    out.extend(tenths(&mut [0; 24], x).iter().map(|&b| char::from(b)));
}

/// `x` with one decimal, as ASCII digits at the end of `buf`.
fn tenths(buf: &mut [u8; 24], x: f64) -> &[u8] {
    let product = x * 10.0;
    let mut scaled = product.round_ties_even();
    if (product - product.trunc()).abs() == 0.5 {
        // A tie after the product was rounded: the exact product (from the
        // rounding error, which a fused multiply-add gives) decides.
        match x.mul_add(10.0, -product).partial_cmp(&0.0) {
            Some(std::cmp::Ordering::Greater) => scaled = product.floor() + 1.0,
            Some(std::cmp::Ordering::Less) => scaled = product.floor(),
            _ => {}
        }
    }
    let (negative, mut n) = if scaled.is_finite() && scaled.abs() < 1e15 {
        (scaled.is_sign_negative(), scaled.abs() as u64)
    } else {
        (false, 0)
    };
    let mut at = buf.len();
    let mut put = |b: u8| {
        at -= 1;
        buf[at] = b;
    };
    put(b'0' + (n % 10) as u8);
    put(b'.');
    n /= 10;
    loop {
        put(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        put(b'-');
    }
    &buf[at..]
}

/// Labels a chart needs, in the site's language.
pub struct Words<'a> {
    pub t: &'a Translations,
    pub label: &'a dyn Fn(&str) -> String,
}

/// What timelines' bars say of their days, escaped: a day's date as the site
/// writes it, and the link to its page. Charts share them, so that a day is
/// written once per render however many timelines show it.
#[derive(Default)]
pub struct Days(Mutex<rustc_hash::FxHashMap<(NaiveDate, bool), Arc<str>>>);

impl Days {
    /// For each `(start, newest)` of `bars`: the date of `start` and the link
    /// to the page of `newest`.
    fn of(
        &self,
        bars: impl Iterator<Item = (NaiveDate, NaiveDate)>,
        t: &Translations,
        urls: &Urls,
    ) -> Vec<(Arc<str>, Arc<str>)> {
        let mut known = self.0.lock().expect("never poisoned");
        let mut text = |day: NaiveDate, link: bool| -> Arc<str> {
            let made = known.entry((day, link)).or_insert_with(|| {
                let text = if link {
                    urls.link(&day_path(day))
                } else {
                    t.date(day)
                };
                escape(&text).to_string().into()
            });
            made.clone()
        };
        bars.map(|(start, newest)| (text(start, false), text(newest, true)))
            .collect()
    }
}

/// One bar of a timeline: the count per side (`None` for dispatches with no
/// side), the newest day in it (what the bar links to), and its dispatches.
/// Per bucket: each side's share of its dispatches (a dispatch with two
/// sides is half of each: a bar is as tall as its count of dispatches), the
/// newest day in it, and its count.
type Bucket = (BTreeMap<Option<usize>, f64>, NaiveDate, usize);

/// A timeline of the given dispatches: one bar per day (or week), stacked by
/// side in the sides' colours, each bar a link to its day's page. `id` makes
/// the chart's title and description ids unique in the page.
pub fn timeline(
    chronicle: &Chronicle,
    list: &[usize],
    id: &str,
    (urls, days): (&Urls, &Days),
    words: &Words,
) -> Option<String> {
    let dates: Vec<NaiveDate> = list
        .iter()
        .map(|&d| chronicle.dispatches[d].when.date)
        .collect();
    let (first, last) = (*dates.iter().min()?, *dates.iter().max()?);
    let weekly = (last - first).num_days() > DAILY_SPAN;
    let bucket = |date: NaiveDate| {
        if weekly {
            date - Duration::days(date.weekday().num_days_from_monday().into())
        } else {
            date
        }
    };
    // Per bucket: count per side (None for dispatches with no side), and the newest day in it.
    let mut buckets: BTreeMap<NaiveDate, Bucket> = BTreeMap::new();
    for &d in list {
        let dispatch = &chronicle.dispatches[d];
        let entry = buckets
            .entry(bucket(dispatch.when.date))
            .or_insert_with(|| (BTreeMap::new(), dispatch.when.date, 0));
        entry.1 = entry.1.max(dispatch.when.date);
        entry.2 += 1;
        if dispatch.sides.is_empty() {
            *entry.0.entry(None).or_default() += 1.0;
        }
        let share = 1.0 / dispatch.sides.len().max(1) as f64;
        for &s in &dispatch.sides {
            *entry.0.entry(Some(s)).or_default() += share;
        }
    }
    let span = if weekly {
        (bucket(last) - bucket(first)).num_weeks() + 1
    } else {
        (last - first).num_days() + 1
    };
    let (width, height, top, bottom) = (720.0_f64, 120.0_f64, 8.0, 1.0);
    let slot = width / span as f64;
    let bar = (slot * 0.8).max(1.0);
    let tallest = buckets
        .values()
        .map(|(_, _, count)| *count)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let scale = (height - top - bottom) / tallest;
    let total = list.len();
    let title = format!(
        "{}{} {} {}",
        (words.label)("timeline"),
        (words.label)("colon"),
        total,
        (words.label)(&words.t.dispatches_label(total as u64))
    );
    let description = format!(
        "{} {} → {}",
        (words.label)(if weekly { "per_week" } else { "per_day" }),
        words.t.date(first),
        words.t.date(last)
    );
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="timeline" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(&title),
        escape(&description)
    );
    let week_of = if weekly {
        format!("{} ", escape(&(words.label)("week_of")))
    } else {
        String::new()
    };
    let colon = escape(&(words.label)("colon")).to_string();
    // The word after each bar's count, escaped once per form.
    let mut forms: Vec<(String, String)> = Vec::new();
    let texts = days.of(
        buckets
            .iter()
            .map(|(start, (_, newest, _))| (*start, *newest)),
        words.t,
        urls,
    );
    for ((start, (sides, _, count)), (date, link)) in buckets.iter().zip(texts) {
        let index = if weekly {
            (*start - bucket(first)).num_weeks()
        } else {
            (*start - first).num_days()
        };
        let x = index as f64 * slot + (slot - bar) / 2.0;
        let mut y = height - bottom;
        // The parts were escaped one by one: the same as escaping the whole.
        let key = words.t.dispatches_label(*count as u64);
        let word = match forms.iter().position(|(k, _)| *k == key) {
            Some(at) => &forms[at].1,
            None => {
                let word = escape(&(words.label)(&key)).to_string();
                forms.push((key, word));
                &forms.last().expect("just pushed").1
            }
        };
        for part in [
            "<a href=\"",
            &link,
            "\"><title>",
            &week_of,
            &date,
            colon.as_str(),
            " ",
            itoa::Buffer::new().format(*count),
            " ",
            word,
            "</title>",
        ] {
            svg.push_str(part);
        }
        for (side, n) in sides {
            let h = *n * scale;
            y -= h;
            let color = side
                .and_then(|s| chronicle.sides[s].color.as_deref())
                .unwrap_or(NO_SIDE);
            for (name, value) in [
                ("<rect x=\"", x),
                ("\" y=\"", y),
                ("\" width=\"", bar),
                ("\" height=\"", h),
            ] {
                svg.push_str(name);
                push_tenths(&mut svg, value);
            }
            svg.push_str("\" fill=\"");
            svg.push_str(color);
            svg.push_str("\"/>");
        }
        svg.push_str("</a>");
    }
    let baseline = height - bottom;
    // The first and last dates under the chart, in HTML: text in the SVG
    // shrinks with it (to 5 px on a phone). Left to right as the bars go,
    // in every language.
    let _ = write!(
        svg,
        r#"<line x1="0" y1="{baseline}" x2="{width}" y2="{baseline}" class="axis"/></svg><p class="chart-range" dir="ltr"><span dir="auto">{}</span>"#,
        escape(&words.t.date(first)),
    );
    // One day is said once.
    if last != first {
        let _ = write!(
            svg,
            r#" <span dir="auto">{}</span>"#,
            escape(&words.t.date(last))
        );
    }
    svg.push_str("</p>");
    Some(svg)
}

/// Where places go on a map: an equirectangular projection, corrected for the
/// latitude and fitted to the places near the gazetteer's middle, so that one
/// far-away place (a capital where talks are held) does not shrink the region.
pub struct Projection {
    west: f64,
    north: f64,
    scale: f64,
    squash: f64,
    pub width: f64,
    pub height: f64,
}

/// Places further from the middle (the median) than this many degrees, or
/// than three times the spread of the middle half of the places, whichever is
/// more, are left off the maps: a far capital does not shrink the map of a
/// region to a dot, and a map of a whole country keeps its ends.
const REACH: f64 = 6.0;
const PADDING: f64 = 24.0;

impl Projection {
    pub fn fit(points: &[(f64, f64)]) -> Option<Projection> {
        let mut lats: Vec<f64> = points.iter().map(|p| p.0).collect();
        let mut lons: Vec<f64> = points.iter().map(|p| p.1).collect();
        lats.sort_by(f64::total_cmp);
        lons.sort_by(f64::total_cmp);
        let (mid_lat, mid_lon) = (*lats.get(lats.len() / 2)?, *lons.get(lons.len() / 2)?);
        let reach = |sorted: &[f64]| {
            let spread = sorted[sorted.len() * 3 / 4] - sorted[sorted.len() / 4];
            REACH.max(3.0 * spread)
        };
        let (lat_reach, lon_reach) = (reach(&lats), reach(&lons));
        let near: Vec<&(f64, f64)> = points
            .iter()
            .filter(|(lat, lon)| {
                (lat - mid_lat).abs() <= lat_reach && (lon - mid_lon).abs() <= lon_reach
            })
            .collect();
        let (mut south, mut north, mut west, mut east) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (lat, lon) in &near {
            south = south.min(*lat);
            north = north.max(*lat);
            west = west.min(*lon);
            east = east.max(*lon);
        }
        // A single place, or places in a line, still get a frame around them.
        let margin = 0.25;
        let (south, north, west, east) =
            (south - margin, north + margin, west - margin, east + margin);
        let squash = ((south + north) / 2.0).to_radians().cos();
        let (width, max_height) = (600.0, 420.0);
        let scale = ((width - 2.0 * PADDING) / ((east - west) * squash))
            .min((max_height - 2.0 * PADDING) / (north - south));
        let height = (north - south) * scale + 2.0 * PADDING;
        let width = (east - west) * squash * scale + 2.0 * PADDING;
        Some(Projection {
            west,
            north,
            scale,
            squash,
            width,
            height,
        })
    }

    /// The point in the picture, if it is in the frame.
    pub fn project(&self, lat: f64, lon: f64) -> Option<(f64, f64)> {
        let x = PADDING + (lon - self.west) * self.squash * self.scale;
        let y = PADDING + (self.north - lat) * self.scale;
        (x >= 0.0 && y >= 0.0 && x <= self.width && y <= self.height).then_some((x, y))
    }
}

/// One place on a map.
pub struct Dot<'a> {
    pub name: &'a str,
    pub url: String,
    pub lat: f64,
    pub lon: f64,
    pub count: usize,
    pub color: &'a str,
    /// Whether its name is written on the map (not for regions, which are areas).
    pub labelled: bool,
}

/// The map of every place: each dot a link, sized by its dispatches and
/// coloured by the side most involved there.
pub fn places_map(dots: &[Dot], id: &str, words: &Words) -> Option<String> {
    let projection = Projection::fit(&dots.iter().map(|d| (d.lat, d.lon)).collect::<Vec<_>>())?;
    let most = dots.iter().map(|d| d.count).max().unwrap_or(1).max(1) as f64;
    let mut svg = frame(
        &projection,
        id,
        "group",
        &(words.label)("map_title"),
        &(words.label)("map_description"),
    );
    let mut drawn: Vec<&Dot> = dots
        .iter()
        .filter(|d| projection.project(d.lat, d.lon).is_some())
        .collect();
    // Big dots first, so small ones stay visible on top.
    drawn.sort_by_key(|d| std::cmp::Reverse(d.count));
    let circles: Vec<(f64, f64, f64)> = drawn
        .iter()
        .map(|dot| {
            let (x, y) = projection
                .project(dot.lat, dot.lon)
                .expect("filtered above");
            (x, y, 3.0 + 11.0 * (dot.count as f64 / most).sqrt())
        })
        .collect();
    for (dot, &(x, y, r)) in drawn.iter().zip(&circles) {
        let label = format!(
            "{}{} {} {}",
            dot.name,
            (words.label)("colon"),
            dot.count,
            (words.label)(&words.t.dispatches_label(dot.count as u64))
        );
        let _ = write!(
            svg,
            r#"<a href="{}"><title>{}</title><circle cx="{}" cy="{}" r="{}" fill="{}" class="dot"/></a>"#,
            escape(&dot.url),
            escape(&label),
            Tenths(x),
            Tenths(y),
            Tenths(r),
            dot.color
        );
    }
    // Names for the busiest places, over every dot.
    let named = drawn
        .iter()
        .zip(&circles)
        .filter(|(dot, _)| dot.labelled && dot.count * 2 >= most as usize)
        .map(|(dot, &circle)| (dot.name, circle));
    write_labels(&mut svg, named, &circles, &projection);
    svg.push_str("</svg>");
    Some(svg)
}

/// Writes the names that [`place_labels`] finds room for.
fn write_labels<'n>(
    svg: &mut String,
    named: impl Iterator<Item = (&'n str, (f64, f64, f64))>,
    circles: &[(f64, f64, f64)],
    projection: &Projection,
) {
    let area = (projection.width, projection.height);
    for (name, x, y, anchor) in place_labels(named, circles, area) {
        write_label(svg, name, x, y, anchor);
    }
}

/// Writes a map's name, its `anchor` (`start`, `end`, `middle`) at `x`, `y`.
fn write_label(svg: &mut String, name: &str, x: f64, y: f64, anchor: &str) {
    let _ = write!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="{anchor}" class="label">{}</text>"#,
        Tenths(x),
        Tenths(y),
        escape(name)
    );
}

/// The font size of a map's names, in the map's units (the theme's `.label`).
const LABEL_SIZE: f64 = 11.0;

/// Where names go beside their dots (`x`, `y`, `r`), in the order given:
/// each at the first side of its dot (right, left, below, above) where it
/// stays on the map and covers no name already placed and no other dot. A
/// name that fits nowhere is left out: its dot's link and tooltip still say
/// it. Widths are estimated (a wide character for a CJK one, 0.6 of the
/// size for others), as the font is the reader's.
fn place_labels<'n>(
    named: impl Iterator<Item = (&'n str, (f64, f64, f64))>,
    circles: &[(f64, f64, f64)],
    (width, height): (f64, f64),
) -> Vec<(&'n str, f64, f64, &'static str)> {
    let (ascent, descent) = (0.8 * LABEL_SIZE, 0.25 * LABEL_SIZE);
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut placed = Vec::new();
    for (name, (x, y, r)) in named {
        let w: f64 = name
            .chars()
            .map(|c| {
                if is_wide(c) {
                    LABEL_SIZE
                } else {
                    0.6 * LABEL_SIZE
                }
            })
            .sum();
        let baseline = y + 0.35 * LABEL_SIZE;
        let sides = [
            (x + r + 2.0, baseline, "start", x + r + 2.0),
            (x - r - 2.0, baseline, "end", x - r - 2.0 - w),
            (x, y + r + 2.0 + ascent, "middle", x - w / 2.0),
            (x, y - r - 2.0 - descent, "middle", x - w / 2.0),
        ];
        let fits = sides.into_iter().find(|&(_, base, _, left)| {
            let b = [left, base - ascent, left + w, base + descent];
            let on_map = b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= width && b[3] <= height;
            let clear = |o: &[f64; 4]| b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1];
            let covers = |&(cx, cy, cr): &(f64, f64, f64)| {
                let (nx, ny) = (cx.clamp(b[0], b[2]), cy.clamp(b[1], b[3]));
                (nx - cx).powi(2) + (ny - cy).powi(2) < cr * cr
            };
            on_map && boxes.iter().all(clear) && !circles.iter().any(covers)
        });
        if let Some((lx, ly, anchor, left)) = fits {
            boxes.push([left, ly - ascent, left + w, ly + descent]);
            placed.push((name, lx, ly, anchor));
        }
    }
    placed
}

/// Whether a character takes a whole em (Chinese, Japanese, Korean, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Small maps that show where one place is among the others: the frame and
/// the other places are the same on every one, so they are drawn once.
pub struct Locator {
    projection: Projection,
    others: String,
}

impl Locator {
    pub fn new(dots: &[Dot]) -> Option<Locator> {
        let projection = Projection::fit(&dots.iter().map(|d| (d.lat, d.lon)).collect::<Vec<_>>())?;
        let mut others = String::new();
        for dot in dots {
            if let Some((x, y)) = projection.project(dot.lat, dot.lon) {
                let _ = write!(
                    others,
                    r#"<circle cx="{}" cy="{}" r="2.5" class="other"/>"#,
                    Tenths(x),
                    Tenths(y)
                );
            }
        }
        Some(Locator { projection, others })
    }

    /// The map of one place.
    pub fn map(&self, here: &Dot, id: &str, words: &Words) -> Option<String> {
        let (hx, hy) = self.projection.project(here.lat, here.lon)?;
        let title = format!(
            "{}{} {}",
            (words.label)("locator_title"),
            (words.label)("colon"),
            here.name
        );
        let mut svg = frame(
            &self.projection,
            id,
            "img",
            &title,
            &(words.label)("locator_description"),
        );
        svg.push_str(&self.others);
        let _ = write!(
            svg,
            r#"<circle cx="{}" cy="{}" r="8" class="here"/>"#,
            Tenths(hx),
            Tenths(hy)
        );
        // Beside the dot, on whichever side keeps it on the map; on a map
        // too narrow for any, on the side with the more room.
        let named = std::iter::once((here.name, (hx, hy, 8.0)));
        let area = (self.projection.width, self.projection.height);
        let (x, y, anchor) = match place_labels(named, &[], area).first() {
            Some(&(_, x, y, anchor)) => (x, y, anchor),
            None if hx < area.0 / 2.0 => (hx + 10.0, hy + 0.35 * LABEL_SIZE, "start"),
            None => (hx - 10.0, hy + 0.35 * LABEL_SIZE, "end"),
        };
        write_label(&mut svg, here.name, x, y, anchor);
        svg.push_str("</svg>");
        Some(svg)
    }
}

/// The start of a map. `role` is `img`, or `group` for a map of links (an
/// image's parts are not announced, so its links could not be reached).
fn frame(projection: &Projection, id: &str, role: &str, title: &str, description: &str) -> String {
    format!(
        r#"<svg class="map" viewBox="0 0 {:.0} {:.0}" direction="ltr" role="{role}" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><rect width="100%" height="100%" class="ground"/>"#,
        projection.width,
        projection.height,
        escape(title),
        escape(description)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_where_they_cover_no_other_name_or_dot_and_stay_on_the_map() {
        // Khartoum and Omdurman, side by side: the second name goes left.
        let circles = [(300.0, 200.0, 10.0), (330.0, 200.0, 8.0)];
        let named = [("Khartoum", circles[0]), ("Omdurman", circles[1])];
        let placed = place_labels(named.into_iter(), &circles, (600.0, 420.0));
        assert_eq!(placed.len(), 2, "{placed:?}");
        // Khartoum's right is Omdurman's dot: it goes left; Omdurman goes right.
        assert_eq!((placed[0].0, placed[0].3), ("Khartoum", "end"));
        assert_eq!((placed[1].0, placed[1].3), ("Omdurman", "start"));
        // At the right edge, a name goes left; with no room at all, it is left out.
        let edge = [("Port-Soudan", (595.0, 200.0, 3.0))];
        assert_eq!(
            place_labels(edge.into_iter(), &[], (600.0, 420.0))[0].3,
            "end"
        );
        let tiny = [("Port-Soudan", (10.0, 10.0, 3.0))];
        assert!(place_labels(tiny.into_iter(), &[], (40.0, 20.0)).is_empty());
        // Two names that would overlap: the second finds another side.
        let close = [(100.0, 100.0, 3.0), (100.0, 112.0, 3.0)];
        let named = [("Omdurman", close[0]), ("Bahri", close[1])];
        let placed = place_labels(named.into_iter(), &close, (600.0, 420.0));
        let [a, b] = [&placed[0], &placed[1]];
        assert!(a.3 != b.3 || (a.2 - b.2).abs() >= LABEL_SIZE, "{placed:?}");
    }

    #[test]
    fn tenths_are_written_as_one_decimal_formatting_would() {
        let mut some = vec![0.0, -0.0, 0.04, -0.04, 0.05, 0.15, 0.25, 1.0, 9.96, 104.25];
        some.extend([719.95, -0.5, -3.26, 1234.5678, 0.35, 2.675, 1e9 + 0.05]);
        // And every hundredth from -20 to 800, where charts draw.
        some.extend((-2000..80000).map(|i| i as f64 / 100.0));
        let mut pushed = String::new();
        for x in some {
            assert_eq!(Tenths(x).to_string(), format!("{x:.1}"), "{x}");
            pushed.clear();
            push_tenths(&mut pushed, x);
            assert_eq!(pushed, format!("{x:.1}"), "{x}");
        }
        assert_eq!(Tenths(f64::NAN).to_string(), "0.0");
    }

    #[test]
    fn a_far_away_place_does_not_shrink_the_region() {
        let karabakh = [
            (39.82, 46.75),
            (39.52, 47.03),
            (40.68, 46.36),
            (40.37, 47.13),
        ];
        let mut with_moscow = karabakh.to_vec();
        with_moscow.push((55.75, 37.62));
        let projection = Projection::fit(&with_moscow).unwrap();
        assert!(
            projection.project(55.75, 37.62).is_none(),
            "Moscow is off the map"
        );
        let (x1, _) = projection.project(39.52, 47.03).unwrap();
        let (x2, _) = projection.project(40.68, 46.36).unwrap();
        assert!(
            (x1 - x2).abs() > 100.0,
            "the region fills the frame: {x1} {x2}"
        );
    }

    #[test]
    fn a_map_of_a_whole_country_keeps_its_ends() {
        // Lviv to Donetsk: 14 degrees of longitude, more than REACH either
        // side of Kyiv; the places are spread evenly, none is an outlier.
        let ukraine = [
            (49.84, 24.03),
            (50.45, 30.52),
            (46.48, 30.73),
            (49.99, 36.23),
            (48.00, 37.80),
        ];
        let projection = Projection::fit(&ukraine).unwrap();
        for (lat, lon) in ukraine {
            assert!(projection.project(lat, lon).is_some(), "{lat} {lon}");
        }
    }
}
