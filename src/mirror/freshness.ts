// How fresh an answer must be: per request (GraphQL `maxAge`/`live`, REST `?maxAge=&live=`), else
// MIRROR_MAX_AGE_SECONDS. A mirrored object older than maxAge is answered all the same and its
// refresh is queued (stale-while-revalidate); `live` reads OVH with the caller's own budget.
import { badUserInput } from '../errors.js'
import type { OvhDomain } from '../modules/domains/schemas.js'

export const MAX_AGE_LIMIT_SECONDS = 2_592_000

export interface FreshnessArgs {
  maxAge?: number | null
  live?: boolean | null
}

export interface Freshness {
  maxAgeMs: number
  live: boolean
}

export function freshnessOf (args: FreshnessArgs, defaultMaxAgeSeconds: number): Freshness {
  const maxAge = args.maxAge ?? defaultMaxAgeSeconds
  if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > MAX_AGE_LIMIT_SECONDS) {
    throw badUserInput('maxAge is out of range', [{ field: 'maxAge', message: `must be an integer number of seconds from 0 to ${MAX_AGE_LIMIT_SECONDS}` }])
  }
  return { maxAgeMs: maxAge * 1000, live: args.live === true }
}

export function isStale (syncedAt: Date, freshness: Freshness, now = Date.now()): boolean {
  return now - syncedAt.getTime() > freshness.maxAgeMs
}

/** Where an answer comes from: the gateway's copy, or OVH during this request. */
export type DataSource = 'MIRROR' | 'LIVE'

/** A domain as answered: OVH's object, when it was read from OVH, and where it comes from. */
export type AnsweredDomain = OvhDomain & { syncedAt: string, source: DataSource }

export function answered (domain: OvhDomain, syncedAt: Date, source: DataSource): AnsweredDomain {
  return { ...domain, syncedAt: syncedAt.toISOString(), source }
}
