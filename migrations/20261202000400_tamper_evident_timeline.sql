-- A tamper-evident timeline: append-only for every role (UPDATE, DELETE and TRUNCATE refused),
-- no cascade from renewals or tenants, and each row hash-chained to the previous row of its
-- tenant. The chain rule is described in docs/audit-trail.md; `recomply audit verify`
-- recomputes it independently.

-- Renewals and tenants that have a trail can no longer be deleted by cascade.
alter table renewal_event drop constraint renewal_event_tenant_id_fkey,
    add constraint renewal_event_tenant_id_fkey foreign key (tenant_id)
        references tenant (tenant_id) on delete restrict;
alter table renewal_event drop constraint renewal_event_renewal_id_fkey,
    add constraint renewal_event_renewal_id_fkey foreign key (renewal_id)
        references renewal (renewal_id) on delete restrict;
alter table renewal drop constraint renewal_tenant_id_fkey,
    add constraint renewal_tenant_id_fkey foreign key (tenant_id)
        references tenant (tenant_id) on delete restrict;
alter table renewal drop constraint renewal_bundle_id_fkey,
    add constraint renewal_bundle_id_fkey foreign key (bundle_id)
        references bundle (bundle_id) on delete restrict;

alter table renewal_event
    add column chain_seq bigint,
    add column prev_hash text,
    add column row_hash text;

-- One length-prefixed field: "<bytes>:<text>;", or "-;" for null.
create function timeline_field(value text) returns text as $$
    select case when value is null then '-;'
                else octet_length(value)::text || ':' || value || ';' end;
$$ language sql immutable;

-- The row's hash: sha256 over the previous hash (hex) and the canonical encoding of the row.
create function timeline_row_hash(
    prev_hash text, tenant_id uuid, chain_seq bigint, renewal_id uuid, from_state text,
    to_state text, cause text, actor text, details jsonb, created_at timestamptz
) returns text as $$
    select encode(sha256(convert_to(
        'recomply-timeline-v1;'
        || timeline_field(prev_hash)
        || timeline_field(tenant_id::text)
        || timeline_field(chain_seq::text)
        || timeline_field(renewal_id::text)
        || timeline_field(from_state)
        || timeline_field(to_state)
        || timeline_field(cause)
        || timeline_field(actor)
        || timeline_field(details::text)
        || timeline_field(to_char(created_at at time zone 'UTC',
                                  'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
        'UTF8')), 'hex');
$$ language sql immutable;

-- Chains a new row to the head of its tenant's chain. The per-tenant advisory lock serialises
-- inserts of one tenant until the inserting transaction ends.
create function renewal_event_chain() returns trigger as $$
declare
    head record;
begin
    perform pg_advisory_xact_lock(hashtextextended('renewal_event:' || new.tenant_id::text, 0));
    select e.chain_seq, e.row_hash into head
        from renewal_event e
        where e.tenant_id = new.tenant_id and e.chain_seq is not null
        order by e.chain_seq desc limit 1;
    new.chain_seq := coalesce(head.chain_seq, 0) + 1;
    new.prev_hash := coalesce(head.row_hash, repeat('0', 64));
    new.row_hash := timeline_row_hash(new.prev_hash, new.tenant_id, new.chain_seq,
        new.renewal_id, new.from_state, new.to_state, new.cause, new.actor, new.details,
        new.created_at);
    return new;
end;
$$ language plpgsql volatile;

-- Chain the rows written before this migration, oldest first, per tenant.
drop trigger renewal_event_no_update on renewal_event;
do $$
declare
    r record;
    seq bigint;
    prev text;
    last_tenant uuid;
begin
    for r in select * from renewal_event order by tenant_id, renewal_event_id loop
        if last_tenant is distinct from r.tenant_id then
            seq := 0;
            prev := repeat('0', 64);
            last_tenant := r.tenant_id;
        end if;
        seq := seq + 1;
        update renewal_event set chain_seq = seq, prev_hash = prev,
            row_hash = timeline_row_hash(prev, r.tenant_id, seq, r.renewal_id, r.from_state,
                r.to_state, r.cause, r.actor, r.details, r.created_at)
            where renewal_event_id = r.renewal_event_id
            returning row_hash into prev;
    end loop;
end;
$$;

alter table renewal_event
    alter column chain_seq set not null,
    alter column prev_hash set not null,
    alter column row_hash set not null,
    add constraint renewal_event_tenant_chain_key unique (tenant_id, chain_seq);

create trigger renewal_event_chain before insert on renewal_event
    for each row execute function renewal_event_chain();
create trigger renewal_event_no_update before update or delete on renewal_event
    for each row execute function renewal_event_is_append_only();
create trigger renewal_event_no_truncate before truncate on renewal_event
    for each statement execute function renewal_event_is_append_only();
