// The zone file of a saved version, behind the link OVH gives with it (GET .../history/{date}
// zoneFileUrl). The link needs no signature, but it is still a call to OVH on the caller's behalf:
// it spends one call of the consumer key's budget before it is made, and it is only followed to
// OVH's own hosts, so an answer OVH did not give (or a tampered mirror, or a misconfigured
// endpoint) cannot make the gateway fetch an arbitrary URL (SSRF).
import { request } from 'undici'
import { gatewayError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { ZONE_FILE_MAX } from './zone-service.js'

// OVH's answer must come quickly and be a zone file: bounded in time and size like an import.
const ZONE_FILE_TIMEOUT_MS = 10_000
export const ZONE_FILE_LINK_MAX_BYTES = 6 * ZONE_FILE_MAX
// The domains OVH serves its API and its storage from, in every region (OVH, Kimsufi and So you
// Start are all under these). Only https.
const OVH_HOST_SUFFIXES = ['.ovh.net', '.ovh.com', '.ovhcloud.com', '.ovh.ca', '.ovh.us']

const unusable = (why: string): Error => gatewayError('UPSTREAM_UNAVAILABLE', why, undefined, 502)

/**
 * The link as a URL the gateway may follow: on the origin of the tenant's OVH endpoint (the
 * sandbox serves its files there), or over https on one of OVH's hosts. Throws otherwise.
 */
export function zoneFileLink (url: string, ovhBaseUrl: string): URL {
  let link: URL
  try {
    link = new URL(url)
  } catch {
    throw unusable('OVH gave no usable link to the zone file')
  }
  const sameOrigin = link.origin === new URL(ovhBaseUrl).origin
  const ovhHost = link.protocol === 'https:' && OVH_HOST_SUFFIXES.some(suffix => link.hostname.endsWith(suffix))
  if (link.username !== '' || link.password !== '' || !(sameOrigin || ovhHost)) {
    throw unusable('the link to the zone file does not point to OVH: it was not followed')
  }
  return link
}

/** The zone file behind OVH's link: one call of the caller's budget, bounded in time and size. */
export async function fetchZoneFile (caller: Caller, url: string): Promise<string> {
  const link = zoneFileLink(url, caller.ovhBaseUrl())
  await caller.spendUpstream()
  try {
    const answer = await request(link, { method: 'GET', signal: AbortSignal.timeout(ZONE_FILE_TIMEOUT_MS), headersTimeout: ZONE_FILE_TIMEOUT_MS, bodyTimeout: ZONE_FILE_TIMEOUT_MS })
    if (answer.statusCode !== 200) {
      await answer.body.dump()
      throw unusable(`OVH's zone file link answered ${answer.statusCode}`)
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of answer.body) {
      size += (chunk as Buffer).length
      if (size > ZONE_FILE_LINK_MAX_BYTES) {
        answer.body.destroy()
        throw unusable('the zone file behind OVH\'s link is too big')
      }
      chunks.push(chunk as Buffer)
    }
    return Buffer.concat(chunks).toString('utf8')
  } catch (err) {
    if ((err as { code?: string }).code === 'UPSTREAM_UNAVAILABLE') throw err
    throw unusable('OVH\'s zone file link could not be read')
  }
}
