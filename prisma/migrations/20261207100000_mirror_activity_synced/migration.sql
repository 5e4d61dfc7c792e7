-- When the account's tasks and orders were last read whole (every new and open one): task and
-- order lists are answered from the mirror only once this is set (src/mirror/view.ts).
ALTER TABLE "MirrorAccount" ADD COLUMN "lastActivityAt" TIMESTAMP(3);
