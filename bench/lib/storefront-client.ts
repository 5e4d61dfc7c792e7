// A storefront's requests to the gateway, as the faults benchmark sends them, and how each answer is
// judged: the data asked for, a coded error (PRODUCT.md "Errors"), or neither ("unclear": a 500
// INTERNAL, an error without a code, a body that is not JSON). Orders are retried with their
// idempotency key the way a storefront would, until OVH's outcome is known.
import { Pool } from 'undici'
// The tests' valid owner (an individual in Paris), created inline with each order.
import { owner } from '../../test/support/owner.js'

export type Verdict = { kind: 'data', body: any } | { kind: 'coded', code: string, retryable: boolean, retryAfter: number, message: string } | { kind: 'unclear', sample: string } | { kind: 'hung' }

// The codes a client is told to expect; INTERNAL is not one (it is the gateway's own failure).
const DOCUMENTED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'CREDENTIAL_MISSING',
  'CREDENTIAL_PENDING', 'CREDENTIAL_EXPIRED', 'OVH_ERROR', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'GRAPHQL_VALIDATION_FAILED'])

export interface StorefrontRequest {
  label: string
  method: 'GET' | 'POST'
  path: string
  body?: string
  headers?: Record<string, string>
  // True when the answer carries the data asked for.
  isData: (status: number, body: any) => boolean
}

interface ErrorShape { code?: unknown, retryAfter?: unknown, reason?: unknown, idempotency?: unknown, message?: unknown }

/** What to do with one error: only a documented code counts; retryable says a storefront would try again. */
function judgeError (error: ErrorShape | undefined, sample: string, message = error?.message): Verdict {
  const code = typeof error?.code === 'string' ? error.code : ''
  if (!DOCUMENTED_CODES.has(code)) return { kind: 'unclear', sample }
  const retryable = code === 'UPSTREAM_UNAVAILABLE' || code === 'RATE_LIMITED' || error?.idempotency === 'unknown' ||
    (code === 'CONFLICT' && error?.reason === 'IDEMPOTENCY_KEY_IN_USE')
  const said = [typeof message === 'string' ? message : '', typeof error?.reason === 'string' ? `reason ${error.reason}` : '', typeof error?.idempotency === 'string' ? `idempotency ${error.idempotency}` : ''].filter(part => part !== '').join('; ')
  return { kind: 'coded', code, retryable, retryAfter: typeof error?.retryAfter === 'number' ? error.retryAfter : 1, message: said }
}

export class StorefrontClient {
  private readonly pool: Pool

  constructor (origin: string, private readonly apiKey: string, private readonly timeoutMs: number) {
    this.pool = new Pool(origin, { connections: 64 })
  }

  async send (request: StorefrontRequest): Promise<Verdict> {
    let status: number
    let text: string
    try {
      const response = await this.pool.request({
        method: request.method,
        path: request.path,
        body: request.body,
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json', ...request.headers },
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs
      })
      status = response.statusCode
      text = await response.body.text()
    } catch (err) {
      const code = (err as { code?: string }).code
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return { kind: 'hung' }
      return { kind: 'unclear', sample: `no answer: ${(err as Error).message}` }
    }
    const sample = `HTTP ${status} ${text.slice(0, 300)}`
    let body: any
    try {
      body = JSON.parse(text)
    } catch {
      return { kind: 'unclear', sample }
    }
    if (request.isData(status, body)) return { kind: 'data', body }
    // GraphQL: errors[] with extensions (every error must be coded); REST: problem+json with a code.
    if (Array.isArray(body?.errors) && body.errors.length > 0) {
      const verdicts = body.errors.map((error: { message?: unknown, extensions?: ErrorShape }) => judgeError(error.extensions, sample, error.message))
      return verdicts.find((verdict: Verdict) => verdict.kind === 'unclear') ?? verdicts[0]
    }
    return judgeError(status >= 400 ? body : undefined, sample)
  }

  close (): Promise<void> {
    return this.pool.close()
  }
}

const graphql = (query: string, variables?: Record<string, unknown>): string => JSON.stringify({ query, variables })

export function readRequests (domain: string): StorefrontRequest[] {
  return [
    {
      label: 'GraphQL domain(name) (1 OVH call)',
      method: 'POST',
      path: '/graphql',
      body: graphql(`{ domain(name: "${domain}") { name state expirationDate } }`),
      isData: (status, body) => status === 200 && body?.data?.domain?.name === domain && body.errors === undefined
    },
    {
      label: 'GraphQL domains(first: 50) (list + batch read)',
      method: 'POST',
      path: '/graphql',
      body: graphql('{ domains(first: 50) { totalCount edges { node { name state } } } }'),
      isData: (status, body) => status === 200 && body?.data?.domains?.edges?.length > 0 && body.errors === undefined
    },
    {
      label: `REST GET /v1/domains/${domain}`,
      method: 'GET',
      path: `/v1/domains/${domain}`,
      isData: (status, body) => status === 200 && body?.domain === domain
    }
  ]
}

const ORDER = `mutation ($input: OrderDomainInput!, $key: String!) {
  orderDomain(input: $input, idempotencyKey: $key) { replayed domain order { orderId } }
}`

export function orderRequest (domain: string, key: string, attempt = 1): StorefrontRequest {
  return {
    // The gateway logs the request under this id: the key's log lines are found by it.
    headers: { 'x-request-id': `${key}.${attempt}` },
    label: 'GraphQL orderDomain (about 20 OVH calls, idempotency key)',
    method: 'POST',
    path: '/graphql',
    body: graphql(ORDER, { key, input: { domain, duration: 1, ownerLegalAge: true, owner: { contact: owner() }, dns: { nameServers: ['ns1.example.net', 'ns2.example.net'] } } }),
    isData: (status, body) => status === 200 && body?.data?.orderDomain?.domain === domain && body.errors === undefined
  }
}

export interface OrderOutcome {
  key: string
  domain: string
  // The order the gateway answered with, once it did.
  orderId: number | null
  // The last coded refusal that was not worth retrying (nothing was ordered).
  refusedWith: string | null
  attempts: number
  verdicts: Verdict[]
}

/**
 * Sends one order, then retries it with the same key while the answer says to (at most
 * `maxAttempts` in all), waiting what the gateway asks, capped at `maxWaitMs`.
 */
export async function orderUntilKnown (client: StorefrontClient, outcome: OrderOutcome, maxAttempts: number, maxWaitMs: number): Promise<void> {
  while (outcome.orderId === null && outcome.refusedWith === null && outcome.attempts < maxAttempts) {
    outcome.attempts++
    const verdict = await client.send(orderRequest(outcome.domain, outcome.key, outcome.attempts))
    outcome.verdicts.push(verdict)
    if (verdict.kind === 'data') outcome.orderId = Number(verdict.body.data.orderDomain.order.orderId)
    else if (verdict.kind === 'coded' && !verdict.retryable) outcome.refusedWith = verdict.code
    else await new Promise(resolve => setTimeout(resolve, Math.min(maxWaitMs, verdict.kind === 'coded' ? verdict.retryAfter * 1000 : 500)))
  }
}
