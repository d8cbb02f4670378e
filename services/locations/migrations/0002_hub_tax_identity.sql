-- Who a hub's receipts are issued by, for GST: all three or none (hubs have none until an admin sets them).
-- The service checks the GSTIN's check character; the table keeps at least its shape.
ALTER TABLE hubs
  ADD COLUMN legal_name text,
  ADD COLUMN gstin text CHECK (gstin ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'),
  ADD COLUMN registered_address text,
  ADD CONSTRAINT hubs_tax_identity_whole
    CHECK ((legal_name IS NULL) = (gstin IS NULL) AND (gstin IS NULL) = (registered_address IS NULL));
