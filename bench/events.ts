// Events and webhooks under load and faults (issue 13, item 7), on the production gateway in its own
// process with its job engine inline, the sandbox in another, and --events-endpoints webhook
// receivers (real HTTP servers in this process), every endpoint subscribed to every event:
// 1. steady: renewal changes made through the gateway at --events-rate a minute for
//    --events-seconds; each becomes a `domain.renewal_changed` event once the mirror reads the
//    domain again (write-through refresh), and one delivery per endpoint. Measured: events and
//    deliveries a minute, and the time from the change's answer to each delivery (p50, p95, max).
// 2. faults: the same load while some receivers answer 500 and others hang, the gateway is killed
//    with SIGKILL with deliveries in flight and started again, and (where Redis runs) Redis is cut
//    under the new gateway; then every receiver answers again.
// 3. drain: until every event of the run reached every endpoint at least once (bounded). Measured:
//    lost events (none allowed), duplicates (the same webhook-id twice), time to drain.
import http from 'node:http'
import net from 'node:net'
import { mkdtemp, readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { request } from 'undici'
import { CleanupStack } from './lib/cleanup.js'
import { createBenchDatabase } from './lib/database.js'
import { newMasterKey, provisionReseller, provisionSyncKey, startGateway } from './lib/gateway.js'
import type { GatewayProcess } from './lib/gateway.js'
import { startSandbox } from './lib/sandbox.js'
import type { BenchContext, BenchReport, TargetCheck } from './lib/report.js'
import { fmt, percentile } from './lib/stats.js'
import { markdownTable } from './lib/table.js'
import { summariseProfile } from './lib/profile.js'
import { waitFor } from './lib/wait.js'

const EXTRA_DOMAINS = 400
const FIRST_SYNC_TIMEOUT_MS = 5 * 60_000
// Every event of the run must reach every endpoint within this after the faults end: the retries'
// backoff (about e^n s) plus the minute a killed worker's jobs take to be freed.
const DRAIN_TIMEOUT_MS = 6 * 60_000
const FAULT_PHASE_MS = 60_000
const WEBHOOK_TIMEOUT_MS = 2_000

type Mode = 'ok' | 'fail' | 'hang'

interface Receipt { endpoint: number, webhookId: string, at: number, type: string, subject: string, after: unknown }

interface Receiver { url: string, mode: Mode, hung: Set<http.ServerResponse>, close (): Promise<void> }

async function startReceiver (index: number, receipts: Receipt[]): Promise<Receiver> {
  const receiver: Receiver = { url: '', mode: 'ok', hung: new Set(), close: async () => {} }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      if (receiver.mode === 'hang') { receiver.hung.add(res); return }
      if (receiver.mode === 'fail') { res.writeHead(500).end(); return }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string, data: { subject?: { id: string }, after?: unknown } }
      receipts.push({ endpoint: index, webhookId: String(req.headers['webhook-id']), at: performance.now(), type: body.type, subject: body.data.subject?.id ?? '', after: body.data.after })
      res.writeHead(204).end()
    })
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hook`
  receiver.close = async () => {
    for (const res of receiver.hung) res.destroy()
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  }
  return receiver
}

/** A TCP relay in front of Redis, cut on cue: Redis gone under a running gateway. */
async function redisRelay (target: string): Promise<{ url: string, cut (): void, close (): Promise<void> }> {
  const { hostname, port } = new URL(target)
  const sockets = new Set<net.Socket>()
  let open = true
  const server = net.createServer(client => {
    if (!open) { client.destroy(); return }
    const upstream = net.connect({ host: hostname, port: Number(port || 6379) })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut () { open = false; for (const socket of sockets) socket.destroy() },
    close: () => new Promise(resolve => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()) })
  }
}

async function reachable (url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return await new Promise(resolve => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) })
    socket.setTimeout(1_000)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => { socket.destroy(); resolve(false) })
  })
}

async function query<T extends pg.QueryResultRow> (databaseUrl: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/**
 * Renewal changes through the gateway, paced at `perMinute`, for `ms`: each domain's renewal is
 * flipped (the domains take turns). Answers the changes made, keyed `domain|renewalState after` with
 * the time the gateway answered, and the refusals.
 */
async function makeChanges (gateway: () => GatewayProcess | undefined, apiKey: string, domains: Map<string, string>, perMinute: number, ms: number, made: Map<string, number>): Promise<{ sent: number, refused: Map<string, number> }> {
  const names = [...domains.keys()]
  const interval = 60_000 / perMinute
  const started = performance.now()
  const inFlight = new Set<Promise<void>>()
  const refused = new Map<string, number>()
  let sent = 0
  for (let k = 0; performance.now() - started < ms; k++) {
    const due = started + k * interval
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    const target = gateway()
    if (!target) { refused.set('no gateway', (refused.get('no gateway') ?? 0) + 1); continue }
    const name = names[k % names.length]
    const automatic = domains.get(name) !== 'automatic_renew'
    domains.set(name, automatic ? 'automatic_renew' : 'manual_renew')
    sent++
    const call = request(`${target.origin}/v1/domains/${name}/serviceInfos`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ renew: { automatic } }),
      headersTimeout: 10_000,
      bodyTimeout: 10_000
    }).then(async response => {
      await response.body.text()
      if (response.statusCode === 200) made.set(`${name}|${automatic ? 'automatic_renew' : 'manual_renew'}`, performance.now())
      else refused.set(`HTTP ${response.statusCode}`, (refused.get(`HTTP ${response.statusCode}`) ?? 0) + 1)
    }, (err: Error) => { refused.set(err.name, (refused.get(err.name) ?? 0) + 1) })
    inFlight.add(call)
    call.finally(() => inFlight.delete(call)).catch(() => {})
  }
  await Promise.all(inFlight)
  return { sent, refused }
}

const tally = (counts: Map<string, number>): string => counts.size === 0 ? 'none' : [...counts].map(([what, n]) => `${what} ${n}`).join(', ')

export async function events (ctx: BenchContext): Promise<BenchReport> {
  const { options, app, log } = ctx
  const cleanup = new CleanupStack(log)
  const sections: string[] = []
  const targets: TargetCheck[] = []
  const endpoints = options.eventsEndpoints
  try {
    const database = await createBenchDatabase()
    cleanup.defer(() => database.drop())
    const sandbox = await startSandbox(app, { extraDomains: EXTRA_DOMAINS })
    cleanup.defer(() => sandbox.stop())
    const masterKey = newMasterKey()
    const reseller = await provisionReseller(database.url, masterKey, sandbox, 'admin')
    await provisionSyncKey(database.url, masterKey, sandbox)
    const entry = app.command('src/server')
    const gatewayEnv = {
      WORKERS: 'inline',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      ...(options.eventsWorkers === undefined ? {} : { WORKER_CONCURRENCY: String(options.eventsWorkers) })
    }
    // A gateway that exits on its own (not the SIGKILL below) is a finding: its last output is logged.
    const watch = (process: GatewayProcess): GatewayProcess => {
      process.child.process.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL' && !stopping) log(`${process.child.name} exited by itself (code ${code}, signal ${signal}):\n${process.child.output()}`)
      })
      return process
    }
    let stopping = false
    // --profile: the steady phase's gateway runs under node --cpu-prof and is stopped (not killed)
    // after that phase, so that it writes its profile; the faults are then not run.
    const profileDir = options.profile ? await mkdtemp(path.join(os.tmpdir(), 'ogw-bench-prof-')) : undefined
    let gateway: GatewayProcess | undefined = watch(await startGateway('gateway-events', entry, database.url, masterKey, {
      rateBudget: 0,
      env: gatewayEnv,
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
    }))
    cleanup.defer(async () => { stopping = true; await gateway?.stop() })

    await waitFor('first sync', FIRST_SYNC_TIMEOUT_MS, async () =>
      (await query<{ state: string }>(database.url, 'SELECT state FROM "MirrorAccount"'))[0]?.state === 'ready' ? true : undefined)
    const rows = await query<{ name: string, renewalState: string }>(database.url,
      'SELECT name, "renewalState" FROM "MirrorDomain" WHERE state = \'ok\' AND "renewalState" IN (\'automatic_renew\', \'manual_renew\') ORDER BY name')
    const domains = new Map(rows.map(row => [row.name, row.renewalState]))
    log(`first sync done: ${domains.size} domains whose renewal can be flipped`)

    const receipts: Receipt[] = []
    const receivers: Receiver[] = []
    for (let i = 0; i < endpoints; i++) receivers.push(await startReceiver(i, receipts))
    cleanup.defer(async () => { for (const receiver of receivers) await receiver.close() })
    for (const receiver of receivers) {
      const created = await request(`${gateway.origin}/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reseller.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url, events: ['*'] })
      })
      const text = await created.body.text()
      if (created.statusCode !== 201) throw new Error(`POST /v1/webhooks: HTTP ${created.statusCode} ${text}`)
    }
    const runStart = new Date()

    // 1. Steady load.
    const made = new Map<string, number>()
    const steadyMs = options.eventsSeconds * 1000
    const steadyStart = performance.now()
    log(`steady: ${options.eventsRate} changes/min for ${options.eventsSeconds} s, ${endpoints} endpoints`)
    const steady = await makeChanges(() => gateway, reseller.apiKey, domains, options.eventsRate, steadyMs, made)
    // Deliveries of the steady phase's events, allowed a few seconds more to arrive.
    await sleep(5_000)
    const steadyReceipts = receipts.filter(receipt => receipt.type === 'domain.renewal_changed' && receipt.at >= steadyStart)
    const matched = steadyReceipts
      .map(receipt => { const at = made.get(`${receipt.subject}|${String(receipt.after)}`); return at === undefined ? undefined : { arrived: receipt.at, ms: receipt.at - at } })
      .filter((entry): entry is { arrived: number, ms: number } => entry !== undefined && entry.ms >= 0)
    const latencies = matched.map(entry => entry.ms).sort((a, b) => a - b)
    // The p95 by 10 s of arrival: a stall (the feed held back by a long transaction, a lane
    // stopped) shows as one slice, where the whole minute's p95 cannot tell it from a slow pace.
    const slices: string[] = []
    for (let from = 0; from < steadyMs + 5_000; from += 10_000) {
      const slice = matched.filter(entry => entry.arrived - steadyStart >= from && entry.arrived - steadyStart < from + 10_000).map(entry => entry.ms).sort((a, b) => a - b)
      slices.push(`${from / 1000}-${from / 1000 + 10} s: ${slice.length === 0 ? '-' : fmt.ms(percentile(slice, 95))}`)
    }
    const steadyEvents = Number((await query<{ n: string }>(database.url,
      'SELECT count(*) AS n FROM "Event" WHERE type = \'domain.renewal_changed\' AND "occurredAt" >= $1', [runStart]))[0].n)
    const minutes = steadyMs / 60_000
    const p95 = percentile(latencies, 95)
    sections.push(`- Gateway: \`${app.describe('src/server')}\`, own process, production mode, \`WORKERS=inline\` (job engine in the gateway, \`WORKER_CONCURRENCY\` default), \`WEBHOOK_TIMEOUT_MS=${WEBHOOK_TIMEOUT_MS}\`. Sandbox: own process, demo account + ${EXTRA_DOMAINS} domains. ${endpoints} receivers in the benchmark process, each subscribed to \`*\`.`,
      markdownTable(['steady phase', 'value'], [
        ['renewal changes sent (paced)', `${steady.sent} in ${options.eventsSeconds} s (${fmt.rate(steady.sent / minutes)}/min); refused: ${tally(steady.refused)}`],
        ['`domain.renewal_changed` events recorded', `${steadyEvents} (${fmt.rate(steadyEvents / minutes)}/min)`],
        ['deliveries received (all endpoints)', `${steadyReceipts.length} (${fmt.rate(steadyReceipts.length / minutes)}/min)`],
        ['change answered -> delivery received: p50 / p95 / max', `${fmt.ms(percentile(latencies, 50))} / ${fmt.ms(p95)} / ${fmt.ms(latencies[latencies.length - 1] ?? NaN)} ms (${latencies.length} matched)`],
        ['p95 by 10 s of arrival (ms)', slices.join('; ')]
      ], ['l', 'r']))
    targets.push({ target: `${fmt.rate(options.eventsRate)} events/min to ${endpoints} endpoints sustained`, measured: `${fmt.rate(steadyEvents / minutes)} events/min, ${fmt.rate(steadyReceipts.length / minutes)} deliveries/min`, met: steadyEvents / minutes >= options.eventsRate * 0.95 && steadyReceipts.length >= steadyEvents * endpoints * 0.95 })
    targets.push({ target: 'p95 from a change made through the gateway to its delivery < 2 s', measured: `${fmt.ms(p95)} ms`, met: p95 < 2_000 })

    if (profileDir) {
      stopping = true
      await gateway.stop()
      gateway = undefined
      const files = (await readdir(profileDir).catch(() => [])).filter(file => file.endsWith('.cpuprofile'))
      if (files.length > 0) sections.push(`Profile of the gateway over the steady phase (${profileDir}):`, await summariseProfile(path.join(profileDir, files[0]), log))
      return { name: 'events', title: 'Events and webhooks under load (`npm run bench -- events --profile`: steady phase only)', sections, targets }
    }

    // 2. Faults, under the same load.
    const redisTarget = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
    const relay = await reachable(redisTarget) ? await redisRelay(redisTarget) : undefined
    if (relay) cleanup.defer(() => relay.close())
    const failing = receivers.slice(0, Math.max(1, Math.floor(endpoints * 0.3)))
    const hanging = receivers.slice(failing.length, failing.length + Math.max(1, Math.floor(endpoints * 0.2)))
    for (const receiver of failing) receiver.mode = 'fail'
    for (const receiver of hanging) receiver.mode = 'hang'
    const faultLog: string[] = [`${failing.length} receivers answer 500 and ${hanging.length} hang from the start of the phase`]
    log(`faults: ${faultLog[0]}`)
    const faultLoad = makeChanges(() => gateway, reseller.apiKey, domains, options.eventsRate, FAULT_PHASE_MS, made)
    await sleep(FAULT_PHASE_MS / 4)
    const inFlight = Number((await query<{ n: string }>(database.url, 'SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL'))[0].n)
    const killed = gateway
    gateway = undefined
    const exited = new Promise(resolve => killed.child.process.once('exit', resolve))
    killed.child.process.kill('SIGKILL')
    await exited
    faultLog.push(`gateway killed with SIGKILL at ${FAULT_PHASE_MS / 4000} s, ${inFlight} jobs locked (in flight) at that moment`)
    log(faultLog[faultLog.length - 1])
    gateway = watch(await startGateway('gateway-events-2', entry, database.url, masterKey, { rateBudget: 0, env: { ...gatewayEnv, ...(relay ? { REDIS_URL: relay.url } : {}) } }))
    faultLog.push(`a new gateway process started on the same database${relay ? ', with Redis through a relay' : ''}`)
    if (relay) {
      await sleep(FAULT_PHASE_MS / 4)
      relay.cut()
      faultLog.push('Redis cut under the new gateway (connections dropped, new ones refused) for the rest of the run')
    } else {
      faultLog.push(`no Redis at ${redisTarget}: the Redis outage was not measured`)
    }
    log(faultLog[faultLog.length - 1])
    const faults = await faultLoad
    for (const receiver of [...failing, ...hanging]) {
      receiver.mode = 'ok'
      for (const res of receiver.hung) res.destroy()
      receiver.hung.clear()
    }
    faultLog.push(`every receiver answers again at ${FAULT_PHASE_MS / 1000} s; changes sent during the phase: ${faults.sent}, refused: ${tally(faults.refused)}`)
    const faultsEnd = performance.now()

    // 3. Drain: every event of the run at every endpoint.
    const expected = await query<{ id: string }>(database.url, 'SELECT id::text FROM "Event" WHERE "occurredAt" >= $1', [runStart])
    const missing = (): number => {
      const seen = new Set(receipts.map(receipt => `${receipt.endpoint}|${receipt.webhookId}`))
      let count = 0
      for (const { id } of expected) for (let i = 0; i < endpoints; i++) if (!seen.has(`${i}|${id}`)) count++
      return count
    }
    let lost = missing()
    const deadline = performance.now() + DRAIN_TIMEOUT_MS
    while (lost > 0 && performance.now() < deadline) {
      await sleep(2_000)
      lost = missing()
      log(`drain: ${lost} deliveries missing`)
    }
    const drainSeconds = (performance.now() - faultsEnd) / 1000
    const perDelivery = new Map<string, number>()
    for (const receipt of receipts) perDelivery.set(`${receipt.endpoint}|${receipt.webhookId}`, (perDelivery.get(`${receipt.endpoint}|${receipt.webhookId}`) ?? 0) + 1)
    const duplicates = [...perDelivery.values()].reduce((sum, n) => sum + n - 1, 0)
    sections.push(markdownTable(['faults, then drain', 'value'], [
      ...faultLog.map((line, i) => [`step ${i + 1}`, line]),
      ['events recorded over the run', String(expected.length)],
      ['deliveries owed (events x endpoints)', String(expected.length * endpoints)],
      ['missing at the end (lost)', String(lost)],
      ['received twice or more (same webhook-id, same endpoint)', String(duplicates)],
      ['time from the receivers\' return to the last owed delivery', lost === 0 ? `${drainSeconds.toFixed(1)} s` : `not within ${DRAIN_TIMEOUT_MS / 1000} s`]
    ], ['l', 'r']))
    targets.push({ target: 'no event lost through receivers failing and hanging, SIGKILL and Redis down', measured: `${lost} of ${expected.length * endpoints} deliveries missing, ${duplicates} duplicates`, met: lost === 0 })
    return { name: 'events', title: 'Events and webhooks under load and faults (`npm run bench -- events`)', sections, targets }
  } finally {
    await cleanup.run()
  }
}
