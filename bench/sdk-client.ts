// Benchmark child process: signed GET /domain/{serviceName} calls to the HTTPS sandbox, made with
// our OVH client or with OVH's official Node SDK, at a fixed concurrency, on request over IPC.
// A process of its own so both clients trust the benchmark's certificate through NODE_EXTRA_CA_CERTS
// (neither is configured differently than an application would), and the global agent tweak below
// stays out of the parent.
import https from 'node:https'
import { createRequire } from 'node:module'
import { Agent } from 'undici'
import { createOvhTransport, signRequest, TRANSPORT_DEFAULTS } from '../src/ovh/index.js'

export interface SdkRunRequest {
  variant: SdkVariant
  concurrency: number
  seconds: number
  // Stop after this many calls (checks), whatever the time left.
  maxCalls?: number
}

export interface SdkRunResult {
  calls: number
  seconds: number
  // Per-call latencies, in ms.
  p50: number
  p99: number
  errors: number
  firstError?: string
  cpuMs: number
}

export type SdkVariant = 'ours' | 'undici-floor' | 'node-ovh' | 'node-ovh-no-keepalive'

interface NodeOvhClient {
  requestPromised (method: string, path: string, params?: Record<string, unknown>): Promise<unknown>
}

const apiUrl = new URL(process.env.SANDBOX_API_URL ?? '')
const domain = process.env.DOMAIN ?? ''
const credentials = {
  applicationKey: process.env.OVH_APPLICATION_KEY ?? '',
  applicationSecret: process.env.OVH_APPLICATION_SECRET ?? '',
  consumerKey: process.env.OVH_CONSUMER_KEY ?? ''
}
const port = Number(apiUrl.port)

// node-ovh signs 'https://' + host + path without a port, as for eu.api.ovh.com:443, but Node adds the
// port to the Host header whenever it differs from the agent's defaultPort, and the sandbox checks
// the signature against that Host. Making the sandbox's port the agent's default sends the Host that
// node-ovh signed (the tests reach the same end through a TLS proxy, which would add a hop here).
// (@types/node leaves defaultPort out, though every Agent has it.)
type AgentWithPort = https.Agent & { defaultPort: number }
const keepAliveAgent = https.globalAgent as AgentWithPort
keepAliveAgent.defaultPort = port
// Node < 19's global agent: a new TCP + TLS connection per call, as node-ovh was designed against.
const oneShotAgent = new https.Agent({ keepAlive: false }) as AgentWithPort
oneShotAgent.defaultPort = port

const require = createRequire(import.meta.url)
const ovh = require('@ovhcloud/node-ovh') as (params: Record<string, unknown>) => NodeOvhClient
const sdk = ovh({
  host: apiUrl.hostname,
  port,
  basePath: apiUrl.pathname,
  appKey: credentials.applicationKey,
  appSecret: credentials.applicationSecret,
  consumerKey: credentials.consumerKey
})

// Our client as the gateway builds it: one transport per endpoint (pool, clock), defaults untouched.
const transport = createOvhTransport({ baseUrl: apiUrl.toString() })
const ours = transport.client(credentials)

// The floor of any undici-based client: one bare request with the same signed headers, and nothing
// else (no retries, deadline, logging, error mapping), on a pool sized like the transport's.
const floorAgent = new Agent({ connections: TRANSPORT_DEFAULTS.connections, keepAliveTimeout: TRANSPORT_DEFAULTS.keepAliveTimeoutMs })
const floorPath = `${apiUrl.pathname}/domain/${encodeURIComponent(domain)}`
async function floorCall (): Promise<unknown> {
  // Server time from the transport's clock, synced once like every client's.
  const delta = transport.clock.delta
  const timestamp = delta === undefined ? await transport.clock.timestamp() : Math.round(Date.now() / 1000) + delta
  const signature = signRequest({ ...credentials, method: 'GET', url: apiUrl.origin + floorPath, body: '', timestamp })
  const response = await floorAgent.request({
    origin: apiUrl.origin,
    path: floorPath,
    method: 'GET',
    headers: {
      accept: 'application/json',
      'x-ovh-application': credentials.applicationKey,
      'x-ovh-consumer': credentials.consumerKey,
      'x-ovh-timestamp': String(timestamp),
      'x-ovh-signature': signature
    }
  })
  const text = await response.body.text()
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode} ${text}`)
  return JSON.parse(text)
}

const calls: Record<SdkVariant, () => Promise<unknown>> = {
  ours: () => ours.get('/domain/{serviceName}', { params: { serviceName: domain } }),
  'undici-floor': floorCall,
  // node-ovh deletes the path parameters from the object it is given: a fresh one per call.
  'node-ovh': () => sdk.requestPromised('GET', '/domain/{serviceName}', { serviceName: domain }),
  'node-ovh-no-keepalive': () => sdk.requestPromised('GET', '/domain/{serviceName}', { serviceName: domain })
}

async function run ({ variant, concurrency, seconds, maxCalls = Infinity }: SdkRunRequest): Promise<SdkRunResult> {
  // node-ovh uses whatever https.globalAgent is when it sends (https.request reads it per call).
  https.globalAgent = variant === 'node-ovh-no-keepalive' ? oneShotAgent : keepAliveAgent
  const call = calls[variant]
  const latencies: number[] = []
  let errors = 0
  let sent = 0
  let firstError: string | undefined
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const deadline = started + seconds * 1000
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline && sent < maxCalls) {
      sent++
      const at = performance.now()
      try {
        const answer = await call() as { domain?: string }
        if (answer?.domain !== domain) throw new Error(`unexpected answer ${JSON.stringify(answer).slice(0, 200)}`)
        latencies.push(performance.now() - at)
      } catch (err) {
        errors++
        firstError ??= err instanceof Error ? err.message : JSON.stringify(err)
      }
    }
  }))
  const elapsed = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  latencies.sort((a, b) => a - b)
  const at = (p: number): number => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(p / 100 * latencies.length) - 1))] ?? Number.NaN
  https.globalAgent = keepAliveAgent
  return { calls: latencies.length, seconds: elapsed, p50: at(50), p99: at(99), errors, firstError, cpuMs: (cpu.user + cpu.system) / 1000 }
}

process.on('message', message => {
  const request = message as SdkRunRequest | { stop: true }
  if ('stop' in request) {
    oneShotAgent.destroy()
    keepAliveAgent.destroy()
    Promise.all([transport.close(), floorAgent.close()]).finally(() => process.exit(0))
    return
  }
  run(request).then(result => process.send?.(result), err => process.send?.({ calls: 0, seconds: 0, p50: NaN, p99: NaN, errors: 1, firstError: String(err), cpuMs: 0 }))
})
process.stdout.write(JSON.stringify({ ready: true }) + '\n')
