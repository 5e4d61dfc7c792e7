// Waits of the benchmarks, each bounded: a benchmark never loops for ever on a process that does
// not answer.

/** Polls `probe` every 250 ms until it answers a value, or fails after `timeoutMs`. */
export async function waitFor<T> (what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`)
}
