-- Status callback intake without a hot row.
--
-- The per-tenant rate limit counts callbacks in a few rows per tenant (one per shard, chosen
-- by the database connection), each holding its count for the current minute and the one
-- before; concurrent callbacks of one tenant mostly update different rows, and the limit reads
-- the handful of rows instead of counting every callback of the last minute.
create table webhook_rate_shard (
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    shard smallint not null,
    -- The minute `callbacks` counts (`date_trunc('minute', ...)`).
    minute timestamptz not null,
    callbacks integer not null,
    -- Callbacks counted in the minute before `minute`.
    previous integer not null default 0,
    primary key (tenant_id, shard)
);

-- The callbacks a `process_bundle_status` job still has to take in: found without reading
-- every callback the bundle ever had.
create index webhook_event_unprocessed_idx on webhook_event (tenant_id, bundle_sid)
    where processed_at is null;
