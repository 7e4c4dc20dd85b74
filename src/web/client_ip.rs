//! The client's IP address: the one key every per-client rate limit uses (customer sign-in
//! links, staff sign-in).
//!
//! The peer address comes from axum's `ConnectInfo`. `X-Forwarded-For` is believed only when
//! the peer is one of the reverse proxies named in `RECOMPLY_TRUSTED_PROXIES` (none by
//! default), and then only its last entry: the one that proxy appended, not what the client
//! claimed.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::state::AppState;

/// The best-known address of the client (`"unknown"` when the server runs without connect info).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|v| v.trim().parse::<IpAddr>().ok())
            .next_back();
        Ok(Self(client_address(
            peer,
            forwarded,
            &state.config.trusted_proxies,
        )))
    }
}

/// The client of a request from `peer` that carried `forwarded` as its last
/// `X-Forwarded-For` entry.
fn client_address(peer: Option<IpAddr>, forwarded: Option<IpAddr>, trusted: &[IpAddr]) -> String {
    match (peer, forwarded) {
        (Some(peer), Some(forwarded)) if is_trusted(peer, trusted) => forwarded.to_string(),
        (Some(peer), _) => canonical(peer).to_string(),
        (None, _) => "unknown".to_owned(),
    }
}

/// Whether `peer` is a named proxy (an IPv4 proxy also matches as an IPv4-mapped IPv6 peer).
fn is_trusted(peer: IpAddr, trusted: &[IpAddr]) -> bool {
    let peer = canonical(peer);
    trusted.iter().any(|proxy| canonical(*proxy) == peer)
}

/// `::ffff:a.b.c.d` as `a.b.c.d`, so one client has one key on a dual-stack listener.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn by_default_no_proxy_is_trusted_so_a_spoofed_header_changes_nothing() {
        let attacker = Some(ip("203.0.113.9"));
        let local = Some(ip("127.0.0.1"));
        for claimed in ["198.51.100.7", "198.51.100.8", "10.0.0.1"] {
            assert_eq!(
                client_address(attacker, Some(ip(claimed)), &[]),
                "203.0.113.9"
            );
            assert_eq!(client_address(local, Some(ip(claimed)), &[]), "127.0.0.1");
        }
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_named_proxy() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy];
        let claimed = Some(ip("198.51.100.7"));
        assert_eq!(
            client_address(Some(proxy), claimed, &trusted),
            "198.51.100.7"
        );
        assert_eq!(
            client_address(Some(ip("::ffff:10.0.0.2")), claimed, &trusted),
            "198.51.100.7"
        );
        assert_eq!(
            client_address(Some(ip("10.0.0.3")), claimed, &trusted),
            "10.0.0.3"
        );
        assert_eq!(client_address(Some(proxy), None, &trusted), "10.0.0.2");
        assert_eq!(client_address(None, claimed, &trusted), "unknown");
    }
}
