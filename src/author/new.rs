//! `chronicle new`: a dispatch file with its front-matter filled in.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::yaml_string;
use crate::config::load_config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{CONTENT_DIR, DISPATCHES_DIR, Resolver, load_gazetteer, parse_when};
use crate::slug::{NAME_MAX, Transliteration};

/// What the editor asked for on the command line.
#[derive(Clone, Debug, Default)]
pub struct NewDispatch {
    pub title: String,
    /// `YYYY-MM-DD` or an RFC 3339 date-time; now when absent.
    pub date: Option<String>,
    pub places: Vec<String>,
    pub sides: Vec<String>,
    pub topics: Vec<String>,
    pub draft: bool,
}

/// The file made, and what the editor should know about it.
#[derive(Debug)]
pub struct Created {
    pub path: PathBuf,
    pub warnings: Diagnostics,
}

/// The dispatch's `date` and the slug of its file name, or what is wrong
/// with the command's arguments (a bad `--date`, a title with no letter or
/// digit): a usage error, found before any file is read. The slug is made
/// by the site's `transliteration` (whether one can be made is the same for all).
pub fn read_request(
    request: &NewDispatch,
    now: DateTime<FixedOffset>,
    transliteration: Transliteration,
) -> Result<(String, String), Diagnostic> {
    let date_text = match &request.date {
        Some(date) => {
            let date = date.trim();
            parse_when(date).map_err(|expected| {
                Diagnostic::error(format!("invalid --date `{date}`")).with_help(expected)
            })?;
            date.to_string()
        }
        None => now.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
    };
    // A name with no letter or digit makes no address: the dispatch
    // written would not build.
    let terms = [
        ("--place", &request.places),
        ("--side", &request.sides),
        ("--topic", &request.topics),
    ];
    for (flag, names) in terms {
        if let Some(name) = names
            .iter()
            .find(|name| transliteration.title_slug(name, NAME_MAX).is_none())
        {
            return Err(Diagnostic::error(format!("invalid {flag} `{name}`"))
                .with_help("give a name with at least one letter or digit"));
        }
    }
    let longest = NAME_MAX - "YYYY-MM-DD-.md".len();
    let slug = transliteration
        .title_slug(&request.title, longest)
        .ok_or_else(|| {
            Diagnostic::error(format!(
                "cannot make a file name from the title `{}`",
                request.title
            ))
            .with_help("give a title with at least one letter or digit")
        })?;
    Ok((date_text, slug))
}

/// Writes `content/dispatches/YYYY-MM-DD-slug.md`. Never overwrites a file.
pub fn new_dispatch(
    root: &Path,
    request: &NewDispatch,
    now: DateTime<FixedOffset>,
) -> Result<Created, Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let config = match load_config(root) {
        (Some(config), errors) if errors.is_empty() => config,
        (_, errors) => return Err(Diagnostics(errors)),
    };
    let (date_text, slug) = read_request(request, now, config.transliteration()).map_err(one)?;
    let day = &date_text[..10];

    let content = root.join(CONTENT_DIR);
    let (gazetteer, mut warnings) = load_gazetteer(&content, root);
    if warnings.has_errors() {
        return Err(warnings);
    }
    let places_named: Vec<(String, String)> = gazetteer
        .places
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let sides_named: Vec<(String, String)> = gazetteer
        .sides
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let topics_named: Vec<(String, String)> = gazetteer
        .topics
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let places = resolve(
        "place",
        &request.places,
        &gazetteer.place_names,
        &places_named,
        &mut warnings,
    );
    let sides = resolve(
        "side",
        &request.sides,
        &gazetteer.side_names,
        &sides_named,
        &mut warnings,
    );
    // Topics are free-form until the chronicle declares some (as `check` says).
    let mut topic_warnings = Diagnostics::default();
    let topics = resolve(
        "topic",
        &request.topics,
        &gazetteer.topic_names,
        &topics_named,
        &mut topic_warnings,
    );
    if !topics_named.is_empty() {
        warnings.extend(topic_warnings);
    }

    let mut text = format!(
        "---\ntitle: {}\ndate: {date_text}\n",
        yaml_string(&request.title)
    );
    for (field, values) in [("sides", &sides), ("places", &places), ("topics", &topics)] {
        if !values.is_empty() {
            let list: Vec<String> = values.iter().map(|v| yaml_string(v)).collect();
            text.push_str(&format!("{field}: [{}]\n", list.join(", ")));
        }
    }
    if request.draft {
        text.push_str("draft: true\n");
    }
    text.push_str("---\n\n");

    let dir = content.join(DISPATCHES_DIR);
    let path = dir.join(format!("{day}-{slug}.md"));
    if let Some((address, taken)) = address_taken(root, day, &slug) {
        return Err(one(Diagnostic::error(format!(
            "the address /{address} is already taken by the dispatch {}; no file was written",
            taken.display()
        ))
        .with_help(
            "choose another title, or edit that dispatch (two dispatches of a day cannot have one slug)",
        )));
    }
    let io_error = |e: std::io::Error| {
        one(Diagnostic::error(format!(
            "cannot write {}: {e}",
            path.display()
        )))
    };
    std::fs::create_dir_all(&dir).map_err(io_error)?;
    let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(one(Diagnostic::error(format!(
                "{} already exists; it was left as it is",
                path.display()
            ))
            .with_help("choose another title, or edit that file")));
        }
        Err(e) => return Err(io_error(e)),
    };
    file.write_all(text.as_bytes()).map_err(io_error)?;
    Ok(Created { path, warnings })
}

/// The address and file of the dispatch (drafts included) that already has
/// the day (`YYYY-MM-DD`) and slug of a new one, wherever it is under
/// `content/dispatches/` and whatever its file is named (a `slug:` in its
/// front-matter).
fn address_taken(root: &Path, day: &str, slug: &str) -> Option<(String, PathBuf)> {
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let options = crate::load::LoadOptions {
        drafts: true,
        base_url: None,
    };
    let (chronicle, _) = crate::load::load(root, &options);
    let dispatches = chronicle?.dispatches;
    let taken = |d: &crate::model::Dispatch| {
        let file = d.path.strip_prefix(root).unwrap_or(&d.path).to_path_buf();
        (d.path_part(), file)
    };
    if let Some(d) = dispatches
        .iter()
        .find(|d| d.slug == slug && d.when.date == day)
    {
        return Some(taken(d));
    }
    // Or an alias of one: that address redirects to it.
    let address = format!("{}/{slug}/", day.format("%Y/%m/%d"));
    dispatches
        .iter()
        .find(|d| d.aliases.iter().any(|(alias, _)| *alias == address))
        .map(|d| (address.clone(), taken(d).1))
}

/// Each name as its declared id, or as written (with a warning) when undeclared.
fn resolve(
    kind: &str,
    names: &[String],
    resolver: &Resolver,
    declared: &[(String, String)],
    warnings: &mut Diagnostics,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let value = match resolver.find(name) {
            Some(i) => declared[i].0.clone(),
            None => {
                let mut warning = Diagnostic::warning(format!(
                    "{kind} `{name}` is not declared in content/{kind}s.toml; it is kept as written"
                ));
                if let Some(i) = resolver.closest(name) {
                    let (id, label) = &declared[i];
                    warning = warning.with_help(format!("did you mean `{id}` ({label})?"));
                }
                warnings.push(warning);
                name.clone()
            }
        };
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("chronicle.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/places.toml"),
            "[[place]]\nid = \"hadrut\"\nname = \"Hadrut\"\naliases = [\"Hadrout\"]\n",
        )
        .unwrap();
        dir
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2020-10-28T14:05:00+04:00").unwrap()
    }

    #[test]
    fn a_new_dispatch_has_its_front_matter_filled_in() {
        let dir = site();
        let request = NewDispatch {
            title: "Nagorny-Karabakh : la trêve".into(),
            places: vec!["HADROUT".into(), "Hadrot".into()],
            ..NewDispatch::default()
        };
        let created = new_dispatch(dir.path(), &request, now()).unwrap();
        assert!(
            created
                .path
                .ends_with("content/dispatches/2020-10-28-nagorny-karabakh-la-treve.md")
        );
        let text = std::fs::read_to_string(&created.path).unwrap();
        assert!(
            text.contains(
                "title: \"Nagorny-Karabakh : la trêve\"\ndate: 2020-10-28T14:05:00+04:00\n"
            ),
            "{text}"
        );
        assert!(text.contains("places: [\"hadrut\", \"Hadrot\"]"), "{text}");
        let warning = created.warnings.render();
        assert!(
            warning.contains("place `Hadrot` is not declared")
                && warning.contains("did you mean `hadrut`"),
            "{warning}"
        );
    }

    /// Topics are free-form until the chronicle declares some, as `check`
    /// and `build` have it.
    #[test]
    fn an_undeclared_topic_is_said_only_once_topics_are_declared() {
        let dir = site();
        let request = NewDispatch {
            title: "Cessez-le-feu".into(),
            topics: vec!["Cease-fire".into()],
            ..NewDispatch::default()
        };
        let created = new_dispatch(dir.path(), &request, now()).unwrap();
        assert!(created.warnings.is_empty(), "{}", created.warnings.render());
        let text = std::fs::read_to_string(&created.path).unwrap();
        assert!(text.contains("topics: [\"Cease-fire\"]"), "{text}");
        std::fs::write(
            dir.path().join("content/topics.toml"),
            "[[topic]]\nid = \"cease-fire-talks\"\nname = \"Cease-fire talks\"\n",
        )
        .unwrap();
        let request = NewDispatch {
            date: Some("2020-10-12".into()),
            ..request
        };
        let created = new_dispatch(dir.path(), &request, now()).unwrap();
        let warning = created.warnings.render();
        assert!(
            warning.contains("topic `Cease-fire` is not declared in content/topics.toml"),
            "{warning}"
        );
    }

    #[test]
    fn new_never_overwrites_a_file() {
        let dir = site();
        let request = NewDispatch {
            title: "Combats".into(),
            date: Some("2020-10-12".into()),
            ..NewDispatch::default()
        };
        let first = new_dispatch(dir.path(), &request, now()).unwrap();
        std::fs::write(&first.path, "edited").unwrap();
        let err = new_dispatch(dir.path(), &request, now()).unwrap_err();
        assert!(err.render().contains("already exists"), "{}", err.render());
        assert_eq!(std::fs::read_to_string(&first.path).unwrap(), "edited");
    }

    #[test]
    fn new_refuses_an_address_another_dispatch_has_wherever_its_file_is() {
        let dir = site();
        let moved = dir.path().join("content/dispatches/2020");
        std::fs::create_dir_all(&moved).unwrap();
        std::fs::write(
            moved.join("2020-10-12-combats.md"),
            "---\ntitle: Combats\ndate: 2020-10-12\n---\nTexte.\n",
        )
        .unwrap();
        std::fs::write(
            moved.join("renamed.md"),
            "---\ntitle: Trêve\ndate: 2020-10-13\nslug: treve\ndraft: true\n---\nTexte.\n",
        )
        .unwrap();
        std::fs::write(
            moved.join("2020-10-15-bilan.md"),
            "---\ntitle: Bilan\ndate: 2020-10-15\naliases: [/2020/10/14/pertes/]\n---\nTexte.\n",
        )
        .unwrap();
        for (title, date, file) in [
            ("Combats", "2020-10-12", "2020-10-12-combats.md"),
            ("Trêve", "2020-10-13T09:00:00+04:00", "renamed.md"),
            // An alias of a dispatch is its address too.
            ("Pertes", "2020-10-14", "2020-10-15-bilan.md"),
        ] {
            let request = NewDispatch {
                title: title.into(),
                date: Some(date.into()),
                ..NewDispatch::default()
            };
            let err = new_dispatch(dir.path(), &request, now())
                .unwrap_err()
                .render();
            assert!(
                err.contains("is already taken by the dispatch content/dispatches/2020/")
                    && err.contains(file)
                    && err.contains("no file was written"),
                "{err}"
            );
        }
        let top: Vec<_> = std::fs::read_dir(dir.path().join("content/dispatches"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(top, ["2020"]);
    }

    #[test]
    fn a_bad_date_is_refused_before_anything_is_written() {
        let dir = site();
        let request = NewDispatch {
            title: "X".into(),
            date: Some("2020-13-01".into()),
            ..NewDispatch::default()
        };
        let err = new_dispatch(dir.path(), &request, now()).unwrap_err();
        assert!(err.render().contains("no month 13"), "{}", err.render());
        assert!(!dir.path().join("content/dispatches").exists());
    }
}
