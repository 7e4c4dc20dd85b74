-- Keeping the ISV's own status callbacks flowing.
--
-- Before recomply points a bundle's StatusCallback at itself it keeps the URL that was there:
-- every verified callback for that bundle is then forwarded to it (re-signed with the tenant's
-- auth token), and removing the tenant puts it back.
create table bundle_callback_origin (
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    bundle_sid text not null check (bundle_sid ~ '^BU[0-9a-f]{32}$'),
    -- The URL the bundle had; null when it had none.
    original_url text,
    taken_at timestamptz not null default now(),
    -- Set when the original URL was put back at Twilio (the tenant was removed).
    restored_at timestamptz,
    primary key (tenant_id, bundle_sid)
);

-- A tenant may have every bundle's callbacks sent to recomply (not only those of bundles with
-- a deadline), so a new valid_until arrives by callback instead of waiting for the next sweep.
alter table tenant add column callbacks_on_every_bundle boolean not null default false;

-- A removed tenant: its open renewals are cancelled, its callbacks restored and its
-- credentials erased; its history stays (the timeline cannot be deleted).
alter table tenant add column removed_at timestamptz;

-- Forwarding of each stored callback to the bundle's original URL.
alter table webhook_event add column forward_url text;
alter table webhook_event add column forwarded_at timestamptz;
alter table webhook_event add column forward_status integer;
