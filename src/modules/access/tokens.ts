// Short-lived access tokens for apps: a server holding an API key exchanges it for a JWT (ES256,
// at most TOKEN_MAX_TTL_SECONDS, audience TOKEN_AUDIENCE) whose scopes can only narrow the key's.
// Apps send it as `Authorization: Bearer <token>`. Each token names its API key (claim `akp`, the
// key's public prefix): verification checks the key's state through the identity cache, so a
// revoked key or a disabled user ends its tokens at once in this process, and within
// AUTH_CACHE_TTL_MS on the others. jose signs and verifies; nothing here parses a JWT by hand.
// ES256 rather than EdDSA: every JWT library and browser WebCrypto verify it.
import { randomUUID } from 'node:crypto'
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose'
import type { JWTPayload } from 'jose'
import { z } from 'zod'
import type { ApiKey, Tenant, User } from '../../generated/prisma/client.js'
import { resolveCustomerKeys } from '../customers/service.js'
import { gatewayError } from '../../errors.js'
import type { ApiKeyStore } from '../../tenancy/api-keys.js'
import { SCOPES, effectiveScopes } from '../../tenancy/roles.js'
import type { Role, Scope } from '../../tenancy/roles.js'
import type { Caller } from '../../upstream/caller.js'
import { validateInput } from '../shared/validate.js'
import { SIGNING_ALGORITHM } from './signing-keys.js'
import type { SigningKeys } from './signing-keys.js'

export interface TokenSettings {
  audience: string
  issuer: string
  maxTtlSeconds: number
}

// A JWT in compact form: three base64url parts, the header a JSON object ("eyJ" is `{"`).
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export const looksLikeToken = (value: string): boolean => JWT_SHAPE.test(value)

const TokenInput = (maxTtlSeconds: number) => z.object({
  scopes: z.array(z.enum(SCOPES, { error: `must be one of ${SCOPES.join(', ')}` })).min(1, 'give at least one scope, or leave scopes out for all the key has').nullish()
    .transform(value => value === null || value === undefined ? undefined : [...new Set(value)]),
  customers: z.array(z.string().max(100)).max(100).nullish().transform(value => value ?? []),
  ttlSeconds: z.number().int().min(60, 'at least 60 seconds').max(maxTtlSeconds, `at most ${maxTtlSeconds} seconds`).nullish().transform(value => value ?? undefined)
})

export type CreateTokenInput = z.input<ReturnType<typeof TokenInput>>

export interface IssuedToken {
  token: string
  tokenType: 'Bearer'
  expiresAt: Date
  scopes: Scope[]
  customers: string[]
  audience: string
}

/** Exchanges the caller's API key for an access token; tokens do not make tokens. */
export async function createToken (caller: Caller, keys: SigningKeys, settings: TokenSettings, input: CreateTokenInput | null | undefined, now = new Date()): Promise<IssuedToken> {
  if (caller.authenticatedBy !== 'apiKey') throw gatewayError('FORBIDDEN', 'an access token is made from an API key, not from another token')
  const valid = validateInput(TokenInput(settings.maxTtlSeconds), input ?? {}, 'input')
  const customers = await tokenCustomers(caller, valid.customers)
  const scopes = valid.scopes ?? [...caller.scopes]
  const beyond = scopes.filter(scope => !caller.scopes.includes(scope))
  if (beyond.length > 0) {
    throw gatewayError('BAD_USER_INPUT', `the API key does not have ${beyond.join(', ')}`, { fields: [{ field: 'input.scopes', message: `may only narrow the key's scopes (${caller.scopes.join(', ') || 'none'})` }] })
  }
  const ttlMs = (valid.ttlSeconds ?? settings.maxTtlSeconds) * 1000
  // Never past the key's own expiry.
  const keyExpiry = caller.apiKey.expiresAt?.getTime() ?? Infinity
  const expiresAt = new Date(Math.floor(Math.min(now.getTime() + ttlMs, keyExpiry) / 1000) * 1000)
  const { kid, key } = await keys.signer()
  const jti = randomUUID()
  const token = await new SignJWT({ scope: scopes.join(' '), tid: caller.tenant.id, akp: caller.apiKey.prefix, customers })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(caller.user.id)
    .setJti(jti)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(expiresAt)
    .sign(key)
  caller.audit('token.create', { jti, kid, scopes: scopes.join(','), customers: customers.join(','), expiresAt: expiresAt.toISOString() })
  return { token, tokenType: 'Bearer', expiresAt, scopes, customers, audience: settings.audience }
}

/**
 * The ids of the customers a token is limited to (given by id or reference): each must be one of
 * the tenant's, and within the key's own limit when it has one, so a token only ever narrows.
 */
async function tokenCustomers (caller: Caller, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return []
  const ids = await resolveCustomerKeys(caller.stores.customers, caller.tenant.id, keys, 'input.customers')
  const beyond = ids.filter(id => caller.customers !== null && !caller.customers.includes(id))
  if (beyond.length > 0) {
    throw gatewayError('BAD_USER_INPUT', 'a token may only be limited to customers the API key acts for', {
      fields: [{ field: 'input.customers', message: `beyond the key's customers: ${beyond.join(', ')}` }]
    })
  }
  return ids
}

export type TokenFailure = 'invalid_token' | 'token_expired' | 'unknown' | 'revoked' | 'expired' | 'disabled'

export type VerifiedToken =
  | { ok: true, key: ApiKey, user: User, tenant: Tenant, scopes: Scope[], customers: string[], jti: string }
  | { ok: false, reason: TokenFailure, key?: Pick<ApiKey, 'id' | 'tenantId' | 'userId' | 'prefix'> }

interface AccessClaims extends JWTPayload {
  scope?: unknown
  tid?: unknown
  akp?: unknown
  customers?: unknown
}

/** Checks a token's signature, audience, issuer and lifetime, then that its API key still works. */
export async function verifyToken (keys: SigningKeys, settings: TokenSettings, apiKeys: ApiKeyStore, token: string): Promise<VerifiedToken> {
  let claims: AccessClaims
  try {
    const { kid } = decodeProtectedHeader(token)
    const key = typeof kid === 'string' ? await keys.verifier(kid) : null
    if (key === null) return { ok: false, reason: 'invalid_token' }
    claims = (await jwtVerify<AccessClaims>(token, key, {
      algorithms: [SIGNING_ALGORITHM],
      audience: settings.audience,
      issuer: settings.issuer,
      typ: 'at+jwt',
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      maxTokenAge: `${settings.maxTtlSeconds + 5}s`,
      clockTolerance: 5
    })).payload
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? 'token_expired' : 'invalid_token' }
  }
  if (typeof claims.akp !== 'string' || typeof claims.tid !== 'string' || typeof claims.scope !== 'string') return { ok: false, reason: 'invalid_token' }
  // maxTokenAge bounds the age of iat; a token made to live longer than the maximum is refused too.
  if (claims.exp! - claims.iat! > settings.maxTtlSeconds) return { ok: false, reason: 'invalid_token' }
  const state = await apiKeys.current(claims.akp)
  if (!state.ok) return { ok: false, reason: state.reason === 'missing' || state.reason === 'malformed' ? 'invalid_token' : state.reason, key: state.key }
  if (state.key.tenantId !== claims.tid || state.key.userId !== claims.sub) return { ok: false, reason: 'invalid_token' }
  const granted = claims.scope.split(' ')
  const scopes = effectiveScopes(state.user.role as Role, state.key.scopes).filter(scope => granted.includes(scope))
  // Every signed token carries the claim; anything but a list of strings is not ours.
  const customers = claims.customers ?? []
  if (!Array.isArray(customers) || !customers.every(id => typeof id === 'string')) return { ok: false, reason: 'invalid_token' }
  return { ok: true, key: state.key, user: state.user, tenant: state.tenant, scopes, customers, jti: claims.jti! }
}
