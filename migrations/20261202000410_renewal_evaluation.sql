-- Every evaluation of every copy, kept: renewal.snapshot stays the latest (what pages render);
-- each stored snapshot is also appended here with why it was taken.
create table renewal_evaluation (
    renewal_evaluation_id bigint generated always as identity primary key,
    tenant_id uuid not null references tenant (tenant_id) on delete restrict,
    renewal_id uuid not null references renewal (renewal_id) on delete restrict,
    copy_sid text not null,
    -- Twilio's Evaluation (EL…) and its status; null when the read carried no evaluation.
    evaluation_sid text,
    status text,
    -- customer | staff | webhook | sweep | job, who, and the timeline event it belongs to.
    cause text not null check (cause in ('customer', 'staff', 'webhook', 'sweep', 'job')),
    actor text,
    reason text not null,
    -- The whole snapshot: the verdicts, the values and the documents that were judged.
    snapshot jsonb not null,
    evaluated_at timestamptz not null,
    created_at timestamptz not null default now()
);
create index renewal_evaluation_renewal_idx
    on renewal_evaluation (tenant_id, renewal_id, renewal_evaluation_id);
create trigger renewal_evaluation_no_update before update or delete on renewal_evaluation
    for each row execute function renewal_event_is_append_only();
