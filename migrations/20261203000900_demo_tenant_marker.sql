-- Tenants that `recomply demo` seeded. The demo refuses to run on, or reset, a database that
-- holds any other tenant: demo data and real data never share a database by accident.
alter table tenant add column demo boolean not null default false;
