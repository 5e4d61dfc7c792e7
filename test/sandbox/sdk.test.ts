// OVH's official node SDK talks to the sandbox and its signatures pass. node-ovh speaks HTTPS
// only and signs 'https://' + host + path with no port, as for eu.api.ovh.com:443, so it reaches
// the sandbox the way a deployment would: through a TLS proxy that forwards the Host without its
// port and X-Forwarded-Proto (nginx: `proxy_set_header Host $host`). The sandbox listens on 127.0.0.1:0.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import t from 'tap'
import { serveSandbox } from './helpers.js'
import { fromRoot } from '../support/paths.js'

interface NodeOvhClient {
  requestPromised (method: string, path: string, params?: Record<string, unknown>): Promise<any>
}
type NodeOvh = (params: Record<string, unknown>) => NodeOvhClient

const require = createRequire(import.meta.url)
const ovh = require('@ovhcloud/node-ovh') as NodeOvh
const fixtures = pathToFileURL(fromRoot('test', 'sandbox', 'fixtures') + '/')
const cert = readFileSync(new URL('tls-cert.pem', fixtures))
const key = readFileSync(new URL('tls-key.pem', fixtures))

async function tlsProxy (t: { teardown (fn: () => unknown): void }, target: string): Promise<number> {
  const upstream = new URL(target)
  const server = https.createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '')
    const forward = http.request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host, 'x-forwarded-proto': 'https' }
    }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>(resolve => {
    server.closeAllConnections()
    server.close(() => resolve())
  }))
  return (server.address() as AddressInfo).port
}

t.test('@ovhcloud/node-ovh calls GET /domain and GET /domain/{serviceName}', async t => {
  const served = await serveSandbox(t)
  const port = await tlsProxy(t, served.origin)
  // Trust the fixture certificate for this process only; node-ovh uses the global agent.
  const previousCa = https.globalAgent.options.ca
  https.globalAgent.options.ca = cert
  t.teardown(() => {
    https.globalAgent.options.ca = previousCa
    https.globalAgent.destroy()
  })
  const { demo } = served.sandbox
  const client = ovh({ host: '127.0.0.1', port, basePath: '/1.0', appKey: demo.applicationKey, appSecret: demo.applicationSecret, consumerKey: demo.consumerKey })

  const domains = await client.requestPromised('GET', '/domain')
  t.ok(Array.isArray(domains) && domains.includes('demo-shop.com'))
  const shop = await client.requestPromised('GET', '/domain/{serviceName}', { serviceName: 'demo-shop.com' })
  t.equal(shop.domain, 'demo-shop.com')
  t.equal(shop.nameServerType, 'hosted')
  const filtered = await client.requestPromised('GET', '/domain', { whoisOwner: shop.whoisOwner })
  t.ok(filtered.includes('demo-shop.com'), 'query strings are signed as node-ovh sends them')

  const calls = served.sandbox.calls.list()
  t.same(calls.map(call => `${call.method} ${call.route} ${call.status}`), [
    'GET /auth/time 200',
    'GET /domain 200',
    'GET /domain/{serviceName} 200',
    'GET /domain 200'
  ], 'node-ovh syncs its clock once, then signs every call')
  t.equal(calls[1].account, 'demo-ovh')

  // node-ovh never signs a path containing '/auth' (ovh/node-ovh#20): OVH answers 401, so do we.
  await t.rejects(client.requestPromised('GET', '/auth/currentCredential'), { error: 401, message: 'You must login first' })

  const wrong = ovh({ host: '127.0.0.1', port, appKey: demo.applicationKey, appSecret: 'not-the-secret', consumerKey: demo.consumerKey })
  await t.rejects(wrong.requestPromised('GET', '/domain'), { error: 400, message: 'Invalid signature' }, 'a request signed any other way fails')
})
