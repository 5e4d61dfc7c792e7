// The standalone sandbox process (bench/sandbox-server.ts), its admin HTTP API, and signed OVH
// headers for calling it directly, the way any OVH client signs a call.
import { Agent, request } from 'undici'
import type { Dispatcher } from 'undici'
import { signRequest } from '../../src/ovh/signature.js'
import type { CallRecord } from '../../src/sandbox/index.js'
import type { AppBuild } from './build.js'
import { startChild } from './processes.js'
import type { Child } from './processes.js'

export interface SandboxProcess {
  child: Child
  // 'http://127.0.0.1:<port>' (or https): the admin API is under /admin, OVH API v1 under /1.0.
  origin: string
  apiUrl: string
  admin<T> (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>
  // Calls recorded after call `since` (GET /admin/calls).
  calls (since?: number): Promise<CallRecord[]>
  lastCallId (): Promise<number>
  // Trusts the benchmark's certificate when the sandbox serves HTTPS.
  dispatcher: Dispatcher | undefined
  stop (): Promise<void>
}

export interface SandboxStartOptions {
  // PEM files: serve HTTPS (for OVH's SDK, which speaks nothing else).
  tls?: { certFile: string, keyFile: string, ca: Buffer }
  // SANDBOX_EXTRA_DOMAINS: generated domains added to the demo account.
  extraDomains?: number
  // Node flags before the entry file (e.g. --cpu-prof).
  nodeArgs?: string[]
}

export async function startSandbox (app: AppBuild, options: SandboxStartOptions = {}): Promise<SandboxProcess> {
  const { command, args } = app.command('bench/sandbox-server')
  const child = startChild('sandbox', command, [...options.nodeArgs ?? [], ...args], {
    PORT: '0',
    TLS_CERT: options.tls?.certFile,
    TLS_KEY: options.tls?.keyFile,
    SANDBOX_EXTRA_DOMAINS: String(options.extraDomains ?? 0)
  })
  const { port } = await child.firstJson<{ port: number }>()
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`
  // The benchmark's own certificate is trusted for these admin calls only.
  const dispatcher: Dispatcher | undefined = options.tls ? new Agent({ connect: { ca: options.tls.ca } }) : undefined

  async function admin<T> (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await request(`${origin}/admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher
    })
    const text = await response.body.text()
    if (response.statusCode >= 300) throw new Error(`sandbox admin ${method} ${path}: HTTP ${response.statusCode} ${text}`)
    return JSON.parse(text) as T
  }

  const calls = (since?: number): Promise<CallRecord[]> => admin<CallRecord[]>('GET', since === undefined ? '/calls' : `/calls?since=${since}`)

  return {
    child,
    origin,
    apiUrl: `${origin}/1.0`,
    admin,
    calls,
    dispatcher,
    async lastCallId () {
      return (await calls()).at(-1)?.id ?? 0
    },
    async stop () {
      await child.stop()
      await dispatcher?.close()
    }
  }
}

export interface SignedCall {
  applicationKey: string
  applicationSecret: string
  consumerKey: string
  method: string
  // Absolute URL as sent, which is also what is signed.
  url: string
  // Server time in Unix seconds (local time + the offset read from GET /auth/time).
  timestamp: number
}

export function signedHeaders (call: SignedCall): Record<string, string> {
  return {
    'x-ovh-application': call.applicationKey,
    'x-ovh-consumer': call.consumerKey,
    'x-ovh-timestamp': String(call.timestamp),
    'x-ovh-signature': signRequest({ ...call, body: '' }),
    accept: 'application/json'
  }
}

/** Seconds to add to local time to get the sandbox's time (GET /auth/time, unauthenticated). */
export async function serverTimeOffset (apiUrl: string, dispatcher?: Dispatcher): Promise<number> {
  const response = await request(`${apiUrl}/auth/time`, { dispatcher })
  const serverTime = Number(await response.body.text())
  return serverTime - Math.round(Date.now() / 1000)
}

/** TCP connections the sandbox accepted so far (bench/sandbox-server.ts counts them). */
export async function acceptedConnections (sandbox: SandboxProcess): Promise<number> {
  const response = await request(`${sandbox.origin}/bench/connections`, { dispatcher: sandbox.dispatcher })
  return (JSON.parse(await response.body.text()) as { connections: number }).connections
}
