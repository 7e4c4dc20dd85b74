-- Two kinds of emailed link. A `sign_in` link (from the sign-in page, or handed over by staff)
-- is single use and short-lived, as before. A `renewal` link (in notification emails) is bound
-- to one user and one renewal, may be used again until it expires (RECOMPLY_RENEWAL_LINK_DAYS)
-- and is revoked when the renewal closes (completed, cancelled, expired) or by staff.
alter table magic_link
    add column kind text not null default 'sign_in'
        constraint magic_link_kind_check check (kind in ('sign_in', 'renewal')),
    add column revoked_at timestamptz,
    -- Why it was revoked: 'completed', 'cancelled', 'expired' (the renewal closed) or 'staff'.
    add column revoked_reason text,
    -- The last time a renewal link signed someone in.
    add column last_used_at timestamptz;
create index magic_link_renewal_idx on magic_link (renewal_id) where kind = 'renewal';
