-- Durable background jobs, received status callbacks, and the reminders already sent.

-- The job queue: a plain table claimed with `for update skip locked` (see src/jobs/mod.rs).
create table job (
    job_id bigint generated always as identity primary key,
    -- The job kind (`prepare_renewal`, `poll_renewal`, …): which handler runs it.
    kind text not null,
    payload jsonb not null default '{}'::jsonb,
    tenant_id uuid references tenant (tenant_id) on delete cascade,
    -- Jobs with the same key collapse while one of them is pending (e.g. `poll:{renewal_id}`).
    dedupe_key text,
    status text not null default 'pending'
        check (status in ('pending', 'running', 'done', 'dead')),
    run_at timestamptz not null default now(),
    attempts integer not null default 0,
    max_attempts integer not null default 12 check (max_attempts > 0),
    last_error text,
    -- Lease of the worker running it; a running job past its lease is claimed again.
    locked_until timestamptz,
    locked_by text,
    finished_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index job_dedupe_key_pending on job (dedupe_key)
    where status = 'pending' and dedupe_key is not null;
create index job_due_idx on job (run_at, job_id) where status = 'pending';
create index job_running_idx on job (locked_until) where status = 'running';
create index job_tenant_idx on job (tenant_id, created_at desc);
create index job_dead_idx on job (updated_at desc) where status = 'dead';
create trigger job_updated_at before update on job
    for each row execute function set_updated_at();

-- Every status callback that passed signature verification, duplicates included.
create table webhook_event (
    webhook_event_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    account_sid text not null,
    bundle_sid text,
    -- The Status and FailureReason the callback carried (informational: we re-fetch the bundle).
    status text,
    failure_reason text,
    -- All form fields as received.
    payload jsonb not null,
    -- `I-Twilio-Idempotency-Token`, or the SHA-256 of the body when the header is missing.
    dedupe_key text not null,
    -- A repeat of an event already received (same dedupe key): stored, not processed.
    duplicate boolean not null default false,
    processed_at timestamptz,
    received_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index webhook_event_first_delivery on webhook_event (tenant_id, dedupe_key)
    where not duplicate;
create index webhook_event_tenant_idx on webhook_event (tenant_id, received_at desc);
create index webhook_event_bundle_idx on webhook_event (tenant_id, bundle_sid, received_at desc);
create trigger webhook_event_updated_at before update on webhook_event
    for each row execute function set_updated_at();

-- Which deadline reminders (30/14/7/3/1 days) and staff alerts went out, so each goes once.
create table renewal_reminder (
    renewal_id uuid not null references renewal (renewal_id) on delete cascade,
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    -- `reminder_30d`, …, `staff_3d`.
    reminder text not null,
    sent_at timestamptz not null default now(),
    primary key (renewal_id, reminder)
);
