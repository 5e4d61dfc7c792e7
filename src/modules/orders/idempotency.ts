// Idempotency keys for checkouts and one-shot orders (PRODUCT.md: "a retried request never orders
// twice"). The key and a fingerprint of the request are stored, per tenant, BEFORE OVH is called:
// - the first request with a key claims it with a unique insert (of concurrent requests, one
//   inserts; the others wait for its outcome and replay it);
// - a retry of a finished request replays its stored result; the same key with another request
//   is a CONFLICT;
// - when OVH's answer was lost (timeout, reset, 5xx on the ordering call), or a step after the
//   ordering call failed (recording the order id), the record is `unknown`;
// - when OVH refused or an early step failed, the record is `failed`;
// - a record left pending by a process that died is taken over after LEASE_MS;
// - every retry that runs again (unknown, failed or abandoned alike) first asks the operation what
//   OVH did (`recover`, e.g. "is the cart checked out? which order has its domains?") and only
//   runs when OVH did nothing: `failed` is then a hint, not a promise, so an unforeseen failure
//   after the order was made cannot order twice;
// - when OVH did something but its result cannot be found yet (the cart is checked out, the order
//   is not listed yet), `recover` throws OutcomeNotYetKnown: the record stays `unknown` and the
//   caller is told to retry later with the same key.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { badUserInput, gatewayError, isGatewayError } from '../../errors.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { OvhApiError, OvhTransportError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeError } from '../../upstream/normalize-error.js'
import type { IdempotencyRecord } from './idempotency-store.js'

export const LEASE_MS = 5 * 60_000
const WAIT_MS = 20_000
const POLL_MS = 100

export type Progress = Record<string, unknown>

export interface RunContext {
  progress: Progress
  attempt: number
  /** Records what was done so far (ids OVH gave), so a later attempt can find it. */
  save (patch: Progress): Promise<void>
}

export interface IdempotentOperation<T> {
  key: string
  operation: string
  args: unknown
  run (ctx: RunContext): Promise<T>
  // What OVH did in an attempt whose outcome is unknown: its result, or null if it did nothing.
  recover (ctx: RunContext): Promise<T | null>
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

/** OVH did something (a cart is checked out) whose result cannot be found yet: retry later. */
export class OutcomeNotYetKnown extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'OutcomeNotYetKnown'
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

function errorRecord (err: unknown): Prisma.InputJsonValue {
  const coded = isGatewayError(err) ? err : normalizeError(err)
  return { code: coded.code, message: coded.message, ...(coded.details ? { details: coded.details as Prisma.InputJsonValue } : {}) }
}

export async function runIdempotent<T> (caller: Caller, op: IdempotentOperation<T>): Promise<{ result: T, replayed: boolean }> {
  const store = caller.stores.idempotency
  const fingerprint = fingerprintOf(op.operation, op.args)
  const { claimed, record: first } = await store.claim({ tenantId: caller.tenant.id, userId: caller.user.id, key: op.key, operation: op.operation, fingerprint })
  if (claimed) return { result: await execute(caller, op, first, false), replayed: false }

  let record: IdempotencyRecord = first
  const waitUntil = Date.now() + WAIT_MS
  for (;;) {
    if (record.operation !== op.operation || record.fingerprint !== fingerprint || record.userId !== caller.user.id) {
      throw gatewayError('CONFLICT', 'this idempotency key was already used for a different request: use a new key for a new order', { reason: 'IDEMPOTENCY_KEY_REUSED' })
    }
    if (record.state === 'succeeded') return { result: record.response as T, replayed: true }
    const abandoned = record.state === 'pending' && Date.now() - record.updatedAt.getTime() > LEASE_MS
    if (record.state === 'pending' && !abandoned) {
      if (Date.now() > waitUntil) {
        throw gatewayError('CONFLICT', 'a request with this idempotency key is still running: retry later with the same key', { reason: 'IDEMPOTENCY_KEY_IN_USE', retryAfter: 2 })
      }
      await sleep(POLL_MS)
    } else if (await store.reclaim(record)) {
      // Whatever the last state, find what OVH did before running again (see the top comment).
      return { result: await execute(caller, op, record, true), replayed: false }
    }
    const again = await store.find(record.id)
    if (again === null) throw gatewayError('INTERNAL', 'idempotency record vanished')
    record = again
  }
}

async function execute<T> (caller: Caller, op: IdempotentOperation<T>, record: IdempotencyRecord, recoverFirst: boolean): Promise<T> {
  const store = caller.stores.idempotency
  const progress: Progress = { ...(record.progress as Progress) }
  const ctx: RunContext = {
    progress,
    attempt: record.attempts,
    async save (patch) {
      Object.assign(progress, patch)
      await store.progress(record.id, progress as Prisma.InputJsonValue)
    }
  }
  try {
    let result = recoverFirst ? await op.recover(ctx) : null
    if (result === null) result = await op.run(ctx)
    await store.finish(record.id, 'succeeded', { response: result as Prisma.InputJsonValue })
    return result
  } catch (err) {
    if (err instanceof OutcomeNotYetKnown) {
      await store.finish(record.id, 'unknown', { error: { code: 'UPSTREAM_UNAVAILABLE', message: err.message } })
      throw gatewayError('UPSTREAM_UNAVAILABLE', `${err.message}: retry later with the same idempotency key (it will not order twice)`, { idempotency: 'unknown', retryAfter: 30 })
    }
    if (err instanceof AmbiguousOutcome) {
      await store.finish(record.id, 'unknown', { error: errorRecord(err.original) })
      const coded = normalizeError(err.original)
      throw gatewayError(coded.code, `${coded.message}: the order may or may not have been placed; retry with the same idempotency key to find out (it will not order twice)`, { ...coded.details, idempotency: 'unknown' }, coded.statusCode)
    }
    await store.finish(record.id, 'failed', { error: errorRecord(err) })
    throw err
  }
}
