-- Repeatable: re-applied whenever this file changes. Signed deliveries (Standard Webhooks 1.0) and the
-- grants that keep tokens and signing secrets readable by the schema's owner only.
--
-- A signed delivery carries webhook-id (the queue item's id, the same across retries), webhook-timestamp
-- (Unix seconds at dispatch) and webhook-signature: v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>,
-- key = the base64 after whsec_. The body signed is convert_to(body::text, 'UTF8') of the very jsonb handed
-- to net.http_post in the same statement, which is what pg_net queues and sends (jsonb's text: a space
-- after each ':' and ','). Each attempt, a retry included, is signed afresh at dispatch, so its timestamp
-- is the attempt's. During a rotation's overlap both secrets sign: "v1,<new> v1,<old>".

-- ---- Secrets ------------------------------------------------------------------------------------

-- Raises unless the secret is whsec_ + base64 of at least 24 bytes; the message never repeats it.
CREATE OR REPLACE FUNCTION replication.check_signing_secret(secret text) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    key bytea;
BEGIN
    IF secret IS NULL OR left(secret, 6) <> 'whsec_' THEN
        RAISE EXCEPTION 'a signing secret is whsec_ followed by base64' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    BEGIN
        key := decode(substr(secret, 7), 'base64');
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION 'a signing secret is whsec_ followed by base64; this one is not base64'
            USING ERRCODE = 'invalid_parameter_value';
    END;
    IF length(key) < 24 THEN
        RAISE EXCEPTION 'a signing secret must hold at least 24 bytes once decoded, this one holds %', length(key)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;
COMMENT ON FUNCTION replication.check_signing_secret(text) IS
    'SND-SIG-01: a signing secret is whsec_ + base64 of at least 24 bytes (Standard Webhooks); the error never shows it';

-- Sets (or, with NULL, removes) an instance's signing secret, ending any rotation. Called by register_instance.
CREATE OR REPLACE FUNCTION replication.set_signing_secret(instance_id uuid, secret text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF set_signing_secret.secret IS NULL THEN
        DELETE FROM replication.signing_secrets s WHERE s.instance_id = set_signing_secret.instance_id;
        RETURN;
    END IF;
    PERFORM replication.check_signing_secret(set_signing_secret.secret);
    INSERT INTO replication.signing_secrets AS s (instance_id, secret)
    VALUES (set_signing_secret.instance_id, set_signing_secret.secret)
    ON CONFLICT ON CONSTRAINT signing_secrets_pkey DO UPDATE
       SET secret = excluded.secret, previous_secret = NULL, previous_until = NULL, updated_at = clock_timestamp();
END
$$;
COMMENT ON FUNCTION replication.set_signing_secret(uuid, text) IS
    'SND-SIG-01: sets or removes the secret every delivery to the instance is signed with';

-- Replaces an instance's secret; for `overlap` the old one keeps signing beside it, so receivers can
-- switch at any moment within it. Returns false for an unknown instance.
CREATE OR REPLACE FUNCTION replication.rotate_signing_secret(instance uuid, new_secret text, overlap interval DEFAULT '24 hours')
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM replication.check_signing_secret(new_secret);
    IF overlap IS NULL OR overlap < interval '0' THEN
        RAISE EXCEPTION 'overlap must be a non-negative interval' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM replication.instances i WHERE i.instance_id = instance) THEN
        RETURN false;
    END IF;
    INSERT INTO replication.signing_secrets AS s (instance_id, secret)
    VALUES (instance, new_secret)
    ON CONFLICT ON CONSTRAINT signing_secrets_pkey DO UPDATE
       SET previous_secret = CASE WHEN overlap > interval '0' THEN s.secret END,
           previous_until = CASE WHEN overlap > interval '0' THEN clock_timestamp() + overlap END,
           secret = excluded.secret,
           updated_at = clock_timestamp();
    RETURN true;
END
$$;
COMMENT ON FUNCTION replication.rotate_signing_secret(uuid, text, interval) IS
    'SND-SIG-01: rotation; while the overlap lasts each delivery carries both signatures, new first, space-separated';

-- ---- Signing ------------------------------------------------------------------------------------

-- One signature, v1,<base64>, of the bytes pg_net sends for `body`.
CREATE OR REPLACE FUNCTION replication.sign(secret text, webhook_id text, webhook_timestamp bigint, body jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'v1,' || encode(public.hmac(
               convert_to(webhook_id || '.' || webhook_timestamp || '.', 'UTF8') || convert_to(body::text, 'UTF8'),
               decode(substr(secret, 7), 'base64'),
               'sha256'), 'base64')
$$;
COMMENT ON FUNCTION replication.sign(text, text, bigint, jsonb) IS
    'SND-SIG-01: v1,<base64 HMAC-SHA256> over "{id}.{timestamp}." and convert_to(body::text, ''UTF8''), the bytes pg_net sends';

-- The Standard Webhooks headers of one attempt, or {} when the instance signs nothing. Called by
-- replication.dispatch with the body it hands to net.http_post, in the same statement.
CREATE OR REPLACE FUNCTION replication.signature_headers(instance_id uuid, webhook_id bigint, body jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE AS $$
    SELECT coalesce((
        SELECT jsonb_build_object(
                   'webhook-id', webhook_id::text,
                   'webhook-timestamp', t.ts::text,
                   'webhook-signature', replication.sign(s.secret, webhook_id::text, t.ts, body)
                       || CASE WHEN s.previous_until > clock_timestamp()
                               THEN ' ' || replication.sign(s.previous_secret, webhook_id::text, t.ts, body)
                               ELSE '' END)
          FROM replication.signing_secrets s,
               LATERAL (SELECT floor(extract(epoch FROM clock_timestamp()))::bigint AS ts) t
         WHERE s.instance_id = signature_headers.instance_id), '{}'::jsonb)
$$;
COMMENT ON FUNCTION replication.signature_headers(uuid, bigint, jsonb) IS
    'SND-SIG-01: webhook-id (the queue item), webhook-timestamp (now) and webhook-signature of each attempt, signed afresh';

-- ---- Grants (SND-SEC-01) -------------------------------------------------------------------------------------

-- Tokens (instances.auth_token) and signing secrets are readable by the schema's owner only; so are
-- pg_net's queued requests, whose headers hold the bearer token until they are sent. A function that
-- signs is an oracle for forged deliveries: only the owner may call it. Status functions show whether
-- a token or secret is set, never its value (replication.instance_json).
REVOKE ALL ON replication.instances, replication.signing_secrets FROM PUBLIC;
REVOKE ALL ON net.http_request_queue FROM PUBLIC;
-- And from any role granted them by name (pg_net's own install grants some): only the owner keeps them.
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN
        SELECT DISTINCT c.oid::regclass AS tbl, a.grantee::regrole AS grantee
          FROM pg_class c, LATERAL aclexplode(c.relacl) a
         WHERE c.oid IN ('replication.instances'::regclass, 'replication.signing_secrets'::regclass,
                         'net.http_request_queue'::regclass)
           AND a.grantee <> 0 AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('REVOKE ALL ON %s FROM %s', g.tbl, g.grantee);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION replication.sign(text, text, bigint, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION replication.signature_headers(uuid, bigint, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION replication.set_signing_secret(uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION replication.rotate_signing_secret(uuid, text, interval) FROM PUBLIC;
