//! Facts of the running process that start-up needs besides the `RECOMPLY_*` variables: who
//! it runs as, where executables are looked for, the host's name, and variables an operator
//! names on the command line. This module and [`Config`](super::Config) are the only readers
//! of the environment.

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use super::parse::Source;

/// Whether this process runs as root (then `initdb`/`postgres` run as the `postgres` user).
pub fn running_as_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// The directories of `PATH`, in order.
pub fn executable_dirs() -> Vec<PathBuf> {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect())
        .unwrap_or_default()
}

/// This machine's host name (the kernel's, else `HOSTNAME`, else `localhost`).
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| Source::process().text("HOSTNAME"))
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// The value of a variable the operator named (e.g. the one holding the old key during a key
/// rotation); `None` when unset or empty.
pub fn named_variable(name: &str) -> Option<String> {
    Source::process().text(name)
}
