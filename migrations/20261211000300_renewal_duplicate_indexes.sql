-- Two indexes on `renewal` that others already serve, maintained on every insert (a sweep
-- opens up to 1,000 renewals per statement) and every change of state:
-- `renewal_bundle_latest_idx` is the same index as `renewal_bundle_created_idx`
-- (bundle_id, created_at desc), and `renewal_tenant_state_idx` (tenant_id, state) is the
-- leading part of `renewal_tenant_state_created_idx` (tenant_id, state, created_at).
drop index renewal_bundle_latest_idx;
drop index renewal_tenant_state_idx;
