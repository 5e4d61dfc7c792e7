-- P, the time of one full pass over an account's domain details as its sync computes it (the
-- larger of the pass's calls at the sync's budget and the pace the syncing process measured):
-- a change made outside the gateway appears within max(MIRROR_DETAIL_MAX_AGE, P). Kept by the
-- process that syncs the account, so the status answers it from any process.
ALTER TABLE "MirrorAccount" ADD COLUMN "detailPassMs" INTEGER;
