-- When the copy of a renewal that closed without using it (it expired) was deleted at Twilio,
-- or why it could not be.
alter table renewal add column copy_discarded_at timestamptz;
