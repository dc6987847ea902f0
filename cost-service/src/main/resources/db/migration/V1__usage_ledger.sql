-- One row per gateway request, stored once whatever the order or repetition of the batches that carry it.
CREATE TABLE usage_record (
    id                TEXT PRIMARY KEY,
    time              TIMESTAMPTZ      NOT NULL,
    tenant            TEXT             NOT NULL,
    api_key_id        TEXT,
    route             TEXT             NOT NULL,
    variant           TEXT             NOT NULL,
    upstream_model    TEXT,
    endpoint          TEXT,
    status            INTEGER          NOT NULL,
    error_type        TEXT             NOT NULL,
    latency_ms        DOUBLE PRECISION NOT NULL,
    prompt_tokens     BIGINT           NOT NULL,
    completion_tokens BIGINT           NOT NULL,
    shadow            BOOLEAN          NOT NULL,
    fallback          BOOLEAN          NOT NULL,
    source            TEXT,
    ingested_at       TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE INDEX usage_record_time ON usage_record (time);
CREATE INDEX usage_record_tenant_time ON usage_record (tenant, time);
