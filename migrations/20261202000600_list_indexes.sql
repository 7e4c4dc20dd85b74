-- Indexes for lists that must stay flat as a tenant grows: the current renewal of each bundle
-- (one probe per bundle in the customer's and the staff bundle lists), renewals by their copy
-- (is this bundle one of our copies?), and the newest callbacks across tenants (dashboard,
-- retention pruning).
create index if not exists renewal_bundle_created_idx on renewal (bundle_id, created_at desc);
create index if not exists renewal_copy_sid_idx on renewal (copy_sid) where copy_sid is not null;
create index if not exists webhook_event_received_idx on webhook_event (received_at desc);
