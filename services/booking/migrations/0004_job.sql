-- The job after assignment (src/job): OTPs, ratings. The timer lives in the booking's state.

-- One row per assigned booking: the OTP decider's state (src/job/job.ts) and the codes' salted hashes.
-- The codes themselves are never stored: they are derived from a key of the service (job.otp.ts).
CREATE TABLE job_otps (
  booking_id uuid PRIMARY KEY REFERENCES bookings (id),
  state jsonb NOT NULL,
  -- per kind: { generation, salt, hash } (hex)
  hashes jsonb NOT NULL,
  is_locked boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);
CREATE INDEX job_otps_locked_idx ON job_otps (booking_id) WHERE is_locked;

-- The timer's query columns (the state keeps the truth): a partner's history and earnings read them
ALTER TABLE bookings ADD COLUMN started_at timestamptz, ADD COLUMN completed_at timestamptz,
  -- the extra time's payable: its payments name it as their holdId (payments/payments.consumers.ts)
  ADD COLUMN extra_payable_id uuid UNIQUE;
CREATE INDEX bookings_assignee_completed_idx ON bookings (assigned_partner_id, completed_at DESC, id DESC)
  WHERE completed_at IS NOT NULL;

-- One rating per booking per side: the primary key makes a second one impossible, however many race.
CREATE TABLE ratings (
  booking_id uuid NOT NULL REFERENCES bookings (id),
  rated_by text NOT NULL CHECK (rated_by IN ('customer', 'partner')),
  customer_id text NOT NULL,
  partner_id text NOT NULL,
  stars integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
  tags text[] NOT NULL DEFAULT '{}',
  comment text,
  rated_at timestamptz NOT NULL,
  PRIMARY KEY (booking_id, rated_by)
);
CREATE INDEX ratings_partner_idx ON ratings (partner_id, rated_at DESC) WHERE rated_by = 'customer';
