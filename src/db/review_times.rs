//! How long Twilio's recent reviews took on this deployment: for each recent decision (a copy
//! approved or rejected after it was submitted), the time since that copy's latest submission.
//! Read across tenants on purpose: the figure is Twilio's pace, not any tenant's data, and
//! only the aggregate reaches a page (see `domain::review_time`).

use sqlx::PgExecutor;
use time::Duration;

use crate::domain::review_time::{TypicalReview, typical_review};

/// How many of the latest decisions the estimate reads.
pub const RECENT_DECISIONS: i64 = 50;

/// The durations of the latest [`RECENT_DECISIONS`] reviews of the last 180 days.
pub async fn recent_review_durations(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Duration>> {
    let seconds: Vec<f64> = sqlx::query_scalar!(
        r#"select extract(epoch from d.created_at - s.submitted_at)::float8 as "value!"
         from (select renewal_id, created_at from renewal_event
               where to_state in ('approved', 'rejected')
                 and from_state in ('submitted', 'in_review')
                 and created_at > now() - interval '180 days'
               order by created_at desc limit $1) d
         cross join lateral (
             select max(e.created_at) as submitted_at from renewal_event e
             where e.renewal_id = d.renewal_id and e.to_state = 'submitted'
               and e.created_at <= d.created_at) s
         where s.submitted_at is not null"#,
        RECENT_DECISIONS,
    )
    .fetch_all(db)
    .await?;
    Ok(seconds.into_iter().map(Duration::seconds_f64).collect())
}

/// The usual review time on this deployment, or `None` with too little history.
pub async fn typical(db: impl PgExecutor<'_>) -> sqlx::Result<Option<TypicalReview>> {
    Ok(typical_review(&recent_review_durations(db).await?))
}
