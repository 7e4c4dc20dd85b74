-- Bundles mirrored from Twilio, one renewal per affected bundle, and the renewal timeline.

-- A tenant's Twilio Bundle as last read from the API (originals; copies live on the renewal).
create table bundle (
    bundle_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    sid text not null check (sid ~ '^BU[0-9a-f]{32}$'),
    friendly_name text not null default '',
    -- Twilio's status: draft, pending-review, in-review, twilio-rejected, twilio-approved, …
    status text not null,
    regulation_sid text,
    -- Friendly name of the regulation, e.g. "France: Mobile - Business".
    regulation_name text,
    iso_country text,
    number_type text,
    end_user_type text,
    email text,
    valid_until timestamptz,
    status_callback text,
    twilio_created_at timestamptz,
    twilio_updated_at timestamptz,
    synced_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint bundle_tenant_sid_key unique (tenant_id, sid)
);
create index bundle_tenant_valid_until_idx on bundle (tenant_id, valid_until);
create trigger bundle_updated_at before update on bundle
    for each row execute function set_updated_at();

-- One compliance update of one original bundle, from detection to completion.
create table renewal (
    renewal_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    bundle_id uuid not null references bundle (bundle_id) on delete cascade,
    state text not null check (state in (
        'detected', 'copy_created', 'collecting', 'submitted', 'in_review', 'rejected',
        'approved', 'items_replaced', 'copy_deleted', 'completed',
        'expired', 'cancelled', 'needs_attention')),
    -- The valid_until that opened the renewal (the customer's deadline).
    deadline timestamptz,
    -- The Bundle Copy (BU…) being edited; null until created.
    copy_sid text check (copy_sid ~ '^BU[0-9a-f]{32}$'),
    -- Why a human must look (needs_attention), e.g. "Twilio 22228: …".
    attention_reason text,
    -- Twilio's reasons after a rejection: bundle reason and per-document reasons.
    rejection jsonb,
    -- What the pages render: latest evaluation, items and their attributes (see domain::snapshot).
    snapshot jsonb,
    snapshot_at timestamptz,
    submitted_at timestamptz,
    completed_at timestamptz,
    closed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
-- At most one active renewal per original bundle.
create unique index renewal_one_active_per_bundle on renewal (bundle_id)
    where state not in ('completed', 'expired', 'cancelled');
create index renewal_tenant_state_idx on renewal (tenant_id, state);
create trigger renewal_updated_at before update on renewal
    for each row execute function set_updated_at();

-- Append-only timeline: one row per transition (and per notable action) of a renewal.
create table renewal_event (
    renewal_event_id bigint generated always as identity primary key,
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    renewal_id uuid not null references renewal (renewal_id) on delete cascade,
    from_state text,
    to_state text not null,
    cause text not null check (cause in ('customer', 'staff', 'webhook', 'sweep', 'job')),
    -- Who: a staff member's name, a customer's email, or the job's name.
    actor text,
    details jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now()
);
create index renewal_event_renewal_idx on renewal_event (renewal_id, renewal_event_id);

create function renewal_event_is_append_only() returns trigger as $$
begin
    raise exception 'renewal_event is append-only';
end;
$$ language plpgsql;
create trigger renewal_event_no_update before update on renewal_event
    for each row execute function renewal_event_is_append_only();

-- Every email recomply produced: sent over SMTP, or kept here as the dev outbox.
create table email_outbox (
    email_id uuid primary key default gen_random_uuid(),
    tenant_id uuid references tenant (tenant_id) on delete cascade,
    renewal_id uuid references renewal (renewal_id) on delete set null,
    -- magic_link, action_needed, reminder, submitted, rejected, completed, staff_alert, …
    kind text not null,
    to_address text not null,
    subject text not null,
    body_text text not null,
    body_html text not null,
    -- outbox: kept for the dev outbox (no SMTP); sent / failed: SMTP delivery result.
    status text not null check (status in ('outbox', 'sent', 'failed')),
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null default now()
);
create index email_outbox_tenant_idx on email_outbox (tenant_id, created_at desc);
create index email_outbox_renewal_idx on email_outbox (renewal_id, created_at desc);
