-- The customer's language and time zone: each user may save a language; each tenant has a
-- default language (for emails to users who never chose one) and the time zone its dates are
-- shown in.
alter table app_user add column locale text check (locale in ('en', 'fr', 'de', 'es'));
alter table tenant add column default_locale text not null default 'en'
    check (default_locale in ('en', 'fr', 'de', 'es'));
alter table tenant add column time_zone text not null default 'UTC'
    check (time_zone <> '' and length(time_zone) <= 64);
