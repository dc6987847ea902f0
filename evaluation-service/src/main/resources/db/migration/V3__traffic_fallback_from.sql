-- The variant that failed a request before the gateway served it from the stable one (its fallback). That failure
-- is the other variant's, and this row is the only trace of it. NULL for rows without a fallback, and for rows
-- stored before this column existed.
ALTER TABLE traffic_record ADD COLUMN fallback_from TEXT;
