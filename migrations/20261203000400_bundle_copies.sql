-- Bundle Copies recomply knows of, so a copy is never mirrored as an original bundle: the
-- copies preparation makes (recorded the moment Twilio answers the create, before the renewal
-- commits), copies Twilio lists under a tenant's bundles, and copies recognised by recomply's
-- copy name. A mirrored row that turns out to be a copy is removed by the next sweep, or
-- archived when a renewal (and so a timeline) hangs off it.
create table bundle_copy (
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    copy_sid text not null check (copy_sid ~ '^BU[0-9a-f]{32}$'),
    -- The bundle it was copied from, when known.
    original_sid text check (original_sid ~ '^BU[0-9a-f]{32}$'),
    -- The renewal it was made for (recomply's own copies).
    -- (No foreign key: preparation records the copy while it holds the renewal row locked.)
    renewal_id uuid,
    recorded_at timestamptz not null default now(),
    primary key (tenant_id, copy_sid)
);

insert into bundle_copy (tenant_id, copy_sid, original_sid, renewal_id)
    select r.tenant_id, r.copy_sid, b.sid, r.renewal_id
    from renewal r join bundle b on b.bundle_id = r.bundle_id
    where r.copy_sid is not null
    on conflict do nothing;

alter table bundle
    -- When a sweep last made sure (by Twilio's copy lists) that this bundle is no copy.
    add column copy_checked_at timestamptz,
    -- A mirrored row that turned out to be a copy but has a renewal: hidden, kept for its trail.
    add column archived_at timestamptz;
