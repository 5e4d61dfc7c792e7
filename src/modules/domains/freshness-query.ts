// REST's freshness controls (`?maxAge=&live=`) and what an answer says of its freshness: the
// `X-Data-Source` header (mirror or live) and, for a mirrored answer, `Age`: seconds since its
// oldest object was read from OVH (RFC 9111 5.1: the answer was not made by the origin just now).
import { z } from 'zod'
import type { FastifyReply } from 'fastify'
import { booleanQuery } from '../shared/boolean-query.js'
import { MAX_AGE_LIMIT_SECONDS } from '../../mirror/freshness.js'
import type { DataSource } from '../../mirror/freshness.js'

export const freshnessQuery = {
  maxAge: z.coerce.number().int().min(0).max(MAX_AGE_LIMIT_SECONDS).optional()
    .describe('Seconds: a mirrored object older than this is answered all the same and refreshed in the background (default MIRROR_MAX_AGE_SECONDS)'),
  live: booleanQuery('Read OVH now, with your consumer key\'s budget, instead of the mirror')
}

export function sendFreshness (reply: FastifyReply, source: DataSource, syncedAt: readonly string[]): void {
  reply.header('x-data-source', source.toLowerCase())
  if (source !== 'MIRROR' || syncedAt.length === 0) return
  const oldest = Math.min(...syncedAt.map(at => Date.parse(at)))
  reply.header('age', String(Math.max(0, Math.floor((Date.now() - oldest) / 1000))))
}
