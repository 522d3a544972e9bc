-- Provenance (issue 14): every Production record a sync inserted, written in
-- the transaction that stores the sync's results, so "which sync wrote this
-- record?" is one index lookup. prod_fingerprint is the row's digest read back
-- in Production before COMMIT (NULL if the sync did not report one).
CREATE TABLE "synced_records" (
    "sync_id" UUID NOT NULL,
    "table_name" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "prod_fingerprint" TEXT,
    "inserted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "synced_records_pkey" PRIMARY KEY ("sync_id", "table_name", "record_id"),
    CONSTRAINT "synced_records_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "synced_records_table_name_record_id_idx" ON "synced_records"("table_name", "record_id");

-- The evidence bundle lists every event naming a sync: without this, each
-- bundle would scan the whole audit log.
CREATE INDEX "audit_events_sync_id_idx" ON "audit_events" (("payload" ->> 'syncId'), "seq") WHERE "payload" ? 'syncId';
