// A small fake OVH upstream on 127.0.0.1:0 for the client's tests: records what arrived over
// the wire, counts TCP connections, and answers GET /1.0/auth/time with a configurable time.
import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  // Path and query exactly as received, e.g. '/1.0/domain/a.com,b.com?x=1'.
  url: string
  // Path after the '/1.0' base path, without the query string.
  path: string
  headers: IncomingHttpHeaders
  body: string
  // The absolute URL the client must have signed.
  absoluteUrl: string
}

export type Handler = (req: ReceivedRequest, res: ServerResponse) => void | Promise<void>

export interface FakeOvh {
  baseUrl: string
  origin: string
  // Every request except GET /auth/time, in arrival order.
  requests: ReceivedRequest[]
  timeCalls: number
  connections: number
  // Server Unix time in seconds answered by /auth/time.
  serverTime: () => number
  setServerTime: (fn: () => number) => void
  close: () => Promise<void>
}

export interface Teardown {
  teardown: (fn: () => unknown) => void
}

export const BASE_PATH = '/1.0'

export async function startFakeOvh (t: Teardown, handler: Handler): Promise<FakeOvh> {
  let serverTime = (): number => Math.floor(Date.now() / 1000)
  const fake = {
    requests: [] as ReceivedRequest[],
    timeCalls: 0,
    connections: 0
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const url = req.url ?? '/'
      const received: ReceivedRequest = {
        method: req.method ?? '',
        url,
        path: url.split('?')[0].slice(BASE_PATH.length),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        absoluteUrl: `http://${req.headers.host}${url}`
      }
      if (received.method === 'GET' && url === `${BASE_PATH}/auth/time`) {
        fake.timeCalls++
        json(res, 200, serverTime())
        return
      }
      fake.requests.push(received)
      Promise.resolve(handler(received, res)).catch(err => {
        res.statusCode = 599
        res.end(String(err))
      })
    })
  })
  server.on('connection', () => { fake.connections++ })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const close = async (): Promise<void> => {
    server.closeAllConnections()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }
  t.teardown(close)
  return Object.assign(fake, {
    origin,
    baseUrl: origin + BASE_PATH,
    serverTime: () => serverTime(),
    setServerTime: (fn: () => number) => { serverTime = fn },
    close
  })
}

export function json (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

// The "$1$" signature recomputed independently of src/ovh/signature.ts, from wire data only.
export function expectedSignature (req: ReceivedRequest, applicationSecret: string, consumerKey: string): string {
  const payload = [applicationSecret, consumerKey, req.method, req.absoluteUrl, req.body, String(req.headers['x-ovh-timestamp'])].join('+')
  return '$1$' + createHash('sha1').update(payload, 'utf8').digest('hex')
}

export const CREDENTIALS = {
  applicationKey: 'ak-public-1234',
  applicationSecret: 'as-SECRET-9f8e7d6c5b4a',
  consumerKey: 'ck-SECRET-0a1b2c3d4e5f'
}

// The rejection of a promise that must fail (fails the test through tap if it resolves).
export async function caught (promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}
