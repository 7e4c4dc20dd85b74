//! Test data written straight to the database, in the product's own types: tenants (with a
//! customer user), bundles and renewals in a given [`RenewalState`], all through `recomply::db`
//! (renewals in a chosen state and bare bundles through `db::seeding`).

use recomply::db::bundles::{self, BundleUpsert, RegulationInfo};
use recomply::db::seeding::{self, SeededBundle, SeededRenewal};
use recomply::db::tenants::{NewTenant, create_tenant};
use recomply::db::timeline::{self, NewEvent};
use recomply::domain::ids::{BundleId, RenewalId, TenantId, UserId};
use recomply::domain::renewal::{Cause, RenewalState};
use recomply::twilio::BundleStatus;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::harness::TestApp;

/// A tenant with one user.
pub struct Customer {
    pub tenant_id: TenantId,
    pub app_user_id: UserId,
    pub email: String,
}

/// Seeds into one database.
#[derive(Clone, Copy)]
pub struct Seed<'a> {
    db: &'a PgPool,
}

impl TestApp {
    /// Seeds into this app's database.
    pub fn seed(&self) -> Seed<'_> {
        Seed::new(&self.db)
    }
}

/// Six random hex digits, to keep slugs and SIDs of one test apart.
fn suffix() -> String {
    Uuid::new_v4().simple().to_string()[..6].to_owned()
}

impl<'a> Seed<'a> {
    /// Seeds into `db`.
    pub fn new(db: &'a PgPool) -> Self {
        Self { db }
    }

    /// A tenant named `name`, without users or support address.
    pub async fn tenant(&self, name: &str) -> TenantId {
        let base: String = name
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let tenant = NewTenant {
            name: name.to_owned(),
            slug: format!("{base}-{}", suffix()),
            support_email: None,
        };
        create_tenant(self.db, &tenant).await.unwrap().tenant_id
    }

    /// A tenant named `name` (with a support address) and its one user `email`.
    pub async fn customer(&self, name: &str, email: &str) -> Customer {
        let tenant = NewTenant {
            name: name.to_owned(),
            slug: format!("{}-{}", name.to_lowercase().replace(' ', "-"), suffix()),
            support_email: Some(format!(
                "support@{}.example",
                name.to_lowercase().replace(' ', "")
            )),
        };
        let tenant_id = create_tenant(self.db, &tenant).await.unwrap().tenant_id;
        let user = recomply::db::users::add_user(self.db, tenant_id, email, "Camille Martin")
            .await
            .unwrap();
        Customer {
            tenant_id,
            app_user_id: user.app_user_id,
            email: user.email,
        }
    }

    /// An approved `Mobile - Business` bundle of `tenant` in `country`, with a deadline `days`
    /// from now (none when `None`); returns its id and SID.
    pub async fn bundle(
        &self,
        tenant: TenantId,
        name: &str,
        country: &str,
        days: Option<f64>,
    ) -> (BundleId, String) {
        let sid = format!("BU{}", Uuid::new_v4().simple());
        let valid_until =
            days.map(|d| OffsetDateTime::now_utc() + time::Duration::seconds_f64(d * 86400.0));
        let bundle = SeededBundle {
            tenant_id: tenant,
            sid: &sid,
            friendly_name: name,
            status: BundleStatus::TwilioApproved,
            iso_country: country,
            regulation_name: "Mobile - Business",
            valid_until,
        };
        let id = seeding::insert_bundle(self.db, bundle).await.unwrap();
        (id, sid)
    }

    /// A bundle of `customer`'s tenant under the regulation `(country, number type, end-user
    /// type)`; `days_left` sets `valid_until` exactly that many days from now (days are
    /// calendar days, so any extra hours could cross midnight and add one).
    pub async fn customer_bundle(
        &self,
        customer: &Customer,
        name: &str,
        (iso, number_type, end_user_type): (&str, &str, &str),
        status: BundleStatus,
        days_left: Option<i64>,
    ) -> BundleId {
        let sid = format!("BU{}", Uuid::new_v4().simple());
        let regulation_name = format!("{iso}: {number_type} - {end_user_type}");
        let bundle = BundleUpsert {
            sid: &sid,
            friendly_name: name,
            status: status.as_str(),
            regulation_sid: None,
            regulation: Some(RegulationInfo {
                name: &regulation_name,
                iso_country: iso,
                number_type,
                end_user_type,
            }),
            email: None,
            valid_until: days_left
                .map(|days| OffsetDateTime::now_utc() + time::Duration::days(days)),
            status_callback: None,
            date_created: None,
            date_updated: None,
            copy_checked: false,
        };
        bundles::upsert(self.db, customer.tenant_id, &bundle)
            .await
            .unwrap()
            .bundle_id
    }

    /// A renewal of `bundle` in `state` as the sweep opened it: its deadline is the bundle's
    /// `valid_until`, and its timeline holds the detection.
    pub async fn renewal(
        &self,
        tenant: TenantId,
        bundle: BundleId,
        state: RenewalState,
    ) -> RenewalId {
        let renewal = SeededRenewal {
            tenant_id: tenant,
            bundle_id: bundle,
            state,
            submit_before: None,
            copy_sid: None,
            snapshot: None,
        };
        let renewal_id = seeding::insert_renewal(self.db, renewal).await.unwrap();
        let details = serde_json::json!({"summary": "valid_until found"});
        self.event(NewEvent {
            tenant_id: tenant,
            renewal_id,
            from_state: None,
            to_state: RenewalState::Detected,
            cause: Cause::Sweep,
            actor: "sweep",
            details: &details,
        })
        .await;
        renewal_id
    }

    /// Appends `event` to its renewal's timeline (its state is left as it is).
    pub async fn event(&self, event: NewEvent<'_>) {
        let mut tx = self.db.begin().await.unwrap();
        timeline::append(&mut tx, event).await.unwrap();
        tx.commit().await.unwrap();
    }

    /// A renewal of `customer`'s `bundle` in `state`: its deadline is the bundle's
    /// `valid_until`, to submit 8 days before, with `snapshot` (and its copy) when given. Its
    /// timeline is empty.
    pub async fn customer_renewal(
        &self,
        customer: &Customer,
        bundle: BundleId,
        state: RenewalState,
        snapshot: Option<serde_json::Value>,
    ) -> RenewalId {
        let copy_sid = snapshot
            .as_ref()
            .and_then(|s| s["copy_sid"].as_str().map(str::to_owned));
        let renewal = SeededRenewal {
            tenant_id: customer.tenant_id,
            bundle_id: bundle,
            state,
            submit_before: Some(time::Duration::days(8)),
            copy_sid: copy_sid.as_deref(),
            snapshot: snapshot.as_ref(),
        };
        seeding::insert_renewal(self.db, renewal).await.unwrap()
    }

    /// A French mobile business bundle of `customer` (20 days left) with a renewal in `state`
    /// and no snapshot yet.
    pub async fn renewal_without_snapshot(
        &self,
        customer: &Customer,
        state: RenewalState,
    ) -> RenewalId {
        let bundle = self
            .customer_bundle(
                customer,
                "Paris office",
                ("FR", "mobile", "business"),
                BundleStatus::TwilioApproved,
                Some(20),
            )
            .await;
        self.customer_renewal(customer, bundle, state, None).await
    }

    /// Puts a renewal in `state` as it is: no transition runs and its timeline is left alone
    /// (what a test does to stand in for steps it does not exercise).
    pub async fn set_state(&self, renewal: RenewalId, state: RenewalState) {
        seeding::put_in_state(self.db, renewal, state)
            .await
            .unwrap();
    }

    /// A tenant with one French bundle (`days` left) and its renewal in `state`:
    /// (tenant, renewal, bundle SID).
    pub async fn one_renewal(
        &self,
        tenant_name: &str,
        days: f64,
        state: RenewalState,
    ) -> (TenantId, RenewalId, String) {
        let tenant = self.tenant(tenant_name).await;
        let (bundle, sid) = self.bundle(tenant, "Main line", "FR", Some(days)).await;
        let renewal = self.renewal(tenant, bundle, state).await;
        (tenant, renewal, sid)
    }
}
