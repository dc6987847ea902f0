-- Whether the client's response was streamed: only then is ttft_ms the time to the first token (for a plain
-- response the first byte is the whole answer). NULL for rows stored before this column existed.
ALTER TABLE traffic_record ADD COLUMN stream BOOLEAN;
