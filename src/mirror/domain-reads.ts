// One domain from the mirror, and live reads kept in it: the pieces the domains service puts
// together (src/modules/domains/service.ts) for domain(name) and for live lists.
import { poolOf } from '../db/client.js'
import { gatewayError } from '../errors.js'
import type { OvhDomain } from '../modules/domains/schemas.js'
import type { Caller } from '../upstream/caller.js'
import { domainVisible } from './access.js'
import { keepDomains } from './domain-row.js'
import { ensureAccount } from './view.js'
import type { MirrorView } from './view.js'
import type { MirrorReads } from './reads-context.js'
import { LRUCache } from 'lru-cache'

/** Refuses, with no OVH call, a domain the key's access rules would not let it read live. */
export function checkDomainVisible (view: MirrorView, name: string): void {
  if (!domainVisible(view.access, name)) {
    throw gatewayError('FORBIDDEN', `your OVH consumer key's access rules do not allow reading ${name} (GET /domain/${name})`, { reason: 'ACCESS_RULES' })
  }
}

// The hottest read of the gateway (domain(name), GET /v1/domains/{name}). Through Prisma it cost
// about 1 ms of CPU per read, mostly in turning the jsonb detail into its result (measured: 0.7-1.3
// ms against 0.14-0.23 ms for the same statement on the pool under it), more than a live call's
// whole round trip to the sandbox. Prisma stores DateTime as timestamp(3) in UTC: read back as
// timestamptz, so node-postgres does not take it for local time.
const MIRRORED_DOMAIN_SQL = 'SELECT "detail", "syncedAt" AT TIME ZONE \'UTC\' AS "syncedAt" FROM "MirrorDomain" ' +
  'WHERE "accountId" = $1::uuid AND "tenantId" = $2::uuid AND "name" = $3'

interface MirroredDomain { detail: OvhDomain, syncedAt: Date }

async function readMirroredDomain (reads: MirrorReads, accountId: string, tenantId: string, name: string): Promise<MirroredDomain | undefined> {
  const pool = poolOf(reads.db)
  const row = pool === undefined
    ? await reads.db.mirrorDomain.findFirst({ where: { accountId, tenantId, name }, select: { detail: true, syncedAt: true } })
    : (await pool.query<{ detail: unknown, syncedAt: Date }>(MIRRORED_DOMAIN_SQL, [accountId, tenantId, name])).rows[0] ?? null
  if (row === null || row.detail === null) return undefined
  return { detail: row.detail as OvhDomain, syncedAt: row.syncedAt }
}

// Rows read in the last second (reads-context.ts, domainCacheTtlMs), per app: a popular domain
// read a few thousand times a second is one query a second. Profiled (2026-12-07), a mirrored read
// spent as much time in the socket writes of its query as in those of its answer. The answer
// keeps the row's own syncedAt (its freshness stays true), and the caller's tenant, account and
// access rules are checked at every read before the cache is looked at; a domain the mirror
// does not hold is not kept (a live read may keep it meanwhile).
const DOMAIN_CACHE_ENTRIES = 2_000
const caches = new WeakMap<MirrorReads, LRUCache<string, MirroredDomain>>()

function cacheOf (reads: MirrorReads): LRUCache<string, MirroredDomain> {
  let cache = caches.get(reads)
  if (cache === undefined) {
    cache = new LRUCache<string, MirroredDomain>({
      max: DOMAIN_CACHE_ENTRIES,
      ttl: reads.domainCacheTtlMs,
      ignoreFetchAbort: true,
      fetchMethod: async key => {
        const [accountId, tenantId, name] = key.split('\n') as [string, string, string]
        return await readMirroredDomain(reads, accountId, tenantId, name)
      }
    })
    caches.set(reads, cache)
  }
  return cache
}

/** The mirrored domain, or null when the mirror does not hold its details. */
export async function findMirroredDomain (view: MirrorView, name: string): Promise<MirroredDomain | null> {
  if (view.account === null) return null
  const { reads } = view
  if (reads.domainCacheTtlMs <= 0) return await readMirroredDomain(reads, view.account.id, view.scope.tenantId, name) ?? null
  return await cacheOf(reads).fetch(`${view.account.id}\n${view.scope.tenantId}\n${name}`) ?? null
}

/**
 * Keeps domains the caller just read live (read once and kept). Never fails the read: a write
 * that fails is logged, and the answer stands.
 */
export async function keepLiveDomains (caller: Caller, view: MirrorView, details: readonly OvhDomain[], readAt: Date): Promise<void> {
  if (details.length === 0) return
  try {
    const account = await ensureAccount(view)
    await keepDomains(view.reads.db, account, details, readAt)
  } catch (err) {
    caller.log.warn({ err }, 'could not keep live domain reads in the mirror')
  }
}
