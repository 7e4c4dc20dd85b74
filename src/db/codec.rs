//! How domain enums stored as text cross the database edge: each decodes from (and binds as)
//! its stored name, so rows carry the enum and nothing above `db/` compares state strings.
//! An unknown name fails the query, as any other column of the wrong type would.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgHasArrayType, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

use crate::domain::api_scope::ApiScope;
use crate::domain::email_status::EmailStatus;
use crate::domain::evaluation_reason::EvaluationReason;
use crate::domain::event_type::EventType;
use crate::domain::job_status::JobStatus;
use crate::domain::link_kind::LinkKind;
use crate::domain::renewal::Cause;
use crate::domain::renewal_state::RenewalState;
use crate::domain::sign_in_outcome::SignInOutcome;
use crate::domain::staff_alert_kind::StaffAlertKind;
use crate::i18n::{Locale, Zone};
use crate::twilio::BundleStatus;

macro_rules! text_column {
    ($type:ty) => {
        impl Type<Postgres> for $type {
            fn type_info() -> PgTypeInfo {
                <&str as Type<Postgres>>::type_info()
            }

            fn compatible(ty: &PgTypeInfo) -> bool {
                <&str as Type<Postgres>>::compatible(ty)
            }
        }

        impl PgHasArrayType for $type {
            fn array_type_info() -> PgTypeInfo {
                <&str as PgHasArrayType>::array_type_info()
            }
        }

        impl<'r> Decode<'r, Postgres> for $type {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<Postgres>>::decode(value)?.parse()?)
            }
        }

        impl Encode<'_, Postgres> for $type {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <&str as Encode<Postgres>>::encode(self.as_str(), buf)
            }
        }
    };
}

text_column!(RenewalState);
text_column!(JobStatus);
text_column!(EmailStatus);
text_column!(ApiScope);
text_column!(SignInOutcome);
text_column!(LinkKind);
text_column!(Locale);
text_column!(Zone);
text_column!(StaffAlertKind);
text_column!(EventType);
text_column!(Cause);
// A reason this version does not know reads as `Other`, so old rows still render.
text_column!(EvaluationReason);
// Twilio's bundle status: a name this version does not know reads as `Unknown`, as in JSON.
text_column!(BundleStatus);
