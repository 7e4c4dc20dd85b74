-- A bundle's current renewal (the open one when there is one, else the latest), kept on the
-- bundle row by a trigger, so the bundle lists sort, page and count from an index instead of
-- looking up every bundle's latest renewal on each view.
alter table bundle
    add column current_renewal_id uuid,
    add column current_renewal_state text,
    add column current_renewal_deadline timestamptz,
    add column current_renewal_evaluated boolean not null default false;

create function bundle_refresh_current_renewal(target uuid) returns void
language sql as $$
    update bundle b
    set current_renewal_id = c.renewal_id,
        current_renewal_state = c.state,
        current_renewal_deadline = c.deadline,
        current_renewal_evaluated = c.evaluated
    from (
        select renewal_id, state, deadline,
               coalesce(jsonb_typeof(snapshot -> 'evaluation') = 'object', false) as evaluated
        from renewal
        where bundle_id = target
        order by state not in ('completed', 'expired', 'cancelled') desc, created_at desc
        limit 1
    ) c
    where b.bundle_id = target
      and (b.current_renewal_id, b.current_renewal_state, b.current_renewal_deadline,
           b.current_renewal_evaluated)
          is distinct from (c.renewal_id, c.state, c.deadline, c.evaluated);
$$;

create function renewal_refreshes_bundle() returns trigger
language plpgsql as $$
begin
    perform bundle_refresh_current_renewal(new.bundle_id);
    return null;
end
$$;

create trigger renewal_current_on_bundle
    after insert or update of state, deadline, snapshot on renewal
    for each row execute function renewal_refreshes_bundle();

update bundle b
set current_renewal_id = c.renewal_id,
    current_renewal_state = c.state,
    current_renewal_deadline = c.deadline,
    current_renewal_evaluated = c.evaluated
from (
    select distinct on (bundle_id) bundle_id, renewal_id, state, deadline,
           coalesce(jsonb_typeof(snapshot -> 'evaluation') = 'object', false) as evaluated
    from renewal
    order by bundle_id, state not in ('completed', 'expired', 'cancelled') desc, created_at desc
) c
where b.bundle_id = c.bundle_id;

-- The customer's "My bundles" order: bundles whose renewal waits for the customer first (the
-- states of `RenewalState::customer_must_act`), then the closest deadline, then by name.
alter table bundle
    add column waits_for_customer boolean generated always as
        (coalesce(current_renewal_state in ('collecting', 'rejected'), false)) stored,
    add column list_deadline timestamptz generated always as
        (coalesce(valid_until,
                  case when current_renewal_state not in ('completed', 'expired', 'cancelled')
                       then current_renewal_deadline end)) stored;

create index bundle_customer_list_idx on bundle
    (tenant_id, waits_for_customer desc, list_deadline asc nulls last, friendly_name, bundle_id)
    include (current_renewal_evaluated)
    where archived_at is null;

-- The staff list of every bundle: soonest deadline first, then by SID.
create index bundle_admin_list_idx on bundle (valid_until asc nulls last, sid)
    where archived_at is null;
