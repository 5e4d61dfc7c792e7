// Test helpers: a sandbox served on 127.0.0.1:0 over real HTTP, and OVH-signed calls to it.
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { request } from 'undici'
import { signRequest } from '../../src/ovh/signature.js'
import { createSandbox, sandboxPlugin } from '../../src/sandbox/index.js'
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.js'

export interface Teardown {
  teardown (fn: () => unknown): void
}

export interface Served {
  sandbox: Sandbox
  app: FastifyInstance
  // 'http://127.0.0.1:PORT'
  origin: string
  // origin + mount prefix: where /1.0, /auth and /admin live.
  base: string
  // base + '/1.0'
  api: string
}

export async function serveSandbox (t: Teardown, options: SandboxOptions & { prefix?: string, sandbox?: Sandbox } = {}): Promise<Served> {
  const sandbox = options.sandbox ?? createSandbox(options)
  const app = Fastify()
  await app.register(sandboxPlugin, { sandbox, prefix: options.prefix ?? '' })
  await app.listen({ port: 0, host: '127.0.0.1' })
  t.teardown(async () => {
    await app.close()
    await sandbox.close()
  })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const origin = `http://127.0.0.1:${port}`
  const base = origin + (options.prefix ?? '')
  return { sandbox, app, origin, base, api: `${base}/1.0` }
}

export interface OvhCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  // OVH path with query, e.g. '/domain?whoisOwner=1'.
  path: string
  // An object is sent as compact JSON; a string is sent as is.
  body?: unknown
  applicationKey?: string | null
  applicationSecret?: string
  // null: send no consumer key, no signature, no timestamp (an unauthenticated call).
  consumerKey?: string | null
  timestamp?: number
  // Sign this URL instead of the one requested (to test what the signature covers).
  signedUrl?: string
  signature?: string
  headers?: Record<string, string>
}

export interface OvhAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  body: any
}

export async function ovhCall (served: Served, call: OvhCall): Promise<OvhAnswer> {
  const { sandbox } = served
  const method = call.method ?? 'GET'
  const url = served.api + call.path
  const text = call.body === undefined ? '' : typeof call.body === 'string' ? call.body : JSON.stringify(call.body)
  const headers: Record<string, string> = {}
  const applicationKey = call.applicationKey === undefined ? sandbox.demo.applicationKey : call.applicationKey
  if (applicationKey !== null) headers['x-ovh-application'] = applicationKey
  if (text !== '') headers['content-type'] = 'application/json'
  const consumerKey = call.consumerKey === undefined ? sandbox.demo.consumerKey : call.consumerKey
  if (consumerKey !== null) {
    const timestamp = call.timestamp ?? Math.floor(sandbox.clock.now() / 1000)
    headers['x-ovh-consumer'] = consumerKey
    headers['x-ovh-timestamp'] = String(timestamp)
    headers['x-ovh-signature'] = call.signature ?? signRequest({
      applicationSecret: call.applicationSecret ?? sandbox.demo.applicationSecret,
      consumerKey,
      method,
      url: call.signedUrl ?? url,
      body: text,
      timestamp
    })
  }
  const response = await request(url, { method, headers: { ...headers, ...call.headers }, body: text === '' ? undefined : text })
  const answer = await response.body.text()
  let body: unknown
  try {
    body = answer === '' ? undefined : JSON.parse(answer)
  } catch {
    body = undefined
  }
  return { status: response.statusCode, headers: response.headers, text: answer, body }
}

export async function adminCall (served: Served, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ status: number, body: any }> {
  const response = await request(`${served.base}/admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.body.text()
  return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text) }
}
