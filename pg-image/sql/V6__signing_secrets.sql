-- V6: signed deliveries (Standard Webhooks). Released: never edit this file.
--
-- pgcrypto computes the HMAC-SHA256 of each delivery (replication.signature_headers, R__07_signing).
-- Its functions are called schema-qualified as public.hmac, so it is installed in public.
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

-- An instance's signing secret (whsec_ + base64 of at least 24 bytes), and during a rotation's overlap the
-- secret it replaced: both sign until previous_until. A table of its own, so that the instance registry
-- can be read without ever touching a secret; readable by the schema's owner only (grants in R__07_signing).
CREATE TABLE replication.signing_secrets (
    instance_id     uuid PRIMARY KEY REFERENCES replication.instances (instance_id) ON DELETE CASCADE,
    secret          text NOT NULL CHECK (secret LIKE 'whsec\_%'),
    previous_secret text CHECK (previous_secret LIKE 'whsec\_%'),
    previous_until  timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT signing_secrets_overlap CHECK ((previous_secret IS NULL) = (previous_until IS NULL))
);
