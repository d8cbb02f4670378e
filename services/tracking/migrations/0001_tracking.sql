-- What tracking knows of each booking a partner has, from booking's events (its own read model).
CREATE TABLE bookings (
  booking_id uuid PRIMARY KEY,
  hub_id text NOT NULL,
  customer_id text NOT NULL,
  partner_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('assigned', 'en_route', 'arrived', 'released', 'cancelled')),
  destination_lat double precision,
  destination_lng double precision,
  started_at timestamptz,
  promised_arrival_at timestamptz,
  -- the pure deciders' states (src/arrival, src/monitor) and the last ETA published
  arrival jsonb NOT NULL DEFAULT '{"status": "none"}',
  monitor jsonb NOT NULL DEFAULT '{"status": "none"}',
  eta jsonb,
  -- the occurredAt of the newest booking event applied: an older one arriving late changes nothing
  source_at timestamptz NOT NULL
);
CREATE INDEX bookings_en_route_idx ON bookings (booking_id) WHERE status = 'en_route';
CREATE INDEX bookings_partner_idx ON bookings (partner_id);

-- The sampled trail: a fix every 30 s or 100 m, and late fixes (history only). Keyed for per-hub partitioning.
CREATE TABLE trail (
  hub_id text NOT NULL,
  booking_id uuid NOT NULL,
  partner_id text NOT NULL,
  fix_at timestamptz NOT NULL,
  lat double precision NOT NULL,
  lng double precision NOT NULL,
  accuracy_m real NOT NULL,
  PRIMARY KEY (booking_id, partner_id, fix_at)
);
