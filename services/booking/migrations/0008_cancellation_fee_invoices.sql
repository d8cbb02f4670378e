-- A paid booking cancelled with a fee kept is invoiced for that fee (a supply of its own under GST), in the
-- series and numbering of the hub's service invoices.
ALTER TABLE invoices
  ADD COLUMN supply text NOT NULL DEFAULT 'service' CHECK (supply IN ('service', 'cancellation_fee')),
  ADD COLUMN fee_paise bigint CHECK (fee_paise > 0),
  ADD CONSTRAINT invoices_fee_of_its_supply CHECK ((supply = 'cancellation_fee') = (fee_paise IS NOT NULL));
