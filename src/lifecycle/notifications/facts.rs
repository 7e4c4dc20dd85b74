//! What an email says about one renewal before it is put in a recipient's language, and the
//! letterhead every email of a tenant shares.

use serde_json::Value;
use time::OffsetDateTime;

use super::NotificationKind;
use super::missing;
use super::templates::{DigestItem, EmailView};
use crate::brand::Brand;
use crate::db::{bundles, renewals};
use crate::domain::deadline::days_until;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal_state::RenewalState;
use crate::domain::snapshot::RenewalSnapshot;
use crate::domain::submit_by::SubmitByRule;
use crate::i18n::{Tr, Zone};
use crate::lifecycle::what_changed::{WhatChanged, what_changed};
use crate::lifecycle::{Engine, tenants};
use crate::wording::customer::submit_by_note;

/// The tenant's name and zone, and the brand, shared by every email of one delivery.
pub(super) struct Letterhead {
    /// The tenant (end customer company).
    pub tenant_name: String,
    /// The zone its customers read dates in.
    pub zone: Zone,
    /// The brand, its logo made absolute.
    pub brand: Brand,
}

impl Letterhead {
    /// Reads it for `tenant_id`.
    pub async fn load(engine: &Engine, tenant_id: TenantId) -> anyhow::Result<Self> {
        let (tenant_name, zone) = tenants::letterhead(&engine.db, tenant_id).await?;
        let brand = crate::db::brand::load(&engine.db)
            .await?
            .for_email(|path| engine.config.url_for(path));
        Ok(Self {
            tenant_name,
            zone,
            brand,
        })
    }
}

/// What an email about one renewal says, language aside.
pub(super) struct Facts {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Its state when the email is written.
    pub state: RenewalState,
    bundle_name: String,
    bundle_sid: String,
    regulation_name: Option<String>,
    /// The deadline the pages show: the bundle's current `valid_until`, else the renewal's.
    pub deadline: Option<OffsetDateTime>,
    /// The submit-by date, in emails that ask for information.
    submit_by: Option<OffsetDateTime>,
    /// The submit-by rule (its review time is quoted beside the date).
    rule: SubmitByRule,
    /// Days left when no deadline is known (a reminder's threshold).
    fallback_days: Option<i64>,
    reason: String,
    documents: Vec<(String, String)>,
    change: WhatChanged,
    snapshot: Option<RenewalSnapshot>,
}

impl Facts {
    /// Reads what an email of `kind` about `renewal_id` says; `None` when the renewal no
    /// longer exists.
    pub async fn load(
        engine: &Engine,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        kind: NotificationKind,
    ) -> anyhow::Result<Option<Self>> {
        let Some(renewal) = renewals::find(&engine.db, tenant_id, renewal_id).await? else {
            return Ok(None);
        };
        let bundle = bundles::find_by_sid(&engine.db, tenant_id, &renewal.bundle_sid).await?;
        let valid_until = bundle.as_ref().and_then(|b| b.valid_until);
        let asks_for_information = matches!(
            kind,
            NotificationKind::ActionNeeded | NotificationKind::Reminder
        );
        let mut facts = Self {
            renewal_id,
            state: renewal.state,
            bundle_name: non_empty(&renewal.bundle_name, &renewal.bundle_sid),
            bundle_sid: renewal.bundle_sid.to_string(),
            regulation_name: bundle.and_then(|b| b.regulation_name),
            deadline: valid_until.or(renewal.deadline),
            submit_by: renewal.submit_by.filter(|_| asks_for_information),
            rule: engine.config.submit_by,
            fallback_days: None,
            reason: String::new(),
            documents: Vec::new(),
            change: if kind == NotificationKind::ActionNeeded {
                what_changed(&engine.db, tenant_id, renewal_id).await?
            } else {
                WhatChanged::NotPrepared
            },
            // An unreadable snapshot (logged) still sends the email, without the list of what
            // is missing.
            snapshot: if asks_for_information {
                renewal.snapshot().unwrap_or(None)
            } else {
                None
            },
        };
        if kind == NotificationKind::Rejected {
            facts.fill_rejection(renewal.rejection.as_ref());
        }
        Ok(Some(facts))
    }

    /// With Twilio's or staff's `reason` and, for a renewal without a deadline, `days_left`.
    pub fn with(mut self, reason: Option<&str>, days_left: Option<i64>) -> Self {
        if let Some(reason) = reason.filter(|r| !r.is_empty())
            && self.reason.is_empty()
        {
            self.reason = reason.to_owned();
        }
        self.fallback_days = days_left;
        self
    }

    /// Days left at `now`, counted as every page counts them ([`days_until`]).
    pub fn days_left(&self, now: OffsetDateTime) -> i64 {
        self.deadline
            .map(|d| days_until(d, now))
            .or(self.fallback_days)
            .unwrap_or(0)
    }

    /// The email's view for a reader of `tr`'s language, greeted with `greeting`.
    pub fn view(&self, tr: Tr, letterhead: &Letterhead, greeting: String) -> EmailView {
        let now = OffsetDateTime::now_utc();
        EmailView {
            tenant_name: letterhead.tenant_name.clone(),
            bundle_name: self.bundle_name.clone(),
            bundle_sid: self.bundle_sid.clone(),
            regulation_name: self
                .regulation_name
                .clone()
                .unwrap_or_else(|| tr.t("email-your-regulation")),
            deadline: self.deadline_in_words(&tr),
            days_left: tr.countdown(self.days_left(now)),
            link: String::new(),
            link_note: String::new(),
            reason: self.reason.clone(),
            documents: self.documents.clone(),
            change_note: self.change.note(&tr),
            missing: self.missing(&tr),
            automatic: false,
            submit_by: self.submit_by_note(&tr),
            brand: letterhead.brand.clone(),
            greeting,
            tr,
        }
    }

    /// This renewal as one bundle of a digest, linking to `link`.
    pub fn item(&self, tr: &Tr, link: String) -> DigestItem {
        DigestItem {
            bundle_name: self.bundle_name.clone(),
            regulation_name: self
                .regulation_name
                .clone()
                .unwrap_or_else(|| tr.t("email-your-regulation")),
            deadline: self.deadline_in_words(tr),
            days_left: tr.countdown(self.days_left(OffsetDateTime::now_utc())),
            missing: self.missing(tr),
            submit_by: self.submit_by_note(tr),
            link,
        }
    }

    fn submit_by_note(&self, tr: &Tr) -> String {
        self.submit_by
            .map(|at| submit_by_note(tr, at, self.rule))
            .unwrap_or_default()
    }

    fn deadline_in_words(&self, tr: &Tr) -> String {
        self.deadline
            .map(|d| tr.date(d))
            .unwrap_or_else(|| tr.t("email-soon"))
    }

    fn missing(&self, tr: &Tr) -> Vec<String> {
        self.snapshot
            .as_ref()
            .map(|s| missing::in_words(s, tr))
            .unwrap_or_default()
    }

    fn fill_rejection(&mut self, rejection: Option<&Value>) {
        let Some(rejection) = rejection else { return };
        if let Some(reason) = rejection.get("failure_reason").and_then(Value::as_str) {
            self.reason = reason.to_owned();
        }
        for document in rejection
            .get("documents")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let text = |key: &str| {
                document
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned()
            };
            self.documents
                .push((text("friendly_name"), text("failure_reason")));
        }
    }
}

fn non_empty(text: &str, fallback: &str) -> String {
    if text.is_empty() { fallback } else { text }.to_owned()
}
