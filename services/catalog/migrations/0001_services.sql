CREATE TABLE services (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  category text NOT NULL,
  base_price_paise bigint NOT NULL CHECK (base_price_paise >= 0),
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX services_name_key ON services (lower(name));

-- read model kept by the catalog.category-stats consumer; counting twice would show in these numbers
CREATE TABLE category_stats (
  category text PRIMARY KEY,
  service_count integer NOT NULL CHECK (service_count >= 0)
);
