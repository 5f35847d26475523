//! Rate limits: token buckets in the database, so that they hold across instances: one
//! per client address for signing in and one per account for writes. A caller over its
//! limit gets 429 with `Retry-After`.

use std::net::IpAddr;
use std::str::FromStr;
use std::time::Duration;

use actix_web::{web, HttpRequest};
use dantin_usecases::rate_limits::{self, Bucket};
use dantin_usecases::Store;

use crate::db::run;
use crate::error::ApiError;
use crate::wording::Detail;

/// A limit: `burst` requests at once, refilled at `burst` per `period`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub burst: u32,
    pub period: Duration,
}

impl FromStr for Rate {
    type Err = String;

    /// `N/s`, `N/min` or `N/h`, with N at least 1.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a rate such as 10/min (units: s, min, h)");
        let (count, unit) = s.split_once('/').ok_or_else(bad)?;
        let burst: u32 = count.trim().parse().map_err(|_| bad())?;
        let seconds = match unit.trim() {
            "s" => 1,
            "min" => 60,
            "h" => 3600,
            _ => return Err(bad()),
        };
        if burst == 0 {
            return Err(bad());
        }
        Ok(Rate {
            burst,
            period: Duration::from_secs(seconds),
        })
    }
}

/// The limits the service enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// `POST /auth/token`, per client address.
    pub sign_in: Rate,
    /// Every write, per account.
    pub writes: Rate,
}

/// Token buckets of one rate, kept in the database (`rate_buckets`) so that every instance
/// of the service takes from the same bucket; `name` tells them from another limit's.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    rate: Rate,
    name: &'static str,
}

impl Throttle {
    pub fn new(name: &'static str, rate: Rate) -> Self {
        Self { rate, name }
    }

    fn per_ms(&self) -> f64 {
        f64::from(self.rate.burst) / self.rate.period.as_millis() as f64
    }

    /// The bucket after one request at `now_ms`, and whether it passed or how long until
    /// it would.
    fn decide(&self, held: Option<Bucket>, now_ms: i64) -> (Bucket, Result<(), Duration>) {
        let burst = f64::from(self.rate.burst);
        let tokens = held.map_or(burst, |b| {
            (b.tokens + (now_ms - b.at_ms).max(0) as f64 * self.per_ms()).min(burst)
        });
        if tokens >= 1.0 {
            (
                Bucket {
                    tokens: tokens - 1.0,
                    at_ms: now_ms,
                },
                Ok(()),
            )
        } else {
            let wait = Duration::from_secs_f64((1.0 - tokens) / self.per_ms() / 1000.0);
            (
                Bucket {
                    tokens,
                    at_ms: now_ms,
                },
                Err(wait),
            )
        }
    }

    /// Takes one request from `key`'s bucket, or answers 429 with how long to wait.
    pub async fn admit(
        &self,
        store: web::Data<Store>,
        key: impl std::fmt::Display,
        what: Detail,
    ) -> Result<(), ApiError> {
        let bucket = format!("{}:{key}", self.name);
        let throttle = *self;
        let verdict = run(store, move |s| {
            let now_ms = chrono::Utc::now().timestamp_millis();
            rate_limits::take(s, &bucket, now_ms, |held| throttle.decide(held, now_ms))
        })
        .await?;
        verdict.map_err(|wait| ApiError::too_many_requests(what, wait))
    }
}

/// Sign-ins, per client address.
pub struct SignIns(pub Throttle);

/// The proxies (load balancers) whose `X-Forwarded-For` names the client
/// (`DANTIN_TRUSTED_PROXIES`).
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    /// The client's address: the connection's peer, or, when the peer is a trusted proxy,
    /// the address it appended last to `X-Forwarded-For` (what a client sends itself stays
    /// to the left and is never believed).
    pub fn client(&self, req: &HttpRequest) -> IpAddr {
        let peer = req
            .peer_addr()
            .map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip());
        if !self.0.contains(&peer) {
            return peer;
        }
        req.headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .last()
            .unwrap_or(peer)
    }
}

/// Writes, per account.
pub struct Writes(pub Throttle);

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(s: &str) -> Rate {
        s.parse().unwrap()
    }

    #[test]
    fn rates_read_as_count_per_unit() {
        assert_eq!(
            rate("10/min"),
            Rate {
                burst: 10,
                period: Duration::from_secs(60)
            }
        );
        assert_eq!(rate("5/s").period, Duration::from_secs(1));
        assert_eq!(rate("100/h").burst, 100);
        for bad in ["0/min", "10", "10/day", "-1/s", "x/min"] {
            assert!(bad.parse::<Rate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_proxy_names_it() {
        let lb: IpAddr = "10.0.0.2".parse().unwrap();
        let req = actix_web::test::TestRequest::default()
            .peer_addr("10.0.0.2:5000".parse().unwrap())
            .insert_header(("X-Forwarded-For", "6.6.6.6, 203.0.113.7"))
            .to_http_request();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(TrustedProxies(vec![lb]).client(&req), client);
        assert_eq!(
            TrustedProxies::default().client(&req),
            lb,
            "an untrusted peer"
        );
    }

    #[test]
    fn a_burst_passes_the_next_waits_for_its_share_of_the_period() {
        let throttle = Throttle::new("test", rate("3/min"));
        let t0 = 1_000_000;
        let mut held = None;
        for _ in 0..3 {
            let (bucket, verdict) = throttle.decide(held, t0);
            assert_eq!(verdict, Ok(()));
            held = Some(bucket);
        }
        let (bucket, verdict) = throttle.decide(held, t0);
        assert_eq!(
            verdict.unwrap_err().as_secs(),
            20,
            "one request refills in 60/3 seconds"
        );
        assert!(throttle.decide(Some(bucket), t0 + 19_000).1.is_err());
        let (bucket, verdict) = throttle.decide(Some(bucket), t0 + 20_000);
        assert_eq!(verdict, Ok(()));
        assert!(throttle.decide(Some(bucket), t0 + 20_000).1.is_err());
        assert_eq!(throttle.decide(None, t0).1, Ok(()), "a new bucket is full");
    }
}
