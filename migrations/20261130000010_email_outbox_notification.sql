-- Per-recipient delivery of a notification: a retried `send_notification` job finds the
-- recipients it already reached and skips them. Null for emails that are not notifications
-- (sign-in links) and for notifications enqueued before this column existed.
alter table email_outbox add column notification_id uuid;
create unique index email_outbox_notification_recipient_key
    on email_outbox (notification_id, to_address) where notification_id is not null;
