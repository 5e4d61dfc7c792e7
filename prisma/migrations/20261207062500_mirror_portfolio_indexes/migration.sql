-- Portfolio counts and name searches at 100,000 domains without scanning the table's wide rows
-- (each holds the domain's OVH object as jsonb).

-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (PostgreSQL 13+): a database
-- owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- `name LIKE '%text%'` (nameContains): trigram index instead of reading every name.
CREATE INDEX "MirrorDomain_name_trgm_idx" ON "MirrorDomain" USING GIN ("name" gin_trgm_ops);

-- Counts by state and TLD, totals: every column a portfolio filter or an access rule reads, over
-- the rows the portfolio shows (details read), so PostgreSQL answers from the index alone
-- (index-only scan) instead of reading the heap. Prisma's schema cannot say INCLUDE or WHERE:
-- this index lives in SQL only (see schema.prisma, model MirrorDomain).
CREATE INDEX "MirrorDomain_portfolio_counts_idx" ON "MirrorDomain" ("accountId", "state", "tld")
  INCLUDE ("tenantId", "name", "renewalState", "transferLock", "nameServerType", "expiresAt")
  WHERE "detail" IS NOT NULL;
