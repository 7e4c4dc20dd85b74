-- A bundle Twilio has rejected as a test bundle (created with IsTest; error 18099), in
-- Twilio's words: recomply never renews it and says why.
alter table bundle add column test_bundle_reason text;

-- A renewal closed because its bundle turned out to be a test bundle.
alter table renewal drop constraint renewal_cancel_reason_check;
alter table renewal add constraint renewal_cancel_reason_check check (cancel_reason in (
    'wont_renew', 'numbers_released', 'handled_elsewhere', 'snoozed', 'tenant_removed',
    'test_bundle'));
