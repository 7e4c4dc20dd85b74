-- What each tenant's latest finished sweep found and did, for the staff "Last sweep" facts
-- ("found 12 bundles, opened 2 renewals"): one row per tenant, replaced by every sweep.

create table sweep_summary (
    tenant_id uuid primary key references tenant (tenant_id) on delete cascade,
    bundles_seen integer not null check (bundles_seen >= 0),
    renewals_opened integer not null check (renewals_opened >= 0),
    -- Bundles that could not be mirrored (each one is a sweep_problem row).
    problems integer not null check (problems >= 0),
    finished_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create trigger sweep_summary_updated_at before update on sweep_summary
    for each row execute function set_updated_at();
