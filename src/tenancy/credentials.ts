// Each user's OVH consumer key: requested through OVH's delegation flow (POST /auth/credential,
// the user approves at validationUrl), stored sealed, and its state kept in step with OVH
// (GET /auth/currentCredential). A user has at most one active credential: the newest validated
// one, else the newest pending one. A tenant's sync key (purpose `sync`, the mirror's read-only
// key, owned by the admin who requested it) is never a user's credential: lookups made for users
// ignore it, and it replaces only an older sync key of its tenant.
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.js'
import type { CredentialPurpose, CredentialState, OvhCredential } from '../generated/prisma/client.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { OvhClient } from '../ovh/index.js'
import type { AccessRule } from './access-rules.js'
import { identityCache } from './identity-cache.js'

export const consumerKeyContext = (credentialId: string): string => `ovh-consumer-key:${credentialId}`

// auth.ApiCredentialRequest and auth.ApiCredential, as OVH returns them
interface CredentialRequestAnswer { consumerKey: string, state: string, validationUrl: string | null }
interface CurrentCredential { credentialId: number, status: string, expiration: string | null, creation?: string, rules?: AccessRule[] }

// What refresh needs to log a replaced consumer key out at OVH: a client signed with that key
// (whose calls spend the budget of that credential, `credentialId`).
export interface ReplacedKeyLogout {
  clientFor (consumerKey: string, credentialId: string): OvhClient
  log?: { warn (obj: object, msg?: string): void }
}

const OVH_STATES: Record<string, CredentialState> = {
  pendingValidation: 'pendingValidation',
  validated: 'validated',
  expired: 'expired',
  refused: 'refused'
}

// `cacheTtlMs` > 0 keeps each user's current credential in memory that long (see api-keys.ts);
// every change made through this store forgets that user's entry at once.
export function createCredentialStore (db: Db, secrets: SecretBox, options: { cacheTtlMs?: number } = {}) {
  const ttl = options.cacheTtlMs ?? 0
  async function read (userId: string): Promise<OvhCredential | null> {
    const recent = await db.ovhCredential.findMany({ where: { userId, purpose: 'user' }, orderBy: { createdAt: 'desc' }, take: 10 })
    return recent.find(c => c.state === 'validated') ??
      recent.find(c => c.state === 'pendingValidation') ??
      recent[0] ??
      null
  }
  // A user without any credential is cached too (wrapped), LRUCache keeping no null values.
  const cache = ttl > 0 ? identityCache(ttl, async userId => ({ credential: await read(userId) })) : null
  const forget = (userId: string): void => { cache?.delete(userId) }

  // refresh's work; refresh forgets the user's cached credential whatever it ends with.
  async function refreshState (credential: OvhCredential, signedClient: OvhClient, logout?: ReplacedKeyLogout): Promise<OvhCredential> {
    let current: CurrentCredential
    try {
      current = await signedClient.request<CurrentCredential>('GET', '/auth/currentCredential')
    } catch (err) {
      const code = (err as { errorCode?: string, status?: number }).errorCode
      if (code === 'INVALID_CREDENTIAL' || code === 'NOT_CREDENTIAL') {
        const state = credential.state === 'pendingValidation' ? 'pendingValidation' : 'expired'
        return db.ovhCredential.update({ where: { id: credential.id }, data: { state, lastCheckedAt: new Date() } })
      }
      throw err
    }
    const state = OVH_STATES[current.status] ?? credential.state
    const ovhAccount = state === 'validated' && credential.ovhAccount === null ? await accountOf(signedClient) : credential.ovhAccount
    const updated = await db.ovhCredential.update({
      where: { id: credential.id },
      data: {
        state,
        ovhAccount,
        ovhCredentialId: BigInt(current.credentialId),
        expiresAt: current.expiration ? new Date(current.expiration) : null,
        validatedAt: state === 'validated' ? credential.validatedAt ?? new Date() : credential.validatedAt,
        lastCheckedAt: new Date()
      }
    })
    if (state === 'validated') {
      // The new key replaces every older one of this user.
      const sameRole = credential.purpose === 'sync' ? { tenantId: credential.tenantId, purpose: credential.purpose } : { userId: credential.userId, purpose: credential.purpose }
      const replaced = { ...sameRole, id: { not: credential.id }, state: { in: ['validated', 'pendingValidation'] as CredentialState[] }, createdAt: { lt: credential.createdAt } }
      const older = logout ? await db.ovhCredential.findMany({ where: { ...replaced, state: 'validated' } }) : []
      await db.ovhCredential.updateMany({ where: replaced, data: { state: 'revoked' } })
      if (logout) await logOut(older, logout, old => secrets.open(old.consumerKey, consumerKeyContext(old.id)))
    }
    return updated
  }

  return {
    /**
     * Asks OVH for a new consumer key on behalf of a user. `applicationClient` is an unsigned client
     * of the tenant's OVH application; `redirection` receives the new credential's id so the
     * callback URL can name it.
     */
    async request (input: {
      tenantId: string
      userId: string
      applicationClient: OvhClient
      accessRules: AccessRule[]
      redirection?: (credentialId: string) => string | undefined
      purpose?: CredentialPurpose
    }): Promise<{ credential: OvhCredential, validationUrl: string | null }> {
      const id = randomUUID()
      const redirection = input.redirection?.(id)
      const answer = await input.applicationClient.request<CredentialRequestAnswer>('POST', '/auth/credential', {
        auth: false,
        body: { accessRules: input.accessRules, ...(redirection ? { redirection } : {}) }
      })
      const credential = await db.ovhCredential.create({
        data: {
          id,
          tenantId: input.tenantId,
          userId: input.userId,
          consumerKey: secrets.seal(answer.consumerKey, consumerKeyContext(id)),
          state: OVH_STATES[answer.state] ?? 'pendingValidation',
          accessRules: input.accessRules as unknown as object,
          validationUrl: answer.validationUrl,
          purpose: input.purpose ?? 'user'
        }
      })
      forget(input.userId)
      return { credential, validationUrl: answer.validationUrl }
    },

    /** Stores a consumer key obtained elsewhere (e.g. OVH's createToken page), still to be checked. */
    async import (input: { tenantId: string, userId: string, consumerKey: string, accessRules?: AccessRule[] }): Promise<OvhCredential> {
      const id = randomUUID()
      const credential = await db.ovhCredential.create({
        data: {
          id,
          tenantId: input.tenantId,
          userId: input.userId,
          consumerKey: secrets.seal(input.consumerKey, consumerKeyContext(id)),
          state: 'pendingValidation',
          accessRules: (input.accessRules ?? []) as unknown as object
        }
      })
      forget(input.userId)
      return credential
    },

    async current (userId: string): Promise<OvhCredential | null> {
      return cache === null ? await read(userId) : (await cache.fetch(userId))!.credential
    },

    /** A key requested after the user's validated `active` one and still waiting for approval. */
    async pendingRenewal (active: OvhCredential): Promise<OvhCredential | null> {
      if (active.state !== 'validated') return null
      return db.ovhCredential.findFirst({ where: { userId: active.userId, purpose: active.purpose, state: 'pendingValidation', createdAt: { gt: active.createdAt } }, orderBy: { createdAt: 'desc' } })
    },

    /** The tenant's sync key: the newest validated one, else the newest of any state. */
    async syncKey (tenantId: string): Promise<OvhCredential | null> {
      const recent = await db.ovhCredential.findMany({ where: { tenantId, purpose: 'sync' }, orderBy: { createdAt: 'desc' }, take: 10 })
      return recent.find(c => c.state === 'validated') ?? recent[0] ?? null
    },

    findForTenant (tenantId: string, id: string): Promise<OvhCredential | null> {
      return db.ovhCredential.findFirst({ where: { id, tenantId } })
    },

    consumerKey (credential: OvhCredential): string {
      return secrets.open(credential.consumerKey, consumerKeyContext(credential.id))
    },

    async setState (credential: OvhCredential, state: CredentialState): Promise<OvhCredential> {
      if (credential.state === state) return credential
      const updated = await db.ovhCredential.update({ where: { id: credential.id }, data: { state, lastCheckedAt: new Date() } })
      forget(credential.userId)
      return updated
    },

    /** Records the OVH account (NIC) the key acts for, read by the orders area when unknown. */
    async setAccount (credential: OvhCredential, ovhAccount: string): Promise<void> {
      await db.ovhCredential.updateMany({ where: { id: credential.id, ovhAccount: null }, data: { ovhAccount } })
      forget(credential.userId)
    },

    /**
     * Reads the credential's state from OVH with a client signed by that very consumer key.
     * OVH answers 403 INVALID_CREDENTIAL both for keys not validated yet and for dead ones: a
     * pending key stays pending, a validated one becomes expired.
     */
    async refresh (credential: OvhCredential, signedClient: OvhClient, logout?: ReplacedKeyLogout): Promise<OvhCredential> {
      try {
        return await refreshState(credential, signedClient, logout)
      } finally {
        forget(credential.userId)
      }
    }
  }
}

/**
 * The NIC a validated key acts for (GET /me), lower case as the orders area compares it
 * (orders/ovh-scope.ts); null when the key may not read it (its access rules): the orders area
 * then reads it when it needs it.
 */
async function accountOf (signedClient: OvhClient): Promise<string | null> {
  try {
    const me = await signedClient.request<{ nichandle: string }>('GET', '/me')
    return me.nichandle.toLowerCase()
  } catch {
    return null
  }
}

/**
 * Revoking a replaced key here only stops this gateway using it: it stays valid at OVH until it
 * expires. POST /auth/logout, signed with that key, ends it there. Best effort: a failure is logged
 * and never fails the validation of the new key. Pending keys cannot sign the call (OVH refuses
 * keys not validated), so only validated ones are logged out.
 */
async function logOut (credentials: OvhCredential[], logout: ReplacedKeyLogout, open: (credential: OvhCredential) => string): Promise<void> {
  await Promise.all(credentials.map(async credential => {
    try {
      await logout.clientFor(open(credential), credential.id).request('POST', '/auth/logout')
    } catch (err) {
      const ovh = err as { errorCode?: string, status?: number, kind?: string }
      logout.log?.warn({ credentialId: credential.id, error: ovh.errorCode ?? ovh.kind ?? ovh.status ?? 'failed' }, 'a replaced OVH consumer key could not be logged out at OVH')
    }
  }))
}

export type CredentialStore = ReturnType<typeof createCredentialStore>
