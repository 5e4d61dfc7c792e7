// Our OVH client against OVH's official Node SDK (@ovhcloud/node-ovh): signed GET /domain/{serviceName}
// on the same sandbox, over HTTPS (the SDK speaks nothing else), sequential and in parallel.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from '../src/sandbox/index.js'
import { CleanupStack } from './lib/cleanup.js'
import { repoRoot } from './lib/paths.js'
import { machineCpu, measureCpu, selfCpu, startChild } from './lib/processes.js'
import type { Child } from './lib/processes.js'
import type { BenchContext, BenchReport } from './lib/report.js'
import { interleave } from './lib/rounds.js'
import { acceptedConnections, startSandbox } from './lib/sandbox.js'
import type { SandboxProcess } from './lib/sandbox.js'
import { fmt, median } from './lib/stats.js'
import { markdownTable } from './lib/table.js'
import type { SdkRunResult, SdkVariant } from './sdk-client.js'

const DOMAIN = 'demo-shop.com'
// The tests' self-signed certificate for 127.0.0.1 (valid until 2126): nothing to generate.
const CERT = path.join(repoRoot, 'test', 'sandbox', 'fixtures', 'tls-cert.pem')
const KEY = path.join(repoRoot, 'test', 'sandbox', 'fixtures', 'tls-key.pem')

const LABELS: Record<SdkVariant, string> = {
  ours: 'our client (src/ovh, undici pool)',
  'undici-floor': 'floor: bare undici request, same signed headers',
  'node-ovh': 'node-ovh 3 (Node 20 global agent, keep-alive)',
  'node-ovh-no-keepalive': 'node-ovh 3, no keep-alive (as on Node < 19)'
}
// Above this much CPU (% of one core) taken by other processes, the run is flagged as noisy.
const NOISY = 30
const VARIANTS: SdkVariant[] = ['ours', 'undici-floor', 'node-ovh', 'node-ovh-no-keepalive']

interface Measured {
  result: SdkRunResult
  rate: number
  cpu: Record<string, number>
  connections: number
}

/** Each variant once, checked against the sandbox's call log: one signed call, no extra request. */
async function verify (client: Child, sandbox: SandboxProcess): Promise<string[]> {
  const seen: string[] = []
  for (const variant of VARIANTS) {
    // The first call of each client syncs its clock (GET /auth/time): not the steady state.
    await client.ask<SdkRunResult>({ variant, concurrency: 1, seconds: 5, maxCalls: 1 })
    const since = await sandbox.lastCallId()
    const result = await client.ask<SdkRunResult>({ variant, concurrency: 1, seconds: 5, maxCalls: 1 })
    if (result.errors > 0 || result.calls !== 1) throw new Error(`${variant}: ${result.calls} calls, ${result.errors} errors (${result.firstError ?? ''})`)
    const calls = await sandbox.calls(since)
    const routes = calls.map(call => `${call.method} ${call.route} -> ${call.status}`).join(', ')
    if (calls.length !== 1 || calls[0].status !== 200 || calls[0].route !== '/domain/{serviceName}') {
      throw new Error(`${variant}: one call should be one signed GET /domain/{serviceName}; the sandbox saw ${routes || 'nothing'}`)
    }
    seen.push(`${variant}: ${routes}`)
  }
  return seen
}

export async function clientVsSdk (ctx: BenchContext): Promise<BenchReport> {
  const { options, app, log } = ctx
  const cleanup = new CleanupStack(log)
  try {
    const ca = readFileSync(CERT)
    const sandbox = await startSandbox(app, { tls: { certFile: CERT, keyFile: KEY, ca } })
    cleanup.defer(() => sandbox.stop())
    const { command, args } = app.command('bench/sdk-client')
    const client = startChild('sdk-client', command, args, {
      NODE_EXTRA_CA_CERTS: CERT,
      SANDBOX_API_URL: sandbox.apiUrl,
      DOMAIN,
      OVH_APPLICATION_KEY: DEMO_APPLICATION_KEY,
      OVH_APPLICATION_SECRET: DEMO_APPLICATION_SECRET,
      OVH_CONSUMER_KEY: DEMO_CONSUMER_KEY
    }, { ipc: true })
    cleanup.defer(async () => {
      client.process.send({ stop: true })
      await client.stop()
    })
    await client.firstJson()
    log(`HTTPS sandbox on ${sandbox.origin} (pid ${sandbox.child.pid}), clients in pid ${client.pid}, runner: ${app.runner}`)
    const verified = await verify(client, sandbox)
    log(`verified: ${verified.join('; ')}`)

    const sections: string[] = [[
      `Call: signed \`GET /1.0/domain/${DOMAIN}\` with the sandbox's demo application and consumer key, the answer checked on every call.`,
      `Both clients in one child process (${app.describe('bench/sdk-client')}), against the sandbox over HTTPS in another; each client trusts the certificate through NODE_EXTRA_CA_CERTS.`,
      `${options.rounds} rounds x ${options.sdkSeconds} s per variant and concurrency (order ABBA), after a warm-up run each; concurrency = calls in flight at once.`,
      'Connections = TCP connections the sandbox accepted during a run (the benchmark\'s own counter read may add one). CPU is % of one core (others: every other process on the machine, i.e. the noise).'
    ].map(line => `- ${line}`).join('\n')]
    const targets: BenchReport['targets'] = []
    const cpuSources = [sandbox.child, client, selfCpu, machineCpu]
    const noiseSamples: number[] = []

    for (const concurrency of options.sdkConcurrency) {
      const measure = async (variant: SdkVariant, seconds: number): Promise<Measured> => {
        const before = await acceptedConnections(sandbox)
        const { value, cpu } = await measureCpu(cpuSources, () => client.ask<SdkRunResult>({ variant, concurrency, seconds }))
        // Whatever else ran on the machine meanwhile: the noise.
        cpu.others = cpu.machine - cpu.sandbox - cpu['sdk-client'] - cpu.bench
        noiseSamples.push(cpu.others)
        if (value.errors > 0) throw new Error(`${variant} at concurrency ${concurrency}: ${value.errors} errors, first: ${value.firstError ?? ''}`)
        return { result: value, rate: value.calls / value.seconds, cpu, connections: await acceptedConnections(sandbox) - before }
      }
      for (const variant of VARIANTS) await measure(variant, Math.min(1, options.sdkSeconds))
      const results = await interleave(VARIANTS.map(variant => ({ name: variant, run: () => measure(variant, options.sdkSeconds) })), {
        rounds: options.rounds,
        log: line => log(`c=${concurrency} ${line}`),
        describe: (_name, measured) => {
          const m = measured as Measured
          return `${fmt.rate(m.rate)} calls/s, p50 ${fmt.ms(m.result.p50)} ms, p99 ${fmt.ms(m.result.p99)} ms, ${m.connections} connections (cpu: client ${fmt.pct(m.cpu['sdk-client'])}, sandbox ${fmt.pct(m.cpu.sandbox)}, others ${fmt.pct(m.cpu.others)})`
        }
      })
      const runs = (variant: SdkVariant): Measured[] => results.get(variant)!
      const ours = runs('ours')
      // Paired per round: our run and the SDK's run of the same round.
      const ratio = (other: SdkVariant): number => median(ours.map((m, index) => m.rate / runs(other)[index].rate))
      sections.push(`Concurrency ${concurrency}:`, markdownTable(
        ['client', 'calls/s', 'p50 ms', 'p99 ms', 'client CPU µs/call', 'connections/run', 'CPU client', 'CPU sandbox', 'CPU others', 'ours / this (paired median)'],
        VARIANTS.map(variant => {
          const list = runs(variant)
          return [LABELS[variant], fmt.rate(median(list.map(m => m.rate))), fmt.ms(median(list.map(m => m.result.p50))),
            fmt.ms(median(list.map(m => m.result.p99))), fmt.rate(median(list.map(m => m.result.cpuMs * 1000 / m.result.calls))),
            String(median(list.map(m => m.connections))),
            fmt.pct(median(list.map(m => m.cpu['sdk-client']))), fmt.pct(median(list.map(m => m.cpu.sandbox))), fmt.pct(median(list.map(m => m.cpu.others))),
            variant === 'ours' ? '1.00' : fmt.ratio(ratio(variant))]
        })
      ))
      const vsSdk = ratio('node-ovh')
      targets.push({ target: `our client >= 1.5 x node-ovh (concurrency ${concurrency})`, measured: `${fmt.ratio(vsSdk)} x`, met: vsSdk >= 1.5 })
    }
    const noise = median(noiseSamples)
    if (noise > NOISY) sections.push(`**Noisy machine**: other processes used a median ${fmt.pct(noise)} of a core during the runs; trust the paired ratios more than the absolute numbers, and rerun when the machine is quieter.`)
    return { name: 'client-vs-sdk', title: 'Our OVH client vs OVH\'s official Node SDK, same sandbox', sections, targets }
  } finally {
    await cleanup.run()
  }
}
