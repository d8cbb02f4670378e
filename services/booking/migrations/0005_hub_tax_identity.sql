-- Who a hub's receipts are issued by, from locations' hub events ({ legalName, gstin, registeredAddress });
-- null while the hub has none, or until booking hears an event that carries it.
ALTER TABLE hubs ADD COLUMN tax_identity jsonb;
