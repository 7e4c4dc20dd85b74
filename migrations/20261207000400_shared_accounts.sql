-- Several tenants may share one Twilio account. Each says which of the account's bundles are its
-- own (`bundle_scope`): the whole account (the account is not shared), the bundles with one
-- `Email`, those whose `FriendlyName` starts with a prefix, or only the bundles staff assign.
alter table tenant drop constraint tenant_twilio_account_sid_key;
alter table tenant add column bundle_scope text not null default 'account'
    check (bundle_scope in ('account', 'email', 'friendly_name_prefix', 'assigned'));
alter table tenant add column bundle_scope_value text;
alter table tenant add constraint tenant_bundle_scope_value_check check (
    (bundle_scope in ('email', 'friendly_name_prefix'))
        = (bundle_scope_value is not null and length(bundle_scope_value) between 1 and 254));
-- One tenant at most takes an account whole, and then it is that tenant's alone (the second
-- half is kept by `db::shared_accounts`, which refuses the whole account while others share it).
create unique index tenant_whole_account_key on tenant (twilio_account_sid)
    where bundle_scope = 'account';
create index tenant_account_sid_idx on tenant (twilio_account_sid);

-- Bundles of a shared account that staff assigned to a tenant by hand.
create table bundle_assignment (
    account_sid text not null check (account_sid ~ '^AC[0-9a-f]{32}$'),
    bundle_sid text not null check (bundle_sid ~ '^BU[0-9a-f]{32}$'),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    -- The staff member's email.
    assigned_by text not null,
    created_at timestamptz not null default now(),
    primary key (account_sid, bundle_sid)
);
create index bundle_assignment_tenant_idx on bundle_assignment (tenant_id);

-- Bundles of a shared account that no tenant's rule takes (or that two rules take), as the
-- latest sweep of the account saw them: shown to staff for assignment.
create table unassigned_bundle (
    account_sid text not null check (account_sid ~ '^AC[0-9a-f]{32}$'),
    bundle_sid text not null check (bundle_sid ~ '^BU[0-9a-f]{32}$'),
    friendly_name text,
    email text,
    status text not null,
    valid_until timestamptz,
    -- The tenants whose rules all take it (empty: none does).
    contested_by uuid[] not null default '{}',
    seen_at timestamptz not null default now(),
    primary key (account_sid, bundle_sid)
);
