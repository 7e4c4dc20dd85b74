-- Keys for the ISV's backend to call the JSON API under /api/v1. Created by admin staff; the
-- secret is shown once and only its keyed hash (HMAC-SHA-256 under the application secret key)
-- is stored. A key may be restricted to one tenant; a revoked key stays listed.
create table api_key (
    api_key_id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 100),
    scope text not null check (scope in ('read', 'read_write')),
    tenant_id uuid references tenant (tenant_id) on delete cascade,
    secret_hash bytea not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    revoked_by text
);
create index api_key_created_idx on api_key (created_at desc);

-- Requests per key per one-minute window, counted in Postgres so that every `serve` process
-- enforces one limit. Old windows are deleted as new ones start.
create table api_rate_window (
    api_key_id uuid not null references api_key (api_key_id) on delete cascade,
    window_start timestamptz not null,
    requests integer not null default 0,
    primary key (api_key_id, window_start)
);

-- The first response to each POST carrying an Idempotency-Key, replayed for 24 hours to a
-- retry with the same key and the same request; `status` is null while the first is running.
create table api_idempotency (
    api_key_id uuid not null references api_key (api_key_id) on delete cascade,
    idempotency_key text not null check (length(idempotency_key) between 1 and 255),
    request_hash bytea not null,
    status smallint,
    body jsonb,
    created_at timestamptz not null default now(),
    primary key (api_key_id, idempotency_key)
);
create index api_idempotency_created_idx on api_idempotency (created_at);
