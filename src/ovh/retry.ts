// Backoff delays between attempts of a request that is safe to repeat.
import { setTimeout as sleepTimer } from 'node:timers/promises'
import { OvhApiError } from './errors.js'

export interface BackoffOptions {
  // Delay before the first retry; doubled for each further retry.
  baseMs: number
  // Upper bound for any delay, Retry-After included: a caller is waiting.
  maxMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 5_000 }

/**
 * Whether a retry may wait for what OVH asked: a Retry-After longer than the cap is not retried at
 * all (retrying sooner than OVH said spends budget on a refusal, and waiting that long holds the
 * caller), so the error reaches the caller at once with its retryAfter.
 */
export function retryAllowed (err: unknown, opts: BackoffOptions): boolean {
  return !(err instanceof OvhApiError && err.retryAfter !== undefined && err.retryAfter * 1000 > opts.maxMs)
}

// "Equal jitter" (AWS architecture blog) spreads the retries of many callers while keeping
// a minimum wait; a Retry-After
// from OVH wins over our own guess, capped so one answer cannot park a request for long.
export function retryDelay (err: unknown, retryIndex: number, opts: BackoffOptions, random = Math.random): number {
  if (err instanceof OvhApiError && err.retryAfter !== undefined) return Math.min(err.retryAfter * 1000, opts.maxMs)
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** retryIndex)
  return Math.round(ceiling / 2 + random() * ceiling / 2)
}

// Rejects with the signal's reason when the caller gives up during the wait.
export async function sleep (ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) {
    signal?.throwIfAborted()
    return
  }
  try {
    await sleepTimer(ms, undefined, { signal })
  } catch (err) {
    // timers/promises rejects with its own AbortError; callers expect their own reason.
    if (signal?.aborted === true) throw signal.reason
    /* c8 ignore next - the timer only rejects on abort */
    throw err
  }
}
