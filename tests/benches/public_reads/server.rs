//! A server in a process of its own: the release `dantin` binary, or Datasette; how long
//! it took to answer, and how much memory it holds.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The workspace's root, where `target/` is.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub struct Server {
    child: Child,
    pub base: String,
    /// From spawning the process to its first answer to `ready`.
    pub started_in: Duration,
}

impl Server {
    /// `dantin serve` (release build) over `database_url`, its logs at warnings only.
    pub fn dantin(database_url: &str) -> Self {
        let port = free_port();
        let mut cmd = Command::new(root().join("target/release/dantin"));
        cmd.arg("serve")
            .env("DANTIN_DATABASE_URL", database_url)
            .env("DANTIN_BIND", format!("127.0.0.1:{port}"))
            .env(
                "DANTIN_JWT_SECRET",
                "bench-secret-bench-secret-bench-secret-0123456789",
            )
            .env(
                "DANTIN_AUDIT_KEY",
                "YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmU=",
            )
            .env("DANTIN_WRITE_RATE", "1000/s")
            .env("RUST_LOG", "warn");
        Self::spawn(cmd, port, "/health")
    }

    /// Datasette over the SQLite file `db`.
    pub fn datasette(db: &std::path::Path) -> Self {
        let port = free_port();
        let mut cmd = Command::new(root().join("target/bench-venv/bin/datasette"));
        cmd.arg("serve")
            .arg(db)
            .args(["--port", &port.to_string(), "--host", "127.0.0.1"]);
        Self::spawn(cmd, port, "/-/versions.json")
    }

    fn spawn(mut cmd: Command, port: u16, ready: &str) -> Self {
        let started = Instant::now();
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e} (run `make bench`)"));
        let mut server = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            started_in: Duration::ZERO,
        };
        while !answers(port, ready) {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{cmd:?} did not answer {ready} within 2 minutes"
            );
            if let Some(status) = server.child.try_wait().expect("the server's status") {
                panic!("{cmd:?} exited: {status}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        server.started_in = started.elapsed();
        server
    }

    /// The resident memory of the process, in MiB.
    pub fn rss_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        let kib: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc status");
        kib / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether `GET path` on the port answers 200.
fn answers(port: u16, path: &str) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let mut answer = String::new();
    s.write_all(request.as_bytes()).is_ok()
        && s.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}
