-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "ovhAccount" TEXT,
ADD COLUMN     "ovhEndpoint" TEXT;

-- AlterTable: the carts recorded so far are on the endpoint of their tenant, resolved as the gateway
-- resolves it (src/modules/orders/ovh-scope.ts), their account unknown (null).
ALTER TABLE "OvhCart" ADD COLUMN     "ovhAccount" TEXT,
ADD COLUMN     "ovhEndpoint" TEXT;

UPDATE "OvhCart" AS c SET "ovhEndpoint" = CASE t."ovhEndpoint"
    WHEN 'ovh-eu' THEN 'https://eu.api.ovh.com/1.0'
    WHEN 'ovh-ca' THEN 'https://ca.api.ovh.com/1.0'
    WHEN 'ovh-us' THEN 'https://api.us.ovhcloud.com/1.0'
    WHEN 'sandbox' THEN 'sandbox'
    ELSE rtrim(t."ovhEndpoint", '/')
  END
FROM "Tenant" AS t WHERE t."id" = c."tenantId";

ALTER TABLE "OvhCart" ALTER COLUMN "ovhEndpoint" SET NOT NULL,
DROP CONSTRAINT "OvhCart_pkey",
ADD CONSTRAINT "OvhCart_pkey" PRIMARY KEY ("ovhEndpoint", "cartId");

-- AlterTable
ALTER TABLE "OvhCredential" ADD COLUMN     "ovhAccount" TEXT;

-- AlterTable
ALTER TABLE "SearchCart" ADD COLUMN     "ovhEndpoint" TEXT;

-- CreateTable
CREATE TABLE "DomainHold" (
    "tenantId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "orderId" BIGINT,
    "ovhEndpoint" TEXT NOT NULL,
    "ovhAccount" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DomainHold_pkey" PRIMARY KEY ("tenantId","domain")
);

-- CreateIndex
CREATE INDEX "DomainHold_tenantId_key_idx" ON "DomainHold"("tenantId", "key");

-- CreateIndex
CREATE INDEX "OvhCart_ovhEndpoint_orderId_idx" ON "OvhCart"("ovhEndpoint", "orderId");

-- AddForeignKey
ALTER TABLE "DomainHold" ADD CONSTRAINT "DomainHold_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
