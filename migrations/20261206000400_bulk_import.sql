-- Bulk imports of tenants or users from CSV, kept between the preview and "Confirm import".
-- Staff-level (no tenant): the rows may name many tenants. The parsed rows are sealed with the
-- application key (they may hold auth tokens), bound to the import's id.
create table bulk_import (
    bulk_import_id uuid primary key,
    kind text not null check (kind in ('tenants', 'users')),
    staff_user_id uuid not null references staff_user (staff_user_id) on delete cascade,
    file_name text not null default '',
    content_sha256 bytea not null,
    rows_sealed bytea not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null default now() + interval '2 hours',
    -- Set once, in the transaction that applies the rows: a second confirm finds it set.
    applied_at timestamptz,
    created_count integer not null default 0,
    updated_count integer not null default 0,
    unchanged_count integer not null default 0,
    skipped_count integer not null default 0
);
create index bulk_import_expires_idx on bulk_import (expires_at);
