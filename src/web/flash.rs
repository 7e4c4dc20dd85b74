//! One-time values carried across a redirect (Post/Redirect/Get), kept in the session: the
//! handler that acts stores the outcome, the next page takes it, so a reload shows nothing and
//! repeats nothing. Customers and staff keep theirs under separate keys.

use serde::Serialize;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

/// Stores `value` under `key` for the next page (best effort: a lost flash is not an error).
pub async fn put<T: Serialize + Send + Sync>(session: &Session, key: &str, value: T) {
    if let Err(e) = session.insert(key, value).await {
        tracing::warn!(error = %e, key, "could not store a flash message");
    }
}

/// Takes (reads and removes) the value under `key`, if any.
pub async fn take<T: DeserializeOwned>(session: &Session, key: &str) -> Option<T> {
    session.remove::<T>(key).await.ok().flatten()
}
