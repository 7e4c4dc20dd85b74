-- Every version of a regulation's requirements recomply has read, deduplicated by content:
-- a Twilio Regulation has no version field, so its version is its content. Regulations are
-- public and the same for every account, so the rows are shared by all tenants (they hold no
-- tenant data).
create table regulation_version (
    regulation_version_id bigint generated always as identity primary key,
    regulation_sid text not null check (regulation_sid ~ '^RN[0-9a-f]{32}$'),
    -- SHA-256 (hex) of the requirements' canonical JSON (keys sorted, no whitespace).
    content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
    -- The requirements with constraints, in the domain's stored shape (domain::requirements).
    requirements jsonb not null,
    friendly_name text not null default '',
    iso_country text not null default '',
    number_type text not null default '',
    end_user_type text not null default '',
    -- The first and the latest read that returned exactly this content.
    first_seen_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    constraint regulation_version_content_key unique (regulation_sid, content_hash)
);
create index regulation_version_latest_idx on regulation_version (regulation_sid, last_seen_at desc);

-- When recomply first saw a deadline (valid_until) of a regulation on any bundle: Twilio stamps
-- one deadline on every approved bundle of a regulation when it changes, so a version read
-- after that moment already holds the change and needs no second read for other bundles or
-- tenants.
create table regulation_deadline (
    regulation_sid text not null check (regulation_sid ~ '^RN[0-9a-f]{32}$'),
    valid_until timestamptz not null,
    noticed_at timestamptz not null default now(),
    primary key (regulation_sid, valid_until)
);

-- The regulation version a bundle was last seen approved under (or first seen under).
alter table bundle add column regulation_version_id bigint
    references regulation_version (regulation_version_id);

-- A renewal's "what changed": the bundle's version when the renewal opened (null when recomply
-- had seen no earlier version) and the version its copy was prepared under.
alter table renewal add column baseline_version_id bigint
    references regulation_version (regulation_version_id);
alter table renewal add column regulation_version_id bigint
    references regulation_version (regulation_version_id);
