// Gateway overhead: a GraphQL query that costs one OVH call, through the gateway, against the same
// signed call made directly to the sandbox, at 50 connections, interleaved rounds (PRODUCT.md Targets).
// With --candidate <build>, a second compiled gateway (e.g. a fix) is measured in the same rounds;
// with --candidate-flags, a second gateway started with other node flags (e.g. heap sizes).
import { mkdtemp, readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { compiledGateway } from './lib/build.js'
import type { Command } from './lib/build.js'
import { CleanupStack } from './lib/cleanup.js'
import { createBenchDatabase, postgresCpu } from './lib/database.js'
import { newMasterKey, provisionReseller, serveNodeFlags, startGateway } from './lib/gateway.js'
import type { GatewayProcess, Reseller } from './lib/gateway.js'
import { runLoad, runPaced } from './lib/load.js'
import type { LoadResult, LoadSpec } from './lib/load.js'
import { machineCpu, measureCpu, selfCpu } from './lib/processes.js'
import { summariseProfile } from './lib/profile.js'
import type { BenchContext, BenchReport, TargetCheck } from './lib/report.js'
import { interleave } from './lib/rounds.js'
import { acceptedConnections, serverTimeOffset, signedHeaders, startSandbox } from './lib/sandbox.js'
import type { SandboxProcess } from './lib/sandbox.js'
import { fmt, median } from './lib/stats.js'
import { markdownTable } from './lib/table.js'

const PREFERRED_DOMAIN = 'demo-shop.com'
// Paced runs go at this share of the gateway's saturated throughput unless --rate is given.
const PACED_SHARE = 0.4
// Above this much CPU (% of one core) taken by other processes, the run is flagged as noisy.
const NOISY = 30

interface Measured {
  load: LoadResult
  // % of one core during the run: sandbox, gateway (the one measured, if any), postgres, bench, others.
  cpu: Record<string, number>
  // TCP connections the sandbox accepted during the run (the benchmark's own counter read may add one).
  connections: number
}

interface Target {
  name: string
  spec: () => Promise<LoadSpec>
  gateway?: GatewayProcess
}

async function text (url: string, init: RequestInit): Promise<{ status: number, body: string }> {
  const response = await fetch(url, init)
  return { status: response.status, body: await response.text() }
}

async function send (spec: LoadSpec): Promise<{ status: number, body: string }> {
  return text(spec.url, { method: spec.method, headers: spec.headers, body: spec.body })
}

/** Checks a gateway's answer, and that one request costs it exactly one upstream call. */
async function verifyGateway (sandbox: SandboxProcess, target: Target, domain: string): Promise<{ body: string, upstream: string }> {
  // The first request also syncs the gateway's OVH clock (GET /auth/time): not part of the steady state.
  await send(await target.spec())
  const since = await sandbox.lastCallId()
  const answer = await send(await target.spec())
  const parsed = JSON.parse(answer.body) as { data?: { domain?: { name?: string } }, errors?: unknown }
  if (answer.status !== 200 || parsed.errors !== undefined || parsed.data?.domain?.name !== domain) {
    throw new Error(`${target.name} did not answer the query: HTTP ${answer.status} ${answer.body}`)
  }
  const calls = await sandbox.calls(since)
  const upstream = calls.map(c => `${c.method} ${c.route} -> ${c.status}`).join(', ')
  if (calls.length !== 1 || calls[0].route !== '/domain/{serviceName}' || calls[0].method !== 'GET' || calls[0].status !== 200) {
    throw new Error(`one GraphQL query should cost exactly one GET /domain/{serviceName}; ${target.name}'s cost: ${upstream || 'nothing'}`)
  }
  return { body: answer.body, upstream: `${upstream} (path ${calls[0].path})` }
}

async function pickDomain (sandbox: SandboxProcess, reseller: Reseller): Promise<string> {
  const url = `${sandbox.apiUrl}/domain`
  const timestamp = Math.round(Date.now() / 1000) + await serverTimeOffset(sandbox.apiUrl)
  const list = await text(url, { headers: signedHeaders({ ...reseller, method: 'GET', url, timestamp }) })
  if (list.status !== 200) throw new Error(`GET /domain on the sandbox: HTTP ${list.status} ${list.body}`)
  const names = JSON.parse(list.body) as string[]
  const domain = names.includes(PREFERRED_DOMAIN) ? PREFERRED_DOMAIN : names.sort()[0]
  if (domain === undefined) throw new Error('the sandbox account has no domain')
  return domain
}

function describe (_name: string, result: unknown): string {
  const { load, cpu, connections } = result as Measured
  const usage = Object.entries(cpu).map(([name, pct]) => `${name} ${fmt.pct(pct)}`).join(' ')
  return `${fmt.rate(load.rps)} req/s, p50 ${fmt.ms(load.p50)} ms, p99 ${fmt.ms(load.p99)} ms (cpu: ${usage}; ${connections} new connections to the sandbox)`
}

const CPU_COLUMNS: Array<[string, string]> = [['sandbox', 'sandbox'], ['gateway', 'gateway'], ['postgres', 'postgres'], ['bench', 'load generator'], ['others', 'others']]

function variantTable (results: Map<string, Measured[]>, rateTitle: string): string {
  const med = (runs: Measured[], pick: (m: Measured) => number): number => median(runs.map(pick))
  return markdownTable(
    ['variant', rateTitle, 'p50 ms', 'p90 ms', 'p99 ms', 'failed (all rounds)', ...CPU_COLUMNS.map(([, title]) => `CPU ${title}`)],
    [...results].map(([name, runs]) => [name, fmt.rate(med(runs, m => m.load.rps)), fmt.ms(med(runs, m => m.load.p50)),
      fmt.ms(med(runs, m => m.load.p90)), fmt.ms(med(runs, m => m.load.p99)), String(runs.reduce((sum, m) => sum + m.load.failures, 0)),
      ...CPU_COLUMNS.map(([key]) => fmt.pct(med(runs, m => m.cpu[key])))])
  )
}

/** Paired with the direct run of the same round (back to back), then the median over rounds. */
function paired (results: Map<string, Measured[]>, name: string, pick: (direct: LoadResult, gateway: LoadResult) => number): number {
  const runs = results.get(name)!
  return median(results.get('direct')!.map((direct, index) => pick(direct.load, runs[index].load)))
}

export async function overhead (ctx: BenchContext): Promise<BenchReport> {
  const { options, app, log } = ctx
  const cleanup = new CleanupStack(log)
  const profileDir = options.profile ? await mkdtemp(path.join(os.tmpdir(), 'ogw-bench-prof-')) : undefined
  try {
    const database = await createBenchDatabase()
    cleanup.defer(() => database.drop())
    log(`database ${database.name} created and migrated`)

    const sandbox = await startSandbox(app)
    cleanup.defer(() => sandbox.stop())
    const masterKey = newMasterKey()
    const reseller = await provisionReseller(database.url, masterKey, sandbox)
    const domain = await pickDomain(sandbox, reseller)
    // Gateways keep no state of their own: a candidate shares the database, key and reseller.
    const builds: Array<{ name: string, entry: Command, shown: string, nodeFlags: string[], env?: Record<string, string> }> = [
      { name: 'gateway', entry: app.command('src/server'), shown: app.describe('src/server'), nodeFlags: serveNodeFlags() }
    ]
    if (options.candidate !== undefined || options.candidateFlags !== undefined || options.candidateEnv !== undefined) {
      const entry = options.candidate === undefined ? app.command('src/server') : compiledGateway(options.candidate)
      const where = options.candidate === undefined ? app.describe('src/server') : `node ${path.resolve(options.candidate)}/src/server.js`
      const env = options.candidateEnv
      const shown = env === undefined ? where : `${where} with ${Object.keys(env).join(', ')}`
      builds.push({ name: 'candidate', entry, shown, nodeFlags: options.candidateFlags ?? serveNodeFlags(), env })
    }
    const gateways: GatewayProcess[] = []
    for (const build of builds) {
      const gateway = await startGateway(build.name, build.entry, database.url, masterKey, {
        // One user at thousands of requests/s: OVH's fair use (60 calls/min per key) would refuse
        // nearly all of them. The budget is off unless asked for; what is measured is the cost per call.
        rateBudget: options.rateBudget,
        nodeFlags: build.nodeFlags,
        // The live path: what is measured is a query costing one OVH call. The mirror would
        // answer this domain from PostgreSQL after its first read (bench/mirror.ts measures that).
        env: { MIRROR_READS: 'off', ...build.env },
        nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, build.name)}`] : []
      })
      cleanup.defer(() => gateway.stop())
      gateways.push(gateway)
      log(`${build.name} on ${gateway.origin} (pid ${gateway.child.pid}): ${build.shown} ${build.nodeFlags.join(' ')}`)
    }
    log(`sandbox on ${sandbox.origin} (pid ${sandbox.child.pid}), runner: ${app.runner}`)

    const query = `{ domain(name: "${domain}") { name state expirationDate } }`
    const { connections } = options
    const bodies = new Map<string, string>()
    const targets: Target[] = [
      {
        name: 'direct',
        // Signed anew for every run: the timestamp must stay within the sandbox's window (minutes).
        spec: async () => {
          const url = `${sandbox.apiUrl}/domain/${encodeURIComponent(domain)}`
          const timestamp = Math.round(Date.now() / 1000) + await serverTimeOffset(sandbox.apiUrl)
          return { url, method: 'GET', headers: signedHeaders({ ...reseller, method: 'GET', url, timestamp }), connections, seconds: options.seconds, expectBody: bodies.get('direct') ?? '' }
        }
      },
      ...gateways.map((gateway, index): Target => ({
        name: builds[index].name,
        gateway,
        spec: async () => ({
          url: `${gateway.origin}/graphql`,
          method: 'POST',
          headers: { authorization: `Bearer ${reseller.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query }),
          connections,
          seconds: options.seconds,
          expectBody: bodies.get(builds[index].name) ?? ''
        })
      }))
    ]

    let upstream = ''
    for (const target of targets) {
      if (target.gateway === undefined) {
        const direct = await send(await target.spec())
        if (direct.status !== 200) throw new Error(`the direct signed call failed: HTTP ${direct.status} ${direct.body}`)
        bodies.set(target.name, direct.body)
        continue
      }
      const checked = await verifyGateway(sandbox, target, domain)
      bodies.set(target.name, checked.body)
      upstream = checked.upstream
      log(`verified ${target.name}: one query -> ${checked.upstream}`)
    }

    const postgres = postgresCpu(database.name)
    const measure = async (target: Target, work: () => Promise<LoadResult>): Promise<Measured> => {
      const before = await acceptedConnections(sandbox)
      const sources = [sandbox.child, { name: 'gateway', cpuMs: () => target.gateway?.child.cpuMs() ?? 0 }, postgres, selfCpu, machineCpu]
      const { value, cpu } = await measureCpu(sources, work)
      // Kept and shown rather than thrown: errors under load are a finding too.
      if (value.failures > 0) log(`${target.name}: ${value.failures} failed answers (${value.detail})`)
      // Every process on the machine, minus ours: other users' tests and builds, i.e. the noise.
      // (An idle gateway left out of `sources` is counted here too; it uses next to nothing.)
      cpu.others = cpu.machine - cpu.sandbox - cpu.gateway - cpu.postgres - cpu.bench
      delete cpu.machine
      return { load: value, cpu, connections: await acceptedConnections(sandbox) - before }
    }

    for (const target of targets) {
      const warm = await runLoad({ ...await target.spec(), seconds: options.warmupSeconds })
      log(`warm-up ${target.name}: ${fmt.rate(warm.rps)} req/s`)
    }

    // 1. Saturated: every connection sends its next request as soon as the answer is in.
    const saturated = await interleave(targets.map(target => ({
      name: target.name,
      run: async () => { const spec = await target.spec(); return await measure(target, () => runLoad(spec)) }
    })), { rounds: options.rounds, log: line => log(`saturated ${line}`), describe })

    // 2. Paced: the same requests at a steady rate every variant sustains, so latency is not queueing.
    const gatewayRate = median(saturated.get('gateway')!.map(m => m.load.rps))
    const rate = options.rate ?? Math.max(50, Math.floor(gatewayRate * PACED_SHARE / 50) * 50)
    const paced = await interleave(targets.map(target => ({
      name: target.name,
      run: async () => { const spec = await target.spec(); return await measure(target, () => runPaced({ ...spec, seconds: options.pacedSeconds }, rate)) }
    })), { rounds: options.rounds, log: line => log(`paced ${line}`), describe })

    const gatewayNames = builds.map(build => build.name)
    const derivedRows: string[][] = []
    const checks: TargetCheck[] = []
    for (const name of gatewayNames) {
      const ratio = paired(saturated, name, (d, g) => g.rps / d.rps)
      const added = {
        p50: paired(saturated, name, (d, g) => g.p50 - d.p50),
        p99: paired(saturated, name, (d, g) => g.p99 - d.p99),
        pacedP50: paired(paced, name, (d, g) => g.p50 - d.p50),
        pacedP99: paired(paced, name, (d, g) => g.p99 - d.p99)
      }
      derivedRows.push(
        [`${name}: throughput ratio ${name} / direct (saturated)`, fmt.ratio(ratio)],
        [`${name}: added latency p50 / p99, saturated`, `${fmt.ms(added.p50)} / ${fmt.ms(added.p99)} ms`],
        [`${name}: added latency p50 / p99, paced at ${fmt.rate(rate)} req/s`, `${fmt.ms(added.pacedP50)} / ${fmt.ms(added.pacedP99)} ms`]
      )
      const label = name === 'gateway' ? '' : ` [${name}]`
      // A target is not met by a variant that failed answers, however fast.
      const clean = [...saturated.get(name)!, ...paced.get(name)!, ...saturated.get('direct')!].every(m => m.load.failures === 0)
      checks.push(
        { target: `gateway throughput >= 0.5 x direct (${connections} connections)${label}`, measured: `${fmt.ratio(ratio)} x`, met: clean && ratio >= 0.5 },
        { target: `p99 added latency < 5 ms (${connections} connections, saturated)${label}`, measured: `${fmt.ms(added.p99)} ms`, met: clean && added.p99 < 5 },
        { target: `p99 added latency < 5 ms (paced, ${fmt.rate(rate)} req/s)${label}`, measured: `${fmt.ms(added.pacedP99)} ms`, met: clean && added.pacedP99 < 5 }
      )
    }
    if (gatewayNames.includes('candidate')) {
      derivedRows.push(['candidate / gateway throughput (saturated, paired)', fmt.ratio(median(saturated.get('gateway')!.map((g, index) => saturated.get('candidate')![index].load.rps / g.load.rps)))])
    }

    const setup = [
      `Query: \`${query}\`; upstream per query (sandbox call log): ${upstream}.`,
      `Direct: the same signed \`GET /1.0/domain/${domain}\` sent to the sandbox, with the same application and consumer key.`,
      ...builds.map(build => `${build.name}: \`${build.shown}\` with node flags \`${build.nodeFlags.join(' ') || 'none'}\`, own process, production mode (PostgreSQL, LOG_LEVEL=warn, no sandbox mounted, OVH_RATE_LIMIT_PER_MINUTE=${options.rateBudget}${options.rateBudget === 0 ? ': call budget off' : ''}).`),
      `Sandbox: \`${app.describe('bench/sandbox-server')}\`, own process, logger off. Load generator: the benchmark process.`,
      `${connections} connections; ${options.rounds} rounds per variant, order ABBA, after a ${options.warmupSeconds} s warm-up each: saturated runs of ${options.seconds} s (autocannon, closed loop), then paced runs of ${options.pacedSeconds} s at ${fmt.rate(rate)} req/s (${options.rate === undefined ? `${PACED_SHARE * 100}% of the gateway's saturated throughput` : '--rate'}).`,
      'Latencies are exact percentiles of every answer in a run; tables give the median over rounds. CPU is % of one core over the run (postgres: the backends of the benchmark database; others: every other process on the machine, i.e. the noise).'
    ].map(line => `- ${line}`).join('\n')
    const perRound = markdownTable(
      ['saturated round', ...targets.map(target => `${target.name} req/s`), ...targets.map(target => `${target.name} p50 / p99 ms`)],
      saturated.get('direct')!.map((_run, index) => [String(index + 1),
        ...targets.map(target => fmt.rate(saturated.get(target.name)![index].load.rps)),
        ...targets.map(target => { const load = saturated.get(target.name)![index].load; return `${fmt.ms(load.p50)} / ${fmt.ms(load.p99)}` })])
    )
    const sections = [
      setup,
      'Saturated (closed loop):', variantTable(saturated, 'req/s'),
      `Paced at ${fmt.rate(rate)} req/s:`, variantTable(paced, 'answers/s'),
      markdownTable(['derived, median of per-round pairs with direct', 'value'], derivedRows),
      perRound
    ]
    const failed = [...saturated.entries(), ...paced.entries()].flatMap(([name, runs]) => runs.filter(m => m.load.failures > 0).map(m => `${name}: ${m.load.detail}`))
    if (failed.length > 0) sections.push(`**Failed answers** (first of each run):\n\n${failed.map(line => `- ${line.replaceAll('\n', ' ')}`).join('\n')}`)
    const noise = median([...saturated.values(), ...paced.values()].flat().map(m => m.cpu.others))
    if (noise > NOISY) sections.push(`**Noisy machine**: other processes used a median ${fmt.pct(noise)} of a core during the runs; trust the paired ratios more than the absolute numbers, and rerun when the machine is quieter.`)

    if (profileDir) {
      for (const gateway of gateways) await gateway.stop()
      for (const build of builds) {
        const dir = path.join(profileDir, build.name)
        const files = (await readdir(dir).catch(() => [])).filter(file => file.endsWith('.cpuprofile'))
        if (files.length === 0) log(`no CPU profile was written by ${build.name}`)
        else sections.push(`Profile of ${build.name}:`, await summariseProfile(path.join(dir, files[0]), log))
      }
    }

    return { name: 'overhead', title: 'Gateway overhead: a GraphQL query costing one OVH call vs the same signed call direct', sections, targets: checks }
  } finally {
    await cleanup.run()
  }
}
