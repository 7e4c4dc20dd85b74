-- When Twilio last answered `provisionally-approved` for the copy under review: the renewal
-- stays in review (the original keeps its numbers) until Twilio's final decision. Cleared by
-- the next submission.
alter table renewal add column provisionally_approved_at timestamptz;
