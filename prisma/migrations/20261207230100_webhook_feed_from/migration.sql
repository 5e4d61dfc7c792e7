-- Where each webhook endpoint starts in the event feed (src/modules/webhooks/dispatch.ts).
-- Existing endpoints keep NULL: the dispatcher compares their createdAt as before.
ALTER TABLE "WebhookEndpoint" ADD COLUMN "feedFrom" xid8;
