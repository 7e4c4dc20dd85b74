-- Staff two-factor sign-in (TOTP, RFC 6238) and one-time recovery codes.

create table staff_totp (
    staff_user_id uuid primary key references staff_user (staff_user_id) on delete cascade,
    -- The shared secret, sealed with the application key (bound to the staff member's id).
    secret_sealed bytea not null,
    -- Null while enrolment waits for the first code; two-factor is on once set.
    confirmed_at timestamptz,
    -- The last 30-second step whose code was accepted: no code is accepted twice.
    last_used_step bigint not null default -1,
    created_at timestamptz not null default now()
);

create table staff_recovery_code (
    staff_user_id uuid not null references staff_user (staff_user_id) on delete cascade,
    -- HMAC-SHA256 of the code, keyed with the staff member's TOTP secret.
    code_hash bytea not null,
    used_at timestamptz,
    primary key (staff_user_id, code_hash)
);
