-- Every staff sign-in attempt, for the admin audit page and the per-client cap across
-- addresses. Replaces staff_login_attempt (its rows are carried over).

create table staff_sign_in (
    staff_sign_in_id bigint generated always as identity primary key,
    created_at timestamptz not null default now(),
    -- The address typed, lower-cased (whether or not such a staff member exists).
    email text not null,
    -- The staff member, when the address is theirs.
    staff_user_id uuid references staff_user (staff_user_id) on delete set null,
    -- The client address (see web::client_ip).
    client text not null,
    user_agent text not null default '',
    outcome text not null check (outcome in (
        'signed_in', 'wrong_password', 'throttled', 'second_factor_failed',
        'recovery_code_used'))
);
create index staff_sign_in_created_idx on staff_sign_in (created_at desc, staff_sign_in_id desc);
create index staff_sign_in_client_idx on staff_sign_in (client, created_at desc);

insert into staff_sign_in (created_at, email, staff_user_id, client, outcome)
select a.created_at, a.email, s.staff_user_id, a.client,
       case when a.succeeded then 'signed_in' else 'wrong_password' end
from staff_login_attempt a left join staff_user s on s.email = a.email
order by a.created_at;

drop table staff_login_attempt;
