// One closed-loop HTTP load run with autocannon (its programmatic API), summarised as throughput and
// exact latency percentiles. Only 2xx answers with the expected body count as served; anything else
// is a failure, counted and shown (a fast error must not pass for throughput).
import autocannon from 'autocannon'
import { Pool } from 'undici'
import { Samples } from './stats.js'

export interface LoadSpec {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  connections: number
  seconds: number
  // The exact body every answer must carry.
  expectBody: string
}

export interface LoadResult {
  requests: number
  rps: number
  p50: number
  p90: number
  p99: number
  failures: number
  detail: string
  // The first answer that was not the expected one, shortened.
  sample?: string
}

export function runLoad (spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies = new Samples()
    let sample: string | undefined
    const instance = autocannon({
      url: spec.url,
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      connections: spec.connections,
      duration: spec.seconds,
      verifyBody: body => {
        const text = String(body ?? '')
        if (text === spec.expectBody) return true
        sample ??= text.slice(0, 300)
        return false
      }
    }, (err, result) => {
      if (err) return reject(err)
      const seconds = (result.finish.getTime() - result.start.getTime()) / 1000
      const [p50, p90, p99] = latencies.percentiles(50, 90, 99)
      const failures = result.errors + result.timeouts + result.non2xx + result.mismatches
      const served = result['2xx'] - result.mismatches
      resolve({
        requests: served,
        rps: served / seconds,
        p50,
        p90,
        p99,
        failures,
        detail: `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, unexpected bodies ${result.mismatches}${sample === undefined ? '' : `, e.g. ${sample}`}`,
        sample
      })
    })
    // autocannon's own histogram keeps whole milliseconds; raw times are needed for sub-ms deltas.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.add(responseTime)
    })
  })
}

/**
 * Requests sent at a steady rate (not as fast as answers come back), over up to `connections`
 * keep-alive connections: latency without the queueing of a saturated server. Each latency is
 * counted from the moment the request was due, so a stall is not hidden (coordinated omission).
 * autocannon's own rate limit sends each second's quota in a burst, which is why this is separate.
 */
export async function runPaced (spec: LoadSpec, rate: number): Promise<LoadResult> {
  const target = new URL(spec.url)
  const pool = new Pool(target.origin, { connections: spec.connections, pipelining: 1 })
  const latencies = new Samples()
  let failures = 0
  let firstFailure = ''
  const inFlight = new Set<Promise<void>>()
  const interval = 1000 / rate
  const started = performance.now()
  const end = started + spec.seconds * 1000
  const send = (due: number): void => {
    const done = pool.request({ path: target.pathname + target.search, method: spec.method, headers: spec.headers, body: spec.body })
      .then(async response => {
        const body = await response.body.text()
        if (response.statusCode >= 300 || body !== spec.expectBody) throw new Error(`HTTP ${response.statusCode} ${body.slice(0, 300)}`)
        latencies.add(performance.now() - due)
      })
      .catch((err: unknown) => {
        failures++
        firstFailure ||= (err as Error).message
      })
      .finally(() => inFlight.delete(done))
    inFlight.add(done)
  }
  let next = started
  while (next < end) {
    const now = performance.now()
    while (next <= now && next < end) {
      send(next)
      next += interval
    }
    await new Promise(resolve => setTimeout(resolve, Math.max(0, next - performance.now())))
  }
  await Promise.all(inFlight)
  const seconds = (performance.now() - started) / 1000
  await pool.close()
  const [p50, p90, p99] = latencies.percentiles(50, 90, 99)
  return { requests: latencies.size, rps: latencies.size / seconds, p50, p90, p99, failures, detail: `${failures} failures${firstFailure ? `, e.g. ${firstFailure}` : ''}`, sample: firstFailure || undefined }
}
