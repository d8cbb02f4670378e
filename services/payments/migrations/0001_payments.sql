-- one Razorpay order per hold: the unique hold_id and receipt are what make a retried create find it again
CREATE TABLE orders (
  id uuid PRIMARY KEY,
  hold_id uuid NOT NULL UNIQUE,
  customer_id text NOT NULL,
  amount_paise bigint NOT NULL CHECK (amount_paise >= 100),
  currency text NOT NULL CHECK (currency = 'INR'),
  receipt text NOT NULL UNIQUE CHECK (length(receipt) <= 40),
  razorpay_order_id text UNIQUE,
  status text NOT NULL CHECK (status IN ('pending', 'created', 'attempted', 'paid', 'abandoned')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  reconciled_at timestamptz,
  CHECK (razorpay_order_id IS NOT NULL OR status IN ('pending', 'abandoned'))
);
CREATE INDEX orders_open_idx ON orders (created_at) WHERE status IN ('pending', 'created', 'attempted');
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at);

CREATE TABLE payments (
  id uuid PRIMARY KEY,
  razorpay_payment_id text NOT NULL UNIQUE,
  order_id uuid NOT NULL REFERENCES orders (id),
  amount_paise bigint NOT NULL CHECK (amount_paise > 0),
  status text NOT NULL CHECK (status IN ('authorized', 'captured', 'failed')),
  method text,
  verified_by text CHECK (verified_by IN ('checkout', 'webhook', 'reconciliation')),
  error_code text,
  error_reason text,
  error_description text,
  captured_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'captured') = (captured_at IS NOT NULL AND verified_by IS NOT NULL))
);
CREATE INDEX payments_order_idx ON payments (order_id);

CREATE TABLE refunds (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payments (id),
  razorpay_refund_id text UNIQUE,
  amount_paise bigint NOT NULL CHECK (amount_paise > 0),
  status text NOT NULL CHECK (status IN ('requested', 'pending', 'processed', 'failed')),
  reason text NOT NULL,
  requested_by text NOT NULL,
  failure text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  processed_at timestamptz
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id);
CREATE INDEX refunds_open_idx ON refunds (updated_at) WHERE status IN ('requested', 'pending');

CREATE TABLE ledger_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  journal_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('capture', 'refund_accepted', 'refund_processed', 'refund_reversed')),
  account text NOT NULL,
  amount_paise bigint NOT NULL CHECK (amount_paise <> 0),
  payment_id uuid NOT NULL REFERENCES payments (id),
  refund_id uuid REFERENCES refunds (id),
  hold_id uuid NOT NULL,
  created_at timestamptz NOT NULL
);
-- a fact posts once: a second capture (or refund step) of the same payment fails instead of counting twice
CREATE UNIQUE INDEX ledger_entries_once_idx ON ledger_entries
  (kind, payment_id, COALESCE(refund_id, '00000000-0000-0000-0000-000000000000'::uuid), account);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account);
CREATE INDEX ledger_entries_journal_idx ON ledger_entries (journal_id);

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only; post a reversing journal instead';
END
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();

-- Razorpay webhook deliveries seen, by x-razorpay-event-id, committed with the effect of the event
CREATE TABLE webhook_events (
  event_id text PRIMARY KEY,
  event text NOT NULL,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX webhook_events_received_idx ON webhook_events (received_at);

-- facts that did not fit our records (wrong amount or order, refunds Razorpay refused): for a person
CREATE TABLE reviews (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  source text NOT NULL,
  razorpay_order_id text,
  razorpay_payment_id text,
  detail text NOT NULL,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE INDEX reviews_open_idx ON reviews (created_at) WHERE resolved_at IS NULL;
