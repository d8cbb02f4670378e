-- exclusion constraints over (partner, time range) need btree equality in a GiST index; trusted since PG 13
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- Projections of other services' data, fed by their events; booking never reads their tables.
-- source_at is the occurredAt of the newest event applied, so an older event arriving late changes nothing.
CREATE TABLE hubs (
  id text PRIMARY KEY,
  name text NOT NULL,
  timezone text NOT NULL,
  is_active boolean NOT NULL,
  bbox double precision[] CHECK (bbox IS NULL OR cardinality(bbox) = 4),
  source_at timestamptz NOT NULL
);

CREATE TABLE partners (
  id text PRIMARY KEY,
  hub_id text,
  -- catalog service ids the partner may do
  skills text[] NOT NULL DEFAULT '{}',
  status text NOT NULL,
  name text,
  source_at timestamptz NOT NULL
);
CREATE INDEX partners_hub_idx ON partners (hub_id) WHERE status = 'approved';

-- the catalog's pricing rule as @zefy/rules priceBreakdown takes it; included_minutes is the job's length
CREATE TABLE services (
  id text PRIMARY KEY,
  name text NOT NULL,
  skill text NOT NULL,
  included_minutes integer NOT NULL CHECK (included_minutes > 0),
  base_price_paise bigint NOT NULL CHECK (base_price_paise >= 0),
  grace_minutes integer NOT NULL,
  extra_block_minutes integer NOT NULL,
  extra_block_price_paise bigint NOT NULL,
  tax_rate_basis_points integer NOT NULL CHECK (tax_rate_basis_points BETWEEN 0 AND 10000),
  is_active boolean NOT NULL,
  source_at timestamptz NOT NULL
);

CREATE TABLE addresses (
  id text PRIMARY KEY,
  customer_id text NOT NULL,
  hub_id text,
  is_serviceable boolean NOT NULL,
  lat double precision,
  lng double precision,
  is_deleted boolean NOT NULL DEFAULT false,
  source_at timestamptz NOT NULL
);

CREATE TABLE customers (
  id text PRIMARY KEY,
  phone text,
  source_at timestamptz NOT NULL
);

-- owned by booking
CREATE TABLE partner_schedules (
  partner_id text PRIMARY KEY,
  weekly jsonb NOT NULL,
  days_off date[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL
);

CREATE TABLE bookings (
  id uuid PRIMARY KEY,
  hub_id text NOT NULL,
  customer_id text NOT NULL,
  customer_phone text,
  service_id text NOT NULL,
  service_name text NOT NULL,
  address_id text NOT NULL,
  partner_id text NOT NULL,
  status text NOT NULL,
  window_kind text NOT NULL CHECK (window_kind IN ('now', 'slot')),
  window_starts_at timestamptz NOT NULL,
  window_ends_at timestamptz NOT NULL,
  total_paise bigint NOT NULL CHECK (total_paise >= 100),
  hold_expires_at timestamptz NOT NULL,
  -- the decider's state (services/booking/src/booking/booking.ts); the columns above are for queries
  state jsonb NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX bookings_hub_created_idx ON bookings (hub_id, created_at DESC, id DESC);
CREATE INDEX bookings_created_idx ON bookings (created_at DESC, id DESC);
CREATE INDEX bookings_status_idx ON bookings (status, created_at DESC);
CREATE INDEX bookings_customer_idx ON bookings (customer_id, created_at DESC);
CREATE INDEX bookings_phone_idx ON bookings (customer_phone) WHERE customer_phone IS NOT NULL;
CREATE INDEX bookings_lapsing_idx ON bookings (hold_expires_at)
  WHERE status IN ('held', 'awaiting_payment', 'payment_failed');

-- the timeline: every event of a booking, written in the transaction of its transition
CREATE TABLE booking_events (
  booking_id uuid NOT NULL REFERENCES bookings (id),
  sequence integer NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  data jsonb NOT NULL,
  actor jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (booking_id, sequence)
);

-- A partner's time promised to a booking. Two live claims on one partner never overlap: PostgreSQL refuses
-- the second insert, however many instances race. A hold's claim lapses at expires_at (queries ignore it
-- from then; the sweeper or the next placement releases it); a confirmed booking's claim has no expiry.
CREATE TABLE capacity_claims (
  id uuid PRIMARY KEY,
  booking_id uuid NOT NULL REFERENCES bookings (id) DEFERRABLE INITIALLY DEFERRED,
  partner_id text NOT NULL,
  hub_id text NOT NULL,
  during tstzrange NOT NULL CHECK (NOT isempty(during)),
  expires_at timestamptz,
  released_at timestamptz,
  created_at timestamptz NOT NULL,
  CONSTRAINT capacity_claims_no_overlap EXCLUDE USING gist (partner_id WITH =, during WITH &&)
    WHERE (released_at IS NULL)
);
CREATE INDEX capacity_claims_booking_idx ON capacity_claims (booking_id);
CREATE INDEX capacity_claims_hub_live_idx ON capacity_claims USING gist (hub_id, during) WHERE released_at IS NULL;

-- payments of each booking as the payments service reports them (payment.* events)
CREATE TABLE booking_payments (
  payment_id text PRIMARY KEY,
  booking_id uuid NOT NULL,
  order_id text NOT NULL,
  status text NOT NULL,
  amount_paise bigint NOT NULL,
  refunded_paise bigint NOT NULL DEFAULT 0,
  method text,
  razorpay_payment_id text,
  source_at timestamptz NOT NULL
);
CREATE INDEX booking_payments_booking_idx ON booking_payments (booking_id);
