// Memory under sustained load (PRODUCT.md Targets: "Memory stays flat (no growth) over a sustained
// load of 60 s; RSS under 200 MB"). The production gateway serves a mix of what clients send all day
// (one-call GraphQL query, a page of 50 domains, a REST read, a request refused with a coded error)
// at full speed for --memory-seconds, while its resident memory is read from /proc every second.
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { CleanupStack } from './lib/cleanup.js'
import { serveNodeFlags, startProductionSetup } from './lib/gateway.js'
import type { BenchContext, BenchReport } from './lib/report.js'
import { fmt, median } from './lib/stats.js'
import { markdownTable } from './lib/table.js'

const DOMAIN = 'demo-shop.com'
const MB = 1024 * 1024
const RSS_LIMIT_MB = 200
// "Flat": the last tenth of the run may not hold more than this above the first tenth (a heap that
// settles after the warm-up moves a few MB; a leak at thousands of requests/s moves tens).
const FLAT_TOLERANCE_MB = 10

/** Resident set size of a process in bytes (/proc/<pid>/status VmRSS); NaN without /proc. */
function rssBytes (pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** Least-squares slope of RSS over time, in MB per minute. */
function slopeMbPerMinute (samples: ReadonlyArray<{ seconds: number, rss: number }>): number {
  const n = samples.length
  const meanT = samples.reduce((sum, s) => sum + s.seconds, 0) / n
  const meanR = samples.reduce((sum, s) => sum + s.rss, 0) / n
  const num = samples.reduce((sum, s) => sum + (s.seconds - meanT) * (s.rss - meanR), 0)
  const den = samples.reduce((sum, s) => sum + (s.seconds - meanT) ** 2, 0)
  return den === 0 ? Number.NaN : num / den * 60 / MB
}

interface MixRequest {
  label: string
  method: 'GET' | 'POST'
  path: string
  body?: string
  // The answer this request must get: anything else is counted as a failure.
  expect: (status: number, body: string) => boolean
}

function workload (): MixRequest[] {
  const graphql = (query: string): string => JSON.stringify({ query })
  return [
    {
      label: `GraphQL \`domain(name: "${DOMAIN}") { name state expirationDate }\` (1 OVH call)`,
      method: 'POST',
      path: '/graphql',
      body: graphql(`{ domain(name: "${DOMAIN}") { name state expirationDate } }`),
      expect: (status, body) => status === 200 && body.includes(`"name":"${DOMAIN}"`) && !body.includes('"errors"')
    },
    {
      label: 'GraphQL `domains(first: 50) { edges { node { name state expirationDate } } }` (list + batch read)',
      method: 'POST',
      path: '/graphql',
      body: graphql('{ domains(first: 50) { edges { node { name state expirationDate } } } }'),
      expect: (status, body) => status === 200 && body.includes('"edges"') && !body.includes('"errors"')
    },
    {
      label: `REST \`GET /v1/domains/${DOMAIN}\``,
      method: 'GET',
      path: `/v1/domains/${DOMAIN}`,
      expect: (status, body) => status === 200 && body.includes(`"domain":"${DOMAIN}"`)
    },
    {
      label: 'REST `GET /v1/domains/not a domain` (refused before OVH with a coded error)',
      method: 'GET',
      path: '/v1/domains/not%20a%20domain',
      expect: (status, body) => status === 400 && body.includes('"code"')
    }
  ]
}

export async function memory (ctx: BenchContext): Promise<BenchReport> {
  const { options, app, log } = ctx
  const cleanup = new CleanupStack(log)
  try {
    const { sandbox, reseller, gateway } = await startProductionSetup(app, cleanup)
    const pid = gateway.child.pid
    log(`gateway on ${gateway.origin} (pid ${pid}), sandbox on ${sandbox.origin}`)

    const mix = workload()
    const wrong = new Map<string, { count: number, sample: string }>()
    const run = (seconds: number): Promise<autocannon.Result> => new Promise((resolve, reject) => {
      autocannon({
        url: gateway.origin,
        connections: options.connections,
        duration: seconds,
        headers: { authorization: `Bearer ${reseller.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        // onResponse is autocannon's per-request check (lib/requestIterator.js), missing from its types.
        requests: mix.map(request => ({
          method: request.method,
          path: request.path,
          body: request.body,
          onResponse: (status: number, body: string) => {
            if (request.expect(status, body)) return
            const seen = wrong.get(request.label) ?? { count: 0, sample: `HTTP ${status} ${String(body).slice(0, 200)}` }
            seen.count++
            wrong.set(request.label, seen)
          }
        })) as autocannon.Request[]
      }, (err, result) => { if (err) reject(err); else resolve(result) })
    })

    const startRss = rssBytes(pid)
    log(`warm-up ${options.warmupSeconds} s (RSS at start ${fmt.rate(startRss / MB)} MB)`)
    await run(options.warmupSeconds)
    wrong.clear()
    const afterWarmup = rssBytes(pid)

    const samples: Array<{ seconds: number, rss: number }> = []
    const started = performance.now()
    const sampler = setInterval(() => samples.push({ seconds: (performance.now() - started) / 1000, rss: rssBytes(pid) }), 1000)
    let result: autocannon.Result
    try {
      result = await run(options.memorySeconds)
    } finally {
      clearInterval(sampler)
    }
    samples.push({ seconds: (performance.now() - started) / 1000, rss: rssBytes(pid) })
    const rss = samples.map(s => s.rss)
    const tenth = Math.max(1, Math.floor(samples.length / 10))
    const first = median(rss.slice(0, tenth))
    const last = median(rss.slice(-tenth))
    const peak = Math.max(...rss)
    const slope = slopeMbPerMinute(samples)
    const failures = [...wrong.values()].reduce((sum, w) => sum + w.count, 0) + result.errors + result.timeouts
    const served = result.requests.total
    log(`${fmt.rate(result.requests.average)} req/s, RSS first ${fmt.rate(first / MB)} MB, last ${fmt.rate(last / MB)} MB, peak ${fmt.rate(peak / MB)} MB, ${failures} failures`)

    const mb = (bytes: number): string => Number.isFinite(bytes) ? (bytes / MB).toFixed(1) : '-'
    const setup = [
      `Gateway: \`${app.describe('src/server')}\` with the flags of \`npm run serve\` (\`${serveNodeFlags().join(' ')}\`), own process, production mode (PostgreSQL, LOG_LEVEL=warn, no sandbox mounted, call budget off); the sandbox in another process.`,
      `Load: autocannon, ${options.connections} connections, closed loop, cycling through:\n${mix.map(request => `  - ${request.label}`).join('\n')}`,
      `A warm-up of ${options.warmupSeconds} s, then ${options.memorySeconds} s measured; RSS (\`VmRSS\` of /proc/<pid>/status) read every second.`
    ].map(line => `- ${line}`).join('\n')
    const table = markdownTable(['measure', 'value'], [
      ['requests served (measured run)', `${fmt.rate(served)} (${fmt.rate(result.requests.average)} req/s)`],
      ['wrong answers, errors, timeouts', String(failures)],
      ['RSS at start, idle', `${mb(startRss)} MB`],
      ['RSS after the warm-up', `${mb(afterWarmup)} MB`],
      [`RSS, median of the first ${tenth} s`, `${mb(first)} MB`],
      [`RSS, median of the last ${tenth} s`, `${mb(last)} MB`],
      ['RSS, peak', `${mb(peak)} MB`],
      ['RSS trend (least squares over the run)', `${Number.isFinite(slope) ? slope.toFixed(2) : '-'} MB/min`]
    ], ['l', 'r'])
    const everyTen = markdownTable(['s', ...samples.filter((_s, i) => i % 10 === 0).map(s => String(Math.round(s.seconds)))],
      [['RSS MB', ...samples.filter((_s, i) => i % 10 === 0).map(s => mb(s.rss))]])
    const sections = [setup, table, 'RSS every 10 s of the measured run:', everyTen]
    if (wrong.size > 0) sections.push(`**Wrong answers**:\n\n${[...wrong].map(([label, w]) => `- ${label}: ${w.count}, e.g. ${w.sample.replaceAll('\n', ' ')}`).join('\n')}`)

    const clean = failures === 0
    return {
      name: 'memory',
      title: `Memory under ${options.memorySeconds} s of sustained load`,
      sections,
      targets: [
        { target: `RSS under ${RSS_LIMIT_MB} MB (peak, ${options.memorySeconds} s at ${options.connections} connections)`, measured: `${mb(peak)} MB`, met: clean && peak < RSS_LIMIT_MB * MB },
        { target: `memory flat: last tenth of the run <= first tenth + ${FLAT_TOLERANCE_MB} MB`, measured: `${(last - first) >= 0 ? '+' : ''}${mb(last - first)} MB`, met: clean && last - first <= FLAT_TOLERANCE_MB * MB }
      ]
    }
  } finally {
    await cleanup.run()
  }
}
