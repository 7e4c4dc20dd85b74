-- The addresses on file with each tenant's Twilio account (2010-04-01 Addresses), refreshed by
-- every sweep and after each change made from the renewal page: the page offers them by street
-- instead of asking for Address SIDs.
create table address (
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    -- AD…
    sid text not null check (sid ~ '^AD[0-9a-f]{32}$'),
    customer_name text not null default '',
    friendly_name text not null default '',
    street text not null default '',
    street_secondary text not null default '',
    city text not null default '',
    region text not null default '',
    postal_code text not null default '',
    iso_country text not null default '',
    seen_at timestamptz not null default now(),
    primary key (tenant_id, sid)
);
