//! The scenario's figures, printed as a small table (Markdown, so it can go into the README
//! as it is), with one line per kill below it.

use std::time::Duration;

use super::chaos::Kill;

/// What the run measured.
#[derive(Debug, Default)]
pub struct Figures {
    /// Renewals completed, and how many there were.
    pub completed: usize,
    /// Renewals in the world.
    pub renewals: usize,
    /// Every kill, in order.
    pub kills: Vec<Kill>,
    /// From starting the processes to the last renewal completed.
    pub total: Duration,
    /// Twilio API requests recomply made (faulted ones included).
    pub twilio_calls: usize,
    /// Requests answered 503, 500 or 429 by a fault.
    pub injected_errors: usize,
    /// Requests carried out after the client's timeout (the answer never arrived).
    pub lost_answers: usize,
    /// Requests slowed down.
    pub slowed: usize,
    /// Status callbacks Twilio queued.
    pub callbacks: usize,
    /// Callbacks dropped by a fault.
    pub callbacks_dropped: usize,
    /// Callbacks delivered more than once.
    pub callbacks_duplicated: usize,
    /// Emails the mailbox received.
    pub emails: usize,
    /// Emails received a second time: a worker was killed after SMTP accepted them and before
    /// the outbox recorded it.
    pub emails_resent: usize,
    /// Error pages the customers saw (and got past by trying again).
    pub customer_retries: usize,
}

impl Figures {
    /// The recovery times of the kills that were measured, shortest first.
    fn recoveries(&self) -> Vec<Duration> {
        let mut times: Vec<Duration> = self.kills.iter().filter_map(|k| k.recovery).collect();
        times.sort();
        times
    }

    /// The longest recovery (`None` when a kill did not recover).
    pub fn max_recovery(&self) -> Option<Duration> {
        if self.kills.iter().any(|k| k.recovery.is_none()) {
            return None;
        }
        self.recoveries().last().copied()
    }

    /// The median recovery.
    pub fn median_recovery(&self) -> Duration {
        let times = self.recoveries();
        match times.len() {
            0 => Duration::ZERO,
            n if n % 2 == 1 => times[n / 2],
            n => (times[n / 2 - 1] + times[n / 2]) / 2,
        }
    }

    /// The table and the kill lines.
    pub fn render(&self) -> String {
        let secs = |d: Duration| format!("{:.1} s", d.as_secs_f64());
        let finishing = self.kills.iter().filter(|k| k.during_finishing).count();
        let held: usize = self.kills.iter().map(|k| k.held.len()).sum();
        let per_renewal = self.twilio_calls as f64 / self.renewals.max(1) as f64;
        let rows = [
            (
                "renewals completed",
                format!("{} of {}", self.completed, self.renewals),
            ),
            (
                "workers killed (SIGKILL)",
                format!(
                    "{} ({finishing} while finishing a renewal)",
                    self.kills.len()
                ),
            ),
            ("jobs held by killed workers", held.to_string()),
            (
                "recovery after a kill, max",
                self.max_recovery().map_or("not recovered".into(), secs),
            ),
            (
                "recovery after a kill, median",
                secs(self.median_recovery()),
            ),
            ("total time", secs(self.total)),
            (
                "Twilio calls per renewal",
                format!("{per_renewal:.1} ({} in all)", self.twilio_calls),
            ),
            (
                "faults injected",
                format!(
                    "{} errors (503/500/429), {} lost answers, {} slowed; callbacks: {} dropped, \
                     {} duplicated of {}",
                    self.injected_errors,
                    self.lost_answers,
                    self.slowed,
                    self.callbacks_dropped,
                    self.callbacks_duplicated,
                    self.callbacks
                ),
            ),
            (
                "emails received",
                format!(
                    "{} ({} per renewal; {} sent again after a kill between SMTP and the outbox)",
                    self.emails,
                    self.emails / self.renewals.max(1),
                    self.emails_resent
                ),
            ),
            (
                "error pages a customer saw and retried",
                self.customer_retries.to_string(),
            ),
        ];
        let mut out = String::from("| crash scenario | |\n| --- | --- |\n");
        for (name, value) in rows {
            out.push_str(&format!("| {name} | {value} |\n"));
        }
        out.push('\n');
        for (n, kill) in self.kills.iter().enumerate() {
            out.push_str(&format!(
                "kill {:>2} at {:>6}: {} holding [{}] -> taken up again after {}\n",
                n + 1,
                secs(kill.at),
                kill.victim,
                kill.held.join(", "),
                kill.recovery.map_or("(not within the watch)".into(), secs),
            ));
        }
        out
    }
}
