//! Which of a Twilio account's bundles belong to a tenant. A tenant usually takes its account
//! whole; several tenants can share one account, each taking the bundles its rule picks (the
//! bundle's `Email`, a `FriendlyName` prefix) or only those staff assigned to it by hand.
//! [`owner_of`] is the one rule that attributes a bundle of a shared account.

use crate::domain::ids::TenantId;

use super::email_address::EmailAddress;
use super::text_enum::text_enum;

/// The kinds of rule, as stored (`tenant.bundle_scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BundleScopeKind {
    /// Every bundle of the account (the account is not shared).
    WholeAccount,
    /// Bundles whose `Email` is the given address (compared without case).
    Email,
    /// Bundles whose `FriendlyName` starts with the given text (compared without case).
    FriendlyNamePrefix,
    /// Only bundles staff assigned to the tenant.
    Assigned,
}

text_enum!(BundleScopeKind, "bundle scope", {
    WholeAccount => "account",
    Email => "email",
    FriendlyNamePrefix => "friendly_name_prefix",
    Assigned => "assigned",
});

impl BundleScopeKind {
    /// In staff's words, for the rule's choice.
    pub fn label(self) -> &'static str {
        match self {
            Self::WholeAccount => "Every bundle of the account",
            Self::Email => "Bundles whose Email is…",
            Self::FriendlyNamePrefix => "Bundles whose FriendlyName starts with…",
            Self::Assigned => "Only bundles assigned by staff",
        }
    }
}

/// A tenant's rule, with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleScope {
    /// Every bundle of the account.
    WholeAccount,
    /// Bundles with this `Email`.
    Email(EmailAddress),
    /// Bundles whose `FriendlyName` starts with this (never empty).
    FriendlyNamePrefix(String),
    /// Only bundles staff assigned.
    Assigned,
}

/// Why a stored or submitted rule cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleScopeError {
    /// The email rule needs an address.
    #[error("Enter the email address the tenant's bundles carry, like name@example.com")]
    BadEmail,
    /// The prefix rule needs some text.
    #[error("Enter the text the FriendlyName of the tenant's bundles starts with")]
    EmptyPrefix,
    /// A prefix longer than a FriendlyName can be.
    #[error("A FriendlyName prefix has at most 64 characters")]
    LongPrefix,
}

/// Twilio's limit on a bundle's `FriendlyName`.
const FRIENDLY_NAME_MAX: usize = 64;

impl BundleScope {
    /// The rule `kind` with its `value` (ignored by the kinds that need none).
    pub fn parse(kind: BundleScopeKind, value: &str) -> Result<Self, BundleScopeError> {
        let value = value.trim();
        match kind {
            BundleScopeKind::WholeAccount => Ok(Self::WholeAccount),
            BundleScopeKind::Assigned => Ok(Self::Assigned),
            BundleScopeKind::Email => EmailAddress::parse(value)
                .map(Self::Email)
                .map_err(|_| BundleScopeError::BadEmail),
            BundleScopeKind::FriendlyNamePrefix if value.is_empty() => {
                Err(BundleScopeError::EmptyPrefix)
            }
            BundleScopeKind::FriendlyNamePrefix if value.chars().count() > FRIENDLY_NAME_MAX => {
                Err(BundleScopeError::LongPrefix)
            }
            BundleScopeKind::FriendlyNamePrefix => Ok(Self::FriendlyNamePrefix(value.to_owned())),
        }
    }

    /// The rule's kind.
    pub fn kind(&self) -> BundleScopeKind {
        match self {
            Self::WholeAccount => BundleScopeKind::WholeAccount,
            Self::Email(_) => BundleScopeKind::Email,
            Self::FriendlyNamePrefix(_) => BundleScopeKind::FriendlyNamePrefix,
            Self::Assigned => BundleScopeKind::Assigned,
        }
    }

    /// The rule's value, as stored (`None` for the kinds without one).
    pub fn value(&self) -> Option<&str> {
        match self {
            Self::Email(email) => Some(email.as_str()),
            Self::FriendlyNamePrefix(prefix) => Some(prefix),
            Self::WholeAccount | Self::Assigned => None,
        }
    }

    /// Whether the rule takes a bundle with this `Email` and `FriendlyName`. An assigned-only
    /// rule takes none by itself.
    pub fn takes(&self, bundle: &BundleFacts<'_>) -> bool {
        match self {
            Self::WholeAccount => true,
            Self::Assigned => false,
            Self::Email(email) => bundle
                .email
                .is_some_and(|given| given.trim().eq_ignore_ascii_case(email.as_str())),
            Self::FriendlyNamePrefix(prefix) => bundle
                .friendly_name
                .is_some_and(|name| name.to_lowercase().starts_with(&prefix.to_lowercase())),
        }
    }

    /// In staff's words ("Bundles whose Email is ops@acme.example").
    pub fn describe(&self) -> String {
        match self {
            Self::WholeAccount => "Every bundle of the account".to_owned(),
            Self::Assigned => "Only bundles assigned by staff".to_owned(),
            Self::Email(email) => format!("Bundles whose Email is {email}"),
            Self::FriendlyNamePrefix(prefix) => {
                format!("Bundles whose FriendlyName starts with “{prefix}”")
            }
        }
    }
}

/// What the rule looks at in a bundle.
#[derive(Debug, Clone, Copy)]
pub struct BundleFacts<'b> {
    /// The bundle's `Email`.
    pub email: Option<&'b str>,
    /// The bundle's `FriendlyName`.
    pub friendly_name: Option<&'b str>,
}

/// One tenant of an account and its rule.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its rule.
    pub scope: BundleScope,
}

/// Whose a bundle of an account is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// One tenant's.
    Tenant(TenantId),
    /// No tenant's rule takes it: staff assign it.
    Unassigned,
    /// Several tenants' rules take it: staff choose.
    Contested(Vec<TenantId>),
}

/// The tenant a bundle belongs to. Known ties come first, in this order: a staff assignment,
/// then the tenant whose renewal made the bundle (a copy of one of its bundles, whatever its
/// name). Otherwise the tenants' rules decide; a bundle two rules take is contested rather
/// than given to either.
pub fn owner_of(
    bundle: &BundleFacts<'_>,
    assigned_to: Option<TenantId>,
    made_by: Option<TenantId>,
    claims: &[Claim],
) -> Owner {
    if let Some(tenant_id) = assigned_to.or(made_by) {
        return Owner::Tenant(tenant_id);
    }
    let mut takers: Vec<TenantId> = claims
        .iter()
        .filter(|claim| claim.scope.takes(bundle))
        .map(|claim| claim.tenant_id)
        .collect();
    match takers.len() {
        0 => Owner::Unassigned,
        1 => Owner::Tenant(takers.remove(0)),
        _ => Owner::Contested(takers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(email: Option<&'a str>, name: Option<&'a str>) -> BundleFacts<'a> {
        BundleFacts {
            email,
            friendly_name: name,
        }
    }

    fn claim(tenant_id: TenantId, kind: BundleScopeKind, value: &str) -> Claim {
        Claim {
            tenant_id,
            scope: BundleScope::parse(kind, value).unwrap(),
        }
    }

    #[test]
    fn rules_match_email_and_prefix_without_case() {
        let email = BundleScope::parse(BundleScopeKind::Email, " Ops@Acme.example ").unwrap();
        assert!(email.takes(&facts(Some("ops@acme.EXAMPLE"), None)));
        assert!(!email.takes(&facts(Some("ops@beta.example"), Some("ops@acme.example"))));
        assert!(!email.takes(&facts(None, None)));
        let prefix = BundleScope::parse(BundleScopeKind::FriendlyNamePrefix, "ACME ").unwrap();
        assert!(prefix.takes(&facts(None, Some("acme AU mobile"))));
        assert!(!prefix.takes(&facts(None, Some("Beta acme"))));
        assert!(!BundleScope::Assigned.takes(&facts(Some("a@b.example"), Some("x"))));
        assert!(BundleScope::WholeAccount.takes(&facts(None, None)));
    }

    #[test]
    fn a_rule_without_its_value_is_refused_with_a_reason() {
        assert_eq!(
            BundleScope::parse(BundleScopeKind::Email, "not an address"),
            Err(BundleScopeError::BadEmail)
        );
        assert_eq!(
            BundleScope::parse(BundleScopeKind::FriendlyNamePrefix, "   "),
            Err(BundleScopeError::EmptyPrefix)
        );
        assert_eq!(
            BundleScope::parse(BundleScopeKind::FriendlyNamePrefix, &"x".repeat(65)),
            Err(BundleScopeError::LongPrefix)
        );
        assert_eq!(
            BundleScope::parse(BundleScopeKind::Assigned, "ignored"),
            Ok(BundleScope::Assigned)
        );
    }

    #[test]
    fn assignment_and_authorship_come_before_rules() {
        let (a, b) = (TenantId::random(), TenantId::random());
        let claims = [claim(a, BundleScopeKind::FriendlyNamePrefix, "Acme")];
        let bundle = facts(None, Some("Acme one"));
        assert_eq!(owner_of(&bundle, Some(b), None, &claims), Owner::Tenant(b));
        assert_eq!(owner_of(&bundle, None, Some(b), &claims), Owner::Tenant(b));
        assert_eq!(owner_of(&bundle, None, None, &claims), Owner::Tenant(a));
    }

    #[test]
    fn a_bundle_no_rule_or_two_rules_take_is_left_to_staff() {
        let (a, b) = (TenantId::random(), TenantId::random());
        let claims = [
            claim(a, BundleScopeKind::FriendlyNamePrefix, "Acme"),
            claim(b, BundleScopeKind::Email, "ops@acme.example"),
        ];
        assert_eq!(
            owner_of(&facts(None, Some("Other")), None, None, &claims),
            Owner::Unassigned
        );
        assert_eq!(
            owner_of(
                &facts(Some("ops@acme.example"), Some("Acme")),
                None,
                None,
                &claims
            ),
            Owner::Contested(vec![a, b])
        );
    }
}
