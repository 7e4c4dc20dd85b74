-- Action-needed notices held for a digest: one row per renewal that needs its customers'
-- action. A digest job claims a tenant's held notices under a new digest id (the delivery key
-- of every recipient's email), sends, then marks them delivered. A claimed notice that is not
-- yet delivered is resumed by the next digest job of its tenant under the same id, so a crash
-- or retry never loses a notice and never sends one recipient the same digest twice.
create table action_notice (
    action_notice_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    renewal_id uuid not null references renewal (renewal_id) on delete cascade,
    digest_id uuid,
    delivered_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index action_notice_undelivered_idx on action_notice (tenant_id, created_at)
    where delivered_at is null;
create index action_notice_digest_idx on action_notice (digest_id) where digest_id is not null;
create trigger action_notice_updated_at before update on action_notice
    for each row execute function set_updated_at();

-- Problems staff are emailed about once: Twilio refusing a tenant's credentials, a job out of
-- attempts. At most one open alert per problem key; an alert is resolved when its problem is
-- fixed, and a recurrence after that opens (and emails) a new one.
create table staff_alert (
    staff_alert_id uuid primary key default gen_random_uuid(),
    -- credentials_refused, job_dead
    kind text not null check (kind in ('credentials_refused', 'job_dead')),
    -- `credentials:{tenant_id}`, `job:{job_id}`
    problem_key text not null,
    tenant_id uuid references tenant (tenant_id) on delete cascade,
    job_id bigint,
    -- What went wrong, in words safe to show staff.
    details text not null,
    resolved_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index staff_alert_open_problem_key on staff_alert (problem_key)
    where resolved_at is null;
create trigger staff_alert_updated_at before update on staff_alert
    for each row execute function set_updated_at();
