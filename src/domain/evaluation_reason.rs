//! Why an evaluation was kept, as stored in `renewal_evaluation.reason`: the timeline event it
//! belongs to.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// The event an evaluation belongs to. Names this version does not know (older rows, or
/// events added later) are kept as [`EvaluationReason::Other`] so they still render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EvaluationReason {
    /// The copy was prepared and first evaluated.
    Prepared,
    /// Someone saved changes to the copy.
    ChangesSaved,
    /// Someone asked for the copy to be evaluated again.
    Reevaluated,
    /// Twilio rejected the copy.
    Rejected,
    /// Any other stored name.
    Other(String),
}

impl EvaluationReason {
    /// The value stored in the database (and the timeline event's name).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Prepared => "prepared",
            Self::ChangesSaved => "changes_saved",
            Self::Reevaluated => "reevaluated",
            Self::Rejected => "rejected",
            Self::Other(name) => name,
        }
    }

    /// The stored name as words (`changes saved`).
    pub fn words(&self) -> String {
        self.as_str().replace('_', " ")
    }
}

impl FromStr for EvaluationReason {
    type Err = Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(match text {
            "prepared" => Self::Prepared,
            "changes_saved" => Self::ChangesSaved,
            "reevaluated" => Self::Reevaluated,
            "rejected" => Self::Rejected,
            other => Self::Other(other.to_owned()),
        })
    }
}

impl fmt::Display for EvaluationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_round_trips_and_unknown_names_are_kept() {
        use EvaluationReason as R;
        for reason in [R::Prepared, R::ChangesSaved, R::Reevaluated, R::Rejected] {
            assert_eq!(reason.as_str().parse::<R>().unwrap(), reason);
            assert!(!matches!(reason, R::Other(_)));
        }
        let other = "address_added".parse::<R>().unwrap();
        assert_eq!(other, R::Other("address_added".into()));
        assert_eq!(other.as_str(), "address_added");
        assert_eq!(other.words(), "address added");
        assert_eq!(R::ChangesSaved.to_string(), "changes_saved");
        assert_eq!(R::ChangesSaved.words(), "changes saved");
    }
}
