// API keys: `ogw_<prefix>_<secret>`. The prefix is public (listings, logs, revocation); only a
// SHA-256 hash of the 256-bit random secret is stored, and the key is shown once. A fast hash is
// enough for a secret of that entropy (no password stretching needed).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../db/client.js'
import type { ApiKey, Tenant, User } from '../generated/prisma/client.js'
import type { Scope } from './roles.js'
import { identityCache } from './identity-cache.js'

const KEY_PATTERN = /^ogw_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/

export interface NewApiKey {
  apiKey: string
  record: ApiKey
}

export type ApiKeyFailure = 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked' | 'disabled'

// A refused key that exists says whose it was, so the denied attempt can be audited in its tenant.
// A known prefix with a wrong secret is 'unknown' to the caller (who learns nothing of the prefix)
// but audited as what it is: someone holding a key's public part and guessing the rest.
export type Authenticated =
  | { ok: true, key: ApiKey, user: User, tenant: Tenant }
  | { ok: false, reason: ApiKeyFailure, key?: Pick<ApiKey, 'id' | 'tenantId' | 'userId' | 'prefix'>, auditReason?: 'wrong_secret' }

function hashSecret (secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function parseApiKey (value: string): { prefix: string, secret: string } | null {
  const match = KEY_PATTERN.exec(value)
  return match ? { prefix: `ogw_${match[1]}`, secret: match[2] } : null
}

type KeyWithOwner = ApiKey & { user: User, tenant: Tenant }

/**
 * `cacheTtlMs` > 0 keeps each key with its user and tenant in memory that long (by prefix; the
 * presented secret's hash is still compared on every request), so a request costs no database
 * round trip to authenticate: reading them was most of the gateway's CPU per request (BENCHMARKS.md).
 * A revocation made in this process takes effect at once; one made elsewhere (another instance, the
 * CLI) within the TTL.
 */
export function createApiKeyStore (db: Db, options: { cacheTtlMs?: number } = {}) {
  const ttl = options.cacheTtlMs ?? 0
  const read = (prefix: string): Promise<KeyWithOwner | null> =>
    db.apiKey.findUnique({ where: { prefix }, include: { user: true, tenant: true } })
  const cache = ttl > 0 ? identityCache(ttl, async (prefix: string) => await read(prefix) ?? undefined) : null

  async function lookup (prefix: string): Promise<KeyWithOwner | null> {
    return cache === null ? await read(prefix) : await cache.fetch(prefix) ?? null
  }

  return {
    async create (input: { tenantId: string, userId: string, name: string, scopes: Scope[], expiresAt?: Date | null }): Promise<NewApiKey> {
      const prefix = `ogw_${randomBytes(8).toString('hex')}`
      const secret = randomBytes(32).toString('base64url')
      const record = await db.apiKey.create({
        data: {
          tenantId: input.tenantId,
          userId: input.userId,
          name: input.name,
          prefix,
          secretHash: hashSecret(secret),
          scopes: input.scopes,
          expiresAt: input.expiresAt ?? null
        }
      })
      return { apiKey: `${prefix}_${secret}`, record }
    },

    async authenticate (presented: string | undefined, now = new Date()): Promise<Authenticated> {
      if (!presented) return { ok: false, reason: 'missing' }
      const parsed = parseApiKey(presented)
      if (!parsed) return { ok: false, reason: 'malformed' }
      const key = await lookup(parsed.prefix)
      if (!key) return { ok: false, reason: 'unknown' }
      const expected = Buffer.from(key.secretHash, 'hex')
      const actual = Buffer.from(hashSecret(parsed.secret), 'hex')
      const known = { id: key.id, tenantId: key.tenantId, userId: key.userId, prefix: key.prefix }
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'unknown', key: known, auditReason: 'wrong_secret' }
      if (key.revokedAt) return { ok: false, reason: 'revoked', key: known }
      if (key.expiresAt && key.expiresAt <= now) return { ok: false, reason: 'expired', key: known }
      if (key.user.disabledAt) return { ok: false, reason: 'disabled', key: known }
      // The key object itself (not a copy): touch() records the last use on the cached entry.
      return { ok: true, key, user: key.user, tenant: key.tenant }
    },

    // Last use is written at most once a minute per key, off the request's critical path.
    async touch (key: ApiKey, now = new Date()): Promise<void> {
      if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < 60_000) return
      key.lastUsedAt = now
      await db.apiKey.updateMany({ where: { id: key.id }, data: { lastUsedAt: now } })
    },

    async revoke (tenantId: string, prefixOrId: string): Promise<ApiKey | null> {
      const key = await db.apiKey.findFirst({
        where: { tenantId, OR: [{ prefix: prefixOrId }, ...(isUuid(prefixOrId) ? [{ id: prefixOrId }] : [])] }
      })
      if (!key) return null
      cache?.delete(key.prefix)
      if (key.revokedAt) return key
      return db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } })
    },

    /**
     * Forgets every cached key of a user (disabled, role changed): their next request reads the
     * user again. Other instances see the change within the cache's TTL.
     */
    forgetUser (userId: string): void {
      if (cache === null) return
      const prefixes: string[] = []
      cache.forEach((key, prefix) => { if (key.userId === userId) prefixes.push(prefix) })
      for (const prefix of prefixes) cache.delete(prefix)
    },

    /** Forgets every cached key of a tenant (its settings changed): read again on the next request. */
    forgetTenant (tenantId: string): void {
      if (cache === null) return
      const prefixes: string[] = []
      cache.forEach((key, prefix) => { if (key.tenantId === tenantId) prefixes.push(prefix) })
      for (const prefix of prefixes) cache.delete(prefix)
    },

    /**
     * A key's state without its secret (an access token names its key by prefix): whether it, and
     * its user, may still act. Served from the same cache as authenticate, so a revocation or a
     * disabled user made in this process ends the key's tokens at once.
     */
    async current (prefix: string, now = new Date()): Promise<Authenticated> {
      const key = await lookup(prefix)
      if (!key) return { ok: false, reason: 'unknown' }
      const known = { id: key.id, tenantId: key.tenantId, userId: key.userId, prefix: key.prefix }
      if (key.revokedAt) return { ok: false, reason: 'revoked', key: known }
      if (key.expiresAt && key.expiresAt <= now) return { ok: false, reason: 'expired', key: known }
      if (key.user.disabledAt) return { ok: false, reason: 'disabled', key: known }
      return { ok: true, key, user: key.user, tenant: key.tenant }
    },

    findById (tenantId: string, id: string): Promise<ApiKey | null> {
      return isUuid(id) ? db.apiKey.findFirst({ where: { tenantId, id } }) : Promise.resolve(null)
    },

    list (tenantId: string, userId?: string): Promise<ApiKey[]> {
      return db.apiKey.findMany({ where: { tenantId, ...(userId ? { userId } : {}) }, orderBy: { createdAt: 'asc' } })
    }
  }
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>

function isUuid (value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}
