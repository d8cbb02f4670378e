-- Dispatch (src/dispatch): each confirmed booking's round of offers, the offers, and what reputation is made of.

-- identity's partner events carry them: the customer's card shows the assigned partner's photo and phone
ALTER TABLE partners ADD COLUMN phone text, ADD COLUMN photo_url text;

-- who has the job (assigneeOf in booking.ts): a partner's list of jobs reads it
ALTER TABLE bookings ADD COLUMN assigned_partner_id text;
CREATE INDEX bookings_assignee_idx ON bookings (assigned_partner_id, window_starts_at)
  WHERE assigned_partner_id IS NOT NULL;

-- One round per confirmed booking: the round decider's state (src/dispatch/dispatch.ts) plus query columns.
-- next_check_at is when the dispatch tick must look at it again (a wave, an expiry, escalation, giving up);
-- null once the round stops offering.
CREATE TABLE dispatch_rounds (
  booking_id uuid PRIMARY KEY REFERENCES bookings (id),
  hub_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('offering', 'assigned', 'no_partner_found', 'closed')),
  state jsonb NOT NULL,
  version integer NOT NULL,
  next_check_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX dispatch_rounds_due_idx ON dispatch_rounds (next_check_at) WHERE status = 'offering';
CREATE INDEX dispatch_rounds_hub_offering_idx ON dispatch_rounds (hub_id) WHERE status = 'offering';

-- One offer of one job to one partner (src/dispatch/offer.ts). An accept is the conditional update of its
-- open row; a partner holds at most one open offer per job.
CREATE TABLE offers (
  id uuid PRIMARY KEY,
  -- checked at commit: a round's first wave is written before the round's row
  booking_id uuid NOT NULL REFERENCES dispatch_rounds (booking_id) DEFERRABLE INITIALLY DEFERRED,
  hub_id text NOT NULL,
  partner_id text NOT NULL,
  wave integer NOT NULL CHECK (wave >= 1),
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'expired', 'withdrawn')),
  -- why it was rejected (the partner's) or withdrawn (the round's)
  reason text,
  note text,
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  accept_until timestamptz NOT NULL,
  answered_at timestamptz,
  earning_paise bigint NOT NULL CHECK (earning_paise >= 0),
  distance_m integer NOT NULL CHECK (distance_m >= 0)
);
CREATE UNIQUE INDEX offers_open_once_idx ON offers (booking_id, partner_id) WHERE status = 'open';
CREATE INDEX offers_partner_open_idx ON offers (partner_id) WHERE status = 'open';
CREATE INDEX offers_booking_idx ON offers (booking_id, accept_until);

-- What a partner's reputation is computed from (src/dispatch/reputation.ts), counts only.
CREATE TABLE partner_standing (
  partner_id text PRIMARY KEY,
  rating_count integer NOT NULL DEFAULT 0,
  rating_sum integer NOT NULL DEFAULT 0,
  accepted_jobs integer NOT NULL DEFAULT 0,
  cancellations_after_accept integer NOT NULL DEFAULT 0,
  no_shows integer NOT NULL DEFAULT 0,
  -- idle time counts from here (or from coming on duty, whichever is later)
  last_job_finished_at timestamptz,
  updated_at timestamptz NOT NULL
);

-- one row per seed data set applied (npm start seeds the demo city's working hours once)
CREATE TABLE seed_markers (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
