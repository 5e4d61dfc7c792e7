// Command-line options shared by every benchmark (`npm run bench -- [name...] [--option value]`).
import { parseArgs } from 'node:util'
import type { Runner } from './build.js'

export interface BenchOptions {
  names: string[]
  // Measured rounds per variant, after one warm-up run each.
  rounds: number
  // Length of one gateway/direct load run, in seconds.
  seconds: number
  warmupSeconds: number
  connections: number
  // Length of one paced run, and its rate in requests/s (undefined: 40% of the gateway's saturated throughput).
  pacedSeconds: number
  rate: number | undefined
  // Length of one client/SDK run, in seconds, and the concurrencies compared.
  sdkSeconds: number
  sdkConcurrency: number[]
  // Length of the memory benchmark's measured run, in seconds.
  memorySeconds: number
  // Length of each phase (one kind of upstream fault) of the faults benchmark, in seconds.
  faultsSeconds: number
  // The faults benchmark's phases to run, by name (empty: all of them).
  faultsPhases: string[]
  runner: Runner
  // The gateway's OVH call budget per consumer key and minute (OVH_RATE_LIMIT_PER_MINUTE); 0 = off.
  rateBudget: number
  // A compiled gateway (a folder holding src/server.js) measured beside this checkout's, e.g. a fix.
  candidate: string | undefined
  // Node flags for the candidate instead of `npm run serve`'s; alone, the candidate is this checkout's build.
  candidateFlags: string[] | undefined
  // Environment the candidate gets on top of the gateway's, e.g. REDIS_URL=redis://127.0.0.1:6379
  // to measure the budget shared through Redis against the process's own.
  candidateEnv: Record<string, string> | undefined
  // The mirror benchmark: extra sandbox domains, runs per query and variant, the storefront mix's
  // rate and length, the budget the sync runs at (scaled up from 60), the detail max age of the
  // outside-change measure.
  mirrorDomains: number
  mirrorRuns: number
  storefrontRate: number
  storefrontSeconds: number
  syncBudget: number
  detailMaxAge: number
  // The events benchmark: changes (so events) a minute, the steady phase's length, webhook endpoints.
  eventsRate: number
  eventsSeconds: number
  eventsEndpoints: number
  // The gateway's WORKER_CONCURRENCY in the events benchmark (undefined: the gateway's default).
  eventsWorkers: number | undefined
  // Writes a CPU profile of the gateway (node --cpu-prof) and prints where its time goes; in the
  // mirror benchmark, of the syncing gateway and the sandbox during the first sync too.
  profile: boolean
  // The mirror benchmark stops after the first sync (to profile or time it alone), or leaves out the
  // change made outside the gateway (at 100,000 domains a pass takes minutes).
  firstSyncOnly: boolean
  skipOutsideChange: boolean
}

export const USAGE = `npm run bench -- [overhead] [client-vs-sdk] [memory] [faults] [mirror] [events] [--rounds 5] [--seconds 8] [--warmup 3]
  [--connections 50] [--paced-seconds 4] [--rate <req/s>] [--sdk-seconds 2] [--sdk-concurrency 1,20] [--memory-seconds 60] [--faults-seconds 10] [--faults-phases none,5xx,...] [--runner build|tsx] [--candidate <build dir>] [--candidate-flags="<node flags>"] [--candidate-env="NAME=value ..."] [--rate-budget 0] [--profile]
  [--mirror-domains 10000] [--mirror-runs 40] [--storefront-rate 100] [--storefront-seconds 20] [--sync-budget 6000] [--detail-max-age 120] [--first-sync-only] [--skip-outside-change]
  [--events-rate 1000] [--events-seconds 60] [--events-endpoints 10] [--events-workers <n>]`

export function parseOptions (argv: string[]): BenchOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      'paced-seconds': { type: 'string', default: '4' },
      rate: { type: 'string' },
      'sdk-seconds': { type: 'string', default: '2' },
      'sdk-concurrency': { type: 'string', default: '1,20' },
      'memory-seconds': { type: 'string', default: '60' },
      'faults-seconds': { type: 'string', default: '10' },
      'faults-phases': { type: 'string', default: '' },
      runner: { type: 'string', default: 'build' },
      candidate: { type: 'string' },
      'candidate-flags': { type: 'string' },
      'candidate-env': { type: 'string' },
      'rate-budget': { type: 'string', default: '0' },
      profile: { type: 'boolean', default: false },
      'first-sync-only': { type: 'boolean', default: false },
      'skip-outside-change': { type: 'boolean', default: false },
      'mirror-domains': { type: 'string', default: '10000' },
      'mirror-runs': { type: 'string', default: '40' },
      'storefront-rate': { type: 'string', default: '100' },
      'storefront-seconds': { type: 'string', default: '20' },
      'sync-budget': { type: 'string', default: '6000' },
      'detail-max-age': { type: 'string', default: '120' },
      'events-rate': { type: 'string', default: '1000' },
      'events-seconds': { type: 'string', default: '60' },
      'events-endpoints': { type: 'string', default: '10' },
      'events-workers': { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(USAGE + '\n')
    process.exit(0)
  }
  const positive = (name: string, text: string): number => {
    const value = Number(text)
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${text}"`)
    return value
  }
  if (values.runner !== 'build' && values.runner !== 'tsx') throw new Error(`--runner must be build or tsx, not "${values.runner}"`)
  return {
    names: positionals,
    rounds: Math.round(positive('rounds', values.rounds)),
    seconds: positive('seconds', values.seconds),
    warmupSeconds: positive('warmup', values.warmup),
    connections: Math.round(positive('connections', values.connections)),
    pacedSeconds: positive('paced-seconds', values['paced-seconds']),
    rate: values.rate === undefined ? undefined : positive('rate', values.rate),
    sdkSeconds: positive('sdk-seconds', values['sdk-seconds']),
    sdkConcurrency: values['sdk-concurrency'].split(',').map(text => Math.round(positive('sdk-concurrency', text))),
    memorySeconds: positive('memory-seconds', values['memory-seconds']),
    faultsSeconds: positive('faults-seconds', values['faults-seconds']),
    faultsPhases: values['faults-phases'].split(',').map(name => name.trim()).filter(name => name !== ''),
    runner: values.runner,
    candidate: values.candidate,
    candidateFlags: values['candidate-flags']?.split(/\s+/).filter(flag => flag !== ''),
    candidateEnv: values['candidate-env'] === undefined ? undefined : parseEnv(values['candidate-env']),
    rateBudget: Math.max(0, Math.round(Number(values['rate-budget']) || 0)),
    profile: values.profile,
    firstSyncOnly: values['first-sync-only'],
    skipOutsideChange: values['skip-outside-change'],
    mirrorDomains: Math.round(positive('mirror-domains', values['mirror-domains'])),
    mirrorRuns: Math.round(positive('mirror-runs', values['mirror-runs'])),
    storefrontRate: positive('storefront-rate', values['storefront-rate']),
    storefrontSeconds: positive('storefront-seconds', values['storefront-seconds']),
    syncBudget: Math.round(positive('sync-budget', values['sync-budget'])),
    detailMaxAge: Math.max(10, Math.round(positive('detail-max-age', values['detail-max-age']))),
    eventsRate: positive('events-rate', values['events-rate']),
    eventsSeconds: positive('events-seconds', values['events-seconds']),
    eventsEndpoints: Math.min(50, Math.round(positive('events-endpoints', values['events-endpoints']))),
    eventsWorkers: values['events-workers'] === undefined ? undefined : Math.min(32, Math.round(positive('events-workers', values['events-workers'])))
  }
}

function parseEnv (text: string): Record<string, string> {
  const pairs = text.split(/\s+/).filter(pair => pair !== '').map(pair => {
    const at = pair.indexOf('=')
    if (at <= 0) throw new Error(`--candidate-env takes NAME=value pairs, not "${pair}"`)
    return [pair.slice(0, at), pair.slice(at + 1)]
  })
  return Object.fromEntries(pairs)
}
