//! What became of a staff sign-in attempt, as stored in `staff_sign_in.outcome`.

use super::text_enum::text_enum;

/// The outcome of one staff sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignInOutcome {
    /// Signed in (with the second factor, when the account has one).
    SignedIn,
    /// Unknown address or wrong password.
    WrongPassword,
    /// Refused unchecked: the client must wait.
    Throttled,
    /// The password was right, the two-factor code was not.
    SecondFactorFailed,
    /// Signed in with a recovery code instead of a two-factor code.
    RecoveryCodeUsed,
}

text_enum!(SignInOutcome, "sign-in outcome", {
    SignedIn => "signed_in",
    WrongPassword => "wrong_password",
    Throttled => "throttled",
    SecondFactorFailed => "second_factor_failed",
    RecoveryCodeUsed => "recovery_code_used",
});

impl SignInOutcome {
    /// Whether the attempt counts against the client's cap (a wrong secret was tried).
    pub fn is_failure(self) -> bool {
        matches!(self, Self::WrongPassword | Self::SecondFactorFailed)
    }

    /// What the audit page shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::SignedIn => "Signed in",
            Self::WrongPassword => "Wrong password",
            Self::Throttled => "Throttled",
            Self::SecondFactorFailed => "Two-factor code refused",
            Self::RecoveryCodeUsed => "Signed in with a recovery code",
        }
    }

    /// The badge class.
    pub fn badge(self) -> &'static str {
        match self {
            Self::SignedIn => "badge-ok",
            Self::RecoveryCodeUsed => "badge-warn",
            Self::WrongPassword | Self::SecondFactorFailed | Self::Throttled => "badge-danger",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_round_trips_and_only_wrong_secrets_are_failures() {
        for outcome in SignInOutcome::ALL {
            assert_eq!(outcome.as_str().parse::<SignInOutcome>().unwrap(), *outcome);
        }
        let failures: Vec<_> = SignInOutcome::ALL
            .iter()
            .filter(|o| o.is_failure())
            .collect();
        assert_eq!(
            failures,
            [
                &SignInOutcome::WrongPassword,
                &SignInOutcome::SecondFactorFailed
            ]
        );
    }
}
