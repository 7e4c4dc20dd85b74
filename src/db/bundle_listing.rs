//! The kept state behind the bundle lists (migration `bundle_listing`): each bundle's place in
//! "My bundles", refreshed at commit by triggers, and each tenant's number of listed bundles,
//! kept as deltas that writers only ever insert. This module folds those deltas.

use sqlx::PgExecutor;

/// Folds each tenant's tally deltas into one row (the daily clean-up calls it), so counting a
/// tenant's bundles stays a read of a row or two. Deltas inserted meanwhile are left for the
/// next time; the sums are unchanged. Returns how many rows were folded away.
pub async fn compact_tallies(db: impl PgExecutor<'_>) -> sqlx::Result<u64> {
    let (before, after): (i64, i64) = sqlx::query!(
        r#"with gone as (delete from bundle_tally returning tenant_id, live),
              folded as (
                  insert into bundle_tally (tenant_id, live)
                  select tenant_id, sum(live)::int8 from gone group by tenant_id
                  returning 1
              )
         select (select count(*) from gone) as "before!",
             (select count(*) from folded) as "after!""#
    )
    .map(|row| (row.before, row.after))
    .fetch_one(db)
    .await?;
    Ok(u64::try_from(before - after).unwrap_or(0))
}
