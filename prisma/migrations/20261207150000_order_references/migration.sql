-- The tenant's own reference for each sale (clientReference), stored with the orders the gateway
-- places and searchable among orders.

-- CreateTable
CREATE TABLE "OrderReference" (
    "ovhEndpoint" TEXT NOT NULL,
    "ovhAccount" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "tenantId" UUID NOT NULL,
    "clientReference" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderReference_pkey" PRIMARY KEY ("ovhEndpoint","ovhAccount","orderId")
);

-- CreateIndex
CREATE INDEX "OrderReference_tenantId_clientReference_idx" ON "OrderReference"("tenantId", "clientReference");

-- AddForeignKey
ALTER TABLE "OrderReference" ADD CONSTRAINT "OrderReference_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
