-- What a customer may pay for, learned from the booking service's events (a read model: booking decides).
-- Only holds for now; a later kind (extra charges after the job) gets its own ids for the same booking.
-- A payable closed before its booking.held arrived (events out of order) is a row without terms yet.
CREATE TABLE payables (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('hold')),
  booking_id uuid NOT NULL,
  customer_id text NOT NULL,
  hub_id text NOT NULL,
  amount_paise bigint CHECK (amount_paise >= 100),
  currency text CHECK (currency = 'INR'),
  expires_at timestamptz,
  state text NOT NULL CHECK (state IN ('open', 'closed')),
  closed_by text,
  updated_at timestamptz NOT NULL,
  CHECK (kind <> 'hold' OR id = booking_id),
  CHECK (state = 'closed' OR (amount_paise IS NOT NULL AND currency IS NOT NULL)),
  CHECK ((state = 'closed') = (closed_by IS NOT NULL))
);

-- one holder of a job at a time across instances; a lease that lapses, so a crashed holder blocks no one for long
CREATE TABLE job_leases (
  job text PRIMARY KEY,
  holder uuid NOT NULL,
  acquired_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
