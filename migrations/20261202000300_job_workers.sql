-- Worker processes register themselves and beat a heartbeat while they live, so staff see which
-- workers are running and a running job's lease (renewed by its own heartbeat) is short.
create table job_worker (
    -- `host:pid:random`, unique per process start.
    worker_id text primary key,
    host text not null,
    pid integer not null,
    -- How many job runners the process runs.
    concurrency integer not null,
    started_at timestamptz not null default now(),
    last_heartbeat_at timestamptz not null default now(),
    -- Set when the worker shut down cleanly.
    stopped_at timestamptz
);
create index job_worker_heartbeat_idx on job_worker (last_heartbeat_at desc);
