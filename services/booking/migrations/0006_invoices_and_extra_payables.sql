-- Tax invoices (src/invoices), issued when a booking completes, in the transaction that completes it;
-- and the extra payables of each booking.

-- The series each hub's invoices are numbered in (KORA in KORA/2627/000123), unique across hubs.
CREATE TABLE invoice_series (
  hub_id text PRIMARY KEY,
  series text NOT NULL UNIQUE CHECK (series ~ '^[A-Z0-9]{3,4}$')
);

-- The last serial given per hub and financial year: its row lock until commit makes the numbers gapless
-- (a rolled-back completion gives its number back) and consecutive.
CREATE TABLE invoice_counters (
  hub_id text NOT NULL,
  financial_year text NOT NULL CHECK (financial_year ~ '^\d{4}-\d{2}$'),
  last_serial integer NOT NULL CHECK (last_serial > 0),
  PRIMARY KEY (hub_id, financial_year)
);

-- One invoice per booking, with its issuer as it was when issued (the hub's registration may change later).
CREATE TABLE invoices (
  booking_id uuid PRIMARY KEY REFERENCES bookings (id),
  hub_id text NOT NULL,
  financial_year text NOT NULL,
  serial integer NOT NULL CHECK (serial > 0),
  number text NOT NULL UNIQUE CHECK (length(number) <= 16),
  -- { legalName, gstin, registeredAddress }; null: the hub had no GST registration (a receipt, not a tax invoice)
  issuer jsonb,
  sac text NOT NULL CHECK (sac ~ '^\d{6}$'),
  issued_at timestamptz NOT NULL,
  UNIQUE (hub_id, financial_year, serial)
);

-- Every extra payable a booking has had (a lowered extra gets a new one), so a late payment of an old one
-- still finds its booking (which refunds it): payments/payments.repository.ts resolvePayable.
CREATE TABLE extra_payables (
  payable_id uuid PRIMARY KEY,
  booking_id uuid NOT NULL REFERENCES bookings (id)
);
INSERT INTO extra_payables (payable_id, booking_id)
  SELECT extra_payable_id, id FROM bookings WHERE extra_payable_id IS NOT NULL;
