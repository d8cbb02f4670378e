CREATE TABLE categories (
  id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]*$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  image_url text,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- services created before categories were entities keep working: each slug they use becomes a category
INSERT INTO categories (id, name, created_at, updated_at)
SELECT DISTINCT category, initcap(replace(category, '-', ' ')), now(), now() FROM services;

ALTER TABLE services
  ADD COLUMN description text NOT NULL DEFAULT '',
  ADD COLUMN image_url text,
  ADD COLUMN included_minutes integer NOT NULL DEFAULT 60 CHECK (included_minutes > 0),
  ADD COLUMN grace_minutes integer NOT NULL DEFAULT 10 CHECK (grace_minutes >= 0),
  ADD COLUMN extra_block_minutes integer NOT NULL DEFAULT 30 CHECK (extra_block_minutes > 0),
  ADD COLUMN extra_block_price_paise bigint NOT NULL DEFAULT 0 CHECK (extra_block_price_paise >= 0),
  ADD COLUMN tax_rate_basis_points integer NOT NULL DEFAULT 1800
    CHECK (tax_rate_basis_points BETWEEN 0 AND 10000),
  ADD COLUMN skill text,
  ADD COLUMN is_active boolean NOT NULL DEFAULT true,
  ADD COLUMN updated_at timestamptz;
UPDATE services SET skill = category, updated_at = created_at;
ALTER TABLE services
  ALTER COLUMN skill SET NOT NULL,
  ALTER COLUMN updated_at SET NOT NULL,
  ADD CONSTRAINT services_category_fkey FOREIGN KEY (category) REFERENCES categories (id);
CREATE INDEX services_category_idx ON services (category);

-- one row per seed data set applied (npm start seeds the demo city once)
CREATE TABLE seed_markers (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
