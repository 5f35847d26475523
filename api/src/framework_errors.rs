//! The errors actix-http answers by itself, below the router and every middleware: a
//! request line that is not HTTP (400), a head that takes too long to arrive (408) or is too
//! large (431). It writes those with an empty body; this I/O layer, between the socket and
//! the HTTP dispatcher, turns each into a problem+json answer like every other error of
//! the service. An answer of ours never has an empty error body (`middleware::finish`
//! gives every one a problem), so an error head with `content-length: 0` is the
//! dispatcher's own.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_codec::{AsyncRead, AsyncWrite, ReadBuf};
use actix_web::http::StatusCode;

use crate::error::ApiError;
use crate::problem::{Kind, PROBLEM_JSON};

/// A connection whose bare error answers are given a problem body.
pub struct ProblemIo<T> {
    inner: T,
    /// A problem answer being written in place of a bare one: the bytes, how many are
    /// written, and how much of the dispatcher's buffer it stands for.
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<T> ProblemIo<T> {
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            pending: None,
        }
    }
}

/// The status and length of a bare error head at the start of `buf`, if there is one.
fn bare_error_head(buf: &[u8]) -> Option<(StatusCode, usize)> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let status: u16 = head.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    let status = StatusCode::from_u16(status).ok()?;
    let empty = head
        .to_ascii_lowercase()
        .contains("\r\ncontent-length: 0\r\n");
    (status.as_u16() >= 400 && empty).then_some((status, end))
}

/// What the caller is told, by status.
fn problem_answer(status: StatusCode) -> Vec<u8> {
    let (kind, detail) = match status.as_u16() {
        400 => (
            Kind::BadRequest,
            "the request could not be read as HTTP/1.1",
        ),
        408 => (Kind::RequestTimeout, "the request took too long to arrive"),
        431 => (Kind::HeaderTooLarge, "the request's headers are too large"),
        _ => (Kind::from_status(status), "the request could not be served"),
    };
    // Below HTTP, the caller's language is unknown: the problem is in English.
    let body = serde_json::to_vec(&ApiError::new(kind, detail, detail).problem(false))
        .expect("problem serializes");
    let mut answer = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: {PROBLEM_JSON}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error"),
        body.len()
    )
    .into_bytes();
    answer.extend(body);
    answer
}

impl<T: AsyncRead + Unpin> AsyncRead for ProblemIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for ProblemIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.pending.is_none() {
            match bare_error_head(buf) {
                Some((status, head)) => this.pending = Some((problem_answer(status), 0, head)),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        let (answer, written, stands_for) = this.pending.as_mut().expect("set above");
        while *written < answer.len() {
            match Pin::new(&mut this.inner).poll_write(cx, &answer[*written..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => *written += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        let stands_for = *stands_for;
        this.pending = None;
        Poll::Ready(Ok(stands_for))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_error_head_with_an_empty_body_is_bare() {
        let bare = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\nconnection: close\r\ndate: x\r\n\r\n";
        assert_eq!(
            bare_error_head(bare),
            Some((StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, bare.len()))
        );
        let ours = b"HTTP/1.1 404 Not Found\r\ncontent-length: 180\r\n\r\n{";
        assert_eq!(bare_error_head(ours), None);
        let ok = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(bare_error_head(ok), None);
        assert_eq!(
            bare_error_head(b"HTTP/1.1 400 Bad"),
            None,
            "an unfinished head"
        );
    }

    #[test]
    fn a_bare_error_becomes_a_problem() {
        let answer = String::from_utf8(problem_answer(StatusCode::REQUEST_TIMEOUT)).unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 408 Request Timeout\r\n"));
        assert!(head.contains("content-type: application/problem+json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let problem: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            (problem["status"].as_u64(), problem["code"].as_str()),
            (Some(408), Some("request_timeout"))
        );
    }
}
