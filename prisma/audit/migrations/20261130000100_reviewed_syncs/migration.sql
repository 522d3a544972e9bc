-- Pinned review (issue 14): each record a comparison lists as missing in
-- Production keeps its fingerprint, so a sync writes only what was reviewed.
-- NULL for the other kinds, and for comparisons stored before this migration
-- (a sync refuses to pin from those: the record has no fingerprint).
ALTER TABLE "comparison_records" ADD COLUMN "fingerprint" TEXT;
ALTER TABLE "comparison_records" ADD COLUMN "column_digests" JSONB;

-- CreateTable
CREATE TABLE "syncs" (
    "id" UUID NOT NULL,
    "comparison_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "actor_id" TEXT,
    "actor_email" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "summary" JSONB,
    "results" JSONB,
    "recheck_comparison_id" UUID,
    "error" TEXT,

    CONSTRAINT "syncs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "syncs_requested_at_id_idx" ON "syncs"("requested_at", "id");

-- CreateIndex
CREATE INDEX "syncs_status_requested_at_id_idx" ON "syncs"("status", "requested_at", "id");

ALTER TABLE "syncs" ADD CONSTRAINT "syncs_status"
  CHECK ("status" IN ('running', 'committed', 'rolled_back', 'nothing_to_do', 'failed'));
