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

/// Takes (reads and removes) the value under `key`, if any. When there is none the session is
/// only read, so a page view without a flash writes nothing.
pub async fn take<T: DeserializeOwned>(session: &Session, key: &str) -> Option<T> {
    let value = session.get::<T>(key).await.ok().flatten()?;
    let _ = session.remove_value(key).await;
    Some(value)
}
