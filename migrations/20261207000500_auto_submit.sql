-- Zero-touch: a copy that is already compliant when prepared is submitted by recomply itself,
-- when the tenant allows it (the default), and the customer is told afterwards.
alter table tenant add column auto_submit boolean not null default true;
-- Whether the latest submission was recomply's own (nothing was missing) rather than a person's.
alter table renewal add column submitted_automatically boolean not null default false;
