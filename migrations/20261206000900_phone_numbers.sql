-- The phone numbers registered under each mirrored bundle (Twilio's IncomingPhoneNumbers),
-- refreshed by every sweep: the numbers that stop working if the bundle is not renewed.
create table phone_number (
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    -- PN…
    sid text not null check (sid ~ '^PN[0-9a-f]{32}$'),
    bundle_id uuid not null references bundle (bundle_id) on delete cascade,
    -- E.164.
    phone_number text not null,
    friendly_name text not null default '',
    address_sid text,
    seen_at timestamptz not null default now(),
    primary key (tenant_id, sid)
);
create index phone_number_bundle_idx on phone_number (bundle_id, phone_number);

-- Kept current with phone_number in the same transaction, so lists sort and count by it
-- without a join.
alter table bundle add column number_count integer not null default 0;
