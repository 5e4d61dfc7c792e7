// Upstream faults under load (PRODUCT.md Targets: "Under upstream faults (latency, 5xx, 429,
// resets) the gateway answers every request with data or a clear coded error, retries only what is
// safe, and never orders twice"). The production gateway serves storefront users (reads, and
// orders retried with their idempotency key) while the sandbox, standing in for OVH, injects one
// kind of fault per phase. Every answer is judged (data, coded error, unclear, hung); the gateway's
// own log says which upstream calls it repeated; the sandbox's orders say what was ordered.
import { CleanupStack } from './lib/cleanup.js'
import { startProductionSetup } from './lib/gateway.js'
import type { BenchContext, BenchReport } from './lib/report.js'
import type { SandboxProcess } from './lib/sandbox.js'
import { StorefrontClient, orderUntilKnown, readRequests } from './lib/storefront-client.js'
import type { OrderOutcome, Verdict } from './lib/storefront-client.js'
import { markdownTable } from './lib/table.js'

const DOMAIN = 'demo-shop.com'
// The gateway gives up on an OVH call after this long (OVH_TIMEOUT_MS), so the latency faults,
// longer, become timeouts; a client waits far longer than any retried request should take.
const OVH_TIMEOUT_MS = 2000
const CLIENT_TIMEOUT_MS = 60_000
const USERS = 12
// Retries of one order by its storefront during a phase, and after the faults stop.
const ORDER_ATTEMPTS = 6
const SETTLE_ATTEMPTS = 10
const MAX_RETRY_WAIT_MS = 2000

interface Fault { method?: string, path: string, status?: number, retryAfterSeconds?: number, reset?: boolean, malformed?: boolean, latencyMs?: number, lateAnswerMs?: number, ratio: number }
interface Phase { name: string, label: string, faults: Fault[] }

const PHASES: Phase[] = [
  { name: 'none', label: 'no fault (baseline)', faults: [] },
  { name: '5xx', label: '500 or 503 on 30 % of calls', faults: [{ path: '/*', status: 500, ratio: 0.15 }, { path: '/*', status: 503, ratio: 0.18 }] },
  { name: '429', label: '429 (Retry-After: 1) on 30 % of calls', faults: [{ path: '/*', status: 429, retryAfterSeconds: 1, ratio: 0.3 }] },
  { name: 'resets', label: 'connection reset on 20 % of calls', faults: [{ path: '/*', reset: true, ratio: 0.2 }] },
  { name: 'malformed', label: 'malformed body on 20 % of calls', faults: [{ path: '/*', malformed: true, ratio: 0.2 }] },
  { name: 'latency', label: `${OVH_TIMEOUT_MS * 1.5} ms before answering 20 % of calls (past the gateway's timeout)`, faults: [{ path: '/*', latencyMs: OVH_TIMEOUT_MS * 1.5, ratio: 0.2 }] },
  { name: 'lost answers', label: 'half the POSTs done by OVH, their answer lost (timeout)', faults: [{ method: 'POST', path: '/*', lateAnswerMs: OVH_TIMEOUT_MS * 1.5, ratio: 0.5 }] },
  {
    name: 'all',
    label: 'all of the above at once, 6 % each',
    faults: [{ path: '/*', status: 503, ratio: 0.06 }, { path: '/*', status: 429, retryAfterSeconds: 1, ratio: 0.06 }, { path: '/*', reset: true, ratio: 0.06 },
      { path: '/*', malformed: true, ratio: 0.06 }, { path: '/*', latencyMs: OVH_TIMEOUT_MS * 1.5, ratio: 0.06 }, { method: 'POST', path: '/*', lateAnswerMs: OVH_TIMEOUT_MS * 1.5, ratio: 0.06 }]
  }
]

/** Upstream calls the gateway logged (LOG_LEVEL=info: one line per attempt, with its number). */
class UpstreamAttempts {
  repeatedWrites = new Map<string, number>()
  repeatedReads = 0
  calls = 0

  // The gateway's log lines of each order's requests, by idempotency key (the request id is
  // `<key>.<attempt>`, storefront-client.ts), kept to explain a key left unknown.
  orderLines = new Map<string, string[]>()

  onLine = (line: string): void => {
    const reqId = /"reqId":"(faults-[^"]+)\.\d+"/.exec(line)?.[1]
    if (reqId !== undefined) {
      const lines = this.orderLines.get(reqId) ?? []
      if (lines.length < 400) lines.push(line)
      this.orderLines.set(reqId, lines)
    }
    if (!line.includes('"ovh":{')) return
    try {
      const { ovh } = JSON.parse(line) as { ovh?: { method: string, route: string, attempt: number } }
      if (ovh?.attempt === undefined) return
      this.calls++
      if (ovh.attempt <= 1) return
      if (ovh.method === 'GET') this.repeatedReads++
      else this.repeatedWrites.set(`${ovh.method} ${ovh.route}`, (this.repeatedWrites.get(`${ovh.method} ${ovh.route}`) ?? 0) + 1)
    } catch {}
  }

  constructor (readonly log: (line: string) => void) {}

  snapshot (): { calls: number, reads: number, writes: number, writeRoutes: string[] } {
    const writes = [...this.repeatedWrites.values()].reduce((sum, count) => sum + count, 0)
    return { calls: this.calls, reads: this.repeatedReads, writes, writeRoutes: [...this.repeatedWrites.keys()] }
  }
}

interface PhaseResult {
  phase: Phase
  answers: Map<string, number>
  unclear: string[]
  hung: number
  orders: OrderOutcome[]
  upstream: { calls: number, reads: number, writes: number, writeRoutes: string[] }
  twice: string[]
  // Keys answered with an order the sandbox does not have, or with another order than it holds.
  wrongOrder: string[]
  // Keys still without a known outcome once the faults stopped and the storefront retried.
  unknownAfterSettle: string[]
  // For each of them: the gateway's last answer (code and message), and its answers in order.
  unknownAnswers: string[]
  // Keys refused (a non-retryable code) while OVH holds an order for their domain.
  refusedButOrdered: string[]
}

function describe (verdict: Verdict | undefined): string {
  if (verdict === undefined) return 'none'
  if (verdict.kind === 'coded') return `${verdict.code} (${verdict.message})`
  if (verdict.kind === 'unclear') return `unclear: ${verdict.sample}`
  return verdict.kind
}

function tally (verdict: Verdict, result: PhaseResult): void {
  const key = verdict.kind === 'coded' ? verdict.code : verdict.kind
  result.answers.set(key, (result.answers.get(key) ?? 0) + 1)
  if (verdict.kind === 'unclear' && result.unclear.length < 5) result.unclear.push(verdict.sample)
  if (verdict.kind === 'hung') result.hung++
}

async function runPhase (phase: Phase, seconds: number, client: StorefrontClient, sandbox: SandboxProcess, attempts: UpstreamAttempts, runId: string): Promise<PhaseResult> {
  const result: PhaseResult = { phase, answers: new Map(), unclear: [], hung: 0, orders: [], upstream: { calls: 0, reads: 0, writes: 0, writeRoutes: [] }, twice: [], wrongOrder: [], unknownAfterSettle: [], unknownAnswers: [], refusedButOrdered: [] }
  await sandbox.admin('DELETE', '/faults')
  for (const fault of phase.faults) await sandbox.admin('POST', '/faults', fault)
  const before = attempts.snapshot()
  const reads = readRequests(DOMAIN)
  // Idempotency keys and domain labels: letters, digits and dashes.
  const slug = phase.name.replace(/[^a-z0-9]+/g, '-')
  const end = Date.now() + seconds * 1000
  // Closed loops: each user reads three times, then orders one new domain (retrying it), and again.
  await Promise.all(Array.from({ length: USERS }, async (_unused, user) => {
    for (let round = 0; Date.now() < end; round++) {
      for (const request of reads) tally(await client.send(request), result)
      const id = `faults-${runId}-${slug}-${user}-${round}`
      const outcome: OrderOutcome = { key: id, domain: `${id}.com`, orderId: null, refusedWith: null, attempts: 0, verdicts: [] }
      result.orders.push(outcome)
      await orderUntilKnown(client, outcome, ORDER_ATTEMPTS, MAX_RETRY_WAIT_MS)
      outcome.verdicts.forEach(verdict => tally(verdict, result))
    }
  }))
  const after = attempts.snapshot()
  result.upstream = { calls: after.calls - before.calls, reads: after.reads - before.reads, writes: after.writes - before.writes, writeRoutes: after.writeRoutes.filter(route => !before.writeRoutes.includes(route)) }

  // The faults stop; the storefront retries what it does not know yet, as it would later on.
  await sandbox.admin('DELETE', '/faults')
  const pending = result.orders.filter(order => order.orderId === null && order.refusedWith === null)
  await Promise.all(pending.map(order => orderUntilKnown(client, order, order.attempts + SETTLE_ATTEMPTS, MAX_RETRY_WAIT_MS)))
  const unknown = pending.filter(order => order.orderId === null && order.refusedWith === null)
  result.unknownAfterSettle = unknown.map(order => order.key)
  result.unknownAnswers = unknown.map(order => `${order.key}: ${order.attempts} attempts, last ${describe(order.verdicts.at(-1))}; codes in order: ${order.verdicts.map(verdict => verdict.kind === 'coded' ? verdict.code : verdict.kind).join(' ')}`)
  for (const order of unknown) {
    attempts.log(`unknown key ${order.key}: answers`)
    order.verdicts.forEach((verdict, index) => attempts.log(`  ${index + 1}. ${describe(verdict)}`))
    attempts.log(`unknown key ${order.key}: gateway log (${attempts.orderLines.get(order.key)?.length ?? 0} lines)`)
    for (const line of attempts.orderLines.get(order.key) ?? []) attempts.log(`  ${line}`)
  }

  const held = await sandbox.admin<Array<{ orderId: number, domains: string[] }>>('GET', '/orders?account=demo-ovh')
  for (const order of result.orders) {
    const ids = held.filter(each => each.domains.includes(order.domain)).map(each => each.orderId)
    if (ids.length > 1) result.twice.push(`${order.key}: orders ${ids.join(', ')}`)
    if (order.orderId !== null && !(ids.length === 1 && ids[0] === order.orderId)) result.wrongOrder.push(`${order.key}: answered ${order.orderId}, OVH holds [${ids.join(', ')}]`)
    if (order.refusedWith !== null && ids.length > 0) result.refusedButOrdered.push(`${order.key}: refused with ${order.refusedWith}, OVH holds ${ids.join(', ')}`)
  }
  return result
}

export async function faults (ctx: BenchContext): Promise<BenchReport> {
  const { options, app, log } = ctx
  const cleanup = new CleanupStack(log)
  try {
    const attempts = new UpstreamAttempts(log)
    const { sandbox, reseller, gateway } = await startProductionSetup(app, cleanup, {
      role: 'operator',
      env: { LOG_LEVEL: 'info', OVH_TIMEOUT_MS: String(OVH_TIMEOUT_MS) },
      onLine: attempts.onLine
    })
    const client = new StorefrontClient(gateway.origin, reseller.apiKey, CLIENT_TIMEOUT_MS)
    cleanup.defer(() => client.close())
    const runId = Date.now().toString(36)

    const results: PhaseResult[] = []
    const unknownPhases = options.faultsPhases.filter(name => !PHASES.some(phase => phase.name === name))
    if (unknownPhases.length > 0) throw new Error(`unknown faults phase: ${unknownPhases.join(', ')} (known: ${PHASES.map(phase => phase.name).join(', ')})`)
    for (const phase of PHASES.filter(each => options.faultsPhases.length === 0 || options.faultsPhases.includes(each.name))) {
      log(`phase ${phase.name}: ${phase.label}, ${options.faultsSeconds} s`)
      const result = await runPhase(phase, options.faultsSeconds, client, sandbox, attempts, runId)
      const answered = [...result.answers.entries()].map(([kind, count]) => `${kind} ${count}`).join(', ')
      log(`  answers: ${answered}; orders ${result.orders.length}, twice ${result.twice.length}, unknown ${result.unknownAfterSettle.length}; repeated writes ${result.upstream.writes}`)
      results.push(result)
    }
    return report(results, options.faultsSeconds)
  } finally {
    await cleanup.run()
  }
}

function report (results: PhaseResult[], seconds: number): BenchReport {
  const count = (result: PhaseResult, kind: string): number => result.answers.get(kind) ?? 0
  const total = (result: PhaseResult): number => [...result.answers.values()].reduce((sum, n) => sum + n, 0)
  const codes = (result: PhaseResult): string => [...result.answers.entries()].filter(([kind]) => !['data', 'unclear', 'hung'].includes(kind)).map(([kind, n]) => `${kind} ${n}`).join(', ') || '-'
  const refusals = (result: PhaseResult): string => {
    const byCode = new Map<string, number>()
    for (const order of result.orders) if (order.refusedWith !== null) byCode.set(order.refusedWith, (byCode.get(order.refusedWith) ?? 0) + 1)
    return [...byCode.entries()].map(([code, n]) => `${code} ${n}`).join(', ') || '0'
  }
  const setup = [
    `Gateway: \`node <tsc build>/src/server.js\`, own process, production mode (PostgreSQL, no sandbox mounted, call budget off), \`OVH_TIMEOUT_MS=${OVH_TIMEOUT_MS}\`, \`LOG_LEVEL=info\` (its log of every upstream attempt is read to find repeated calls).`,
    `Sandbox in its own process, injecting one kind of fault per phase (\`POST /admin/faults\`, on every OVH route); ${seconds} s per phase.`,
    `${USERS} storefront users in closed loops: three reads (GraphQL \`domain(name)\`, GraphQL \`domains(first: 50)\`, REST \`GET /v1/domains/{name}\`), then \`orderDomain\` for a new .com with a new owner inline and an idempotency key, retried with the same key while the answer says so (\`UPSTREAM_UNAVAILABLE\`, \`RATE_LIMITED\`, \`idempotency: unknown\`, \`IDEMPOTENCY_KEY_IN_USE\`), at most ${ORDER_ATTEMPTS} times, waiting its \`retryAfter\` (at most ${MAX_RETRY_WAIT_MS / 1000} s).`,
    `After each phase the faults stop and every order still unknown is retried (up to ${SETTLE_ATTEMPTS} more times), then the sandbox's orders (\`GET /admin/orders\`) are matched to the keys.`,
    'Answers: **data** (what was asked), a **coded** error (PRODUCT.md "Errors": a documented `code`), **unclear** (500 `INTERNAL`, no code, not JSON) or **hung** (no answer within 60 s).'
  ].map(line => `- ${line}`).join('\n')
  const table = markdownTable(
    ['phase', 'faults', 'answers', 'data', 'coded errors', 'unclear', 'hung', 'upstream attempts', 'GETs repeated', 'writes repeated', 'orders (keys)', 'ordered', 'refused', 'ordered twice', 'answer vs OVH wrong', 'unknown after faults', 'refused yet ordered'],
    results.map(result => [
      result.phase.name, result.phase.label, String(total(result)), String(count(result, 'data')), codes(result), String(count(result, 'unclear')), String(result.hung),
      String(result.upstream.calls), String(result.upstream.reads), `${result.upstream.writes}${result.upstream.writeRoutes.length > 0 ? ` (${result.upstream.writeRoutes.join(', ')})` : ''}`,
      String(result.orders.length), String(result.orders.filter(order => order.orderId !== null).length), refusals(result), String(result.twice.length), String(result.wrongOrder.length), String(result.unknownAfterSettle.length), String(result.refusedButOrdered.length)
    ]),
    ['l', 'l', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'l', 'r', 'r', 'r', 'r']
  )
  const sections = [setup, table]
  const findings = results.flatMap(result => [
    ...result.unclear.map(sample => `- ${result.phase.name}, unclear answer: ${sample.replaceAll('\n', ' ')}`),
    ...result.twice.map(line => `- ${result.phase.name}, ordered twice: ${line}`),
    ...result.wrongOrder.map(line => `- ${result.phase.name}, answer differs from OVH: ${line}`),
    ...result.unknownAnswers.map(line => `- ${result.phase.name}, still unknown: ${line}`),
    ...result.refusedButOrdered.map(line => `- ${result.phase.name}, refused yet ordered: ${line}`)
  ])
  if (findings.length > 0) sections.push(`Findings:\n\n${findings.slice(0, 30).join('\n')}`)

  const sum = (pick: (result: PhaseResult) => number): number => results.reduce((n, result) => n + pick(result), 0)
  const unclear = sum(result => count(result, 'unclear') + result.hung)
  const answers = sum(total)
  const writes = sum(result => result.upstream.writes)
  const keys = sum(result => result.orders.length)
  const twice = sum(result => result.twice.length)
  const lost = sum(result => result.wrongOrder.length + result.unknownAfterSettle.length + result.refusedButOrdered.length)
  return {
    name: 'faults',
    title: 'Upstream faults under load: answers, retries, orders',
    sections,
    targets: [
      { target: 'every request answered with data or a coded error (no INTERNAL, no hang)', measured: `${unclear} of ${answers} not`, met: unclear === 0 && answers > 0 },
      { target: 'retries only what is safe (no POST/PUT/DELETE sent twice)', measured: `${writes} repeated`, met: writes === 0 },
      { target: 'never orders twice (idempotency keys with 2+ orders)', measured: `${twice} of ${keys}`, met: twice === 0 && keys > 0 },
      { target: 'nothing lost: every key ends with its one order, or refused with none', measured: `${lost} of ${keys} not`, met: lost === 0 }
    ]
  }
}
