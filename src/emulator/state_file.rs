//! Snapshots of the store as JSON: written periodically and on shutdown, read at start.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use tokio::task::JoinHandle;

use super::state::EmulatorState;
use super::store::Store;

/// How often the periodic snapshot is written.
pub const INTERVAL: Duration = Duration::from_secs(10);

/// Reads a snapshot (a missing file gives an empty store).
pub fn load(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        return Ok(Store::new());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("Failed to read the emulator state {}", path.display()))?;
    let mut store: Store = serde_json::from_str(&text)
        .with_context(|| format!("Failed to parse the emulator state {}", path.display()))?;
    store
        .replay_regulation_changes()
        .context("Failed to replay the regulation changes of the snapshot")?;
    Ok(store)
}

/// Writes the state to its file (if it has one), atomically.
pub fn save(state: &EmulatorState) -> anyhow::Result<()> {
    let Some(path) = state.state_file() else {
        return Ok(());
    };
    let text = serde_json::to_string_pretty(&*state.lock())?;
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text)
        .with_context(|| format!("Failed to write {}", temporary.display()))?;
    std::fs::rename(&temporary, path)
        .with_context(|| format!("Failed to replace {}", path.display()))?;
    Ok(())
}

/// Saves every [`INTERVAL`] until the runtime stops.
pub fn spawn_periodic(state: EmulatorState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(INTERVAL);
        interval.tick().await;
        loop {
            interval.tick().await;
            if let Err(error) = save(&state) {
                tracing::warn!(error = %error, "emulator snapshot failed");
            }
        }
    })
}
