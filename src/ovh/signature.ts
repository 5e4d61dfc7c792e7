// OVH's request signature ("$1$" scheme), as computed by the official SDKs.
// @see docs/OVH-API.md 2.3 and ovh/node-ovh lib/ovh.js signRequest
import { createHash } from 'node:crypto'

export interface SignatureInput {
  applicationSecret: string
  consumerKey: string
  method: string
  // The absolute URL exactly as requested, query string included.
  url: string
  // The exact body text sent on the wire; '' when there is none.
  body: string
  timestamp: number | string
}

export function signRequest (input: SignatureInput): string {
  const payload = [
    input.applicationSecret,
    input.consumerKey,
    input.method.toUpperCase(),
    input.url,
    input.body,
    String(input.timestamp)
  ].join('+')
  return '$1$' + createHash('sha1').update(payload, 'utf8').digest('hex')
}
