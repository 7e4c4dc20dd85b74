-- Staff sign-in throttling per (typed email, client): each failure from one client for one
-- address makes the next attempt from that client for that address wait longer (doubling up
-- to a cap). Other clients are not affected, so nobody can lock a staff member out by aiming
-- failures at their address. The per-client cap across addresses still counts
-- staff_login_attempt.

create table staff_sign_in_throttle (
    -- The address typed, lower-cased (whether or not such a staff member exists).
    email text not null,
    -- The client address (see web::client_ip).
    client text not null,
    -- Failures since the last success (or since the count was reset after a quiet period).
    failures integer not null default 0 check (failures >= 0),
    last_failure_at timestamptz,
    -- No attempt from this client for this address is checked before this time. Set when an
    -- attempt starts (as if it will fail), so parallel attempts cannot slip through.
    next_allowed_at timestamptz not null,
    primary key (email, client)
);
create index staff_sign_in_throttle_next_idx on staff_sign_in_throttle (next_allowed_at);
