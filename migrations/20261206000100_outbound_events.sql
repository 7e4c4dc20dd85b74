-- Signed outbound events (Standard Webhooks) for the ISV's own backend.
--
-- Staff register endpoints; every renewal event (and a tenant's credentials failing) is stored
-- once as an outbound_event in the transaction that caused it, with one event_delivery per
-- endpoint that wants it. The deliver_event job posts each delivery and logs every attempt.
create table event_endpoint (
    event_endpoint_id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 100),
    url text not null check (url ~ '^https?://'),
    -- Only this tenant's events; null for every tenant.
    tenant_id uuid references tenant (tenant_id) on delete cascade,
    -- The event types it receives (their wire names, e.g. renewal.completed).
    event_types text[] not null check (cardinality(event_types) > 0),
    -- The signing secret (whsec_…), sealed with the application key and the endpoint id as
    -- associated data; never stored in clear.
    sealed_secret bytea not null,
    enabled boolean not null default true,
    created_by text not null,
    created_at timestamptz not null default now(),
    secret_rotated_at timestamptz
);

-- Receivers order a renewal's events by this number (1, 2, 3, …), counted on the renewal row
-- that the state transition already locks.
alter table renewal add column event_sequence integer not null default 0;

create table outbound_event (
    outbound_event_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    renewal_id uuid references renewal (renewal_id) on delete cascade,
    event_type text not null,
    -- The renewal's event_sequence for this event; null for tenant events.
    sequence integer,
    -- The JSON body, fixed when the event happened: every attempt and resend sends it as is.
    payload jsonb not null,
    created_at timestamptz not null default now()
);
create index outbound_event_renewal_idx on outbound_event (renewal_id, sequence);

create table event_delivery (
    event_delivery_id uuid primary key default gen_random_uuid(),
    outbound_event_id uuid not null references outbound_event (outbound_event_id) on delete cascade,
    event_endpoint_id uuid not null references event_endpoint (event_endpoint_id) on delete cascade,
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    -- The last 2xx; null while the delivery is due (a resend clears it).
    delivered_at timestamptz,
    last_status integer,
    attempts integer not null default 0,
    last_attempt_at timestamptz,
    created_at timestamptz not null default now(),
    unique (outbound_event_id, event_endpoint_id)
);
create index event_delivery_endpoint_idx on event_delivery (event_endpoint_id, created_at desc);

-- Every attempt: the answer's status code (or why there was none) and how long it took.
create table event_delivery_attempt (
    event_delivery_attempt_id bigserial primary key,
    event_delivery_id uuid not null references event_delivery (event_delivery_id) on delete cascade,
    status integer,
    error text,
    duration_ms integer not null,
    attempted_at timestamptz not null default now()
);
create index event_delivery_attempt_delivery_idx
    on event_delivery_attempt (event_delivery_id, event_delivery_attempt_id);
