//! Where a background job is in its life, as stored in `job.status`.

use super::text_enum::text_enum;

/// The status of a row of the job queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobStatus {
    /// Waiting for its `run_at` (or for a retry).
    Pending,
    /// Claimed by a worker.
    Running,
    /// Finished (successfully, or given up on as not worth retrying).
    Done,
    /// Every attempt failed; a human may retry it.
    Dead,
}

text_enum!(JobStatus, "job status", {
    Pending => "pending",
    Running => "running",
    Done => "done",
    Dead => "dead",
});

impl JobStatus {
    /// Whether the job has yet to finish (pending or running).
    pub fn is_unfinished(self) -> bool {
        matches!(self, Self::Pending | Self::Running)
    }

    /// Staff's word for the status ("Dead", "Pending", …).
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Running => "Running",
            Self::Done => "Done",
            Self::Dead => "Dead",
        }
    }

    /// The badge class; an unfinished job that already failed once is a warning.
    pub fn badge(self, has_failed_before: bool) -> &'static str {
        match self {
            Self::Dead => "badge-danger",
            Self::Done => "badge-ok",
            _ if has_failed_before => "badge-warn",
            _ => "badge-info",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_and_unknown_names_are_refused() {
        for status in JobStatus::ALL {
            assert_eq!(status.as_str().parse::<JobStatus>().unwrap(), *status);
        }
        let error = "stuck".parse::<JobStatus>().unwrap_err();
        assert_eq!(error.to_string(), "unknown job status \"stuck\"");
    }

    #[test]
    fn a_retried_job_is_a_warning_until_it_finishes() {
        assert_eq!(JobStatus::Pending.badge(true), "badge-warn");
        assert_eq!(JobStatus::Pending.badge(false), "badge-info");
        assert_eq!(JobStatus::Dead.badge(true), "badge-danger");
        assert!(JobStatus::Running.is_unfinished() && !JobStatus::Done.is_unfinished());
    }
}
