-- Benchmark runs: the request as sent, the state, and why it failed.
CREATE TABLE eval_run (
    id             TEXT PRIMARY KEY,
    spec           JSONB       NOT NULL,
    benchmark      TEXT        NOT NULL,
    model          TEXT        NOT NULL,
    target         TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    total          INTEGER     NOT NULL,
    failure_reason TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ
);
CREATE INDEX eval_run_status ON eval_run (status);

-- One row per (item, sample) once finished; a resumed run skips the rows it finds here.
CREATE TABLE eval_item (
    run_id            TEXT    NOT NULL REFERENCES eval_run (id) ON DELETE CASCADE,
    item_id           TEXT    NOT NULL,
    sample            INTEGER NOT NULL,
    subject           TEXT    NOT NULL,
    prompt_hash       TEXT    NOT NULL,
    response          TEXT,
    extracted         TEXT,
    correct           BOOLEAN NOT NULL,
    alt_correct       BOOLEAN,
    latency_ms        DOUBLE PRECISION NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    attempts          INTEGER NOT NULL,
    error             TEXT,
    finished_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, item_id, sample)
);

-- Live traffic from the gateways, one row per request id (ingest is idempotent on it).
CREATE TABLE traffic_record (
    id                TEXT PRIMARY KEY,
    time              TIMESTAMPTZ NOT NULL,
    route             TEXT,
    variant           TEXT,
    status            INTEGER NOT NULL,
    error_type        TEXT    NOT NULL,
    latency_ms        DOUBLE PRECISION NOT NULL,
    ttft_ms           DOUBLE PRECISION NOT NULL,
    prompt_tokens     BIGINT  NOT NULL,
    completion_tokens BIGINT  NOT NULL,
    finish_reason     TEXT,
    shadow            BOOLEAN NOT NULL,
    shadow_pair_id    TEXT,
    empty_answer      BOOLEAN,
    language_mismatch BOOLEAN,
    json_invalid      BOOLEAN,
    refusal           BOOLEAN,
    degenerate        BOOLEAN,
    prompt_text       TEXT,
    completion_text   TEXT
);
CREATE INDEX traffic_route_time ON traffic_record (route, time);
CREATE INDEX traffic_pair ON traffic_record (shadow_pair_id) WHERE shadow_pair_id IS NOT NULL;

-- Pairwise judgements of shadow pairs: both orders, mapped to the candidate's view.
CREATE TABLE judgement (
    pair_id          TEXT PRIMARY KEY,
    route            TEXT,
    baseline         TEXT NOT NULL,
    candidate        TEXT NOT NULL,
    time             TIMESTAMPTZ NOT NULL,
    candidate_first  TEXT NOT NULL,
    candidate_second TEXT NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    consistent       BOOLEAN NOT NULL,
    raw_first        TEXT,
    raw_second       TEXT
);
CREATE INDEX judgement_route_time ON judgement (route, time);
