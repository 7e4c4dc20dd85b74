-- The ISV's parent Twilio account (one per installation) and the subaccounts discovery found
-- under it. Staff-level: no tenant owns these rows; a subaccount may become a tenant.
create table parent_account (
    -- Always true: the table holds at most one row.
    parent_account_id boolean primary key default true check (parent_account_id),
    account_sid text not null check (account_sid ~ '^AC[0-9a-f]{32}$'),
    -- The auth token, sealed with the application key (the account SID as associated data).
    auth_token_sealed bytea not null,
    -- When Twilio last accepted the SID and token (null: saved while Twilio could not be asked).
    verified_at timestamptz,
    connected_by uuid references staff_user (staff_user_id) on delete set null,
    connected_at timestamptz not null default now(),
    -- The last discovery: when it ended, how many subaccounts it listed, or why it failed.
    discovered_at timestamptz,
    discovered_count integer,
    discovery_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create trigger parent_account_updated_at before update on parent_account
    for each row execute function set_updated_at();

create table subaccount (
    account_sid text primary key check (account_sid ~ '^AC[0-9a-f]{32}$'),
    friendly_name text not null default '',
    status text not null check (status in ('active', 'suspended', 'closed')),
    first_seen_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    -- The tenant made from it (by "Create tenants" or an import naming it).
    tenant_id uuid references tenant (tenant_id) on delete set null,
    -- Flags for staff, cleared when they mark the list reviewed: first seen since, and
    -- became suspended or closed since.
    is_new boolean not null default true,
    status_flagged boolean not null default false,
    -- Making a tenant of it: the request it belongs to, and how it went.
    onboard_batch_id uuid,
    onboard_state text check (onboard_state in ('pending', 'created', 'failed')),
    onboard_message text,
    onboard_requested_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index subaccount_onboard_batch_idx on subaccount (onboard_batch_id)
    where onboard_batch_id is not null;
create trigger subaccount_updated_at before update on subaccount
    for each row execute function set_updated_at();
