// TTLs and SOA timers, in seconds: the bounds the services check before OVH sees a value, as zod
// schemas, so that the REST document shows exactly these (shared/checked-in-service.ts).
import { z } from 'zod'

// 0 means "the zone's default TTL" (its SOA ttl). OVH's editor offers 60 s to 1 day.
export const TTL_MIN = 60
export const TTL_MAX = 86_400

function seconds (min: number, max: number) {
  const message = `must be from ${min} to ${max} seconds`
  return z.int({ error: message }).min(min, message).max(max, message)
}

export const RECORD_TTL_MESSAGE = `must be 0 (the zone's default) or from ${TTL_MIN} to ${TTL_MAX} seconds`
export const RecordTtlSchema = z.union([z.literal(0), seconds(TTL_MIN, TTL_MAX)], { error: RECORD_TTL_MESSAGE })
  .describe('Seconds: 0 (the zone\'s default, its SOA ttl) or 60 to 86400')

export const SoaTimerSchemas = {
  refresh: seconds(60, 2_419_200),
  expire: seconds(3600, 4_838_400),
  nxDomainTtl: seconds(60, 86_400),
  ttl: seconds(TTL_MIN, TTL_MAX)
}
