//! GET /admin — the dashboard: renewals by state, bundles by days left, the deadline chart and
//! the closest deadlines.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use time::OffsetDateTime;

use super::chart::{self, DeadlineChart};
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::dashboard::{self, DayDeadlines, DeadlineCounts};
use crate::db::admin_queries::ops::{self, JobView, WebhookView};
use crate::db::admin_queries::renewals::{self, RenewalRow};
use crate::db::subaccounts::{self, FlagCounts};
use crate::db::sweep_problems::{self, SweepProblem};
use crate::domain::job_status::JobStatus;
use crate::domain::renewal_state::RenewalState;
use crate::error::Result;
use crate::state::AppState;

/// Weeks shown on the chart.
const CHART_WEEKS: usize = 12;

/// The dashboard page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/dashboard.html")]
pub struct DashboardPage {
    layout: AdminLayout,
    counts: DeadlineCounts,
    /// Every state with its number of renewals, in lifecycle order.
    states: Vec<StateCount>,
    chart: DeadlineChart,
    /// The open renewals with the closest deadlines.
    rows: Vec<RenewalRow>,
    /// Pending jobs that failed at least once.
    failing_jobs: i64,
    /// Jobs out of attempts.
    dead_jobs: i64,
    /// Dead and failing jobs, worst first.
    jobs: Vec<JobView>,
    /// The latest status callbacks.
    webhooks: Vec<WebhookView>,
    /// Bundles the sweeps could not mirror.
    sweep_problems: Vec<SweepProblem>,
    /// Subaccounts flagged since staff last reviewed them (shown to admins).
    subaccount_flags: FlagCounts,
}

/// One line of "renewals by state".
pub struct StateCount {
    /// The state (its database name goes into the filter link).
    pub state: RenewalState,
    /// Renewals in that state.
    pub count: i64,
}

/// GET /admin
pub async fn show_dashboard(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
) -> Result<DashboardPage> {
    let by_state = dashboard::renewals_by_state(&state.db).await?;
    let states = RenewalState::ALL
        .into_iter()
        .map(|s| StateCount {
            state: s,
            count: by_state
                .iter()
                .find(|(counted, _)| *counted == s)
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    let now = OffsetDateTime::now_utc();
    let today = now.replace_time(time::Time::MIDNIGHT);
    let days = dashboard::deadline_days(
        &state.db,
        today,
        today + time::Duration::weeks(CHART_WEEKS as i64),
    )
    .await?;
    let first_monday = chart::monday_of(now.date());
    let on_day = |weight: fn(&DayDeadlines) -> i64| -> Vec<(OffsetDateTime, i64)> {
        days.iter()
            .map(|d| (d.day.midnight().assume_utc(), weight(d)))
            .collect()
    };
    let weeks = chart::weekly_sums(&on_day(|d| d.bundles), now, first_monday, CHART_WEEKS);
    let numbers = chart::weekly_sums(&on_day(|d| d.numbers), now, first_monday, CHART_WEEKS);
    let rows = renewals::closest_open(&state.db, 8).await?;
    let (failing_jobs, dead_jobs) = ops::job_counts(&state.db).await?;
    let subaccount_flags = if staff.is_admin() {
        subaccounts::flag_counts(&state.db).await?
    } else {
        FlagCounts::default()
    };
    Ok(DashboardPage {
        layout: AdminLayout::new(&staff, &csrf, "dashboard"),
        counts: dashboard::deadline_counts(&state.db)
            .await?
            .complete(&days, &by_state, now.date()),
        states,
        chart: DeadlineChart::new(&weeks, first_monday).with_numbers(&numbers),
        rows,
        failing_jobs,
        dead_jobs,
        jobs: ops::troubled_jobs(&state.db, 5).await?,
        webhooks: ops::webhooks(&state.db, None, 5).await?,
        sweep_problems: sweep_problems::list(&state.db, 10).await?,
        subaccount_flags,
    })
}
