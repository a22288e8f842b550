//! A running `chronicle serve` on a copy of the sample chronicle, for the
//! tests that talk to it (over HTTP, or through a browser).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without the final slash.
    pub url: String,
    /// The copy of the site it serves.
    pub root: PathBuf,
    /// Everything the server printed after its address, for failure messages.
    pub output: Arc<Mutex<String>>,
    pub dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies everything `from` prints into `into`, so the pipe never fills.
fn collect(mut from: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut buffer = [0; 4096];
        while let Ok(n) = from.read(&mut buffer) {
            if n == 0 {
                break;
            }
            into.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
}

impl Server {
    /// Serves a copy of the sample chronicle (chronicle.toml and content/).
    pub fn sample() -> Server {
        Server::start(false, &|_| {}, &[])
    }

    /// [`Server::sample`], with more arguments to `serve`.
    pub fn sample_with(args: &[&str]) -> Server {
        Server::start(false, &|_| {}, args)
    }

    /// [`Server::sample`], with the copy changed by `edit` before it starts.
    pub fn sample_edited(edit: &dyn Fn(&Path)) -> Server {
        Server::start(false, edit, &[])
    }

    /// [`Server::sample`], started as an editor does: in the site's folder,
    /// without `--root`.
    pub fn sample_from_its_folder() -> Server {
        Server::start(true, &|_| {}, &[])
    }

    fn start(in_folder: bool, edit: &dyn Fn(&Path), args: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let sample = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&sample.join("content"), &root.join("content"));
        std::fs::copy(sample.join("chronicle.toml"), root.join("chronicle.toml")).unwrap();
        edit(&root);
        let mut command = Command::new(env!("CARGO_BIN_EXE_chronicle"));
        command.args(["serve", "--port", "0"]).args(args);
        if in_folder {
            command.current_dir(&root);
        } else {
            command.arg("--root").arg(&root);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        collect(child.stderr.take().unwrap(), output.clone());
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut url = None;
        let mut line = String::new();
        while url.is_none() && stdout.read_line(&mut line).unwrap() > 0 {
            url = line
                .split_whitespace()
                .find(|w| w.starts_with("http://"))
                .map(str::to_string);
            line.clear();
        }
        collect(stdout, output.clone());
        let Some(url) = url else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve printed no address:\n{}", output.lock().unwrap());
        };
        let url = url.trim_end_matches('/').to_string();
        Server {
            child,
            url,
            root,
            output,
            dir,
        }
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .new_agent();
        let mut response = agent.get(&format!("{}{path}", self.url)).call().unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    pub fn get_bytes(&self, path: &str) -> Vec<u8> {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let mut response = agent.get(&format!("{}{path}", self.url)).call().unwrap();
        response.body_mut().read_to_vec().unwrap()
    }

    /// Sends a request line as written, without any client normalizing the path.
    pub fn raw(&self, path: &str) -> String {
        let address = self.url.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
    }

    /// Waits until `check` holds for the page at `path`.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if check(status, &body) {
                return body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {path}: {what}\nlast: {status}\n{body}\n--- serve said:\n{}",
                self.output.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The dispatch file whose name starts with `prefix`.
    pub fn dispatch_file(&self, prefix: &str) -> PathBuf {
        std::fs::read_dir(self.root.join("content/dispatches"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap()
    }
}
