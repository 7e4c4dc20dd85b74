-- Opening renewals refreshes "My bundles" once per statement, not once per row at commit: a
-- sweep opens a page of up to 1,000 renewals in one insert, and the deferred per-row trigger
-- ran `bundle_listing_refresh` 1,000 times at its commit. The rows a statement inserted are
-- refreshed together, as soon as the statement ends, by `bundle_listing_refresh_all`.
--
-- The listing rows of those bundles are then locked from the insert until the commit rather
-- than for the commit alone. The transactions that open renewals (a sweep's page, a status
-- callback's re-read) insert them among their last statements, and a listing row whose bundle
-- was inserted by the same transaction (a first sweep) is seen by no other transaction yet.
-- Every other change still refreshes at commit, as before.

-- `bundle_listing_refresh` for many bundles at once: the rows are locked in bundle order
-- before anything is read (the missing ones inserted first), then brought up to date in one
-- statement that reads what is committed, or written by this transaction, at that moment.
create function bundle_listing_refresh_all(targets uuid[]) returns void
language plpgsql as $$
begin
    perform 1 from bundle_listing where bundle_id = any(targets) order by bundle_id for update;
    insert into bundle_listing (bundle_id, tenant_id, live, friendly_name, must_act,
                                needs_action)
    select b.bundle_id, b.tenant_id, false, '', false, false from bundle b
    where b.bundle_id = any(targets)
      and not exists (select 1 from bundle_listing l where l.bundle_id = b.bundle_id)
    order by b.bundle_id
    on conflict (bundle_id) do nothing;
    perform 1 from bundle_listing where bundle_id = any(targets) order by bundle_id for update;
    update bundle_listing l
    set tenant_id = c.tenant_id, live = c.live, friendly_name = c.friendly_name,
        renewal_id = c.renewal_id, must_act = c.must_act, needs_action = c.needs_action,
        list_deadline = c.list_deadline
    from (
        select b.bundle_id, b.tenant_id, b.archived_at is null as live, b.friendly_name,
               r.renewal_id,
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
        where b.bundle_id = any(targets)
    ) c
    where l.bundle_id = c.bundle_id
      and (l.tenant_id, l.live, l.friendly_name, l.renewal_id, l.must_act, l.needs_action,
           l.list_deadline)
          is distinct from (c.tenant_id, c.live, c.friendly_name, c.renewal_id, c.must_act,
                            c.needs_action, c.list_deadline);
end
$$;

create function bundle_listing_renewals_added() returns trigger
language plpgsql as $$
begin
    perform bundle_listing_refresh_all(array(select distinct bundle_id from added));
    return null;
end
$$;

drop trigger renewal_refreshes_listing on renewal;

create constraint trigger renewal_delete_refreshes_listing
    after delete on renewal
    deferrable initially deferred
    for each row execute function bundle_listing_renewal_changed();

create trigger renewal_insert_refreshes_listing
    after insert on renewal
    referencing new table as added
    for each statement execute function bundle_listing_renewals_added();
