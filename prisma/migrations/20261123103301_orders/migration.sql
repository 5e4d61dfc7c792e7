-- CreateEnum
CREATE TYPE "PriceMarginType" AS ENUM ('percent', 'fixed');

-- CreateEnum
CREATE TYPE "PriceRounding" AS ENUM ('none', 'up_to_unit', 'up_to_99');

-- CreateEnum
CREATE TYPE "IdempotencyState" AS ENUM ('pending', 'succeeded', 'failed', 'unknown');

-- CreateTable
CREATE TABLE "PriceRule" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "tld" TEXT NOT NULL,
    "marginType" "PriceMarginType" NOT NULL,
    "marginValue" DECIMAL(12,4) NOT NULL,
    "rounding" "PriceRounding" NOT NULL DEFAULT 'none',
    "updatedBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PriceRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchCart" (
    "userId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "cartId" TEXT NOT NULL,
    "ovhSubsidiary" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchCart_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "OvhCart" (
    "cartId" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "checkedOutAt" TIMESTAMP(3),
    "orderId" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OvhCart_pkey" PRIMARY KEY ("cartId")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "state" "IdempotencyState" NOT NULL,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "response" JSONB,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PriceRule_tenantId_tld_key" ON "PriceRule"("tenantId", "tld");

-- CreateIndex
CREATE INDEX "OvhCart_userId_idx" ON "OvhCart"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_tenantId_key_key" ON "IdempotencyRecord"("tenantId", "key");

-- AddForeignKey
ALTER TABLE "PriceRule" ADD CONSTRAINT "PriceRule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchCart" ADD CONSTRAINT "SearchCart_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OvhCart" ADD CONSTRAINT "OvhCart_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
