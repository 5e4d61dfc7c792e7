-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "ovhPath" TEXT;

-- CreateIndex
CREATE INDEX "AuditEntry_tenantId_id_idx" ON "AuditEntry"("tenantId", "id");
