-- Twilio's review decisions (a submitted copy approved or rejected), newest first: how long
-- reviews usually take is read from the most recent ones on every status page.

create index renewal_event_review_decision_idx on renewal_event (created_at desc)
    where to_state in ('approved', 'rejected');
