-- A mirrored order's lines and bill id, so that the orders list's domain filter, the orders CSV
-- and Order.bill are answered from the mirror (docs/mirror-reads.md) instead of one to three OVH
-- calls per order. Both are filled by the sync, and null until it read them.

-- AlterTable
ALTER TABLE "MirrorOrder" ADD COLUMN "billId" TEXT,
ADD COLUMN "lines" JSONB;
