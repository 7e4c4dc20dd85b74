//! The client's IP address, for the per-client rate limit on sign-in links.
//!
//! The peer address comes from axum's `ConnectInfo`. `X-Forwarded-For` is believed only when
//! the peer is a loopback or private address (a reverse proxy on the same host or network), and
//! then only its last entry: the one our proxy appended, not what the client claimed.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

/// The best-known address of the client (`"unknown"` when the server runs without connect info).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
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
        Ok(Self(client_address(peer, forwarded)))
    }
}

fn client_address(peer: Option<IpAddr>, forwarded: Option<IpAddr>) -> String {
    match (peer, forwarded) {
        (Some(peer), Some(forwarded)) if is_proxy(peer) => forwarded.to_string(),
        (Some(peer), _) => peer.to_string(),
        (None, _) => "unknown".to_owned(),
    }
}

fn is_proxy(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_believed_only_from_a_local_proxy() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let public: IpAddr = "203.0.113.9".parse().unwrap();
        let claimed: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(client_address(Some(local), Some(claimed)), "198.51.100.7");
        assert_eq!(client_address(Some(public), Some(claimed)), "203.0.113.9");
        assert_eq!(client_address(Some(public), None), "203.0.113.9");
        assert_eq!(client_address(None, Some(claimed)), "unknown");
    }
}
