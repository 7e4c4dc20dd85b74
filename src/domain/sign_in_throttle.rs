//! The numbers of staff sign-in throttling (the rules themselves are `auth::staff_throttle`'s):
//! how long a client waits after failures, and when failures are forgotten.

/// The wait after the first failure; each further failure doubles it.
pub const FIRST_DELAY_SECS: i64 = 1;
/// The longest wait between two attempts of one client for one address.
pub const MAX_DELAY_SECS: i64 = 15 * 60;
/// After this long without a failure, earlier failures no longer lengthen the wait.
pub const FORGET_AFTER_SECS: i64 = 60 * 60;
/// The window of the per-client cap.
pub const CLIENT_WINDOW_SECS: i64 = 15 * 60;
/// Failures per client (any address) within the window before that client must wait.
pub const MAX_FAILURES_PER_CLIENT: i64 = 20;
