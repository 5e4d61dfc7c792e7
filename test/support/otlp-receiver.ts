// A tiny OTLP/HTTP trace receiver on loopback: what a collector would be sent, through the real
// exporter (JSON encoding, @opentelemetry/exporter-trace-otlp-http's default), flattened to spans.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Teardown } from './database.js'

interface OtlpValue { stringValue?: string, intValue?: string | number, boolValue?: boolean, doubleValue?: number }
interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  attributes?: Array<{ key: string, value: OtlpValue }>
  status?: { code?: number }
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string, value: OtlpValue }> }, scopeSpans: Array<{ spans: OtlpSpan[] }> }>
}

export interface ReceivedSpan {
  traceId: string
  spanId: string
  parentSpanId: string | undefined
  name: string
  // OTLP's SpanKind: 1 internal, 2 server, 3 client.
  kind: number
  attributes: Record<string, string | number | boolean>
  // 2: error.
  status: number
  service: string | undefined
}

function plain (value: OtlpValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue
  if (value.intValue !== undefined) return Number(value.intValue)
  if (value.doubleValue !== undefined) return value.doubleValue
  return value.boolValue ?? ''
}

export async function otlpReceiver (t: Teardown): Promise<{ url: string, spans: ReceivedSpan[], raw: string[] }> {
  const spans: ReceivedSpan[] = []
  const raw: string[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => { body += chunk })
    request.on('end', () => {
      raw.push(body)
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as OtlpExport
        for (const resourceSpans of payload.resourceSpans) {
          const service = resourceSpans.resource.attributes.find(attribute => attribute.key === 'service.name')?.value.stringValue
          for (const scope of resourceSpans.scopeSpans) {
            for (const span of scope.spans) {
              spans.push({
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId === '' ? undefined : span.parentSpanId,
                name: span.name,
                kind: span.kind,
                attributes: Object.fromEntries((span.attributes ?? []).map(attribute => [attribute.key, plain(attribute.value)])),
                status: span.status?.code ?? 0,
                service
              })
            }
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => { await new Promise(resolve => server.close(resolve)) })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, raw }
}
