//! Operations: background jobs (retry a dead one) and the webhook log.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use serde::Deserialize;

use super::login::CsrfForm;
use super::notice::QueryNotice;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::ops::{self, JobView, WebhookView};
use crate::db::workers::{self, WorkerRow};
use crate::domain::ids::JobId;
use crate::domain::job_status::JobStatus;
use crate::error::{AppError, Result};
use crate::jobs::liveness::Liveness;
use crate::routes;
use crate::state::AppState;
use crate::web::list_query::StrictQuery;

/// Rows shown on each operations page.
const LIMIT: i64 = 200;

/// The jobs page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/jobs/list.html")]
pub struct JobsPage {
    layout: AdminLayout,
    shown: JobsShown,
    jobs: Vec<JobView>,
    workers: Vec<WorkerRow>,
    notice: Option<JobsNotice>,
}

impl JobsPage {
    /// Whether the list shows only jobs in `status` (its filter option is selected).
    pub fn shows_only(&self, status: &JobStatus) -> bool {
        self.shown == JobsShown::Only(*status)
    }

    /// Whether the list shows every job.
    pub fn shows_all(&self) -> bool {
        self.shown == JobsShown::All
    }

    /// Whether the list shows the default: dead and failing jobs.
    pub fn shows_troubled(&self) -> bool {
        self.shown == JobsShown::Troubled
    }

    /// The statuses the filter offers one by one, in the order it lists them.
    pub fn status_options(&self) -> [JobStatus; 4] {
        [
            JobStatus::Dead,
            JobStatus::Pending,
            JobStatus::Running,
            JobStatus::Done,
        ]
    }
}

/// Which jobs the jobs page lists, as `?status=` asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JobsShown {
    /// Dead jobs and unfinished ones that already failed (no `status`).
    Troubled,
    /// Every job (`all`).
    All,
    /// Jobs in one status.
    Only(JobStatus),
    /// A status no job can have: nothing.
    Nothing,
}

impl JobsShown {
    /// What `?status=` asks for.
    fn from_query(status: &str) -> Self {
        match status {
            "" => Self::Troubled,
            "all" => Self::All,
            other => other.parse().map_or(Self::Nothing, Self::Only),
        }
    }
}

/// The webhook log.
#[derive(Template, WebTemplate)]
#[template(path = "admin/webhooks/list.html")]
pub struct WebhooksPage {
    layout: AdminLayout,
    q: String,
    webhooks: Vec<WebhookView>,
}

/// What retrying a dead job did, shown on the jobs page (`?notice=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobsNotice {
    /// The dead job is queued again (`retried`).
    Retried,
    /// A job for the same work was already queued, so the dead one stays dead (`pending`).
    AlreadyPending,
}

impl QueryNotice for JobsNotice {
    const ALL: &'static [Self] = &[Self::Retried, Self::AlreadyPending];

    fn query_value(self) -> &'static str {
        match self {
            Self::Retried => "retried",
            Self::AlreadyPending => "pending",
        }
    }

    fn text(self) -> &'static str {
        match self {
            Self::Retried => "The job is queued again with a fresh set of attempts.",
            Self::AlreadyPending => "A job for the same work is already queued; it will do it.",
        }
    }
}

/// `?status=&notice=`
#[derive(Debug, Default, Deserialize)]
pub struct JobsQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    notice: String,
}

/// GET /admin/jobs — dead and failing jobs first by default.
pub async fn list_jobs(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<JobsQuery>,
) -> Result<JobsPage> {
    let shown = JobsShown::from_query(&query.status);
    let jobs = match shown {
        JobsShown::Troubled => ops::troubled_jobs(&state.db, LIMIT).await?,
        JobsShown::All => ops::jobs(&state.db, None, LIMIT).await?,
        JobsShown::Only(status) => ops::jobs(&state.db, Some(status), LIMIT).await?,
        JobsShown::Nothing => Vec::new(),
    };
    // A worker is live while its heartbeat is younger than a job lease.
    let workers = workers::list_live(&state.db, Liveness::default().lease_secs()).await?;
    Ok(JobsPage {
        layout: AdminLayout::new(&staff, &csrf, "jobs"),
        shown,
        jobs,
        workers,
        notice: JobsNotice::from_query(&query.notice),
    })
}

/// POST /admin/jobs/{job_id}/retry — a dead job runs again.
#[tracing::instrument(skip_all, fields(%job_id))]
pub async fn retry_job(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(job_id): Path<JobId>,
    Form(input): Form<CsrfForm>,
) -> Result<Redirect> {
    csrf.verify(&input.csrf_token)?;
    let exists = crate::db::lookups::job_status(&state.db, job_id).await?;
    match exists {
        None => Err(AppError::NotFound),
        Some(JobStatus::Dead) => {
            let revived = crate::db::jobs::revive(&state.db, job_id).await?;
            tracing::info!(by = %staff.staff_user_id, revived, "dead job retried");
            let notice = if revived {
                JobsNotice::Retried
            } else {
                JobsNotice::AlreadyPending
            };
            Ok(Redirect::to(&notice.on(routes::ADMIN_JOBS)))
        }
        Some(_) => Err(AppError::Conflict(
            "Only a dead job can be retried.".to_owned(),
        )),
    }
}

/// `?q=` — a bundle SID.
#[derive(Debug, Default, Deserialize)]
pub struct WebhooksQuery {
    #[serde(default)]
    q: String,
}

/// GET /admin/webhooks
pub async fn list_webhooks(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<WebhooksQuery>,
) -> Result<WebhooksPage> {
    let q = query.q.trim().to_owned();
    let sids = (!q.is_empty()).then(|| vec![q.clone()]);
    Ok(WebhooksPage {
        layout: AdminLayout::new(&staff, &csrf, "webhooks"),
        webhooks: ops::webhooks(&state.db, sids.as_deref(), LIMIT).await?,
        q,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_notices_keep_their_query_values() {
        crate::web::admin::notice::tests::round_trips::<JobsNotice>();
        assert_eq!(JobsNotice::Retried.query_value(), "retried");
        assert_eq!(JobsNotice::AlreadyPending.query_value(), "pending");
        assert_eq!(
            JobsNotice::Retried.on(routes::ADMIN_JOBS),
            "/admin/jobs?notice=retried"
        );
    }
}
