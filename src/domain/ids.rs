//! Ids of the app's own rows: one type per table, so that one kind of id cannot be passed where
//! another is expected.
//!
//! Each is a uuid underneath: it binds and decodes as `uuid` (sqlx is transparent), reads and
//! writes as the plain uuid string in JSON (serde is transparent, so job payloads keep their wire
//! format) and in paths, and prints as the uuid (templates and URLs use `Display`). The few
//! tables numbered by the database (`bigint generated always as identity`) have an `i64` id
//! instead, made the same way by `int_id!`: a `bigint` in SQL, a number in JSON.
//!
//! A tenant's id is not a renewal's id:
//!
//! ```compile_fail
//! use recomply::domain::ids::{RenewalId, TenantId};
//!
//! fn open(renewal_id: RenewalId) -> RenewalId {
//!     renewal_id
//! }
//! let tenant_id: TenantId = "8c3a4f2e-6d1b-4e7a-9f0c-2b5d8e1a7c43".parse().unwrap();
//! open(tenant_id);
//! ```
//!
//! while the same call with a renewal's id compiles:
//!
//! ```
//! use recomply::domain::ids::RenewalId;
//!
//! fn open(renewal_id: RenewalId) -> RenewalId {
//!     renewal_id
//! }
//! let renewal_id: RenewalId = "8c3a4f2e-6d1b-4e7a-9f0c-2b5d8e1a7c43".parse().unwrap();
//! assert_eq!(open(renewal_id), renewal_id);
//! ```

use std::fmt;

use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// The id of the row whose uuid is `uuid` (for the edges that hold a raw uuid).
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// A fresh random id, for a row the app names before inserting it.
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }

            /// The uuid underneath, for the rare edge that needs it raw.
            pub const fn into_uuid(self) -> Uuid {
                self.0
            }

            /// The uuid underneath, borrowed.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(text: &str) -> Result<Self, uuid::Error> {
                Uuid::try_parse(text).map(Self)
            }
        }
    };
}

macro_rules! int_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id of the row numbered `number` (for the edges that hold a raw number).
            pub const fn from_i64(number: i64) -> Self {
                Self(number)
            }

            /// The number underneath (log fields, which record it as a number).
            pub const fn into_i64(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(text: &str) -> Result<Self, std::num::ParseIntError> {
                text.parse().map(Self)
            }
        }
    };
}

uuid_id!(
    /// A tenant (`tenant.tenant_id`).
    TenantId
);
uuid_id!(
    /// A renewal (`renewal.renewal_id`).
    RenewalId
);
uuid_id!(
    /// A bundle's mirror row (`bundle.bundle_id`); Twilio's own name for it is a
    /// [`BundleSid`](super::sid::BundleSid).
    BundleId
);
uuid_id!(
    /// A tenant's customer user (`app_user.app_user_id`).
    UserId
);
uuid_id!(
    /// A member of staff (`staff_user.staff_user_id`).
    StaffUserId
);
uuid_id!(
    /// An API key (`api_key.api_key_id`).
    ApiKeyId
);
uuid_id!(
    /// A tenant's event endpoint (`event_endpoint.event_endpoint_id`).
    EventEndpointId
);
uuid_id!(
    /// An event the app emitted for a tenant (`outbound_event.outbound_event_id`).
    OutboundEventId
);
uuid_id!(
    /// One event's delivery to one endpoint (`event_delivery.event_delivery_id`).
    EventDeliveryId
);
uuid_id!(
    /// A Twilio status callback as stored (`webhook_event.webhook_event_id`).
    WebhookEventId
);
uuid_id!(
    /// An email in the outbox (`email_outbox.email_id`).
    EmailId
);
uuid_id!(
    /// A staff member's uploaded import (`bulk_import.bulk_import_id`).
    BulkImportId
);
uuid_id!(
    /// A sign-in or renewal link (`magic_link.magic_link_id`).
    MagicLinkId
);
uuid_id!(
    /// A fleet-level problem staff are emailed about (`staff_alert.staff_alert_id`).
    StaffAlertId
);
uuid_id!(
    /// The key one notification's emails are recorded under, one row per recipient
    /// (`email_outbox.notification_id`), so a retried delivery skips whoever already has it:
    /// a customer notification's own id, a link email's delivery id, an action digest's id
    /// (`action_notice.digest_id`), or a staff alert's id.
    NotificationId
);

impl From<StaffAlertId> for NotificationId {
    /// A staff alert's emails are recorded under the alert's own id.
    fn from(staff_alert_id: StaffAlertId) -> Self {
        Self(staff_alert_id.into_uuid())
    }
}
uuid_id!(
    /// One "make tenants of these subaccounts" request, from staff or an import
    /// (`subaccount.onboard_batch_id`).
    OnboardBatchId
);
int_id!(
    /// A row of the job queue (`job.job_id`).
    JobId
);
int_id!(
    /// One event of a renewal's timeline (`renewal_event.renewal_event_id`).
    RenewalEventId
);

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "8c3a4f2e-6d1b-4e7a-9f0c-2b5d8e1a7c43";

    #[test]
    fn an_id_prints_parses_and_serialises_as_its_plain_uuid() {
        let id: TenantId = TEXT.parse().unwrap();
        assert_eq!(id.to_string(), TEXT);
        assert_eq!(id.into_uuid(), Uuid::parse_str(TEXT).unwrap());
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{TEXT}\""));
        assert_eq!(serde_json::from_str::<TenantId>(&json).unwrap(), id);
    }

    #[test]
    fn a_numbered_id_prints_parses_and_serialises_as_its_plain_number() {
        let id: JobId = "42".parse().unwrap();
        assert_eq!(id, JobId::from_i64(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(id.into_i64(), 42);
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<JobId>("42").unwrap(), id);
        assert!("4x".parse::<JobId>().is_err());
        assert!(serde_json::from_str::<JobId>("\"42\"").is_err());
    }

    #[test]
    fn text_that_is_not_a_uuid_is_refused() {
        assert!("not-a-uuid".parse::<RenewalId>().is_err());
        assert!(serde_json::from_str::<RenewalId>("\"8c3a4f2e\"").is_err());
        assert!(serde_json::from_str::<RenewalId>("42").is_err());
    }
}
