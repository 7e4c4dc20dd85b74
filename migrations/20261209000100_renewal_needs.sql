-- What each renewal's latest snapshot still needs that a fix-once can share (End-User fields
-- and document types, as the keys of the renewal page's "also use this for" checkboxes),
-- written with the snapshot: the renewal page then picks the other renewals that share a need
-- from these keys instead of decoding up to 50 other snapshots per view. Null for snapshots
-- stored before this column (their needs are read from the snapshot, as before).
alter table renewal add column needs text[];

-- The fix-once candidates: a tenant's renewals in one state, oldest first.
create index renewal_tenant_state_created_idx on renewal (tenant_id, state, created_at);
