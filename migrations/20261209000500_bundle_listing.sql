-- "My bundles" in the order it is shown, kept beside the bundle rather than on it: one row per
-- bundle with its place in the customer's list (those waiting for the customer first, then the
-- closest deadline, then by name) and its current renewal (the open one, else the latest), so a
-- page is read from one index however many bundles the tenant has.
--
-- The row is written at commit (deferred constraint triggers), never during the transaction
-- that changes a renewal or a bundle: a preparation holds no lock a sweep waits for, and a
-- sweep holds none a preparation waits for, until the few statements at their commit.
create table bundle_listing (
    bundle_id uuid primary key references bundle (bundle_id) on delete cascade,
    tenant_id uuid not null,
    -- Not archived (a mirrored row that turned out to be a copy is not listed).
    live boolean not null,
    friendly_name text not null,
    -- The current renewal: the open one when there is one, else the latest (no foreign key:
    -- the row is a cache, refreshed whenever a renewal changes).
    renewal_id uuid,
    -- The current renewal waits for the customer (`RenewalState::customer_must_act`).
    must_act boolean not null,
    -- ... and Twilio has evaluated its copy: there is something to do (the count on the page).
    needs_action boolean not null,
    -- `valid_until`, else the open renewal's deadline.
    list_deadline timestamptz
);

create index bundle_listing_page_idx on bundle_listing
    (tenant_id, must_act desc, list_deadline asc nulls last, friendly_name, bundle_id)
    where live;

create index bundle_listing_needs_action_idx on bundle_listing (tenant_id)
    where live and needs_action;

-- Brings one bundle's row up to date. The row is locked before anything is read, so two
-- transactions refreshing one bundle take turns and the second, whose statements each see a
-- fresh snapshot, reads what the first committed: no update is lost.
create function bundle_listing_refresh(target uuid) returns void
language plpgsql as $$
begin
    perform 1 from bundle_listing where bundle_id = target for update;
    if not found then
        insert into bundle_listing (bundle_id, tenant_id, live, friendly_name, must_act,
                                    needs_action)
        select bundle_id, tenant_id, false, '', false, false from bundle where bundle_id = target
        on conflict (bundle_id) do nothing;
        perform 1 from bundle_listing where bundle_id = target for update;
        if not found then
            return;
        end if;
    end if;
    update bundle_listing l
    set tenant_id = c.tenant_id, live = c.live, friendly_name = c.friendly_name,
        renewal_id = c.renewal_id, must_act = c.must_act, needs_action = c.needs_action,
        list_deadline = c.list_deadline
    from (
        select b.tenant_id, b.archived_at is null as live, b.friendly_name, r.renewal_id,
               coalesce(r.state in ('collecting', 'rejected'), false) as must_act,
               coalesce(r.state in ('collecting', 'rejected')
                        and jsonb_typeof(r.snapshot -> 'evaluation') = 'object', false)
                   as needs_action,
               coalesce(b.valid_until,
                        case when r.state not in ('completed', 'expired', 'cancelled')
                             then r.deadline end) as list_deadline
        from bundle b
        left join lateral (
            select renewal_id, state, deadline, snapshot from renewal
            where renewal.bundle_id = b.bundle_id
            order by state not in ('completed', 'expired', 'cancelled') desc, created_at desc
            limit 1
        ) r on true
        where b.bundle_id = target
    ) c
    where l.bundle_id = target
      and (l.tenant_id, l.live, l.friendly_name, l.renewal_id, l.must_act, l.needs_action,
           l.list_deadline)
          is distinct from (c.tenant_id, c.live, c.friendly_name, c.renewal_id, c.must_act,
                            c.needs_action, c.list_deadline);
end
$$;

create function bundle_listing_renewal_changed() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform bundle_listing_refresh(old.bundle_id);
    else
        perform bundle_listing_refresh(new.bundle_id);
    end if;
    return null;
end
$$;

create constraint trigger renewal_refreshes_listing
    after insert or delete on renewal
    deferrable initially deferred
    for each row execute function bundle_listing_renewal_changed();

create constraint trigger renewal_update_refreshes_listing
    after update on renewal
    deferrable initially deferred
    for each row
    when ((old.state, old.deadline, jsonb_typeof(old.snapshot -> 'evaluation'))
          is distinct from (new.state, new.deadline, jsonb_typeof(new.snapshot -> 'evaluation')))
    execute function bundle_listing_renewal_changed();

create function bundle_listing_bundle_changed() returns trigger
language plpgsql as $$
begin
    perform bundle_listing_refresh(new.bundle_id);
    return null;
end
$$;

create constraint trigger bundle_update_refreshes_listing
    after update on bundle
    deferrable initially deferred
    for each row
    when ((old.valid_until, old.friendly_name, old.archived_at)
          is distinct from (new.valid_until, new.friendly_name, new.archived_at))
    execute function bundle_listing_bundle_changed();

-- A new bundle has no renewal yet and no other transaction sees it before this one commits:
-- its row is written at once, for the whole statement (a sweep's page of 1,000 in one insert).
create function bundle_listing_bundles_added() returns trigger
language plpgsql as $$
begin
    insert into bundle_listing (bundle_id, tenant_id, live, friendly_name, must_act,
                                needs_action, list_deadline)
    select bundle_id, tenant_id, archived_at is null, friendly_name, false, false, valid_until
    from added
    on conflict (bundle_id) do nothing;
    return null;
end
$$;

create trigger bundle_insert_lists
    after insert on bundle
    referencing new table as added
    for each statement execute function bundle_listing_bundles_added();

insert into bundle_listing (bundle_id, tenant_id, live, friendly_name, renewal_id, must_act,
                            needs_action, list_deadline)
select b.bundle_id, b.tenant_id, b.archived_at is null, b.friendly_name, r.renewal_id,
       coalesce(r.state in ('collecting', 'rejected'), false),
       coalesce(r.state in ('collecting', 'rejected')
                and jsonb_typeof(r.snapshot -> 'evaluation') = 'object', false),
       coalesce(b.valid_until,
                case when r.state not in ('completed', 'expired', 'cancelled') then r.deadline end)
from bundle b
left join lateral (
    select renewal_id, state, deadline, snapshot from renewal
    where renewal.bundle_id = b.bundle_id
    order by state not in ('completed', 'expired', 'cancelled') desc, created_at desc
    limit 1
) r on true;

-- How many bundles each tenant lists, kept as deltas that are only ever inserted (one row per
-- statement that adds, archives or removes bundles), so counting costs a few rows rather than
-- every bundle and no writer waits on a shared counter. `bundle_tally_compact` folds them.
create table bundle_tally (
    tenant_id uuid not null references tenant (tenant_id) on delete cascade,
    live bigint not null
);

create index bundle_tally_tenant_idx on bundle_tally (tenant_id);

create function bundle_tally_inserted() returns trigger
language plpgsql as $$
begin
    insert into bundle_tally (tenant_id, live)
    select tenant_id, count(*) from added where archived_at is null group by tenant_id;
    return null;
end
$$;

create function bundle_tally_updated() returns trigger
language plpgsql as $$
begin
    insert into bundle_tally (tenant_id, live)
    select tenant_id, sum(change) from (
        select tenant_id, 1 as change from after_rows where archived_at is null
        union all
        select tenant_id, -1 from before_rows where archived_at is null
    ) changes
    group by tenant_id having sum(change) <> 0;
    return null;
end
$$;

create function bundle_tally_deleted() returns trigger
language plpgsql as $$
begin
    insert into bundle_tally (tenant_id, live)
    select tenant_id, -count(*) from removed
    where archived_at is null and exists (select 1 from tenant t where t.tenant_id = removed.tenant_id)
    group by tenant_id;
    return null;
end
$$;

create trigger bundle_insert_tallies
    after insert on bundle
    referencing new table as added
    for each statement execute function bundle_tally_inserted();

create trigger bundle_update_tallies
    after update on bundle
    referencing old table as before_rows new table as after_rows
    for each statement execute function bundle_tally_updated();

create trigger bundle_delete_tallies
    after delete on bundle
    referencing old table as removed
    for each statement execute function bundle_tally_deleted();

insert into bundle_tally (tenant_id, live)
select tenant_id, count(*) from bundle where archived_at is null group by tenant_id;

-- The staff list's country filter: one probe per country that has a bundle.
create index bundle_country_idx on bundle (iso_country);

-- The staff dashboard: the open renewals with the closest deadlines read in order, those past
-- their submit-by date read from that range, and the troubled jobs from their own index.
create index renewal_open_deadline_idx on renewal (deadline, created_at desc, renewal_id)
    where state not in ('completed', 'expired', 'cancelled');
create index renewal_open_submit_by_idx on renewal (submit_by)
    where state not in ('completed', 'expired', 'cancelled');
create index job_troubled_idx on job (updated_at desc)
    where status in ('pending', 'running') and last_error is not null;
