-- A cancel holds: staff give a reason, and the sweep does not open a new renewal for the
-- bundle while the hold stands (until a snooze date passes, or staff reopen it).
alter table renewal add column cancel_reason text check (cancel_reason in (
    'wont_renew', 'numbers_released', 'handled_elsewhere', 'snoozed', 'tenant_removed'));
-- For a snooze: when the bundle may be renewed again.
alter table renewal add column snoozed_until timestamptz
    check (snoozed_until is null or cancel_reason = 'snoozed');
-- Staff reopened the bundle for renewal: the cancel no longer holds.
alter table renewal add column hold_released_at timestamptz;
-- The latest renewal of a bundle, for the hold check.
create index renewal_bundle_latest_idx on renewal (bundle_id, created_at desc);
