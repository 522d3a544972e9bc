-- Two-person approval (issue 14, item 3): with SYNC_APPROVALS=2 a sync request
-- is stored as pending_approval with its pinned plan until another admin
-- approves it (then it runs like a direct sync), rejects it, its requester
-- cancels it, or it expires.
ALTER TABLE "syncs" ADD COLUMN "approvals" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "syncs" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
-- The request's options the approver's run needs (includeParents, allowAdminAccounts,
-- acknowledgeDroppedColumns, skipChanged); the selection is the pinned plan itself.
ALTER TABLE "syncs" ADD COLUMN "options" JSONB;
-- Who rejected or cancelled the request, when, and why.
ALTER TABLE "syncs" ADD COLUMN "decision" JSONB;

ALTER TABLE "syncs" DROP CONSTRAINT "syncs_status";
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_status"
  CHECK ("status" IN ('running', 'committed', 'rolled_back', 'nothing_to_do', 'failed',
                      'pending_approval', 'rejected', 'cancelled', 'expired'));

-- A pending request keeps its expiry; no other status needs one.
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_pending_expires"
  CHECK ("status" <> 'pending_approval' OR "expires_at" IS NOT NULL);

-- CreateIndex
CREATE INDEX "syncs_status_expires_at_idx" ON "syncs"("status", "expires_at");
