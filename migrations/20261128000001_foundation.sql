-- Foundation: tenants, their end-customer users, support staff, and the session store.

create extension if not exists pgcrypto;

-- Keeps `updated_at` current on every table that has one.
create or replace function set_updated_at() returns trigger as $$
begin
    new.updated_at = now();
    return new;
end;
$$ language plpgsql;

-- One end customer of the ISV, tied to one Twilio account (usually a subaccount).
create table tenant (
    tenant_id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    -- Twilio account SID (AC…); null until credentials are configured.
    twilio_account_sid text unique check (twilio_account_sid ~ '^AC[0-9a-f]{32}$'),
    -- Sealed (XChaCha20-Poly1305, tenant id as associated data) JSON with the auth token and
    -- optional API key; never stored in clear.
    twilio_credentials bytea,
    -- Where the customer can get human help (shown on expired renewals and in emails).
    support_email text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create trigger tenant_updated_at before update on tenant
    for each row execute function set_updated_at();

-- An end-customer user: signs in by magic link, belongs to exactly one tenant.
create table app_user (
    app_user_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    -- Stored lower-case; unique per tenant.
    email text not null check (email = lower(email) and email like '%_@_%'),
    name text not null default '',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint app_user_tenant_email_key unique (tenant_id, email)
);
create index app_user_email_idx on app_user (email);
create trigger app_user_updated_at before update on app_user
    for each row execute function set_updated_at();

-- ISV support staff: email + argon2id password, role admin or support.
create table staff_user (
    staff_user_id uuid primary key default gen_random_uuid(),
    email text not null check (email = lower(email) and email like '%_@_%'),
    name text not null default '',
    password_hash text not null,
    role text not null check (role in ('admin', 'support')),
    last_login_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint staff_user_email_key unique (email)
);
create trigger staff_user_updated_at before update on staff_user
    for each row execute function set_updated_at();

-- tower-sessions' Postgres store (same DDL as PostgresStore::migrate, owned by our migrations).
create schema if not exists tower_sessions;
create table if not exists tower_sessions.session (
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);
create index if not exists session_expiry_idx on tower_sessions.session (expiry_date);
