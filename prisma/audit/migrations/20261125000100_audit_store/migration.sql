-- CreateTable
CREATE TABLE "audit_events" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "request_id" TEXT,
    "client_ip" TEXT,
    "payload" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "comparisons" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "summary" JSONB,

    CONSTRAINT "comparisons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comparison_records" (
    "comparison_id" UUID NOT NULL,
    "table_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "record_id" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3),
    "columns" TEXT[],

    CONSTRAINT "comparison_records_pkey" PRIMARY KEY ("comparison_id","table_name","kind","position")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_id_key" ON "audit_events"("id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_prev_hash_key" ON "audit_events"("prev_hash");

-- CreateIndex
CREATE INDEX "audit_events_type_seq_idx" ON "audit_events"("type", "seq");

-- CreateIndex
CREATE INDEX "audit_events_actor_email_seq_idx" ON "audit_events"("actor_email", "seq");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");

-- CreateIndex
CREATE INDEX "comparisons_started_at_id_idx" ON "comparisons"("started_at", "id");

-- AddForeignKey
ALTER TABLE "comparison_records" ADD CONSTRAINT "comparison_records_comparison_id_fkey" FOREIGN KEY ("comparison_id") REFERENCES "comparisons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Constraints Prisma's schema language cannot express. The hashes are
-- lowercase hex SHA-256; a unique prev_hash (index above) means two events can
-- never claim the same predecessor, so even a writer that skipped the append
-- lock could not fork the chain.
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_hash_format"
  CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$');

-- A comparison is complete once its summary is saved; until then the three
-- columns stay NULL together (records are being written, or the run failed).
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_completed_together"
  CHECK (("finished_at" IS NULL) = ("summary" IS NULL) AND ("finished_at" IS NULL) = ("duration_ms" IS NULL));

ALTER TABLE "comparison_records" ADD CONSTRAINT "comparison_records_kind"
  CHECK ("kind" IN ('missingInProduction', 'missingInDevelopment', 'differing') AND "position" >= 0);

-- The audit log is append-only: nobody, not even Vantix Sync itself, may
-- rewrite or remove an event. (A superuser can still disable the triggers;
-- the hash chain is what reveals that — GET /api/audit/verify.)
CREATE FUNCTION "audit_events_reject_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_reject_change"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_reject_change"();
