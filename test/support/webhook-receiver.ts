// A real HTTP server on loopback that records the webhook deliveries it gets; what it answers is
// set by the test (a status, or no answer at all until the test ends).
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Teardown } from './database.js'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
  json: any
}

export interface Receiver {
  url: string
  received: Received[]
  // 200 by default; 'hang' never answers (the gateway's timeout ends the attempt)
  answer: number | 'hang'
}

export async function startReceiver (t: Teardown): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], answer: 200 }
  const hanging = new Set<import('node:http').ServerResponse>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', chunk => chunks.push(chunk as Buffer))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      receiver.received.push({ headers: request.headers, body, json: JSON.parse(body) })
      if (receiver.answer === 'hang') {
        hanging.add(response)
        return
      }
      response.writeHead(receiver.answer, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  t.teardown(async () => {
    for (const response of hanging) response.destroy()
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })
  return receiver
}
