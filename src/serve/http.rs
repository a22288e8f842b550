//! The HTTP side of `serve`: the last good site from memory, the reload events,
//! and nothing outside the site.

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast;

use super::Served;
use crate::output::Content;
use crate::render::search;

/// The path of the reload script and of the event stream; no site page can be there.
pub const RELOAD_SCRIPT: &str = "/__chronicle/reload.js";
pub const EVENTS: &str = "/__chronicle/events";
/// How long a request for a search file waits for the index being made.
const SEARCH_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// What the browser is told after a rebuild.
#[derive(Clone, Debug)]
pub enum Notice {
    /// The site changed: reload (or only swap stylesheets, or follow a moved page).
    Reload {
        version: u64,
        css_only: bool,
        moved: Vec<(String, String)>,
        /// Only the pages at these paths changed (so far): the others wait.
        only: Option<Vec<String>>,
        /// These pages are up to date already (they were shown first).
        fresh: Vec<String>,
    },
    /// The last edit broke the build; the text is the diagnostics.
    Broken { text: String },
}

impl Notice {
    fn to_event(&self) -> Event {
        match self {
            Notice::Reload {
                version,
                css_only,
                moved,
                only,
                fresh,
            } => {
                let moved: serde_json::Map<String, serde_json::Value> = moved
                    .iter()
                    .map(|(from, to)| (from.clone(), to.clone().into()))
                    .collect();
                Event::default().event("reload").data(
                    serde_json::json!({
                        "version": version,
                        "css_only": css_only,
                        "moved": moved,
                        "only": only,
                        "fresh": fresh,
                    })
                    .to_string(),
                )
            }
            Notice::Broken { text } => Event::default()
                .event("error-report")
                .data(serde_json::json!({ "text": text }).to_string()),
        }
    }
}

/// What the HTTP handlers share.
#[derive(Clone)]
pub struct App {
    pub served: Arc<RwLock<Arc<Served>>>,
    pub notices: broadcast::Sender<Notice>,
}

/// The router: every path goes to one handler that knows the site.
pub fn router(app: App) -> Router {
    Router::new().fallback(handle).with_state(app)
}

async fn handle(State(app): State<App>, uri: Uri) -> Response<Body> {
    let path = uri.path();
    if path == EVENTS {
        return events(&app).into_response();
    }
    if path == RELOAD_SCRIPT {
        return respond(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            include_str!("reload.js").as_bytes().to_vec(),
        );
    }
    let current = || {
        app.served
            .read()
            .expect("the served site lock is never poisoned")
            .clone()
    };
    let mut served = current();
    let Some(key) = site_key(path) else {
        return not_found(&served).await;
    };
    // The search index is made after the pages of a rebuild: wait for it.
    if search::is_index_file(&key) {
        let waiting = std::time::Instant::now();
        while served.search_pending && waiting.elapsed() < SEARCH_WAIT {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            served = current();
        }
    }
    if let Some(content) = served.file(&key) {
        return file_response(StatusCode::OK, &key, content).await;
    }
    // A folder asked for without its slash: send the browser to it, as static hosts do.
    if !key.is_empty()
        && !key.ends_with("index.html")
        && served.file(&format!("{key}/index.html")).is_some()
    {
        let mut response = respond(
            StatusCode::MOVED_PERMANENTLY,
            "text/plain; charset=utf-8",
            Vec::new(),
        );
        // The query goes along: `/search?q=x` is `/search/?q=x`.
        let query = uri.query().map_or_else(String::new, |q| format!("?{q}"));
        if let Ok(location) = HeaderValue::from_str(&format!("{path}/{query}")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    not_found(&served).await
}

/// The site file a URL path names, or `None` for anything that tries to leave
/// the site (`..`, encoded or not, `%2f` inside a segment, backslashes, NUL).
pub fn site_key(path: &str) -> Option<String> {
    let mut parts = Vec::new();
    let raw = path.strip_prefix('/')?;
    for segment in raw.split('/') {
        let decoded = percent_decode(segment)?;
        if decoded == "." || decoded == ".." || decoded.contains(['/', '\\', '\0']) {
            return None;
        }
        parts.push(decoded);
    }
    let mut key = parts.join("/");
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    Some(key)
}

fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn not_found(served: &Served) -> Response<Body> {
    if served.files.is_empty() {
        return no_site_yet(served);
    }
    match served.file("404.html") {
        Some(content) => file_response(StatusCode::NOT_FOUND, "404.html", content).await,
        None => respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        ),
    }
}

async fn file_response(status: StatusCode, key: &str, content: &Content) -> Response<Body> {
    let bytes = match content {
        Content::Bytes(bytes) => bytes.to_vec(),
        Content::Embedded(bytes) => bytes.to_vec(),
        Content::Copy(path) => match tokio::fs::read(path).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return respond(
                    StatusCode::NOT_FOUND,
                    "text/plain; charset=utf-8",
                    b"not found".to_vec(),
                );
            }
        },
    };
    let kind = content_type(key);
    let bytes = if kind.starts_with("text/html") {
        inject_reload(bytes)
    } else {
        bytes
    };
    respond(status, kind, bytes)
}

/// What every address shows while no build has worked yet (`serve` started
/// on a broken chronicle): the errors, and the reload script, so that the
/// page becomes the site once an edit mends it.
fn no_site_yet(served: &Served) -> Response<Body> {
    let errors = served
        .error
        .as_deref()
        .unwrap_or("The site is being built.");
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>chronicle serve: the site does not build</title>\n</head>\n<body>\n\
         <h1>The site does not build</h1>\n<p>This page shows the site as soon as the \
         errors below are fixed: it reloads itself.</p>\n<pre>{}</pre>\n</body>\n</html>\n",
        errors
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    );
    respond(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        inject_reload(page.into_bytes()),
    )
}

/// Adds the reload script to an HTML page, just before `</body>`.
fn inject_reload(page: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_SCRIPT}\"></script>");
    let text = String::from_utf8_lossy(&page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn respond(status: StatusCode, content_type: &str, bytes: Vec<u8>) -> Response<Body> {
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    // A preview is always fresh.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The content type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    // Feeds are Atom: readers and browsers tell them by this type.
    if path == "atom.xml" || path.ends_with("/atom.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn events(app: &App) -> impl IntoResponse {
    let current = app
        .served
        .read()
        .expect("the served site lock is never poisoned")
        .error
        .clone();
    let first = current.map(|text| Notice::Broken { text });
    let updates = stream::unfold(app.notices.subscribe(), |mut notices| async move {
        loop {
            match notices.recv().await {
                Ok(notice) => return Some((notice, notices)),
                // A page that fell behind only needs the latest news.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let stream = stream::iter(first)
        .chain(updates)
        .map(|notice| Ok::<_, std::convert::Infallible>(notice.to_event()));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_any_spelling_names_no_file() {
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/%2E%2E/x",
            "/a%2fb",
            "/a%5c..%5cb",
            "/x%00",
            "/%ff",
            "/a/./b",
        ] {
            assert_eq!(site_key(bad), None, "{bad}");
        }
        assert_eq!(site_key("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_key("/places/hadrut/").as_deref(),
            Some("places/hadrut/index.html")
        );
        assert_eq!(
            site_key("/places/caf%C3%A9.png").as_deref(),
            Some("places/café.png")
        );
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = inject_reload(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(page).unwrap(),
            format!("<html><body><p>x</p><script src=\"{RELOAD_SCRIPT}\"></script></body></html>")
        );
    }
}
