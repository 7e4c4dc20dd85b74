//! The database's rule for an open renewal, `renewal_is_open(state)` (the one every statement,
//! partial index and trigger asks), agrees with [`RenewalState::is_open`], and the partial
//! indexes written with it still serve the queries that ask it.

use recomply::domain::renewal::RenewalState;
use sqlx::PgPool;

use crate::harness::TestDatabase;

/// The plan Postgres picks for `query` when it may not scan the table.
async fn plan_without_seq_scan(db: &PgPool, query: &str) -> String {
    let mut tx = db.begin().await.unwrap();
    sqlx::query("set local enable_seqscan = off")
        .execute(&mut *tx)
        .await
        .unwrap();
    let lines: Vec<String> = sqlx::query_scalar(&format!("explain {query}"))
        .fetch_all(&mut *tx)
        .await
        .unwrap();
    lines.join("\n")
}

#[tokio::test]
async fn the_sql_open_rule_agrees_with_renewal_state_is_open_for_every_state() {
    let database = TestDatabase::create().await;
    for state in RenewalState::ALL {
        let open: bool = sqlx::query_scalar("select renewal_is_open($1)")
            .bind(state.as_str())
            .fetch_one(&database.pool)
            .await
            .unwrap();
        assert_eq!(open, state.is_open(), "{state}");
    }
}

#[tokio::test]
async fn queries_asking_the_open_rule_read_the_open_renewals_partial_indexes() {
    let database = TestDatabase::create().await;
    let closest = plan_without_seq_scan(
        &database.pool,
        "select renewal_id from renewal r where renewal_is_open(r.state)
         and r.deadline is not null order by r.deadline, r.created_at desc, r.renewal_id limit 10",
    )
    .await;
    let past_submit_by = plan_without_seq_scan(
        &database.pool,
        "select count(*) from renewal where renewal_is_open(state) and submit_by < now()",
    )
    .await;
    let of_bundle = plan_without_seq_scan(
        &database.pool,
        "select renewal_id from renewal where renewal_is_open(state)
         and bundle_id = '00000000-0000-0000-0000-000000000001'",
    )
    .await;

    assert!(closest.contains("renewal_open_deadline_idx"), "{closest}");
    assert!(
        past_submit_by.contains("renewal_open_submit_by_idx"),
        "{past_submit_by}"
    );
    assert!(
        of_bundle.contains("renewal_one_active_per_bundle"),
        "{of_bundle}"
    );
}
