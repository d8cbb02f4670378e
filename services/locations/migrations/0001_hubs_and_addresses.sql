-- bumped on every hub insert and update: a resolver instance reloads its in-memory index when the maximum moves
CREATE SEQUENCE hub_revision;

CREATE TABLE hubs (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL,
  timezone text NOT NULL,
  polygon jsonb NOT NULL,
  min_lng double precision NOT NULL,
  min_lat double precision NOT NULL,
  max_lng double precision NOT NULL,
  max_lat double precision NOT NULL,
  area_m2 double precision NOT NULL CHECK (area_m2 > 0),
  is_active boolean NOT NULL,
  revision bigint NOT NULL DEFAULT nextval('hub_revision'),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX hubs_city_name_key ON hubs (lower(city), lower(name));
CREATE INDEX hubs_revision_idx ON hubs (revision);

CREATE TABLE addresses (
  id uuid PRIMARY KEY,
  customer_id text NOT NULL,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 30),
  label_kind text NOT NULL CHECK (label_kind IN ('home', 'work', 'other')),
  line1 text NOT NULL CHECK (length(line1) >= 1),
  landmark text,
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  is_default boolean NOT NULL,
  -- null: outside every active hub ("not serviceable yet", with the reason shown to the customer)
  hub_id uuid REFERENCES hubs (id),
  not_serviceable_reason text,
  resolved_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((hub_id IS NULL) = (not_serviceable_reason IS NOT NULL))
);
-- exactly one default per customer: at most one here, at least one kept by the service
CREATE UNIQUE INDEX addresses_one_default ON addresses (customer_id) WHERE is_default;
CREATE INDEX addresses_customer_idx ON addresses (customer_id, created_at);
-- a hub edit re-resolves the addresses inside its old and new bounding boxes
CREATE INDEX addresses_pin_idx ON addresses USING gist (point(lng, lat));
CREATE INDEX addresses_hub_idx ON addresses (hub_id);

CREATE TABLE seed_markers (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
