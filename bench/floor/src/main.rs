//! The floor: what any build of a chronicle has to pay on this disk.
//!
//!     floor REF CONTENT DEST cold|warm
//!
//! First, untimed, it loads every file of REF (a finished build's output) into
//! memory. Then, timed, it reads every file under CONTENT and renders the
//! Markdown ones with pulldown-cmark (on all cores), and:
//! - cold: creates DEST and the same folders and files as REF, with the same
//!   bytes, one write per file, in one thread;
//! - warm: lists every folder of DEST and reads every file to compare it with
//!   REF's bytes (what a rebuild that writes nothing must at least do).
//! Prints one JSON line with the times (wall, user and system CPU of the timed
//! part only).
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[repr(C)]
#[derive(Default)]
struct Timeval {
    sec: i64,
    usec: i64,
}

#[repr(C)]
#[derive(Default)]
struct Rusage {
    utime: Timeval,
    stime: Timeval,
    rest: [i64; 14],
}

extern "C" {
    fn getrusage(who: i32, usage: *mut Rusage) -> i32;
}

fn cpu() -> (f64, f64) {
    let mut r = Rusage::default();
    unsafe { getrusage(0, &mut r) };
    (r.utime.sec as f64 + r.utime.usec as f64 / 1e6, r.stime.sec as f64 + r.stime.usec as f64 / 1e6)
}

/// Folders (pre-order, relative) and files (relative, bytes) under `root`.
fn load(root: &Path, rel: &Path, dirs: &mut Vec<PathBuf>, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let mut entries: Vec<_> = fs::read_dir(root.join(rel)).unwrap().map(|e| e.unwrap()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = rel.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            dirs.push(path.clone());
            load(root, &path, dirs, files);
        } else {
            files.push((path.clone(), fs::read(root.join(&path)).unwrap()));
        }
    }
}

fn list(root: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(root).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            list(&entry.path(), out);
        } else {
            out.push(entry.path());
        }
    }
}

fn render(path: &Path) -> usize {
    let text = fs::read_to_string(path).unwrap();
    if path.extension().map_or(true, |e| e != "md") {
        return text.len();
    }
    let body = match text.strip_prefix("---\n").and_then(|rest| rest.find("\n---\n").map(|at| &rest[at + 5..])) {
        Some(body) => body,
        None => &text[..],
    };
    let options = pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, options));
    html.len()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 || (args[4] != "cold" && args[4] != "warm") {
        eprintln!("usage: floor REF CONTENT DEST cold|warm");
        std::process::exit(2);
    }
    let (reference, content, dest, mode) = (Path::new(&args[1]), Path::new(&args[2]), Path::new(&args[3]), &args[4]);
    let (mut dirs, mut files) = (Vec::new(), Vec::new());
    load(reference, Path::new(""), &mut dirs, &mut files);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let started = Instant::now();
    let (user0, sys0) = cpu();
    // Read and render every dispatch, on all cores.
    let mut sources = Vec::new();
    list(content, &mut sources);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = sources.len().div_ceil(threads).max(1);
    let rendered: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|p| render(p)).sum::<usize>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    let read_render = started.elapsed().as_secs_f64();
    let mut differing = 0;
    if mode == "cold" {
        fs::create_dir(dest).unwrap();
        for dir in &dirs {
            fs::create_dir(dest.join(dir)).unwrap();
        }
        for (path, data) in &files {
            fs::write(dest.join(path), data).unwrap();
        }
    } else {
        let mut present = Vec::new();
        list(dest, &mut present);
        for (path, data) in &files {
            if fs::read(dest.join(path)).map_or(true, |old| old != *data) {
                differing += 1;
            }
        }
        assert!(present.len() >= files.len());
    }
    let total = started.elapsed().as_secs_f64();
    let (user1, sys1) = cpu();
    println!(
        "{{\"mode\": \"{mode}\", \"sources\": {}, \"rendered_bytes\": {rendered}, \"dirs\": {}, \"files\": {}, \"bytes\": {bytes}, \
         \"differing\": {differing}, \"read_render_s\": {read_render:.4}, \"files_s\": {:.4}, \"wall_s\": {total:.4}, \
         \"user_s\": {:.4}, \"sys_s\": {:.4}}}",
        sources.len(),
        dirs.len(),
        files.len(),
        total - read_render,
        user1 - user0,
        sys1 - sys0
    );
}
