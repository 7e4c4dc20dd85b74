-- Bundles a sweep could not mirror: one row per (tenant, bundle) until a later sweep mirrors it.
-- The sweep records the problem and goes on with the tenant's other bundles; staff see the rows
-- on the dashboard.

create table sweep_problem (
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    bundle_sid text not null,
    -- What went wrong, in words safe to show staff (no values from the bundle).
    problem text not null,
    occurrences integer not null default 1,
    first_seen_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    primary key (tenant_id, bundle_sid)
);
