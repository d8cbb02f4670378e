-- the retention job deletes inbox rows by age (messaging/retention.ts)
CREATE INDEX inbox_handled_at_idx ON inbox (handled_at);
