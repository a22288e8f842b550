//! `chronicle serve`: builds the site into memory, serves it on a local
//! address, rebuilds when files change, and reloads the open pages.
//!
//! It drives the same stages as `build`; nothing is written to disk, and the
//! last good site stays served while an edit is broken.

mod http;
mod watch;

use rustc_hash::FxHashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use http::{App, Notice};
pub use http::{content_type, site_key};
use watch::Watcher;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::LoadOptions;
use crate::output::{Content, Deferred, Site};
use crate::pipeline::{Session, build_site_with};
use crate::render::search;

/// What `chronicle serve` was asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// Print where each rebuild's time went.
    pub timings: bool,
}

/// The site as served: the last good build, and the error of the last edit if it broke.
#[derive(Debug, Default)]
pub struct Served {
    pub files: Arc<FxHashMap<String, Content>>,
    /// An edit's own pages, served over `files` while the rest of its
    /// rebuild is made.
    pub first: FxHashMap<String, Content>,
    pub error: Option<String>,
    pub version: u64,
    /// The search files are being made again: requests for them wait.
    pub search_pending: bool,
}

impl Served {
    /// The file at a site path.
    pub fn file(&self, key: &str) -> Option<&Content> {
        self.first.get(key).or_else(|| self.files.get(key))
    }
}

/// Why `serve` could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken, or the address can't be bound.
    Bind(String),
    Io(String),
}

/// Serves the site until interrupted. `ready` is called with the address once
/// the first build is done and the server listens.
pub fn serve(options: &ServeOptions, ready: impl FnOnce(&str)) -> Result<(), ServeError> {
    if let Some(problem) = crate::config::root_problem(&options.root) {
        return Err(ServeError::Io(problem));
    }
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        ServeError::Bind(if e.kind() == std::io::ErrorKind::AddrInUse {
            // A port that is free now, of the next ones (or any).
            let free = (1..=50)
                .filter_map(|step| options.port.checked_add(step))
                .chain([0])
                .find_map(|port| TcpListener::bind((options.bind, port)).ok())
                .and_then(|listener| listener.local_addr().ok())
                .map_or(String::new(), |address| {
                    format!(", e.g. --port {}", address.port())
                });
            format!(
                "port {} is already in use on {}; choose another with --port{free}",
                options.port, options.bind,
            )
        } else {
            format!("cannot listen on {}:{}: {e}", options.bind, options.port)
        })
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| ServeError::Io(e.to_string()))?;
    let url = local_url(address);
    let load = LoadOptions {
        drafts: options.drafts,
        base_url: Some(url.clone()),
    };

    let (notices, _) = broadcast::channel(16);
    let served = Arc::new(RwLock::new(Arc::new(Served::default())));
    let mut rebuilder = Rebuilder {
        options: options.clone(),
        load,
        served: served.clone(),
        notices: notices.clone(),
        session: Session::default(),
        search_paths: Vec::new(),
    };
    rebuilder.session.render.defer_search = true;
    rebuilder.rebuild(&[]);

    let mut watcher = Watcher::new(&options.root)
        .map_err(|e| ServeError::Io(format!("cannot watch {}: {e}", options.root.display())))?;
    std::thread::spawn(move || {
        while let Some(changed) = watcher.next_change() {
            rebuilder.rebuild(&changed);
        }
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io(e.to_string()))?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| ServeError::Io(e.to_string()))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| ServeError::Io(e.to_string()))?;
        ready(&url);
        if options.open {
            // A browser that fails to open is not a reason to stop serving.
            let _ = open::that_detached(&url);
        }
        axum::serve(listener, http::router(App { served, notices }))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| ServeError::Io(e.to_string()))
    })
}

/// The address pages link to (their feeds, canonical links and sitemap):
/// the bound one; for "any address", this machine's address on its network,
/// which the other devices that preview the site reach it at too, or
/// localhost without one.
fn local_url(address: SocketAddr) -> String {
    let ip = match address.ip() {
        ip if ip.is_unspecified() => network_address(ip.is_ipv6()),
        ip => Some(ip),
    };
    let host = match ip {
        None => "localhost".to_string(),
        Some(IpAddr::V6(ip)) => format!("[{ip}]"),
        Some(IpAddr::V4(ip)) => ip.to_string(),
    };
    format!("http://{host}:{}/", address.port())
}

/// The address this machine sends from on its network: the one a socket
/// "connected" to an address of the documentation ranges (RFC 5737, 3849)
/// is given. No packet is sent.
fn network_address(v6: bool) -> Option<IpAddr> {
    let (any, far): (SocketAddr, SocketAddr) = if v6 {
        (
            (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
            ("2001:db8::1".parse::<std::net::Ipv6Addr>().ok()?, 9).into(),
        )
    } else {
        (
            (std::net::Ipv4Addr::UNSPECIFIED, 0).into(),
            (std::net::Ipv4Addr::new(192, 0, 2, 1), 9).into(),
        )
    };
    let socket = std::net::UdpSocket::bind(any).ok()?;
    socket.connect(far).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// Rebuilds the site after changes and tells the open pages.
struct Rebuilder {
    options: ServeOptions,
    load: LoadOptions,
    served: Arc<RwLock<Arc<Served>>>,
    notices: broadcast::Sender<Notice>,
    session: Session,
    /// The paths of the search files now served.
    search_paths: Vec<String>,
}

impl Rebuilder {
    fn rebuild(&mut self, changed: &[PathBuf]) {
        let started = Instant::now();
        let previous = self
            .served
            .read()
            .expect("the served site lock is never poisoned")
            .clone();
        self.session.load.forget(changed);
        let shown_first = Arc::new(std::sync::Mutex::new(ShownFirst::default()));
        // Only a batch of Markdown edits: a page shown first must not need
        // anything else of the rebuild (a stylesheet), as it would have to
        // reload again and could miss the word while it reloads.
        let markdown = !changed.is_empty()
            && changed
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "md"));
        self.session.first_pages =
            markdown.then(|| self.show_first(&previous, shown_first.clone(), started));
        let result = build_site_with(&self.options.root, &self.load, &mut self.session, &|_| {});
        // The hook holds the last site: it is let go at the end, once the
        // open pages have heard, not when the next edit is being rebuilt.
        let _hook = self.session.first_pages.take();
        let shown_first = std::mem::take(&mut *shown_first.lock().expect("never poisoned"));
        match result {
            Ok(built) => {
                print_diagnostics(&built.warnings);
                if self.options.timings {
                    eprint!("{}", built.timings_table());
                }
                let timings = built.timings;
                let deferred = built.site.deferred.clone();
                let mut files = files_of(built.site);
                if deferred.is_some() {
                    // The last search files stay until the new ones are made,
                    // so that the comparison sees only what the edit changed.
                    for path in &self.search_paths {
                        if let Some(content) = previous.files.get(path) {
                            files.entry(path.clone()).or_insert_with(|| content.clone());
                        }
                    }
                } else {
                    self.search_paths = search_paths(&files);
                }
                let change = compare(&previous.files, &files);
                let version = previous.version + 1;
                publish(
                    &self.served,
                    Served {
                        files: Arc::new(files),
                        first: FxHashMap::default(),
                        error: None,
                        version,
                        search_pending: deferred.is_some(),
                    },
                );
                let what = if changed.is_empty() {
                    "built".to_string()
                } else {
                    format!(
                        "rebuilt ({} changed file{})",
                        changed.len(),
                        if changed.len() == 1 { "" } else { "s" }
                    )
                };
                let stages: Vec<String> = timings
                    .0
                    .iter()
                    .map(|(stage, time)| {
                        format!("{} {:.0} ms", stage.name(), time.as_secs_f64() * 1000.0)
                    })
                    .collect();
                let rendered = self.session.render.rendered;
                let first = shown_first.at.map_or(String::new(), |at| {
                    format!(", the edited page served first at {} ms", at.as_millis())
                });
                println!(
                    "{what} in {} ms ({}): {rendered} page{} rendered, {} changed{first}",
                    started.elapsed().as_millis(),
                    stages.join(", "),
                    if rendered == 1 { "" } else { "s" },
                    change.changed,
                );
                // Files copied as they are (static/, a theme's static/, a
                // bundle's images) keep their path when edited: the changed
                // paths tell those edits better than the pages do.
                let copied = changed
                    .iter()
                    .any(|p| p.components().any(|c| c.as_os_str() == "static"))
                    || changed.iter().any(|p| {
                        p.extension()
                            .is_some_and(|e| e != "md" && e != "toml" && e != "html")
                    });
                let css_only = change.css_only
                    || (!changed.is_empty()
                        && changed
                            .iter()
                            .all(|p| p.extension().is_some_and(|e| e == "css")));
                // A save that changed nothing (and fixed nothing) leaves open pages alone.
                if change.changed > 0 || copied || previous.error.is_some() {
                    // Pages shown first are up to date, unless a file they
                    // use (a stylesheet, an image) changed too.
                    let fresh = if copied || css_only {
                        Vec::new()
                    } else {
                        shown_first.urls
                    };
                    let _ = self.notices.send(Notice::Reload {
                        version,
                        css_only,
                        moved: change.moved,
                        only: None,
                        fresh,
                    });
                }
                if let Some(deferred) = deferred {
                    self.make_search(deferred);
                }
            }
            Err(diagnostics) => {
                print_diagnostics(&diagnostics);
                let text = diagnostics.render();
                eprintln!(
                    "build failed: {} error{}; {}",
                    diagnostics.errors(),
                    if diagnostics.errors() == 1 { "" } else { "s" },
                    if previous.files.is_empty() {
                        "every page shows the errors until they are fixed"
                    } else {
                        "still serving the last good site"
                    }
                );
                // Pages shown first from this build are taken back with it.
                let files = previous.files.clone();
                publish(
                    &self.served,
                    Served {
                        files,
                        first: FxHashMap::default(),
                        error: Some(text.clone()),
                        version: previous.version,
                        search_pending: false,
                    },
                );
                let _ = self.notices.send(Notice::Broken { text });
            }
        }
    }

    /// What shows an edit's own pages before the rest of the rebuild: served
    /// over the last site, and the open pages at their paths reload. Their
    /// URLs, and when they were served, are noted in `shown`.
    fn show_first(
        &self,
        previous: &Arc<Served>,
        shown: Arc<std::sync::Mutex<ShownFirst>>,
        started: Instant,
    ) -> crate::pipeline::FirstPagesHook {
        let (served, notices, previous) =
            (self.served.clone(), self.notices.clone(), previous.clone());
        Box::new(move |pages| {
            let first = pages
                .iter()
                .map(|f| (f.path.clone(), f.content.clone()))
                .collect();
            let urls: Vec<String> = pages.iter().map(|f| page_url(&f.path)).collect();
            publish(
                &served,
                Served {
                    files: previous.files.clone(),
                    first,
                    error: None,
                    version: previous.version,
                    search_pending: previous.search_pending,
                },
            );
            let _ = notices.send(Notice::Reload {
                version: previous.version + 1,
                css_only: false,
                moved: Vec::new(),
                only: Some(urls.clone()),
                fresh: Vec::new(),
            });
            *shown.lock().expect("never poisoned") = ShownFirst {
                urls,
                at: Some(started.elapsed()),
            };
        })
    }

    /// Makes the search files a rebuild left for later, once its pages are
    /// served, and serves them in place of the last ones.
    fn make_search(&mut self, deferred: Deferred) {
        let made = deferred.search.make();
        self.session
            .render
            .keep_search(deferred.signature, made.clone());
        // Only this thread replaces the served site: it can be read, then written.
        let served = self
            .served
            .read()
            .expect("the served site lock is never poisoned")
            .clone();
        let mut files = (*served.files).clone();
        for path in self.search_paths.drain(..) {
            files.remove(&path);
        }
        for (path, bytes) in made.iter() {
            files.insert(path.clone(), Content::Bytes(bytes.clone()));
            self.search_paths.push(path.clone());
        }
        publish(
            &self.served,
            Served {
                files: Arc::new(files),
                first: FxHashMap::default(),
                error: served.error.clone(),
                version: served.version,
                search_pending: false,
            },
        );
    }
}

/// Serves another version of the site.
fn publish(served: &RwLock<Arc<Served>>, site: Served) {
    *served
        .write()
        .expect("the served site lock is never poisoned") = Arc::new(site);
}

/// The pages a rebuild served before the rest, and when.
#[derive(Default)]
struct ShownFirst {
    urls: Vec<String>,
    at: Option<std::time::Duration>,
}

/// The search index's files among the site's (not the search page).
fn search_paths(files: &FxHashMap<String, Content>) -> Vec<String> {
    files
        .keys()
        .filter(|p| search::is_index_file(p))
        .cloned()
        .collect()
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostics.render());
    }
}

fn files_of(site: Site) -> FxHashMap<String, Content> {
    site.files
        .into_iter()
        .map(|f| (f.path, f.content))
        .collect()
}

/// What changed between two versions of the site, for the open pages.
struct Change {
    changed: usize,
    css_only: bool,
    /// Pages that disappeared, with where their dispatch went (`/old/` → `/new/`).
    moved: Vec<(String, String)>,
}

fn compare(old: &FxHashMap<String, Content>, new: &FxHashMap<String, Content>) -> Change {
    let same = |a: &Content, b: &Content| match (a, b) {
        // Pages the cache kept are the same allocation: no need to read them.
        (Content::Bytes(a), Content::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
        (Content::Embedded(a), Content::Embedded(b)) => a == b,
        (Content::Copy(a), Content::Copy(b)) => a == b,
        _ => false,
    };
    let mut changed: Vec<&str> = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_none_or(|o| !same(o, v)))
        .map(|(k, _)| k.as_str())
        .collect();
    let removed: Vec<&str> = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(String::as_str)
        .collect();
    let css_only =
        removed.is_empty() && !changed.is_empty() && changed.iter().all(|k| k.ends_with(".css"));
    let added_pages: Vec<&str> = changed
        .iter()
        .copied()
        .filter(|k| is_dispatch_page(k) && !old.contains_key(*k))
        .collect();
    let removed_pages: Vec<&str> = removed
        .iter()
        .copied()
        .filter(|k| is_dispatch_page(k))
        .collect();
    let moved = match (removed_pages.as_slice(), added_pages.as_slice()) {
        ([from], [to]) => vec![(page_url(from), page_url(to))],
        _ => Vec::new(),
    };
    changed.extend(&removed);
    Change {
        changed: changed.len(),
        css_only,
        moved,
    }
}

/// `2020/10/28/slug/index.html`: a dispatch's page.
fn is_dispatch_page(key: &str) -> bool {
    let parts: Vec<&str> = key.split('/').collect();
    parts.len() == 5
        && parts[4] == "index.html"
        && parts[..3]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

fn page_url(key: &str) -> String {
    format!("/{}", key.trim_end_matches("index.html"))
}

impl From<ServeError> for Diagnostic {
    fn from(error: ServeError) -> Diagnostic {
        match error {
            ServeError::Bind(message) | ServeError::Io(message) => Diagnostic::error(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(s: &str) -> Content {
        Content::Bytes(s.as_bytes().into())
    }

    #[test]
    fn a_css_only_edit_and_a_moved_dispatch_are_told_apart() {
        let old: FxHashMap<String, Content> = [
            ("style.css", "a"),
            ("index.html", "x"),
            ("2020/10/28/a/index.html", "p"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), bytes(v)))
        .collect();
        let mut css = old.clone();
        css.insert("style.css".into(), bytes("b"));
        let change = compare(&old, &css);
        assert!(change.css_only && change.changed == 1);
        let mut moved = old.clone();
        moved.remove("2020/10/28/a/index.html");
        moved.insert("2020/10/29/b/index.html".into(), bytes("p"));
        let change = compare(&old, &moved);
        assert!(!change.css_only);
        assert_eq!(
            change.moved,
            [("/2020/10/28/a/".to_string(), "/2020/10/29/b/".to_string())]
        );
    }
}
