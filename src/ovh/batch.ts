// Batch reads with X-Ovh-Batch, chunked by 50, with a fallback to bounded single reads.
// @see docs/OVH-API.md 15b (undocumented by OVH: always keep the fallback)
import { createLimiter } from './concurrency.js'
import { followSignal } from './signals.js'
import { OvhApiError, OvhTransportError, errorFromObject, isAuthError } from './errors.js'
import type { Logger } from './logger.js'

export type BatchItem<T> = { ok: true, value: T } | { ok: false, error: OvhApiError }
// Keyed by the ids as the caller gave them; every requested id has an entry.
export type BatchResult<T> = Map<string, BatchItem<T>>

export interface BatchConfig {
  enabled: boolean
  // Ids per batch call; OVH's own control panel never sends more than 50.
  chunkSize: number
  // Batch calls in flight at once for one getBatch.
  concurrency: number
  // Single reads in flight at once for one getBatch (fallback, and ids that cannot be batched).
  fallbackConcurrency: number
}

export const MAX_BATCH_CHUNK = 50

export const DEFAULT_BATCH_CONFIG: BatchConfig = {
  enabled: true,
  chunkSize: MAX_BATCH_CHUNK,
  concurrency: 4,
  fallbackConcurrency: 8
}

export interface BatchReadInput<T> {
  route: string
  ids: readonly string[]
  config: BatchConfig
  log: Logger
  signal?: AbortSignal
  canBatch: boolean
  // `fallback`: a read the batch falls back to, beyond the calls batchCalls planned.
  readOne: (id: string, signal: AbortSignal | undefined, fallback: boolean) => Promise<T>
  readMany: (ids: string[], signal: AbortSignal) => Promise<unknown>
}

interface RawItem {
  key: unknown
  value?: unknown
  error?: unknown
}

function isRawItem (value: unknown): value is RawItem {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'key' in value
}

// Errors that no other read with the same credentials would escape: stop everything.
function isFatal (err: unknown): boolean {
  if (err instanceof OvhApiError) return isAuthError(err) || err.status === 429
  // Timeouts and connection failures would hit single reads too; a malformed answer may not.
  return !(err instanceof OvhTransportError && err.kind === 'malformed')
}

// A single read's error that belongs to that id alone (not found, validation...).
// Auth-layer answers carry an errorCode and concern the credentials, not the id.
function isPerIdError (err: unknown): err is OvhApiError {
  return err instanceof OvhApiError && err.errorCode === undefined && !isFatal(err)
}

const CLASS_STATUSES: Array<[string, number]> = [
  ['Client::BadRequest', 400],
  ['Client::Unauthorized', 401],
  ['Client::Forbidden', 403],
  ['Client::NotFound', 404],
  ['Client::Conflict', 409],
  ['Server::', 500]
]

// The messages OVH answers, on a single read, for an id that is not on the caller's account: as
// a batch item's bare-string error they are that id's own 404 (docs 15b), with no read to confirm
// it. Other strings (an access rule refusing that path, a validation message...) say too little.
const NOT_FOUND_MESSAGES = [
  /^This service does not exist$/,
  /^The requested object \(.+\) does not exist$/
]

// The type of a batch item's "error" is not documented: use it when it names a status we
// can trust, otherwise return undefined and let a single read fetch the real error.
function itemError (raw: unknown, route: string): OvhApiError | undefined {
  if (typeof raw === 'string') {
    const message = raw.trim()
    if (!NOT_FOUND_MESSAGES.some(pattern => pattern.test(message))) return undefined
    return errorFromObject(404, { class: 'Client::NotFound', message }, { method: 'GET', route })
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined
  const body = raw as Record<string, unknown>
  const httpCode = typeof body.httpCode === 'string' ? Number.parseInt(body.httpCode, 10) : Number.NaN
  const explicit = typeof body.status === 'number' ? body.status : httpCode
  const errorClass = typeof body.class === 'string' ? body.class : ''
  const status = Number.isInteger(explicit) && explicit >= 400
    ? explicit
    : CLASS_STATUSES.find(([prefix]) => errorClass.startsWith(prefix))?.[1]
  if (status === undefined) return undefined
  return errorFromObject(status, body, { method: 'GET', route })
}

function chunk<T> (items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

// How readBatch splits ids: the batchable ones in chunks, the others (an id holding the
// separator cannot be told apart in a batch URL) read one by one.
function plan (ids: readonly string[], canBatch: boolean, config: BatchConfig): { chunks: string[][], singles: string[] } {
  const batchable = canBatch && config.enabled ? ids.filter(id => !id.includes(',')) : []
  const batched = new Set(batchable)
  return {
    chunks: chunk(batchable, Math.min(Math.max(1, config.chunkSize), MAX_BATCH_CHUNK)),
    singles: ids.filter(id => !batched.has(id))
  }
}

/** The HTTP calls readBatch makes for these ids when no chunk falls back and nothing is retried. */
export function plannedBatchCalls (ids: readonly string[], canBatch: boolean, config: BatchConfig): number {
  const unique = [...new Set(ids)]
  if (unique.length <= 1) return unique.length
  const { chunks, singles } = plan(unique, canBatch, config)
  return chunks.length + singles.length
}

export async function readBatch<T> (input: BatchReadInput<T>): Promise<BatchResult<T>> {
  const { config, log, route } = input
  const ids = [...new Set(input.ids)]
  // One id is one plain read: no cancellation or concurrency machinery to set up (the most
  // frequent case, e.g. `domain(name)`, on the gateway's hot path).
  if (ids.length === 1) {
    const [id] = ids
    try {
      return new Map([[id, { ok: true, value: await input.readOne(id, input.signal, false) }]])
    } catch (err) {
      if (!isPerIdError(err)) throw err
      return new Map([[id, { ok: false, error: err }]])
    }
  }
  const results: BatchResult<T> = new Map()
  // The first fatal error stops the reads still queued (halt), and an OVH failure that no other
  // read would escape ends those in flight too (stop). Anything else, such as the client's
  // beforeAttempt hook refusing an attempt (a call budget spent), lets the reads in flight finish:
  // their attempts were allowed, and cutting them would only waste them.
  const stop = new AbortController()
  const halt = new AbortController()
  const unfollow = followSignal(stop, input.signal)
  const unfollowHalt = followSignal(halt, stop.signal)
  const { signal } = stop
  // One bound for all single reads of this call, whichever chunk fell back to them.
  const singleSlot = createLimiter(config.fallbackConcurrency)
  const batchSlot = createLimiter(config.concurrency)

  async function readOne (id: string, fallback: boolean): Promise<void> {
    try {
      results.set(id, { ok: true, value: await input.readOne(id, signal, fallback) })
    } catch (err) {
      if (!isPerIdError(err)) throw err
      results.set(id, { ok: false, error: err })
    }
  }

  async function readSingles (singleIds: readonly string[], fallback = true): Promise<void> {
    await Promise.all(singleIds.map(async id => await singleSlot(async () => await readOne(id, fallback), halt.signal)))
  }

  async function readChunk (chunkIds: string[]): Promise<void> {
    let answer: unknown
    try {
      answer = await input.readMany(chunkIds, signal)
    } catch (err) {
      if (isFatal(err)) throw err
      // OVH may change or drop batch reads (docs 15b): say why, so the switch can be turned off.
      const status = (err as OvhApiError | OvhTransportError).status
      log.warn({ ovh: { route, batch: chunkIds.length, status, fallback: 'single reads' } }, 'OVH batch read failed; reading ids one by one')
      return await readSingles(chunkIds)
    }
    if (!Array.isArray(answer) || !answer.every(isRawItem)) {
      log.warn({ ovh: { route, batch: chunkIds.length, fallback: 'single reads' } }, 'OVH batch answer has an unexpected shape; reading ids one by one')
      return await readSingles(chunkIds)
    }
    // The key is "the id as in the URL": accept it encoded or not, and never rely on order.
    const byKey = new Map<string, string>()
    for (const id of chunkIds) {
      byKey.set(encodeURIComponent(id), id)
      byKey.set(id, id)
    }
    const pending = new Set(chunkIds)
    for (const item of answer) {
      const id = byKey.get(String(item.key))
      if (id === undefined || !pending.has(id)) continue
      if (item.error === null || item.error === undefined || item.error === false || item.error === '') {
        results.set(id, { ok: true, value: (item.value ?? null) as T })
        pending.delete(id)
        continue
      }
      const error = itemError(item.error, route)
      if (error === undefined) continue
      results.set(id, { ok: false, error })
      pending.delete(id)
    }
    // Ids the answer left out, or whose error says too little, are read one by one.
    if (pending.size > 0) await readSingles([...pending])
  }

  const { chunks, singles } = plan(ids, input.canBatch, config)
  // A chunk of one id is a plain single GET: nothing to gain from the batch header.
  const oneIdChunks = chunks.filter(c => c.length === 1).flat()
  const batchChunks = chunks.filter(c => c.length > 1)

  try {
    await Promise.all([
      ...batchChunks.map(async chunkIds => await batchSlot(async () => await readChunk(chunkIds), halt.signal)),
      readSingles([...singles, ...oneIdChunks], false)
    ])
  } catch (err) {
    const reason = new DOMException('OVH batch read abandoned after a fatal error', 'AbortError')
    if (!halt.signal.aborted) halt.abort(reason)
    if (!stop.signal.aborted && (err instanceof OvhApiError || err instanceof OvhTransportError)) stop.abort(reason)
    throw err
  } finally {
    unfollowHalt()
    unfollow()
  }
  // Keep the caller's order in the map's iteration order.
  return new Map(ids.map(id => [id, results.get(id) as BatchItem<T>]))
}
