//! HTTP as a misbehaving client sends it, over a bare TCP socket: a trickled body, a head
//! that never ends, bytes that are not HTTP. The calls block, so they run off the test's
//! runtime, which also runs the server.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::Value;

/// What came back on the socket, and how long after the last byte was sent.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub head: String,
    pub body: String,
    pub waited: Duration,
    /// Whether the server closed the connection after answering.
    pub closed: bool,
}

impl RawAnswer {
    /// The body as a problem, asserting the content type.
    #[track_caller]
    pub fn problem(&self) -> Value {
        assert!(
            self.head
                .to_ascii_lowercase()
                .contains("content-type: application/problem+json"),
            "not a problem: {}",
            self.head
        );
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends `parts` to `port`, pausing `pause` between them, then reads the answer until the
/// server closes the connection or `patience` runs out.
pub async fn exchange(
    port: u16,
    parts: Vec<Vec<u8>>,
    pause: Duration,
    patience: Duration,
) -> RawAnswer {
    actix_web::rt::task::spawn_blocking(move || {
        let mut socket = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(pause);
            }
            if socket.write_all(part).is_err() {
                break; // the server gave up on us: read its answer
            }
        }
        let sent = Instant::now();
        socket.set_read_timeout(Some(patience)).unwrap();
        let mut answer = Vec::new();
        let mut buf = [0u8; 8192];
        let closed = loop {
            match socket.read(&mut buf) {
                Ok(0) => break true,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
                Err(_) => break false,
            }
        };
        let text = String::from_utf8_lossy(&answer).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .strip_prefix("HTTP/1.1 ")
            .and_then(|h| h.get(..3))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        RawAnswer {
            status,
            head: head.to_owned(),
            body: body.to_owned(),
            waited: sent.elapsed(),
            closed,
        }
    })
    .await
    .expect("the raw exchange ran")
}
