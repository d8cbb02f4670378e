-- The hourly housekeeping deletes finished deliveries a month old, a batch at a time: each batch finds its
-- rows by this index instead of scanning the table.
CREATE INDEX push_deliveries_finished_idx ON push_deliveries (finished_at);
