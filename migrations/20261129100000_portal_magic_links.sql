-- Customer portal: single-use sign-in links and the attempts counted by the link rate limit.

-- One emailed sign-in link. Only a keyed hash of the token is stored; the row is bound to one
-- user (and so to one tenant), is single use and expires.
create table magic_link (
    magic_link_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    app_user_id uuid not null references app_user (app_user_id) on delete cascade,
    -- HMAC-SHA-256 of the token under the application key (crypto::SecretKey::token_hash).
    token_hash bytea not null,
    -- The renewal the link opens, when it was sent about one.
    renewal_id uuid references renewal (renewal_id) on delete set null,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint magic_link_token_hash_key unique (token_hash)
);
create index magic_link_user_idx on magic_link (app_user_id, created_at desc);
create index magic_link_expires_idx on magic_link (expires_at);
create trigger magic_link_updated_at before update on magic_link
    for each row execute function set_updated_at();

-- Sign-in link requests, counted per bucket (an email address or a client address) over a
-- sliding window, so that every `serve` process enforces the same limit.
create table login_attempt (
    login_attempt_id bigint generated always as identity primary key,
    -- 'email:<address>' or 'client:<ip>'.
    bucket text not null,
    created_at timestamptz not null default now()
);
create index login_attempt_bucket_idx on login_attempt (bucket, created_at);
create index login_attempt_created_idx on login_attempt (created_at);
