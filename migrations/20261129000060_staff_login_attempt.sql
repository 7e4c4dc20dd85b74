-- Staff sign-in attempts: the record that login rate limiting counts (per email and per client).

create table staff_login_attempt (
    staff_login_attempt_id bigint generated always as identity primary key,
    -- The address typed, lower-cased (whether or not such a staff member exists).
    email text not null,
    -- The client the attempt came from (peer IP address).
    client text not null,
    succeeded boolean not null,
    created_at timestamptz not null default now()
);
create index staff_login_attempt_email_idx on staff_login_attempt (email, created_at desc);
create index staff_login_attempt_client_idx on staff_login_attempt (client, created_at desc);
