-- Push tokens per principal and device. A token identifies one app installation, so it belongs to at most one
-- principal: registering it for another (a different login on the same phone) moves it.
CREATE TABLE devices (
  owner_kind text NOT NULL CHECK (owner_kind IN ('customer', 'partner')),
  owner_id text NOT NULL,
  device_id text NOT NULL,
  platform text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  token text NOT NULL,
  created_at timestamptz NOT NULL,
  token_updated_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (owner_kind, owner_id, device_id)
);
CREATE UNIQUE INDEX devices_token_key ON devices (token);
CREATE INDEX devices_last_seen_idx ON devices (last_seen_at);

-- The in-app inbox: one row per (source event, recipient), whatever the bus redelivers.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('customer', 'partner')),
  recipient_id text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  data jsonb NOT NULL,
  source_event_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  UNIQUE (source_event_id, recipient_kind, recipient_id)
);
-- ids are UUIDv7, so id order is creation order: the inbox pages on it
CREATE INDEX notifications_recipient_idx ON notifications (recipient_kind, recipient_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_kind, recipient_id) WHERE read_at IS NULL;

-- One push per notification and device, sent by the push worker with its own retries. The token is read
-- from `devices` at send time, so a refreshed token is used and a removed device is skipped.
CREATE TABLE push_deliveries (
  id uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  owner_kind text NOT NULL,
  owner_id text NOT NULL,
  device_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  token text,
  message_id text,
  last_error text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (notification_id, owner_kind, owner_id, device_id)
);
CREATE INDEX push_deliveries_due_idx ON push_deliveries (next_attempt_at) WHERE status = 'pending';
