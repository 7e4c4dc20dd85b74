-- Every supporting document a customer (or staff) uploaded for a renewal, as it was received:
-- the SHA-256 of its bytes, its size, name and type, and the Supporting Document Twilio made
-- of it. The bytes themselves are not kept (Twilio holds the file). Append-only, like the
-- timeline, so an evidence pack can state what was uploaded.
create table renewal_document (
    renewal_document_id bigint generated always as identity primary key,
    tenant_id uuid not null references tenant (tenant_id) on delete restrict,
    renewal_id uuid not null references renewal (renewal_id) on delete restrict,
    -- Twilio's Supporting Document (RD…) created from the upload.
    document_sid text not null,
    -- The Supporting Document Type's machine name and the document's display name.
    document_type text not null,
    friendly_name text not null,
    file_name text not null,
    -- Recognised from the file's first bytes (application/pdf, image/jpeg, image/png).
    mime_type text not null,
    size_bytes bigint not null check (size_bytes >= 0),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    cause text not null check (cause in ('customer', 'staff', 'webhook', 'sweep', 'job')),
    actor text,
    created_at timestamptz not null default now(),
    unique (tenant_id, document_sid)
);
create index renewal_document_renewal_idx
    on renewal_document (tenant_id, renewal_id, renewal_document_id);
create trigger renewal_document_no_update before update or delete on renewal_document
    for each row execute function renewal_event_is_append_only();
