-- Status callbacks are de-duplicated on what Twilio signs (the URL and the body) within a
-- window, not on the unsigned `I-Twilio-Idempotency-Token`: a replay with a new token is a
-- duplicate, and the same body after the window is news. So the first-delivery key is no
-- longer unique for ever; the lookup is by tenant, key and time, and so is the per-tenant
-- rate count (served by webhook_event_tenant_idx).
drop index if exists webhook_event_first_delivery;
create index webhook_event_dedupe_idx on webhook_event (tenant_id, dedupe_key, received_at desc);
