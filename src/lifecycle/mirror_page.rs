//! Mirroring a page of listed bundles (up to 1,000) and acting on each: one read of what is
//! known about the page's bundles, their status callbacks taken with bounded concurrency, one
//! transaction for the page's database work. A sweep mirrors page by page; a status callback
//! mirrors a page of one bundle, by the same rules.
//!
//! One bad bundle never stops the others: a failure a retry may cure (Twilio busy or
//! unreachable, the database unavailable) fails the whole page, so the job is retried; any
//! other failure is that bundle's alone and is returned as its problem. When the page's
//! transaction fails for another reason, the page is written again bundle by bundle, so the bad
//! one is found and the rest are mirrored.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use serde_json::json;
use time::OffsetDateTime;

use super::actor::Actor;
use super::callbacks::{self, CallbackPolicy};
use super::copies;
use super::engine::Engine;
use super::error::EngineError;
use super::notifications::{Notification, NotificationKind};
use super::regulations::{self, BundleRegulation};
use crate::db::bundles::{BundleUpsert, RegulationInfo};
use crate::db::renewal_openings::{self, Opener, Opening};
use crate::db::renewals::{self, Renewal, Transition};
use crate::db::sweep_batch::{self, PageBundle, UpsertedPage};
use crate::db::{PgTx, test_bundles};
use crate::domain::ids::TenantId;
use crate::domain::renewal::{RenewalEvent, RenewalState};
use crate::queue::discard_copy::DiscardCopy;
use crate::queue::prepare_renewal::PrepareRenewal;
use crate::twilio::{Bundle, BundleStatus, TenantTwilio, TwilioError};

/// Who mirrors, and whether Twilio's copy lists were read for the bundles being mirrored.
#[derive(Debug, Clone)]
pub struct Mirroring {
    /// Who acts (the sweep, a callback).
    pub actor: Actor,
    /// The copies of every approved bundle were read this time: the bundles mirrored now are
    /// known to be originals (see `lifecycle::copies`).
    pub copy_checked: bool,
    /// Which bundles' status callbacks recomply takes (the tenant's setting).
    pub callbacks: CallbackPolicy,
}

impl Mirroring {
    /// How `actor` mirrors for `tenant_id`, with the tenant's callback setting.
    pub async fn for_tenant(
        engine: &Engine,
        tenant_id: TenantId,
        actor: Actor,
        copy_checked: bool,
    ) -> anyhow::Result<Self> {
        let every_bundle = crate::db::lookups::callbacks_on_every_bundle(&engine.db, tenant_id)
            .await
            .context("reading the tenant's callback setting")?;
        Ok(Self {
            actor,
            copy_checked,
            callbacks: CallbackPolicy::for_tenant(every_bundle),
        })
    }
}

/// What mirroring one page did.
#[derive(Debug, Default)]
pub struct PageOutcome {
    /// Renewals opened.
    pub opened: usize,
    /// Bundles mirrored for the first time.
    pub added: usize,
    /// The bundles that could not be mirrored, with why (the others were).
    pub problems: Vec<(String, anyhow::Error)>,
}

/// One original ready to be written: what Twilio said, and what recomply decided about it.
struct Prepared<'a> {
    bundle: &'a Bundle,
    /// Why it is a test bundle (`IsTest`), when recomply knows it is one.
    test_reason: Option<String>,
    /// Approved with a deadline (and not a test bundle): it needs a renewal.
    affected: bool,
    /// The callback URL it has after [`callbacks::take_all`].
    status_callback: Option<String>,
    /// Its regulation, when it names one.
    regulation: Option<BundleRegulation>,
}

/// Mirrors `bundles` (one page of a listing) and acts on each original among them: opens a
/// renewal for an approved bundle with a deadline (making sure its status callback points at
/// us), or expires the active renewal of an original Twilio rejected after its deadline. A
/// copy (see `lifecycle::copies`) is never mirrored. Sweep problems of the bundles mirrored
/// are cleared.
pub async fn mirror_page(
    engine: &Engine,
    twilio: &TenantTwilio,
    bundles: &[&Bundle],
    mirroring: &Mirroring,
) -> anyhow::Result<PageOutcome> {
    let tenant_id = twilio.tenant_id();
    let mut outcome = PageOutcome::default();
    let originals = copies::originals_among(&engine.db, tenant_id, bundles).await?;
    let prepared = prepare(engine, twilio, &originals, mirroring, &mut outcome).await?;
    match write_all(engine, tenant_id, &prepared, mirroring).await {
        Ok(written) => outcome.count(written),
        Err(error) if is_transient(&error) => return Err(error),
        Err(error) => {
            tracing::warn!(
                %tenant_id,
                error = %format!("{error:#}"),
                "a page of bundles could not be written at once; writing them one by one"
            );
            for one in &prepared {
                match write_all(engine, tenant_id, std::slice::from_ref(one), mirroring).await {
                    Ok(written) => outcome.count(written),
                    Err(error) if is_transient(&error) => return Err(error),
                    Err(error) => outcome.problems.push((one.bundle.sid.to_string(), error)),
                }
            }
        }
    }
    let failed: HashSet<&str> = outcome.problems.iter().map(|(s, _)| s.as_str()).collect();
    let mirrored: Vec<String> = prepared
        .iter()
        .map(|p| p.bundle.sid.to_string())
        .filter(|sid| !failed.contains(sid.as_str()))
        .collect();
    sweep_batch::clear_problems(&engine.db, tenant_id, &mirrored).await?;
    Ok(outcome)
}

/// Decides about each original: test bundle or not, its status callback (taken from the ISV
/// with up to `RECOMPLY_TWILIO_CONCURRENCY` updates in flight), its regulation (read once per
/// regulation and deadline). A bundle that fails here is pushed onto `outcome`'s problems.
async fn prepare<'a>(
    engine: &Engine,
    twilio: &TenantTwilio,
    originals: &[&'a Bundle],
    mirroring: &Mirroring,
    outcome: &mut PageOutcome,
) -> anyhow::Result<Vec<Prepared<'a>>> {
    let tenant_id = twilio.tenant_id();
    let sids: Vec<String> = originals.iter().map(|b| b.sid.to_string()).collect();
    let mut tests = known_test_bundles(engine, tenant_id, &sids).await?;
    let concurrency = engine.config.twilio.concurrency;
    let taken =
        callbacks::take_all(engine, twilio, originals, mirroring.callbacks, concurrency).await?;
    let mut memo = RegulationMemo::default();
    let mut prepared = Vec::with_capacity(originals.len());
    for (&bundle, taken) in originals.iter().zip(taken) {
        let decided = match taken {
            Ok(status_callback) => memo
                .for_bundle(engine, twilio, bundle)
                .await
                .map(|regulation| (status_callback, regulation)),
            Err(error) => Err(error),
        };
        match decided {
            Ok((status_callback, regulation)) => {
                let test_reason = tests.remove(bundle.sid.as_str());
                prepared.push(Prepared {
                    affected: bundle.status == BundleStatus::TwilioApproved
                        && bundle.valid_until.is_some()
                        && test_reason.is_none(),
                    bundle,
                    test_reason,
                    status_callback,
                    regulation,
                });
            }
            Err(error) if is_transient(&error) => return Err(error),
            Err(error) => outcome.problems.push((bundle.sid.to_string(), error)),
        }
    }
    Ok(prepared)
}

/// Why each of `sids` is a test bundle (`IsTest`), for those recomply knows are: recorded
/// before, or named by the latest rejection callback about it (error 18099). Twilio's Bundle
/// resource itself does not say.
async fn known_test_bundles(
    engine: &Engine,
    tenant_id: TenantId,
    sids: &[String],
) -> sqlx::Result<HashMap<String, String>> {
    let mut reasons = sweep_batch::test_bundle_reasons(&engine.db, tenant_id, sids).await?;
    let rejections = sweep_batch::latest_failure_reasons(&engine.db, tenant_id, sids).await?;
    for (sid, reason) in rejections {
        if crate::domain::twilio_codes::names_test_bundle(&reason) {
            reasons.entry(sid).or_insert(reason);
        }
    }
    Ok(reasons)
}

/// The regulations read for one page: bundles of one regulation with one deadline (and
/// status) share one read of the regulation cache.
#[derive(Default)]
struct RegulationMemo {
    read: HashMap<(String, bool, Option<OffsetDateTime>), BundleRegulation>,
}

impl RegulationMemo {
    async fn for_bundle(
        &mut self,
        engine: &Engine,
        twilio: &TenantTwilio,
        bundle: &Bundle,
    ) -> anyhow::Result<Option<BundleRegulation>> {
        let Some(sid) = bundle.regulation_sid.as_deref() else {
            return Ok(None);
        };
        let approved = bundle.status == BundleStatus::TwilioApproved;
        let key = (sid.to_owned(), approved, bundle.valid_until);
        if let Some(known) = self.read.get(&key) {
            return Ok(Some(known.clone()));
        }
        let read = regulations::for_bundle(engine, twilio, bundle).await?;
        if let Some(read) = &read {
            self.read.insert(key, read.clone());
        }
        Ok(read)
    }
}

/// What one page's transaction wrote.
#[derive(Debug, Default, Clone, Copy)]
struct Written {
    opened: usize,
    added: usize,
}

impl PageOutcome {
    fn count(&mut self, written: Written) {
        self.opened += written.opened;
        self.added += written.added;
    }
}

/// Writes `prepared` in one transaction: the mirror rows, their regulation versions and test
/// marks, then each original's renewal opened or expired.
async fn write_all(
    engine: &Engine,
    tenant_id: TenantId,
    prepared: &[Prepared<'_>],
    mirroring: &Mirroring,
) -> anyhow::Result<Written> {
    if prepared.is_empty() {
        return Ok(Written::default());
    }
    let mut tx = engine.db.begin().await?;
    let upserted = upsert_mirror(&mut tx, tenant_id, prepared, mirroring.copy_checked).await?;
    let ids = &upserted.ids;
    let sids: Vec<String> = prepared.iter().map(|p| p.bundle.sid.to_string()).collect();
    let mut active: HashMap<String, Renewal> =
        renewals::find_active_among(&mut *tx, tenant_id, &sids)
            .await?
            .into_iter()
            .map(|r| (r.bundle_sid.to_string(), r))
            .collect();
    let actor = &mirroring.actor;
    let mut asked = Vec::new();
    for p in prepared {
        let bundle_id = *ids
            .get(p.bundle.sid.as_str())
            .context("the mirror row of a written bundle")?;
        match active.remove(p.bundle.sid.as_str()) {
            Some(renewal) => expire_if_missed(&mut tx, &renewal, p.bundle, actor).await?,
            None if p.affected => asked.push((bundle_id, p.bundle.valid_until)),
            None => {}
        }
    }
    let blocked = renewals::blocked_openings(&mut *tx, tenant_id, &asked).await?;
    let openings: Vec<Opening> = asked
        .into_iter()
        .filter(|(bundle_id, _)| !blocked.contains(bundle_id))
        .map(|(bundle_id, deadline)| Opening {
            bundle_id,
            deadline,
        })
        .collect();
    let opened = open_renewals(engine, &mut tx, tenant_id, &openings, actor).await?;
    tx.commit().await?;
    Ok(Written {
        opened,
        added: upserted.added,
    })
}

/// The mirror rows of `prepared`, with their regulation versions (one statement) and test
/// marks. Returns each bundle's id by SID, and how many were new.
async fn upsert_mirror(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    prepared: &[Prepared<'_>],
    copy_checked: bool,
) -> anyhow::Result<UpsertedPage> {
    let rows: Vec<PageBundle<'_>> = prepared
        .iter()
        .map(|p| PageBundle {
            row: mirror_row(p, copy_checked),
            regulation_version: p.regulation.as_ref().and_then(|r| r.bundle_version),
        })
        .collect();
    let upserted = sweep_batch::upsert_bundles(&mut **tx, tenant_id, &rows).await?;
    for p in prepared {
        if let Some(reason) = &p.test_reason {
            test_bundles::mark(&mut **tx, tenant_id, &p.bundle.sid, reason).await?;
        }
    }
    Ok(upserted)
}

/// The mirror row of one prepared bundle: what Twilio said, with its regulation in words.
fn mirror_row<'a>(p: &'a Prepared<'a>, copy_checked: bool) -> BundleUpsert<'a> {
    let bundle = p.bundle;
    BundleUpsert {
        sid: &bundle.sid,
        friendly_name: bundle.friendly_name.as_deref().unwrap_or(""),
        status: bundle.status.as_str(),
        regulation_sid: bundle.regulation_sid.as_deref(),
        regulation: p.regulation.as_ref().map(|r| RegulationInfo {
            name: &r.version.regulation.friendly_name,
            iso_country: &r.version.regulation.iso_country,
            number_type: &r.version.regulation.number_type,
            end_user_type: &r.version.regulation.end_user_type,
        }),
        email: bundle.email.as_deref(),
        valid_until: bundle.valid_until,
        status_callback: p.status_callback.as_deref(),
        date_created: bundle.date_created,
        date_updated: bundle.date_updated,
        copy_checked,
    }
}

/// Opens the renewals of the affected originals and queues their preparations, a fixed
/// handful of statements for the whole page. Returns how many were opened (a bundle that has
/// an active renewal already is skipped: the partial unique index keeps one per bundle).
async fn open_renewals(
    engine: &Engine,
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    openings: &[Opening],
    actor: &Actor,
) -> anyhow::Result<usize> {
    let opener = Opener {
        tenant_id,
        rule: engine.config.submit_by,
        cause: actor.cause(),
        actor: actor.name(),
    };
    let opened = renewal_openings::open_all(tx, opener, openings).await?;
    let preparations: Vec<PrepareRenewal> = opened
        .iter()
        .map(|o| PrepareRenewal {
            tenant_id,
            renewal_id: o.renewal_id,
        })
        .collect();
    crate::queue::enqueue_all(tx, &preparations).await?;
    Ok(opened.len())
}

/// Expires the active `renewal` of an original Twilio rejected at or after its deadline, before
/// the copy was approved: the customer is told and the unused copy is discarded.
async fn expire_if_missed(
    tx: &mut PgTx<'_>,
    renewal: &Renewal,
    bundle: &Bundle,
    actor: &Actor,
) -> anyhow::Result<()> {
    let tenant_id = renewal.tenant_id;
    let deadline = renewal.deadline.or(bundle.valid_until);
    let missed = bundle.status == BundleStatus::TwilioRejected
        && deadline.is_some_and(|d| d <= rejection_time(bundle))
        && before_approval(renewal.state);
    if !missed {
        return Ok(());
    }
    let moved = renewals::transition(
        tx,
        Transition::of(renewal, RenewalEvent::Expired, actor.cause(), actor.name())
            .with_details(json!({"bundle_status": bundle.status.as_str()})),
    )
    .await?;
    if moved.is_some() {
        Notification::new(NotificationKind::Expired, renewal)
            .enqueue(tx)
            .await?;
        if renewal.copy_sid.is_some() {
            let discard = DiscardCopy {
                tenant_id,
                renewal_id: renewal.renewal_id,
            };
            crate::queue::enqueue(tx, &discard).await?;
        }
    }
    Ok(())
}

/// The later of now and Twilio's last update of the bundle: Twilio's clock decides whether
/// the rejection came at or after the deadline, so a clock behind Twilio's cannot hide it.
fn rejection_time(bundle: &Bundle) -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    bundle.date_updated.map_or(now, |updated| updated.max(now))
}

/// Until the copy is approved, a rejected original means the deadline was missed.
fn before_approval(state: RenewalState) -> bool {
    !matches!(
        state,
        RenewalState::Approved | RenewalState::ItemsReplaced | RenewalState::CopyDeleted
    )
}

/// Whether retrying the whole page may cure `error`.
pub fn is_transient(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        if let Some(twilio) = cause.downcast_ref::<TwilioError>() {
            return twilio.is_retryable();
        }
        if let Some(EngineError::Twilio(twilio)) = cause.downcast_ref::<EngineError>() {
            return twilio.is_retryable();
        }
        cause
            .downcast_ref::<sqlx::Error>()
            .is_some_and(|db| !matches!(db, sqlx::Error::Database(_)))
    })
}
