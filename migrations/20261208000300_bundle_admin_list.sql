-- The staff list of every bundle: soonest deadline first, then by SID, read from one index.
create index bundle_admin_list_idx on bundle (valid_until asc nulls last, sid)
    where archived_at is null;
