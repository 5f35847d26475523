//! The HTTP/1.1 server under the application: actix-web's own `HttpServer` but for one
//! thing, the I/O layer (`framework_errors::ProblemIo`) that gives the dispatcher's own
//! error answers a problem body; and how long a client may take.

use std::fmt;
use std::net::TcpListener;
use std::time::Duration;

use actix_http::body::MessageBody;
use actix_http::{HttpService, Request, Response};
use actix_server::Server;
use actix_service::{
    fn_service, map_config, IntoServiceFactory, ServiceFactory, ServiceFactoryExt,
};
use actix_web::dev::AppConfig;
use actix_web::rt::net::TcpStream;

use crate::framework_errors::ProblemIo;

/// How long a client may take to send a request: its head (the request line and
/// headers), then its body. Past either, the answer is 408 and the connection closes.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub head: Duration,
    /// For a body up to the ordinary limit; an import's may take ten times as long.
    pub body: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            head: Duration::from_secs(5),
            body: Duration::from_secs(30),
        }
    }
}

/// Serves the application that `factory` makes (one per worker) on `listener`. Each worker
/// runs at most `blocking_threads` storage calls at once: as many as the pool has
/// connections, since more would only wait for one (and each idle thread keeps memory).
pub fn serve<F, I, S, B>(
    listener: TcpListener,
    workers: usize,
    blocking_threads: usize,
    timeouts: Timeouts,
    factory: F,
) -> std::io::Result<Server>
where
    F: Fn() -> I + Send + Clone + 'static,
    I: IntoServiceFactory<S, Request>,
    S: ServiceFactory<Request, Config = AppConfig> + 'static,
    S::Error: Into<actix_web::Error> + 'static,
    S::InitError: fmt::Debug,
    S::Response: Into<Response<B>> + 'static,
    S::Service: 'static,
    B: MessageBody + 'static,
{
    let addr = listener.local_addr()?;
    Ok(Server::build()
        .workers(workers)
        .worker_max_blocking_threads(blocking_threads)
        .listen("dantin", listener, move || {
            let app = factory()
                .into_factory()
                .map_err(|err| err.into().error_response());
            let http = HttpService::build()
                .client_request_timeout(timeouts.head)
                .client_disconnect_timeout(Duration::from_secs(1))
                .local_addr(addr)
                .h1(map_config(app, |_| AppConfig::default()));
            fn_service(|io: TcpStream| {
                let peer = io.peer_addr().ok();
                async move { Ok((ProblemIo::new(io), peer)) }
            })
            .and_then(http)
        })?
        .run())
}
