// One HTTP attempt of a delivery: POST, no redirect followed, a timeout on the whole exchange, the
// receiver's body read up to a few KB and dropped. Answers what the delivery log records.
import { request } from 'undici'

export interface AttemptResult {
  ok: boolean
  // null when no answer came (timeout, refused connection)
  responseCode: number | null
  latencyMs: number
  error: string | null
}

const MAX_BODY_BYTES = 4096

export async function sendDelivery (url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptResult> {
  const started = performance.now()
  const latency = (): number => Math.round(performance.now() - started)
  try {
    const answer = await request(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), headersTimeout: timeoutMs, bodyTimeout: timeoutMs })
    let read = 0
    for await (const chunk of answer.body) {
      read += (chunk as Buffer).length
      if (read > MAX_BODY_BYTES) {
        answer.body.destroy()
        break
      }
    }
    const ok = answer.statusCode >= 200 && answer.statusCode < 300
    return { ok, responseCode: answer.statusCode, latencyMs: latency(), error: ok ? null : `the receiver answered ${answer.statusCode}` }
  } catch (err) {
    const name = (err as Error).name
    const error = name === 'TimeoutError' || name === 'AbortError' || /Timeout/.test((err as { code?: string }).code ?? '')
      ? `no answer within ${timeoutMs} ms`
      : `the receiver cannot be reached (${(err as { code?: string }).code ?? name})`
    return { ok: false, responseCode: null, latencyMs: latency(), error }
  }
}
