//! Rate limits: token buckets in memory, one per client address for signing in and one
//! per account for writes. A caller over its limit gets 429 with `Retry-After`.

use std::collections::HashMap;
use std::hash::Hash;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::ApiError;

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

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets are dropped once full again, when the map grows past this.
const PRUNE_ABOVE: usize = 10_000;

/// Token buckets keyed by `K`, all with the same rate.
pub struct Throttle<K> {
    rate: Rate,
    buckets: Mutex<HashMap<K, Bucket>>,
}

impl<K: Eq + Hash> Throttle<K> {
    pub fn new(rate: Rate) -> Self {
        Self {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn per_second(&self) -> f64 {
        f64::from(self.rate.burst) / self.rate.period.as_secs_f64()
    }

    /// Takes one request from `key`'s bucket, or says how long until one is there.
    pub fn take(&self, key: K, now: Instant) -> Result<(), Duration> {
        let burst = f64::from(self.rate.burst);
        let per_second = self.per_second();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * per_second < burst
            });
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let refilled = now.saturating_duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + refilled).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }

    /// As `take`, with the answer a client gets when it is over the limit.
    pub fn admit(&self, key: K, what: &str) -> Result<(), ApiError> {
        self.take(key, Instant::now())
            .map_err(|wait| ApiError::too_many_requests(what, wait))
    }
}

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
    fn a_burst_passes_the_next_waits_for_its_share_of_the_period() {
        let throttle = Throttle::new(rate("3/min"));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(throttle.take("a", t0), Ok(()));
        }
        let wait = throttle.take("a", t0).unwrap_err();
        assert_eq!(wait.as_secs(), 20, "one request refills in 60/3 seconds");
        assert_eq!(
            throttle.take("b", t0),
            Ok(()),
            "other keys have their own bucket"
        );
        assert!(throttle.take("a", t0 + Duration::from_secs(19)).is_err());
        assert_eq!(throttle.take("a", t0 + Duration::from_secs(20)), Ok(()));
        assert!(throttle.take("a", t0 + Duration::from_secs(20)).is_err());
    }
}
