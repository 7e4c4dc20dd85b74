-- Appending many timeline rows at once: a page of renewals opened by a sweep writes one row
-- each. The per-row chain trigger locked the tenant's chain and read its head once per row;
-- `renewal_event_append` does both once for the whole batch and computes each row's hash in
-- one pass, with the same `timeline_row_hash` (so the values are byte-identical to the
-- trigger's), then inserts the rows already chained.
--
-- The trigger now chains only rows that arrive unchained; a row that arrives chained is taken
-- as it is. That trusts nothing the chain did not already trust: anyone who can insert a row
-- can compute its hash (the hash has no key), and `recomply audit verify` checks every row
-- however it was written.
create function renewal_event_append(
    tenant uuid, renewal_ids uuid[], from_states text[], to_states text[], causes text[],
    actors text[], details jsonb[]
) returns void
language plpgsql volatile as $$
declare
    head record;
    seq bigint;
    prev text;
    at timestamptz := now();
    seqs bigint[] := '{}';
    prevs text[] := '{}';
    hashes text[] := '{}';
begin
    perform pg_advisory_xact_lock(hashtextextended('renewal_event:' || tenant::text, 0));
    select e.chain_seq, e.row_hash into head
        from renewal_event e
        where e.tenant_id = tenant and e.chain_seq is not null
        order by e.chain_seq desc limit 1;
    seq := coalesce(head.chain_seq, 0);
    prev := coalesce(head.row_hash, repeat('0', 64));
    for i in 1 .. coalesce(array_length(renewal_ids, 1), 0) loop
        seq := seq + 1;
        seqs[i] := seq;
        prevs[i] := prev;
        prev := timeline_row_hash(prev, tenant, seq, renewal_ids[i], from_states[i],
            to_states[i], causes[i], actors[i], details[i], at);
        hashes[i] := prev;
    end loop;
    insert into renewal_event (tenant_id, renewal_id, from_state, to_state, cause, actor,
                               details, created_at, chain_seq, prev_hash, row_hash)
    select tenant, e.renewal_id, e.from_state, e.to_state, e.cause, e.actor, e.details, at,
           e.chain_seq, e.prev_hash, e.row_hash
    from unnest(renewal_ids, from_states, to_states, causes, actors, details, seqs, prevs,
                hashes)
         with ordinality
         as e(renewal_id, from_state, to_state, cause, actor, details, chain_seq, prev_hash,
              row_hash, n)
    order by e.n;
end
$$;

drop trigger renewal_event_chain on renewal_event;
create trigger renewal_event_chain before insert on renewal_event
    for each row when (new.row_hash is null) execute function renewal_event_chain();
