// Liveness and readiness. Ready means the database answers and the default OVH endpoint is
// reachable (GET /auth/time, cached briefly so a busy probe does not hammer OVH).
import fp from 'fastify-plugin'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.js'
import { OvhApiError, OvhTransportError } from '../ovh/errors.js'

interface Check { ok: boolean, ms: number, error?: string }

async function timed (work: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const started = performance.now()
  try {
    await Promise.race([
      work(),
      new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())
    ])
    return { ok: true, ms: Math.round(performance.now() - started) }
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : 'failed' }
  }
}

// The probe is unauthenticated, and the driver's message names the database, its host or its user
// (over several lines): the answer gives a fixed reason, the log the details.
async function checkDatabase (query: () => Promise<unknown>, log: FastifyBaseLogger): Promise<Check> {
  const check = await timed(query, 2_000)
  if (check.ok) return check
  log.warn({ error: check.error, ms: check.ms }, 'readiness: the database check failed')
  return { ...check, error: 'database unavailable' }
}

// The same for OVH: a short reason of a fixed shape (OVH's or undici's wording goes to the log).
function ovhFailure (err: unknown): string {
  if (err instanceof OvhApiError) return `OVH answered ${err.status}`
  if (err instanceof OvhTransportError) return `OVH cannot be reached (${err.kind})`
  return 'OVH cannot be reached'
}

async function checkOvh (resync: () => Promise<unknown>, log: FastifyBaseLogger): Promise<Check> {
  let failure: unknown
  const check = await timed(() => resync().catch(err => { failure = err; throw err }), 3_000)
  if (check.ok) return check
  log.warn({ error: check.error, ms: check.ms }, 'readiness: the OVH check failed')
  return { ...check, error: failure === undefined ? check.error : ovhFailure(failure) }
}

export default fp<{ config: Config }>(async function healthPlugin (app, opts) {
  const endpoint = opts.config.ovh.endpoint
  let ovhCheck: { at: number, result: Promise<Check> } | undefined

  const cachedOvhCheck = (): Promise<Check> => {
    if (!ovhCheck || Date.now() - ovhCheck.at > 5_000) {
      ovhCheck = {
        at: Date.now(),
        result: checkOvh(() => app.ovh.transportFor(endpoint).clock.resync(), app.log)
      }
    }
    return ovhCheck.result
  }

  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }))

  app.get('/health/ready', { schema: { hide: true } }, async (_request, reply) => {
    const [database, ovh] = await Promise.all([
      checkDatabase(() => app.db.$queryRaw`SELECT 1`, app.log),
      cachedOvhCheck()
    ])
    const ok = database.ok && ovh.ok
    reply.code(ok ? 200 : 503)
    return { status: ok ? 'ok' : 'unavailable', checks: { database, ovh: { ...ovh, endpoint } } }
  })
}, { name: 'health', dependencies: ['stores', 'ovh'] })
