// Idempotency keys for checkouts and one-shot orders (PRODUCT.md: "a retried request never orders
// twice"). The key and a fingerprint of the request are stored, per tenant, BEFORE OVH is called,
// with the OVH endpoint and account the key orders in (ovh-scope.ts):
// - a request acts on a key only while it holds the key's session lock (db/session-locks.ts): of
//   concurrent requests with one key, in one gateway or several, one acts; the others wait for its
//   outcome and replay it. PostgreSQL drops the lock of a process that dies, so the next request
//   takes a key left pending by a dead process over at once (SIGKILL, crash), never while its
//   process lives; without session locks (and for keys claimed before them) after LEASE_MS;
// - the first request with a key claims it with a unique insert; each later attempt is numbered,
//   and an attempt writes the record only while it is its own (idempotency-store.ts);
// - a retry of a finished request replays its stored result; the same key with another request
//   is a CONFLICT, and so is a key retried from another OVH endpoint or account, where its cart
//   and order ids mean nothing;
// - when OVH's answer was lost (timeout, reset, 5xx on the ordering call), or a step after the
//   ordering call failed (recording the order id), the record is `unknown`;
// - when OVH refused or an early step failed, the record is `failed`;
// - every retry that runs again (unknown, failed or abandoned alike) first asks the operation what
//   OVH did (`recover`, e.g. "is the cart checked out? which order has its domains?") and only
//   runs when OVH positively did nothing (the cart is there and not checked out): `failed` is then
//   a hint, not a promise, so an unforeseen failure after the order was made cannot order twice;
// - when OVH may have ordered but the order cannot be found (the cart is checked out and its order
//   is not listed yet, or the cart is gone and no order has its domains), `recover` throws
//   OutcomeNotYetKnown: the record stays `unknown`, the caller is told so with what is known, and
//   the key never orders again, whatever becomes of the cart.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { badUserInput, gatewayError, isGatewayError } from '../../errors.js'
import type { GatewayError } from '../../errors.js'
import type { Lease } from '../../db/session-locks.js'
import type { IdempotencyState, Prisma } from '../../generated/prisma/client.js'
import { OvhApiError, OvhTransportError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeError } from '../../error-mapping.js'
import { AttemptSuperseded } from './idempotency-store.js'
import type { IdempotencyRecord } from './idempotency-store.js'
import { ovhScope, sameScope } from './ovh-scope.js'
import type { OvhScope } from './ovh-scope.js'
import type { z } from 'zod'

export const LEASE_MS = 5 * 60_000
const WAIT_MS = 20_000
const POLL_MS = 100

export type Progress = Record<string, unknown>

export interface RunContext<P extends Progress = Progress> {
  // The idempotency key the attempt runs under (the domains it holds are held under it).
  key: string
  // What earlier attempts recorded, parsed with the flow's schema (progress.ts).
  progress: P
  attempt: number
  /** Records what was done so far (ids OVH gave), so a later attempt can find it. */
  save (patch: Partial<P>): Promise<void>
}

export interface IdempotentOperation<T, P extends Progress> {
  key: string
  operation: string
  args: unknown
  // The shape of the flow's progress (progress.ts), parsed from the stored record.
  progress: z.ZodType<P>
  run (ctx: RunContext<P>): Promise<T>
  // What OVH did in an attempt whose outcome is unknown: its result, or null if it did nothing.
  recover (ctx: RunContext<P>): Promise<T | null>
}

/** The outcome of an OVH call is unknown: it may have been carried out. */
export class AmbiguousOutcome extends Error {
  readonly original: unknown

  constructor (original: unknown) {
    super('OVH\'s answer was lost')
    this.name = 'AmbiguousOutcome'
    this.original = original
  }
}

/**
 * OVH may have ordered (a cart is checked out, or gone) and its order cannot be found (yet): the
 * key stays unknown. `known` is what the gateway knows of the attempt (cart, domains, when the
 * checkout began), given to the caller with the answer.
 */
export class OutcomeNotYetKnown extends Error {
  known: Record<string, unknown>

  constructor (message: string, known: Record<string, unknown> = {}) {
    super(message)
    this.name = 'OutcomeNotYetKnown'
    this.known = known
  }
}

/** Runs the steps that follow a successful ordering call: any failure there is ambiguous. */
export async function afterOrdering<T> (step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (err) {
    throw new AmbiguousOutcome(err)
  }
}

/** Runs an OVH call that changes something; a lost answer becomes AmbiguousOutcome. */
export async function decisive<T> (call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    if (err instanceof OvhTransportError || (err instanceof OvhApiError && err.status >= 500)) throw new AmbiguousOutcome(err)
    throw err
  }
}

// A key: what checkIdempotencyKey accepts, and what the REST header's description says.
export const IDEMPOTENCY_KEY_FORMAT = /^[\x21-\x7e]{1,255}$/

export function checkIdempotencyKey (key: string | undefined | null, field = 'idempotencyKey'): string {
  if (key === undefined || key === null || key === '') throw badUserInput('an idempotency key is required', [{ field, message: 'send a unique key per order attempt (a UUID), and the same key when you retry it' }])
  if (!IDEMPOTENCY_KEY_FORMAT.test(key)) throw badUserInput('invalid idempotency key', [{ field, message: '1 to 255 printable ASCII characters, no spaces' }])
  return key
}

function canonical (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().filter(key => (value as Record<string, unknown>)[key] !== undefined).map(key => [key, canonical((value as Record<string, unknown>)[key])]))
  }
  return value
}

export function fingerprintOf (operation: string, args: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical({ operation, args }))).digest('hex')
}

/** The session lock a request holds while it acts on a tenant's key (domain-holds.ts takes it too). */
export function keyLockName (tenantId: string, key: string): string {
  return `idempotency/${tenantId}/${key}`
}

/** The answer to a key whose order may exist and cannot be found: what is known, and what to do. */
export function unknownOutcome (err: OutcomeNotYetKnown): GatewayError {
  return gatewayError('UPSTREAM_UNAVAILABLE', `${err.message}: retry later with the same idempotency key, which finds the order once OVH lists it and never orders again; to order anyway, use a new key`, { idempotency: 'unknown', reason: 'ORDER_OUTCOME_UNKNOWN', known: err.known, retryAfter: 30 })
}

function errorRecord (err: unknown): Prisma.InputJsonValue {
  const coded = isGatewayError(err) ? err : normalizeError(err)
  return { code: coded.code, message: coded.message, ...(coded.details ? { details: coded.details as Prisma.InputJsonValue } : {}) }
}

const inUse = () => gatewayError('CONFLICT', 'a request with this idempotency key is still running: retry later with the same key', { reason: 'IDEMPOTENCY_KEY_IN_USE', retryAfter: 2 })

// Another request under the key, or the key's attempt made where the caller does not order now.
function refuseMismatch (caller: Caller, record: IdempotencyRecord, operation: string, fingerprint: string, scope: OvhScope): void {
  if (record.operation !== operation || record.fingerprint !== fingerprint || record.userId !== caller.user.id) {
    throw gatewayError('CONFLICT', 'this idempotency key was already used for a different request: use a new key for a new order', { reason: 'IDEMPOTENCY_KEY_REUSED' })
  }
  // A stored result is replayed wherever the caller orders now; anything else would be looked
  // for (carts, orders) in an OVH account that never saw it.
  if (record.state !== 'succeeded' && record.ovhEndpoint !== null && !sameScope(scope, record)) {
    throw gatewayError('CONFLICT', `this idempotency key ordered in another OVH account (${record.ovhAccount ?? 'unknown'} at ${record.ovhEndpoint}) than yours now: only that account can tell what it ordered; use a new key to order from this one`, {
      reason: 'IDEMPOTENCY_KEY_OTHER_ACCOUNT',
      idempotency: record.state,
      ovhEndpoint: record.ovhEndpoint,
      ovhAccount: record.ovhAccount
    })
  }
}

// A pending record's owner may still be running: with session locks, only a key claimed before
// them (no endpoint recorded) can be pending without its lock; then, as without locks, its lease.
function ownerMayLive (record: IdempotencyRecord, locked: boolean): boolean {
  return record.state === 'pending' && (!locked || record.ovhEndpoint === null) && Date.now() - record.updatedAt.getTime() <= LEASE_MS
}

export async function runIdempotent<T, P extends Progress> (caller: Caller, op: IdempotentOperation<T, P>): Promise<{ result: T, replayed: boolean }> {
  const store = caller.stores.idempotency
  const locks = caller.stores.sessionLocks
  const fingerprint = fingerprintOf(op.operation, op.args)
  const scope = await ovhScope(caller)
  const name = keyLockName(caller.tenant.id, op.key)
  const waitUntil = Date.now() + WAIT_MS
  for (;;) {
    const lease = locks === null ? null : await locks.tryTake(name)
    if (locks !== null && lease === null) {
      // Another request (of this gateway or another) acts on the key: wait for its outcome.
      const record = await store.findByKey(caller.tenant.id, op.key)
      if (record !== null) {
        refuseMismatch(caller, record, op.operation, fingerprint, scope)
        if (record.state === 'succeeded') return { result: record.response as T, replayed: true }
      }
    } else {
      let handedOver = false
      try {
        const { claimed, record } = await store.claim({ tenantId: caller.tenant.id, userId: caller.user.id, key: op.key, operation: op.operation, fingerprint, scope })
        if (claimed) {
          handedOver = true
          return { result: await execute(caller, op, record, record.attempts, lease, false), replayed: false }
        }
        refuseMismatch(caller, record, op.operation, fingerprint, scope)
        if (record.state === 'succeeded') return { result: record.response as T, replayed: true }
        if (!ownerMayLive(record, lease !== null)) {
          const attempt = await store.reclaim(record)
          if (attempt !== null) {
            // Whatever the last state, find what OVH did before running again (see the top comment).
            handedOver = true
            return { result: await execute(caller, op, record, attempt, lease, true), replayed: false }
          }
        }
      } finally {
        if (!handedOver) await lease?.release()
      }
    }
    if (Date.now() > waitUntil) throw inUse()
    await sleep(POLL_MS)
  }
}

async function execute<T, P extends Progress> (caller: Caller, op: IdempotentOperation<T, P>, record: IdempotencyRecord, attempt: number, lease: Lease | null, recoverFirst: boolean): Promise<T> {
  const store = caller.stores.idempotency
  const progress = op.progress.parse(record.progress ?? {})
  const ctx: RunContext<P> = {
    key: op.key,
    progress,
    attempt,
    async save (patch) {
      // The key's lock went with a lost database connection: another gateway may take the key
      // over now, so this attempt stops before its next step (the checkout included).
      if (lease !== null && !lease.held()) throw gatewayError('DATABASE_UNAVAILABLE', 'the database connection holding this idempotency key was lost: retry with the same key', { retryAfter: 1 })
      Object.assign(progress, patch)
      await store.progress(record.id, attempt, progress as Prisma.InputJsonValue)
    }
  }
  // The outcome is written only while the attempt still owns the record (idempotency-store.ts).
  const finish = async (state: Exclude<IdempotencyState, 'pending'>, outcome: { response?: Prisma.InputJsonValue, error?: Prisma.InputJsonValue }): Promise<void> => {
    try {
      await store.finish(record.id, attempt, state, outcome)
    } catch (err) {
      if (!(err instanceof AttemptSuperseded)) throw err
      caller.log.warn({ idempotencyKey: op.key, attempt }, 'another attempt took this idempotency key over; its outcome is that attempt\'s to record')
    }
  }
  try {
    let result = recoverFirst ? await op.recover(ctx) : null
    if (result === null) result = await op.run(ctx)
    await finish('succeeded', { response: result as Prisma.InputJsonValue })
    return result
  } catch (err) {
    if (err instanceof OutcomeNotYetKnown) {
      await finish('unknown', { error: { code: 'UPSTREAM_UNAVAILABLE', message: err.message, details: { known: err.known } as Prisma.InputJsonValue } })
      throw unknownOutcome(err)
    }
    if (err instanceof AmbiguousOutcome) {
      await finish('unknown', { error: errorRecord(err.original) })
      const coded = normalizeError(err.original)
      throw gatewayError(coded.code, `${coded.message}: the order may or may not have been placed; retry with the same idempotency key to find out (it will not order twice)`, { ...coded.details, idempotency: 'unknown' }, coded.statusCode)
    }
    if (err instanceof AttemptSuperseded) throw inUse()
    await finish('failed', { error: errorRecord(err) })
    throw err
  } finally {
    await lease?.release()
  }
}
