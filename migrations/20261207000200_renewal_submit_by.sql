-- The submit-by date of each renewal (see domain::submit_by and docs/submit-by.md): the last
-- day to submit so that Twilio can review, reject once, and review the fix before the
-- deadline. Written when the renewal opens, from the configured review and fix times.
alter table renewal add column submit_by timestamptz;

-- Renewals opened before this column: the default rule (6 business days before the deadline).
update renewal r set submit_by = r.deadline - make_interval(days => (
    select s.back from (
        select back, count(*) filter (
            where extract(isodow from (r.deadline at time zone 'UTC') - make_interval(days => back)) < 6
        ) over (order by back) as business
        from generate_series(1, 30) back
    ) s
    where s.business = 6
    order by s.back
    limit 1))
where r.deadline is not null;
