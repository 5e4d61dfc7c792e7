// Standard Webhooks (standardwebhooks.com): the secret is `whsec_` + base64 of 24 to 64 random bytes;
// a delivery is signed `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` with
// those bytes. A few lines of node:crypto; the reference `standardwebhooks` package adds nothing
// the gateway needs and verifies rather than signs.
import { createHmac, randomBytes } from 'node:crypto'

const PREFIX = 'whsec_'

export function newWebhookSecret (): string {
  return PREFIX + randomBytes(32).toString('base64')
}

function keyOf (secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64')
}

export function signDelivery (secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')
  return `v1,${mac}`
}

/** The headers of one delivery attempt (the timestamp is the attempt's, as the convention says). */
export function deliveryHeaders (secret: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000)
  return {
    'content-type': 'application/json',
    'user-agent': 'ovh-reseller-gateway-webhooks',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signDelivery(secret, id, timestamp, body)
  }
}
