-- The name a tenant's customers see, in one place: its display name when set, else its name.
alter table tenant add column customer_name text
    generated always as (coalesce(display_name, name)) stored;
