// A counting semaphore: at most `limit` tasks run at once, the others wait in FIFO order.
export type Limiter = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>

export function createLimiter (limit: number): Limiter {
  const max = Math.max(1, Math.floor(limit))
  let active = 0
  const waiting: Array<() => void> = []

  function release (): void {
    active--
    waiting.shift()?.()
  }

  return async function run<T> (task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (active >= max) await new Promise<void>(resolve => waiting.push(resolve))
    active++
    try {
      // Work that was queued when the whole operation was given up never starts.
      signal?.throwIfAborted()
      return await task()
    } finally {
      release()
    }
  }
}
