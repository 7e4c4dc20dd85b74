-- The ISV's brand: one row (the `singleton` key can only be true), absent until an admin first
-- saves it, so a fresh database shows recomply's own look. `version` grows on every change and
-- busts the caches of `/brand.css` and `/brand/logo`.
create table brand_settings (
    singleton boolean primary key default true check (singleton),
    product_name text not null check (length(product_name) between 1 and 60),
    company_name text check (length(company_name) <= 200),
    primary_colour text not null check (primary_colour ~ '^#[0-9a-f]{6}$'),
    support_email text,
    support_url text check (support_url ~ '^https?://'),
    sender_name text check (length(sender_name) <= 200),
    sender_address text,
    footer text check (length(footer) <= 300),
    logo bytea check (octet_length(logo) <= 524288),
    logo_content_type text check (logo_content_type in ('image/png', 'image/jpeg', 'image/webp')),
    logo_sha256 bytea check (octet_length(logo_sha256) = 32),
    version bigint not null default 1 check (version > 0),
    updated_at timestamptz not null default now(),
    -- Who changed it last (kept when the staff member is removed).
    updated_by uuid references staff_user (staff_user_id) on delete set null,
    constraint brand_settings_logo_complete check (
        (logo is null) = (logo_content_type is null) and (logo is null) = (logo_sha256 is null)
    )
);

-- The name a tenant's customers see, when it differs from the name staff know it by.
alter table tenant add column display_name text check (length(display_name) between 1 and 200);
