-- CreateEnum
CREATE TYPE "CredentialPurpose" AS ENUM ('user', 'sync');

-- CreateEnum
CREATE TYPE "MirrorSyncState" AS ENUM ('pending', 'initial', 'ready', 'failed');

-- AlterTable
ALTER TABLE "OvhCredential" ADD COLUMN     "purpose" "CredentialPurpose" NOT NULL DEFAULT 'user';

-- CreateTable
CREATE TABLE "MirrorAccount" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ovhEndpoint" TEXT NOT NULL,
    "ovhAccount" TEXT NOT NULL,
    "state" "MirrorSyncState" NOT NULL DEFAULT 'pending',
    "domainsKnown" INTEGER NOT NULL DEFAULT 0,
    "domainsSynced" INTEGER NOT NULL DEFAULT 0,
    "lastListAt" TIMESTAMP(3),
    "lastFullSyncAt" TIMESTAMP(3),
    "callsUsed" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MirrorAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MirrorDomain" (
    "accountId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "tld" TEXT NOT NULL,
    "serviceId" BIGINT,
    "state" TEXT,
    "expiresAt" TIMESTAMP(3),
    "creationDate" TIMESTAMP(3),
    "renewalState" TEXT,
    "renewalPeriod" INTEGER,
    "transferLock" TEXT,
    "nameServerType" TEXT,
    "nameServers" TEXT[],
    "ownerContactId" TEXT,
    "detail" JSONB,
    "service" JSONB,
    "syncedAt" TIMESTAMP(3) NOT NULL,
    "serviceSyncedAt" TIMESTAMP(3),

    CONSTRAINT "MirrorDomain_pkey" PRIMARY KEY ("accountId","name")
);

-- CreateTable
CREATE TABLE "MirrorTask" (
    "accountId" UUID NOT NULL,
    "id" BIGINT NOT NULL,
    "tenantId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "function" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "todoDate" TIMESTAMP(3),
    "lastUpdate" TIMESTAMP(3),
    "doneDate" TIMESTAMP(3),
    "detail" JSONB NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MirrorTask_pkey" PRIMARY KEY ("accountId","id")
);

-- CreateTable
CREATE TABLE "MirrorOrder" (
    "accountId" UUID NOT NULL,
    "id" BIGINT NOT NULL,
    "tenantId" UUID NOT NULL,
    "date" TIMESTAMP(3),
    "status" TEXT,
    "detail" JSONB NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MirrorOrder_pkey" PRIMARY KEY ("accountId","id")
);

-- CreateTable
CREATE TABLE "MirrorContact" (
    "accountId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "detail" JSONB NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MirrorContact_pkey" PRIMARY KEY ("accountId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MirrorAccount_tenantId_ovhEndpoint_ovhAccount_key" ON "MirrorAccount"("tenantId", "ovhEndpoint", "ovhAccount");

-- CreateIndex
CREATE INDEX "MirrorDomain_tenantId_accountId_idx" ON "MirrorDomain"("tenantId", "accountId");

-- CreateIndex
CREATE INDEX "MirrorDomain_accountId_expiresAt_name_idx" ON "MirrorDomain"("accountId", "expiresAt", "name");

-- CreateIndex
CREATE INDEX "MirrorDomain_accountId_state_name_idx" ON "MirrorDomain"("accountId", "state", "name");

-- CreateIndex
CREATE INDEX "MirrorDomain_accountId_tld_name_idx" ON "MirrorDomain"("accountId", "tld", "name");

-- CreateIndex
CREATE INDEX "MirrorDomain_accountId_creationDate_name_idx" ON "MirrorDomain"("accountId", "creationDate", "name");

-- CreateIndex
CREATE INDEX "MirrorDomain_accountId_syncedAt_idx" ON "MirrorDomain"("accountId", "syncedAt");

-- CreateIndex
CREATE INDEX "MirrorTask_accountId_domain_idx" ON "MirrorTask"("accountId", "domain");

-- CreateIndex
CREATE INDEX "MirrorTask_accountId_status_idx" ON "MirrorTask"("accountId", "status");

-- CreateIndex
CREATE INDEX "MirrorOrder_accountId_date_idx" ON "MirrorOrder"("accountId", "date" DESC);

-- AddForeignKey
ALTER TABLE "MirrorAccount" ADD CONSTRAINT "MirrorAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MirrorDomain" ADD CONSTRAINT "MirrorDomain_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "MirrorAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MirrorTask" ADD CONSTRAINT "MirrorTask_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "MirrorAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MirrorOrder" ADD CONSTRAINT "MirrorOrder_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "MirrorAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MirrorContact" ADD CONSTRAINT "MirrorContact_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "MirrorAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
