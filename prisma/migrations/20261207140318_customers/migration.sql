-- End customers: a tenant's customers, the domains each owns, the users limited to some of them,
-- and the user whose consumer key signs for customer users without a key of their own.

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "customerKeyUserId" UUID;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "customerLimited" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerDomain" (
    "tenantId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "customerId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerDomain_pkey" PRIMARY KEY ("tenantId","domain")
);

-- CreateTable
CREATE TABLE "UserCustomer" (
    "userId" UUID NOT NULL,
    "customerId" UUID NOT NULL,

    CONSTRAINT "UserCustomer_pkey" PRIMARY KEY ("userId","customerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_tenantId_reference_key" ON "Customer"("tenantId", "reference");

-- CreateIndex
CREATE INDEX "CustomerDomain_customerId_idx" ON "CustomerDomain"("customerId");

-- CreateIndex
CREATE INDEX "UserCustomer_customerId_idx" ON "UserCustomer"("customerId");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerDomain" ADD CONSTRAINT "CustomerDomain_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserCustomer" ADD CONSTRAINT "UserCustomer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserCustomer" ADD CONSTRAINT "UserCustomer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
