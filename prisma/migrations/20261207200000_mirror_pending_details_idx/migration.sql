-- The domains listed but not read yet (the first sync's work, and new domains later), in name
-- order: at 100,000 domains the first sync looked for its next 50 by scanning every row of the
-- account (600 ms a batch once 9,000 were read), since most rows hold their details. Partial:
-- only the rows still without details are in it, so it is empty once the portfolio is read.
-- Prisma's schema cannot say WHERE: this index lives in SQL only (see schema.prisma, model
-- MirrorDomain).
CREATE INDEX "MirrorDomain_pending_details_idx" ON "MirrorDomain" ("accountId", "name")
  WHERE "detail" IS NULL;
