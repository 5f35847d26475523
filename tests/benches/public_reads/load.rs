//! A closed-loop HTTP load: `connections` clients, each sending its next request when the
//! last has answered (or, paced, at its share of a rate), for a while; what they saw.

use std::time::{Duration, Instant};

use awc::http::StatusCode;

/// What one load saw.
pub struct Seen {
    pub requests: usize,
    /// Answers other than the expected status, and failed connections.
    pub errors: usize,
    pub elapsed: Duration,
    /// Each request's time, sorted.
    latencies: Vec<Duration>,
}

impl Seen {
    pub fn rps(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    /// Several runs of one load as one: their requests, errors, time and latencies.
    pub fn merged(runs: impl IntoIterator<Item = Seen>) -> Seen {
        let mut all = Seen {
            requests: 0,
            errors: 0,
            elapsed: Duration::ZERO,
            latencies: Vec::new(),
        };
        for run in runs {
            all.requests += run.requests;
            all.errors += run.errors;
            all.elapsed += run.elapsed;
            all.latencies.extend(run.latencies);
        }
        all.latencies.sort_unstable();
        all
    }

    /// The latency at `p` (0 to 1).
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let at = ((self.latencies.len() - 1) as f64 * p).round() as usize;
        self.latencies[at]
    }
}

/// One kind of request, and the status it must answer.
#[derive(Clone)]
pub struct Target {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub expect: StatusCode,
}

impl Target {
    pub fn get(url: String) -> Self {
        Self {
            url,
            headers: Vec::new(),
            expect: StatusCode::OK,
        }
    }

    pub fn with(mut self, name: &str, value: &str, expect: StatusCode) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self.expect = expect;
        self
    }
}

/// Runs `connections` clients on `target` for `duration`; at most `rate` requests a second
/// in all when given.
pub async fn run(
    target: &Target,
    connections: usize,
    duration: Duration,
    rate: Option<f64>,
) -> Seen {
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(30))
        .connector(awc::Connector::new().limit(connections))
        .finish();
    let started = Instant::now();
    let deadline = started + duration;
    let gap = rate.map(|r| Duration::from_secs_f64(connections as f64 / r));
    let clients = (0..connections).map(|n| {
        let (client, target) = (client.clone(), target.clone());
        actix_web::rt::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0;
            // Paced clients start spread over one gap, so the rate is even.
            let mut next =
                started + gap.map_or(Duration::ZERO, |g| g * n as u32 / connections as u32);
            while Instant::now() < deadline {
                if let Some(gap) = gap {
                    actix_web::rt::time::sleep_until(next.into()).await;
                    next += gap;
                }
                let sent = Instant::now();
                let mut req = client.get(&target.url);
                for (name, value) in &target.headers {
                    req = req.insert_header((name.as_str(), value.as_str()));
                }
                let ok = match req.send().await {
                    Ok(mut res) => {
                        res.body().limit(64 * 1024 * 1024).await.is_ok()
                            && res.status() == target.expect
                    }
                    Err(_) => false,
                };
                latencies.push(sent.elapsed());
                if !ok {
                    errors += 1;
                }
            }
            (latencies, errors)
        })
    });
    let mut latencies = Vec::new();
    let mut errors = 0;
    for client in clients.collect::<Vec<_>>() {
        let (l, e) = client.await.expect("a load client finished");
        latencies.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    Seen {
        requests: latencies.len(),
        errors,
        elapsed,
        latencies,
    }
}
