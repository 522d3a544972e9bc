-- Refresh Development from Production (issue 16): a refresh is stored like a
-- sync, in the same table, told apart by its direction. Every sync stored
-- before this migration went to Production.
ALTER TABLE "syncs" ADD COLUMN "direction" TEXT NOT NULL DEFAULT 'to_production';

ALTER TABLE "syncs" ADD CONSTRAINT "syncs_direction"
  CHECK ("direction" IN ('to_production', 'to_development'));

-- CreateIndex
CREATE INDEX "syncs_direction_requested_at_id_idx" ON "syncs"("direction", "requested_at", "id");
