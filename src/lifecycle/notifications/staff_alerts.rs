//! Staff alerts about the fleet rather than one renewal: Twilio refusing a tenant's
//! credentials, and a job that used up its attempts. Each problem emails every staff member
//! once: raising it opens a `staff_alert` row (at most one open per problem) and enqueues its
//! email in the same transaction; the email job records each delivery under the alert's id, so
//! a retry reaches only the staff it missed. A fixed problem's alert is resolved, so the
//! problem coming back alerts again.

use anyhow::Context;
use sqlx::PgPool;

use super::deliver::send_email;
use super::templates::{self, StaffProblemView, greeting};
use crate::db::jobs::JobRow;
use crate::db::outbound_events;
use crate::db::staff_alerts::{self, StaffAlert};
use crate::domain::event_type::EventType;
use crate::domain::ids::{StaffAlertId, TenantId};
use crate::domain::staff_alert_kind::StaffAlertKind;
use crate::email::Email;
use crate::i18n::Tr;
use crate::lifecycle::{Engine, tenants};
use crate::queue::send_staff_alert::{self, SendStaffAlert};

/// What staff read about refused credentials (no value from Twilio, no secret).
const CREDENTIALS_REFUSED: &str = "Twilio answered 401 to the sweep of this tenant: the \
    Account SID and Auth Token (or API key) stored for it are refused, or can no longer be \
    opened with this server's key. Its bundles are not being checked.";

/// Alerts staff that `tenant_id`'s credentials do not work, unless they already know.
pub async fn credentials_refused(db: &PgPool, tenant_id: TenantId) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let opened =
        staff_alerts::open_credentials_refused(&mut *tx, tenant_id, CREDENTIALS_REFUSED).await?;
    if let Some(staff_alert_id) = opened {
        tracing::warn!(%tenant_id, %staff_alert_id, "Twilio refuses the tenant's credentials");
        crate::queue::enqueue(&mut tx, &SendStaffAlert { staff_alert_id }).await?;
        // Once per failure episode, like the alert: the ISV's backend hears of it too.
        let failed = EventType::TenantCredentialsFailed;
        outbound_events::record_for_tenant(&mut tx, tenant_id, failed).await?;
    }
    tx.commit().await.context("raising a credentials alert")
}

/// Records that `tenant_id`'s credentials work again (resolving an open alert).
pub async fn credentials_work(db: &PgPool, tenant_id: TenantId) -> anyhow::Result<()> {
    if staff_alerts::resolve_credentials_refused(db, tenant_id).await? {
        tracing::info!(%tenant_id, "the tenant's credentials work again");
    }
    Ok(())
}

/// Alerts staff that `job` died with `error`, once per death. The death of a staff-alert job
/// itself is only logged: alerting about it would send another alert that may die the same way.
pub async fn job_died(db: &PgPool, job: &JobRow, error: &str) -> anyhow::Result<()> {
    if job.kind == send_staff_alert::JOB_NAME {
        tracing::error!(
            job_id = job.job_id.into_i64(),
            error,
            "a staff alert could not be sent"
        );
        return Ok(());
    }
    let mut tx = db.begin().await?;
    if let Some(staff_alert_id) = staff_alerts::open_job_dead(&mut *tx, job.job_id, error).await? {
        crate::queue::enqueue(&mut tx, &SendStaffAlert { staff_alert_id }).await?;
    }
    tx.commit().await.context("raising a dead-job alert")
}

/// Emails alert `staff_alert_id` to every staff member it has not reached yet; returns how
/// many emails went out.
pub async fn deliver(engine: &Engine, staff_alert_id: StaffAlertId) -> anyhow::Result<usize> {
    let Some(alert) = staff_alerts::find(&engine.db, staff_alert_id).await? else {
        return Ok(0);
    };
    let brand = crate::db::brand::load(&engine.db)
        .await?
        .for_email(|path| engine.config.url_for(path));
    let mut sent = 0;
    for staff in tenants::staff_recipients(&engine.db).await? {
        let tr = Tr::english();
        let view = StaffProblemView {
            greeting: greeting(&tr, &staff.name),
            brand: brand.clone(),
            ..problem_view(engine, &alert)
        };
        let rendered = templates::staff_problem(&view).context("rendering a staff alert")?;
        let email = Email {
            tenant_id: alert.tenant_id,
            renewal_id: None,
            kind: "staff_alert",
            to: staff.email,
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            secrets: Vec::new(),
        };
        if send_email(engine, &email, Some(staff_alert_id.into())).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// What the email says about `alert` (greeting and brand aside).
fn problem_view(engine: &Engine, alert: &StaffAlert) -> StaffProblemView {
    let tenant = alert.tenant_name.clone().unwrap_or_default();
    let mut facts = Vec::new();
    if let (Some(name), Some(_)) = (&alert.tenant_name, alert.tenant_id) {
        facts.push(("Tenant".to_owned(), name.clone()));
    }
    let raised = Tr::english().date_time(alert.created_at);
    match alert.kind {
        StaffAlertKind::CredentialsRefused => {
            facts.push(("Since".to_owned(), raised));
            StaffProblemView {
                subject: format!("Twilio refuses the credentials of {tenant}"),
                headline: alert.details.clone(),
                facts,
                advice: "Enter working credentials on the tenant's page and test them. You will \
                    not be emailed about this tenant's credentials again until a sweep gets \
                    through and they fail anew."
                    .to_owned(),
                link: alert.tenant_id.map_or_else(
                    || engine.config.url_for(crate::routes::ADMIN_TENANTS),
                    |id| engine.config.url_for(&crate::routes::admin_tenant(id)),
                ),
                button: "Open the tenant".to_owned(),
                ..StaffProblemView::default()
            }
        }
        StaffAlertKind::JobDead => {
            let kind = alert.job_kind.as_deref().unwrap_or("a");
            let job = alert
                .job_id
                .map_or_else(|| format!("{kind} job"), |id| format!("{kind} job #{id}"));
            facts.push(("Job".to_owned(), job.clone()));
            facts.push(("Died".to_owned(), raised));
            facts.push(("Last error".to_owned(), alert.details.clone()));
            StaffProblemView {
                subject: format!("The {job} is dead"),
                headline: format!(
                    "The {job} failed on every attempt it was allowed and will not run again by \
                     itself."
                ),
                facts,
                advice: "Fix the cause, then retry the job on the jobs page. You are emailed once \
                    per death: a retried job that dies again alerts you again."
                    .to_owned(),
                link: engine.config.url_for(crate::routes::ADMIN_JOBS),
                button: "Open the jobs page".to_owned(),
                ..StaffProblemView::default()
            }
        }
    }
}
