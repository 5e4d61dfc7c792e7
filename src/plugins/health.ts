// Liveness and readiness. Ready means this instance can serve: its database answers and holds every
// migration this code expects. OVH's reachability (GET /auth/time on the default endpoint, cached
// briefly so a busy probe does not hammer OVH) is reported, as `degraded`, but never makes an
// instance unready: an OVH outage is the same for every replica, and taking them all out of the
// load balancer would also stop what they still serve without OVH (their database, the mirror).
import fp from 'fastify-plugin'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.js'
import { OvhApiError, OvhTransportError } from '../ovh/errors.js'
import { checkAppliedMigrations } from '../db/migration-check.js'
import { migrationsPath } from '../paths.js'

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

// Migrations change only with a deployment: checked once a minute at most, and a success is kept.
async function checkMigrations (databaseUrl: string, log: FastifyBaseLogger): Promise<Check> {
  const started = performance.now()
  const ms = (): number => Math.round(performance.now() - started)
  try {
    const status = await checkAppliedMigrations(databaseUrl, migrationsPath)
    if (status.failed.length === 0 && status.pending.length === 0) return { ok: true, ms: ms() }
    log.warn({ pending: status.pending, failed: status.failed }, 'readiness: the database lacks migrations')
    return { ok: false, ms: ms(), error: status.failed.length > 0 ? 'a migration failed' : 'migrations pending' }
  } catch (err) {
    log.warn({ error: (err as Error).message }, 'readiness: the migration check failed')
    return { ok: false, ms: ms(), error: 'database unavailable' }
  }
}

export default fp<{ config: Config, databaseUrl: string }>(async function healthPlugin (app, opts) {
  const endpoint = opts.config.ovh.endpoint
  let ovhCheck: { at: number, result: Promise<Check> } | undefined
  let ovhReachable: number | undefined
  let migrations: { at: number, result: Promise<Check> } | undefined

  const cachedMigrations = (): Promise<Check> => {
    if (!migrations || Date.now() - migrations.at > 60_000) {
      // A success stays; a failure is checked again at the next probe's minute.
      const result = checkMigrations(opts.databaseUrl, app.log).then(check => {
        if (check.ok && migrations !== undefined) migrations.at = Infinity
        return check
      })
      migrations = { at: Date.now(), result }
    }
    return migrations.result
  }

  const cachedOvhCheck = (): Promise<Check> => {
    if (!ovhCheck || Date.now() - ovhCheck.at > 5_000) {
      ovhCheck = {
        at: Date.now(),
        result: checkOvh(() => app.ovh.transportFor(endpoint).clock.resync(), app.log).then(check => {
          ovhReachable = check.ok ? 1 : 0
          return check
        })
      }
    }
    return ovhCheck.result
  }
  app.metrics.source({ ovhReachable: () => ovhReachable })

  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }))

  // 200 `ok`, 200 `degraded` (OVH cannot be reached: keep the instance in service), or 503
  // `unavailable` (this instance cannot serve: take it out).
  app.get('/health/ready', { schema: { hide: true } }, async (_request, reply) => {
    const database = await checkDatabase(() => app.db.$queryRaw`SELECT 1`, app.log)
    const [schema, ovh] = await Promise.all([
      database.ok ? cachedMigrations() : Promise.resolve({ ok: false, ms: 0, error: 'database unavailable' }),
      cachedOvhCheck()
    ])
    const ready = database.ok && schema.ok
    reply.code(ready ? 200 : 503)
    return { status: ready ? (ovh.ok ? 'ok' : 'degraded') : 'unavailable', checks: { database, migrations: schema, ovh: { ...ovh, endpoint } } }
  })
}, { name: 'health', dependencies: ['stores', 'ovh', 'metrics'] })
