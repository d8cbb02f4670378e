CREATE TABLE customers (
  id uuid PRIMARY KEY,
  phone text NOT NULL UNIQUE,
  name text,
  email text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE partners (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  phone text NOT NULL UNIQUE,
  photo_url text,
  skills uuid[] NOT NULL DEFAULT '{}',
  hub_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'suspended')),
  status_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX partners_status_idx ON partners (status, id DESC);
CREATE INDEX partners_hub_idx ON partners (hub_id, id DESC);

-- admins and ops staff: email + argon2id password hash
CREATE TABLE staff (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'ops')),
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX staff_email_key ON staff (lower(email));

-- the durable record of sessions (who, since when, revoked why); their live state (active flag, current
-- refresh token) is in the cache, where every gateway instance sees it
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  account_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('customer', 'partner', 'admin', 'ops')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  last_refreshed_at timestamptz,
  revoked_at timestamptz,
  revoke_reason text,
  user_agent text
);
CREATE INDEX sessions_account_idx ON sessions (account_id, created_at DESC) WHERE revoked_at IS NULL;
