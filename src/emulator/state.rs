//! `EmulatorState`: the shared store behind a read-write lock (lists and fetches read side by
//! side), the bound base URL, and the wake-up signal
//! of the callback dispatcher. Cheap to clone.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tokio::sync::Notify;

use super::clock::Timestamp;
use super::model::ReviewPolicy;
use super::store::{AccountCredentials, Store};

/// Shared state of one emulator instance.
#[derive(Clone)]
pub struct EmulatorState {
    shared: Arc<Shared>,
}

struct Shared {
    store: RwLock<Store>,
    base_url: OnceLock<String>,
    callbacks_due: Notify,
    state_file: Option<PathBuf>,
}

impl Default for EmulatorState {
    fn default() -> Self {
        Self::new(Store::new(), None)
    }
}

impl EmulatorState {
    /// State over `store`, snapshotted to `state_file` if given.
    pub fn new(store: Store, state_file: Option<PathBuf>) -> Self {
        Self {
            shared: Arc::new(Shared {
                store: RwLock::new(store),
                base_url: OnceLock::new(),
                callbacks_due: Notify::new(),
                state_file,
            }),
        }
    }

    /// Locks the store to change it. Never hold the guard across an `.await`.
    pub fn lock(&self) -> RwLockWriteGuard<'_, Store> {
        self.shared
            .store
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Locks the store to read it, beside other readers. Never hold the guard across an
    /// `.await`.
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.shared
            .store
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the store, then wakes the callback dispatcher (callbacks may have been queued).
    pub fn mutate<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let result = f(&mut self.lock());
        self.shared.callbacks_due.notify_one();
        result
    }

    /// Emulator time now.
    pub fn now(&self) -> Timestamp {
        self.read().now()
    }

    /// Sets the base URL once the listener is bound.
    pub fn set_base_url(&self, base_url: String) {
        let _ = self.shared.base_url.set(base_url);
    }

    /// `http://host:port` of the bound listener (empty before binding).
    pub fn base_url(&self) -> &str {
        self.shared.base_url.get().map(String::as_str).unwrap_or("")
    }

    /// Where snapshots go.
    pub fn state_file(&self) -> Option<&PathBuf> {
        self.shared.state_file.as_ref()
    }

    /// Waits until callbacks may be due.
    pub async fn callbacks_notified(&self) {
        self.shared.callbacks_due.notified().await;
    }

    /// Creates an account with the default review policy (auto, 60 s).
    pub fn create_account(&self, friendly_name: &str) -> AccountCredentials {
        self.lock()
            .create_account(friendly_name, ReviewPolicy::default())
    }
}
