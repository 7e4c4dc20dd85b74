//! What a fleet-level staff alert is about, as stored in `staff_alert.kind`.

use super::text_enum::text_enum;

/// A problem staff are emailed about once (until it is fixed and comes back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffAlertKind {
    /// Twilio refused a tenant's credentials.
    CredentialsRefused,
    /// A job used up its attempts.
    JobDead,
}

text_enum!(StaffAlertKind, "staff alert kind", {
    CredentialsRefused => "credentials_refused",
    JobDead => "job_dead",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_stored_name() {
        for kind in StaffAlertKind::ALL {
            assert_eq!(kind.as_str().parse::<StaffAlertKind>().unwrap(), *kind);
        }
        assert!("disk_full".parse::<StaffAlertKind>().is_err());
    }
}
