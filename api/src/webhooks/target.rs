//! Where a webhook may deliver: an `http` or `https` URL whose host resolves only to
//! addresses `dantin_domain::webhook::address_allowed` lets through, or a host the
//! operator lists in `DANTIN_WEBHOOK_ALLOW_HOSTS`. Checked when a subscription is made and
//! again before each delivery, since a name may resolve elsewhere later.

use std::net::IpAddr;
use std::time::Duration;

use dantin_domain::webhook::address_allowed;
use url::{Host, Url};

/// How long a host's name may take to resolve.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(3);

/// The hosts the operator lets webhooks reach although they are private or loopback.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub allowed: Vec<String>,
}

impl Targets {
    /// From `DANTIN_WEBHOOK_ALLOW_HOSTS`: names or addresses, comma-separated.
    pub fn from_list(list: &str) -> Self {
        Self {
            allowed: list
                .split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The URL, if a webhook may call it; else why not.
    pub async fn check(&self, raw: &str) -> Result<Url, String> {
        let url = Url::parse(raw).map_err(|e| format!("`{raw}` is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("`{raw}` is not an http or https URL"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                "a webhook URL carries no credentials: the signature proves the sender".into(),
            );
        }
        let (name, port) = match (url.host(), url.port_or_known_default()) {
            (Some(host), Some(port)) => (host, port),
            _ => return Err(format!("`{raw}` names no host")),
        };
        let host = match &name {
            Host::Domain(d) => d.to_string(),
            Host::Ipv4(ip) => ip.to_string(),
            Host::Ipv6(ip) => ip.to_string(),
        };
        let addresses: Vec<IpAddr> = match name {
            Host::Ipv4(ip) => vec![ip.into()],
            Host::Ipv6(ip) => vec![ip.into()],
            Host::Domain(d) => {
                let lookup = tokio::net::lookup_host((d, port));
                actix_web::rt::time::timeout(RESOLVE_TIMEOUT, lookup)
                    .await
                    .map_err(|_| format!("`{host}` did not resolve in time"))?
                    .map_err(|e| format!("`{host}` does not resolve: {e}"))?
                    .map(|a| a.ip())
                    .collect()
            }
        };
        match addresses
            .iter()
            .find(|ip| !address_allowed(&host, **ip, &self.allowed))
        {
            Some(ip) => Err(format!(
                "`{host}` resolves to {ip}, a private or local address; the operator may allow \
                 it in DANTIN_WEBHOOK_ALLOW_HOSTS"
            )),
            None if addresses.is_empty() => Err(format!("`{host}` resolves to no address")),
            None => Ok(url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn loopback_needs_leave_and_odd_urls_are_refused() {
        let none = Targets::default();
        assert!(none.check("http://127.0.0.1:9000/hook").await.is_err());
        assert!(none.check("http://[::1]/hook").await.is_err());
        assert!(none.check("http://203.113.131.1/hook").await.is_ok());
        assert!(none.check("ftp://203.113.131.1/hook").await.is_err());
        assert!(none.check("http://u:p@203.113.131.1/").await.is_err());
        assert!(none.check("not a url").await.is_err());
        let local = Targets::from_list("127.0.0.1, ");
        assert_eq!(local.allowed, ["127.0.0.1"]);
        assert!(local.check("http://127.0.0.1:9000/hook").await.is_ok());
        assert!(local.check("http://10.0.0.1/hook").await.is_err());
    }
}
