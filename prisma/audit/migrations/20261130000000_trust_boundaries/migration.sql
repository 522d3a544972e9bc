-- Issue 12, trust boundaries.
-- Each event names the key its HMAC was computed with (AUDIT_HMAC_KEY_ID), so
-- events hashed before a key rotation still verify with the retired key. NULL
-- marks the events written before keyed hashing existed (plain SHA-256): they
-- verify only as the chain's oldest part, never after a keyed event.
ALTER TABLE "audit_events" ADD COLUMN "key_id" TEXT;

-- The request id the client sent (X-Request-Id), kept beside the server's own
-- request_id: a client cannot choose the id the log files are searched by.
ALTER TABLE "audit_events" ADD COLUMN "client_request_id" TEXT;

-- Access tokens revoked by logging out, until they would have expired anyway.
-- The runtime role needs only SELECT and INSERT here, as on audit_events.
CREATE TABLE "revoked_tokens" (
    "jti" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revoked_tokens_pkey" PRIMARY KEY ("jti")
);
