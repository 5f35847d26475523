//! Webhook deliveries: which addresses a subscription may call, and what an attempt's
//! answer means for the next one. The conventions are those of the Standard Webhooks
//! specification (standardwebhooks.com): any 2xx is delivered; 410 Gone ends the
//! subscription; 429 and 503 may say when to come back (`Retry-After`); anything else is
//! retried on a schedule, here over about three days.

use std::net::IpAddr;

/// Seconds to wait after each failed attempt: the first retry 5 s after the first
/// attempt, the last about three days after it. Ten attempts in all.
pub const RETRY_SCHEDULE: [u64; 9] = [
    5,
    5 * 60,
    30 * 60,
    2 * 3600,
    5 * 3600,
    10 * 3600,
    10 * 3600,
    24 * 3600,
    24 * 3600,
];

/// The longest `Retry-After` honoured, in seconds: one day.
pub const MAX_RETRY_AFTER: u64 = 24 * 3600;

/// What an attempt's answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Delivered,
    /// Try again after this many seconds.
    RetryIn(u64),
    /// The receiver is gone for good (410): no more deliveries to it.
    Gone,
    /// Every attempt of the schedule failed.
    GaveUp,
}

/// Judges attempt number `attempt` (1 for the first) that answered `status` (none: no
/// answer at all) and perhaps `Retry-After` seconds, on `schedule`.
pub fn judge(
    attempt: u32,
    status: Option<u16>,
    retry_after: Option<u64>,
    schedule: &[u64],
) -> Verdict {
    match status {
        Some(200..=299) => return Verdict::Delivered,
        Some(410) => return Verdict::Gone,
        _ => {}
    }
    let Some(&wait) = schedule.get(attempt as usize - 1) else {
        return Verdict::GaveUp;
    };
    match (status, retry_after) {
        (Some(429 | 503), Some(asked)) => Verdict::RetryIn(asked.min(MAX_RETRY_AFTER)),
        _ => Verdict::RetryIn(wait),
    }
}

/// Whether a webhook may call `ip`: never an address of this machine or of a private
/// network (loopback, private, link-local, carrier-grade NAT, unique local, unspecified,
/// multicast, broadcast), which would let a subscriber reach what only the service
/// reaches, unless the operator lists its `host` (by name or address) in `allowed`.
pub fn address_allowed(host: &str, ip: IpAddr, allowed: &[String]) -> bool {
    if allowed
        .iter()
        .any(|a| a.eq_ignore_ascii_case(host) || a.parse::<IpAddr>() == Ok(ip))
    {
        return true;
    }
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_decides_the_next_attempt() {
        let s = &RETRY_SCHEDULE;
        assert_eq!(judge(1, Some(204), None, s), Verdict::Delivered);
        assert_eq!(judge(1, Some(500), None, s), Verdict::RetryIn(5));
        assert_eq!(judge(2, None, None, s), Verdict::RetryIn(300));
        assert_eq!(judge(3, Some(410), None, s), Verdict::Gone);
        assert_eq!(judge(1, Some(429), Some(120), s), Verdict::RetryIn(120));
        assert_eq!(
            judge(1, Some(503), Some(9_999_999), s),
            Verdict::RetryIn(MAX_RETRY_AFTER)
        );
        assert_eq!(
            judge(1, Some(500), Some(120), s),
            Verdict::RetryIn(5),
            "only 429 and 503"
        );
        assert_eq!(judge(9, Some(500), None, s), Verdict::RetryIn(24 * 3600));
        assert_eq!(judge(10, Some(500), None, s), Verdict::GaveUp);
        assert_eq!(judge(10, Some(200), None, s), Verdict::Delivered);
    }

    #[test]
    fn the_schedule_spans_about_three_days() {
        let total: u64 = RETRY_SCHEDULE.iter().sum();
        assert!((3 * 86_400..4 * 86_400).contains(&total), "{total}");
    }

    #[test]
    fn private_addresses_need_the_operators_leave() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!address_allowed("h", ip(private), &[]), "{private}");
        }
        for public in ["203.113.131.1", "8.8.8.8", "2001:4860::8888"] {
            assert!(address_allowed("h", ip(public), &[]), "{public}");
        }
        let allowed = vec!["127.0.0.1".to_owned(), "receiver.local".to_owned()];
        assert!(address_allowed("localhost", ip("127.0.0.1"), &allowed));
        assert!(address_allowed("receiver.local", ip("10.0.0.9"), &allowed));
        assert!(!address_allowed("other.local", ip("10.0.0.9"), &allowed));
    }
}
