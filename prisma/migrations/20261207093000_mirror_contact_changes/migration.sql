-- Contact-change requests of a mirrored account, followed for their status events.
CREATE TABLE "MirrorContactChange" (
    "accountId" UUID NOT NULL,
    "id" BIGINT NOT NULL,
    "tenantId" UUID NOT NULL,
    "domain" TEXT,
    "state" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MirrorContactChange_pkey" PRIMARY KEY ("accountId","id")
);

ALTER TABLE "MirrorContactChange" ADD CONSTRAINT "MirrorContactChange_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "MirrorAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
