//! `chronicle serve` against a real HTTP client: pages, the 404, traversal
//! attempts, edits, broken edits, deletions, new places, and a served site equal
//! to a fresh build.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::server::Server;

const SEPT: &str = "/2020/10/09/poutine-invite-armeniens-et-azeris-a-moscou/";

#[test]
fn pages_and_the_404_are_served_with_their_types() {
    let server = Server::sample();
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Chronique du Haut-Karabakh"), "{home}");
    assert!(
        home.contains("/__chronicle/reload.js"),
        "serve injects the reload script"
    );
    assert!(
        home.contains("href=\"/2020/10/28/"),
        "links are local: {home}"
    );
    let (status, page) = server.get(SEPT);
    assert_eq!(status, 200);
    assert!(page.contains("vendredi 9 octobre 2020"));
    let (status, missing) = server.get("/nothing/here/");
    assert_eq!(status, 404);
    assert!(
        missing.contains("Page introuvable"),
        "the site's own 404 page: {missing}"
    );
    let css = server.raw("/style.css");
    assert!(css.contains("content-type: text/css"), "{css}");
    let feed = server.raw("/atom.xml");
    assert!(
        feed.contains("content-type: application/atom+xml"),
        "{}",
        &feed[..300.min(feed.len())]
    );
    let sitemap = server.raw("/sitemap.xml");
    assert!(
        sitemap.contains("content-type: application/xml"),
        "{sitemap}"
    );
    let (status, _) = server.get("/places");
    assert_eq!(status, 301, "a folder without its slash redirects");
    // With its query: a search link keeps its words.
    let moved = server.raw("/search?q=Hadrut");
    assert!(moved.contains("location: /search/?q=Hadrut"), "{moved}");
}

#[test]
fn nothing_outside_the_site_is_ever_served() {
    let server = Server::sample();
    std::fs::write(server.root.join("secret.txt"), "SECRET").unwrap();
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/places/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/chronicle.toml",
        "/content/places.toml",
        "/%00",
    ] {
        let response = server.raw(path);
        let status = response.split_whitespace().nth(1).unwrap_or("");
        assert!(
            status == "404" || status == "400",
            "{path}: {}",
            &response[..response.len().min(200)]
        );
        assert!(
            !response.contains("SECRET")
                && !response.contains("root:")
                && !response.contains("[[place]]"),
            "{path} leaked"
        );
    }
}

#[test]
fn an_edit_appears_and_a_broken_edit_keeps_the_last_good_site() {
    let server = Server::sample();
    let file = server.dispatch_file("2020-10-09");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        original.replace(
            "Le président russe Vladimir Poutine",
            "Le président russe V. Poutine",
        ),
    )
    .unwrap();
    server.wait_for(SEPT, "the edit", |s, b| {
        s == 200 && b.contains("Le président russe V. Poutine")
    });

    // A dispatch saved half-way: the site stays as it was, and open pages hear why.
    let mut events = TcpStream::connect(server.url.trim_start_matches("http://")).unwrap();
    write!(
        events,
        "GET /__chronicle/events HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    std::fs::write(&file, "---\ntitle: \"Poutine invite\ndate: 2020-10-").unwrap();
    let mut seen = String::new();
    let mut reader = BufReader::new(events);
    while !seen.contains("error-report") {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "the event stream ended: {seen}"
        );
        seen.push_str(&line);
    }
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(
        line.contains("2020-10-09-poutine") && line.contains("front-matter"),
        "{line}"
    );
    let (status, page) = server.get(SEPT);
    assert_eq!(status, 200);
    assert!(
        page.contains("Le président russe V. Poutine"),
        "the last good site is still served"
    );

    std::fs::write(&file, &original).unwrap();
    server.wait_for(SEPT, "the fix", |s, b| {
        s == 200 && b.contains("Le président russe Vladimir Poutine")
    });
}

/// `chronicle serve` in the site's folder, as the README says: the watcher
/// reports absolute paths, the site is loaded from `.`.
#[test]
fn serve_started_in_the_site_folder_sees_edits_new_files_and_deletions() {
    let server = Server::sample_from_its_folder();
    let file = server.dispatch_file("2020-10-09");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("Le président russe Vladimir Poutine", "Le président V. P."),
    )
    .unwrap();
    server.wait_for(SEPT, "the edit", |s, b| {
        s == 200 && b.contains("Le président V. P.")
    });
    std::fs::write(
        server.root.join("content/dispatches/2020-10-30-neuf.md"),
        "---\ntitle: Neuf\ndate: 2020-10-30\n---\nTexte.\n",
    )
    .unwrap();
    server.wait_for("/2020/10/30/neuf/", "the new dispatch", |s, _| s == 200);
    std::fs::remove_file(&file).unwrap();
    server.wait_for(SEPT, "the deletion", |s, _| s == 404);
}

#[test]
fn a_deleted_dispatch_disappears_from_its_page_and_lists() {
    let server = Server::sample();
    std::fs::remove_file(server.dispatch_file("2020-10-09")).unwrap();
    server.wait_for(SEPT, "the page is gone", |s, _| s == 404);
    let day = server.wait_for("/2020/10/09/", "the day is gone", |s, _| s == 404);
    assert!(day.contains("Page introuvable"));
    let moscow = server.wait_for("/places/moscou/", "the place lost it", |s, b| {
        s == 200 && !b.contains("poutine-invite")
    });
    assert!(moscow.contains("Moscou"));
    let (_, archive) = server.get("/archive/");
    assert!(!archive.contains("poutine-invite"));
}

#[test]
fn a_new_dispatch_with_a_new_place_gets_its_pages() {
    let server = Server::sample();
    std::fs::write(
        server.root.join("content/dispatches/2020-10-30-shusha.md"),
        "---\ntitle: \"Combats près de Füzuli\"\ndate: 2020-10-30\nplaces: [Füzuli]\nsides: [armenia]\n---\nDes combats.\n",
    )
    .unwrap();
    let place = server.wait_for("/places/fuzuli/", "the new place", |s, _| s == 200);
    assert!(place.contains("Combats près de Füzuli"));
    let home = server.wait_for("/", "the home page", |_, b| {
        b.contains("Combats près de Füzuli")
    });
    assert!(
        home.find("Combats près de Füzuli") < home.find("Poursuite des combats entre"),
        "newest first"
    );
}

#[test]
fn the_served_site_equals_a_fresh_build_after_a_series_of_edits() {
    let server = Server::sample();
    let dispatches = server.root.join("content/dispatches");
    let file = server.dispatch_file("2020-10-12");
    let text = std::fs::read_to_string(&file).unwrap();
    // Retitle, move to another date, add a dispatch, delete one, touch the gazetteer.
    std::fs::write(
        &file,
        text.replace("date: 2020-10-12", "date: 2020-10-14")
            .replace("La trêve toujours pas respectée", "La trêve rompue"),
    )
    .unwrap();
    std::fs::write(dispatches.join("2020-10-20-nouveau.md"), "---\ntitle: Nouveau\ndate: 2020-10-20\nplaces: [Hadrout, Stepanakert]\n---\nTexte « neuf ».\n").unwrap();
    std::fs::remove_file(server.dispatch_file("2020-10-16")).unwrap();
    let places = server.root.join("content/places.toml");
    let gazetteer = std::fs::read_to_string(&places).unwrap();
    std::fs::write(
        &places,
        gazetteer.replacen("name = \"Hadrut\"", "name = \"Hadrut (ville)\"", 1),
    )
    .unwrap();
    server.wait_for("/places/hadrut/", "every edit", |s, b| {
        s == 200
            && b.contains("Hadrut (ville)")
            && b.contains("Nouveau")
            && b.contains("La trêve rompue")
    });
    std::thread::sleep(Duration::from_millis(500));

    let fresh = tempfile::tempdir().unwrap();
    let url = format!("{}/", server.url);
    common::build(
        &server.root,
        &fresh.path().join("public"),
        &["--base-url", &url],
    )
    .assert_ok();
    let files = common::listing(&fresh.path().join("public"));
    assert!(files.len() > 150, "{}", files.len());
    for file in files {
        let built = std::fs::read(fresh.path().join("public").join(&file)).unwrap();
        let mut served = server.get_bytes(&format!("/{file}"));
        if file.ends_with(".html") {
            let tag = b"<script src=\"/__chronicle/reload.js\"></script>";
            let at = served
                .windows(tag.len())
                .rposition(|w| w == tag)
                .unwrap_or_else(|| panic!("{file} has no reload script"));
            served.drain(at..at + tag.len());
        }
        assert!(served == built, "/{file} differs from a fresh build");
    }
}

#[test]
fn an_editor_saving_by_renaming_over_the_file_is_seen() {
    let server = Server::sample();
    let file = server.dispatch_file("2020-10-09");
    let text = std::fs::read_to_string(&file).unwrap();
    // What vim and most editors do: write a temporary file, then rename it over.
    let temporary = file.with_extension("md.tmp");
    std::fs::write(
        &temporary,
        text.replace(
            "Le président russe Vladimir Poutine",
            "Le président Poutine (renommé)",
        ),
    )
    .unwrap();
    std::fs::rename(&temporary, &file).unwrap();
    server.wait_for(SEPT, "the renamed-over edit", |s, b| {
        s == 200 && b.contains("Le président Poutine (renommé)")
    });
}

#[test]
fn serve_writes_nothing_into_the_site_and_build_output_has_no_reload_script() {
    let server = Server::sample();
    server.get("/");
    assert!(
        !server.root.join("public").exists(),
        "serve never writes public/"
    );
    let out = tempfile::tempdir().unwrap();
    common::build(&server.root, out.path(), &[]).assert_ok();
    for file in common::listing(out.path()) {
        let text = std::fs::read(out.path().join(&file)).unwrap();
        assert!(
            !text.windows(12).any(|w| w == b"__chronicle/"),
            "{file} has serve's script"
        );
    }
}

#[test]
fn a_port_in_use_is_said_clearly() {
    let server = Server::sample();
    let port = server
        .url
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    // The next port is taken too: the port suggested is one that is free.
    let next: u16 = port.parse::<u16>().unwrap() + 1;
    let _taken = std::net::TcpListener::bind(("127.0.0.1", next));
    let run = common::chronicle(&[
        "serve",
        "--port",
        &port,
        "--root",
        server.root.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.dump());
    assert!(
        run.stderr
            .contains(&format!("port {port} is already in use"))
            && run.stderr.contains("--port"),
        "{}",
        run.dump()
    );
    let suggested: u16 = run
        .stderr
        .split("e.g. --port ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no port suggested\n{}", run.dump()));
    assert!(suggested != next && suggested.to_string() != port);
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", suggested)).is_ok(),
        "{suggested} is free"
    );
}

/// Served to the network (`--bind 0.0.0.0`), the pages' absolute links (the
/// canonical link, the feeds) name this machine's address on it, which
/// another device reaches too; never 0.0.0.0, and localhost only when the
/// machine has no network.
#[test]
fn served_to_the_network_pages_link_to_the_machines_address() {
    let server = Server::sample_with(&["--bind", "0.0.0.0"]);
    let host = server
        .url
        .trim_start_matches("http://")
        .rsplit_once(':')
        .unwrap()
        .0
        .to_string();
    // This machine's address, as the network sees it (no packet is sent).
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    let network = socket
        .connect("192.0.2.1:9")
        .ok()
        .and_then(|()| socket.local_addr().ok())
        .map(|a| a.ip())
        .filter(|ip| !ip.is_loopback());
    match network {
        Some(ip) => assert_eq!(host, ip.to_string(), "{}", server.url),
        None => assert_eq!(host, "localhost"),
    }
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        home.contains(&format!(
            "<link rel=\"canonical\" href=\"{}/\">",
            server.url
        )),
        "{home}"
    );
    let (_, feed) = server.get("/atom.xml");
    assert!(
        feed.contains(&format!("{}/2020/10/28/", server.url)),
        "{feed}"
    );
    assert!(!feed.contains("0.0.0.0") && !home.contains("0.0.0.0"));
}

#[test]
fn a_symlink_to_a_file_outside_the_site_is_never_served() {
    let server = Server::sample();
    let secret = server.dir.path().join("secret.txt");
    std::fs::write(&secret, "SECRET").unwrap();
    std::fs::create_dir_all(server.root.join("static")).unwrap();
    std::fs::write(server.root.join("static/visible.txt"), "VISIBLE").unwrap();
    std::os::unix::fs::symlink(&secret, server.root.join("static/secret.txt")).unwrap();
    server.wait_for("/visible.txt", "the static file", |s, b| {
        s == 200 && b.contains("VISIBLE")
    });
    let (status, body) = server.get("/secret.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("SECRET"));
}

/// `serve` started on a chronicle that does not build has no last good site:
/// every address shows the errors, with the reload script, and the site once
/// the edit that mends it is saved.
#[test]
fn serve_started_on_a_broken_chronicle_shows_the_errors_then_the_site() {
    let server = Server::sample_edited(&|root| {
        let file = std::fs::read_dir(root.join("content/dispatches"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains("2020-10-09"))
            .unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("date: ", "date: 2020-13-", 1)).unwrap();
    });
    for path in ["/", SEPT, "/places/"] {
        let (status, page) = server.get(path);
        assert_eq!(status, 503, "{path}: {page}");
        assert!(
            page.contains("The site does not build")
                && page.contains("2020-10-09-poutine")
                && page.contains("/__chronicle/reload.js"),
            "{path}: {page}"
        );
    }
    let file = server.dispatch_file("2020-10-09");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("date: 2020-13-", "date: ", 1)).unwrap();
    server.wait_for(SEPT, "the fix", |s, b| s == 200 && b.contains("Poutine"));
}
