-- A push that is no inbox entry (a job offer and its withdrawal: stale within minutes, and an open app has them
-- on its own channel) carries its own message, may replace an earlier one on the device (`collapse_id`), and is
-- not sent once `expires_at` has passed.
ALTER TABLE push_deliveries
  ALTER COLUMN notification_id DROP NOT NULL,
  ADD COLUMN source_event_id uuid,
  ADD COLUMN kind text,
  ADD COLUMN title text,
  ADD COLUMN body text,
  ADD COLUMN data jsonb,
  ADD COLUMN collapse_id text,
  ADD COLUMN expires_at timestamptz,
  ADD CONSTRAINT push_deliveries_message_check CHECK (
    (notification_id IS NOT NULL AND source_event_id IS NULL)
    OR (notification_id IS NULL AND source_event_id IS NOT NULL AND kind IS NOT NULL AND title IS NOT NULL
        AND body IS NOT NULL AND data IS NOT NULL AND collapse_id IS NOT NULL)
  );
CREATE UNIQUE INDEX push_deliveries_push_only_key ON push_deliveries (source_event_id, owner_kind, owner_id, device_id)
  WHERE notification_id IS NULL;
