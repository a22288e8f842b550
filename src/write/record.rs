//! What a build wrote, kept in the site's folder for the next build:
//! each file's signature (a hash of everything it was made from) with its
//! size and modification time once in place. A file whose signature is the
//! same, and which is still as the last build left it, is not made again.
//!
//! The record is only ever a shortcut: a file changed by anyone else gets a
//! new modification time and is made again, and a record that cannot be read
//! (or was written by another build of chronicle) is ignored.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::UNIX_EPOCH;

use rustc_hash::FxHashMap;

/// A file as a build left it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub signature: u64,
    pub stamp: Stamp,
}

/// A file's size and modification time (in nanoseconds since 1970).
pub type Stamp = (u64, u128);

/// The record's file in the site's folder. It is of one output folder: the
/// last one built into.
pub const FILE: &str = ".chronicle-record";

/// A file's stamp, if it is a file.
pub fn stamp(path: &Path) -> Option<Stamp> {
    stamp_of(&fs::metadata(path).ok()?)
}

/// The stamp of a file whose metadata is at hand (of a file just written,
/// read from its handle: no second walk of its path).
pub fn stamp_of(meta: &fs::Metadata) -> Option<Stamp> {
    if !meta.is_file() {
        return None;
    }
    let time = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((meta.len(), time.as_nanos()))
}

/// What a record is of: signatures made by another build of chronicle mean
/// nothing to this one, nor those of another output folder.
fn identity(output: &Path) -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|exe| stamp(&exe))
        .unwrap_or_default();
    format!(
        "chronicle-record 1 {} {} {}\n{}",
        env!("CARGO_PKG_VERSION"),
        exe.0,
        exe.1,
        crate::paths::absolute(output).display()
    )
}

/// Whether the site's record is of `output`, written by any build of
/// chronicle: the output folder was made by this site's last build.
pub fn is_of(root: &Path, output: &Path) -> bool {
    use io::BufRead;
    let Ok(file) = fs::File::open(root.join(FILE)) else {
        return false;
    };
    let mut lines = io::BufReader::new(file).lines();
    let first = lines.next().and_then(Result::ok);
    let second = lines.next().and_then(Result::ok);
    first.is_some_and(|line| line.starts_with("chronicle-record "))
        && second.is_some_and(|line| Path::new(&line) == crate::paths::absolute(output))
}

/// The last build's record of `output`, or nothing.
pub fn read(root: &Path, output: &Path) -> FxHashMap<String, Entry> {
    let text = fs::read_to_string(root.join(FILE)).unwrap_or_default();
    let Some(rest) = text.strip_prefix(&identity(output)) else {
        return FxHashMap::default();
    };
    let mut lines = rest.lines();
    if lines.next() != Some("") {
        return FxHashMap::default();
    }
    lines
        .filter_map(|line| {
            let mut fields = line.splitn(4, ' ');
            let signature = u64::from_str_radix(fields.next()?, 16).ok()?;
            let len = fields.next()?.parse().ok()?;
            let time = fields.next()?.parse().ok()?;
            let path = fields.next()?.to_string();
            Some((
                path,
                Entry {
                    signature,
                    stamp: (len, time),
                },
            ))
        })
        .collect()
}

/// Writes the record of `output` (into a new file, renamed over the last).
pub fn write<'a>(
    root: &Path,
    output: &Path,
    entries: impl Iterator<Item = (&'a str, Entry)>,
) -> io::Result<()> {
    let path = root.join(FILE);
    let mut text = identity(output);
    text.push('\n');
    let mut number = itoa::Buffer::new();
    for (file, entry) in entries.filter(|(file, _)| !file.contains('\n')) {
        let (len, time) = entry.stamp;
        // `{signature:016x} {len} {time} {file}`, one line per file.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for shift in (0..16).rev() {
            text.push(HEX[(entry.signature >> (shift * 4)) as usize & 15] as char);
        }
        text.push(' ');
        text.push_str(number.format(len));
        text.push(' ');
        text.push_str(number.format(time));
        text.push(' ');
        text.push_str(file);
        text.push('\n');
    }
    // Its own name: two builds of one site may end at the same time.
    let new = root.join(format!("{FILE}-new-{}", std::process::id()));
    let mut out = fs::File::create(&new)?;
    out.write_all(text.as_bytes())?;
    drop(out);
    fs::rename(new, path)
}

/// Forgets the record (when it could not be brought up to date).
pub fn remove(root: &Path) {
    let _ = fs::remove_file(root.join(FILE));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_another_chronicles_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let (root, output) = (dir.path(), dir.path().join("public"));
        let entry = Entry {
            signature: 0xabc,
            stamp: (12, 345),
        };
        write(root, &output, [("a b/index.html", entry)].into_iter()).unwrap();
        assert_eq!(read(root, &output).get("a b/index.html"), Some(&entry));
        assert!(
            read(root, &root.join("elsewhere")).is_empty(),
            "another output's"
        );
        let path = root.join(FILE);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replacen("chronicle-record 1", "chronicle-record 0", 1),
        )
        .unwrap();
        assert!(read(root, &output).is_empty(), "another chronicle's");
    }
}
