-- Whether a renewal in `state` is still open (`RenewalState::is_open`): every statement, index
-- and trigger that asks says `renewal_is_open(state)`, so the rule is written here once.
--
-- A one-line SQL function that is immutable is inlined by the planner before it matches
-- predicates: a query saying `renewal_is_open(r.state)` uses the partial indexes below (and
-- `on conflict (bundle_id) where renewal_is_open(state)` infers the unique one) exactly as the
-- literal `state not in (...)` did. Changing the rule means replacing the function and
-- rebuilding those indexes in the same migration.
create function renewal_is_open(state text) returns boolean
language sql immutable parallel safe
as $$ select state not in ('completed', 'expired', 'cancelled') $$;

drop index renewal_one_active_per_bundle;
-- At most one open renewal per original bundle.
create unique index renewal_one_active_per_bundle on renewal (bundle_id)
    where renewal_is_open(state);

drop index renewal_open_deadline_idx;
create index renewal_open_deadline_idx on renewal (deadline, created_at desc, renewal_id)
    where renewal_is_open(state);

drop index renewal_open_submit_by_idx;
create index renewal_open_submit_by_idx on renewal (submit_by)
    where renewal_is_open(state);

-- The bundle listing's refresh (as before) asks the same rule.
create or replace function bundle_listing_refresh(target uuid) returns void
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
                        case when renewal_is_open(r.state) then r.deadline end)
                   as list_deadline
        from bundle b
        left join lateral (
            select renewal_id, state, deadline, snapshot from renewal
            where renewal.bundle_id = b.bundle_id
            order by renewal_is_open(state) desc, created_at desc
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

