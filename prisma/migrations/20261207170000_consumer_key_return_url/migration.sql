-- Where the consumer-key callback sends the user's browser once OVH is done (the tenant's own page).

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "consumerKeyReturnUrl" TEXT;
