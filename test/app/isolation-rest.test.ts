// The isolation matrix over REST: every operation of the OpenAPI document (so a new route is probed
// without a line here) is sent by another tenant, a user limited to another customer and a
// read-only key of the same tenant, with the victim's names and ids in its path. None may succeed,
// see the victim's domains in an answer, or make an OVH call on what it may not reach.
import t from 'tap'
import fc from 'fast-check'
import { build } from '../helper.js'
import { operationsOf, validRequest } from '../fuzz/requests.js'
import type { Operation } from '../fuzz/requests.js'
import { createValidator, documentWithAbsoluteRefs } from '../fuzz/validator.js'
import type { SchemaContext } from '../fuzz/schema-arbitrary.js'
import { isolationMatrix } from '../support/isolation-probes.js'
import type { Victim } from '../support/isolation-probes.js'

// Path parameters that name the victim's objects; the others (a TLD, an option's name) are drawn.
function victimValue (path: string, name: string, victim: Victim): string | undefined {
  if (name === 'name' || name === 'zone') return victim.domain
  if (name === 'taskId') return victim.ids.task
  if (name !== 'id') return undefined
  if (/\/users\/\{id\}/.test(path)) return victim.ids.user
  if (/\/customers\/\{id\}/.test(path)) return victim.ids.customer
  if (/tasks\/\{id\}/.test(path)) return victim.ids.task
  return undefined
}

// Reads sent as POST (a question with a body): a read-only key may ask them.
const READS = new Set(['POST /v1/availability', 'POST /v1/rules/check'])

const namesVictim = (operation: Operation): boolean => /\{(name|zone|taskId)\}|\/(users|customers|tasks)\/\{id\}/.test(operation.path)

// One valid request of the operation (fixed seed), its path then pointed at the victim.
function aimedAt (operation: Operation, victim: Victim) {
  const [drawn] = fc.sample(validRequest(schemas, operation, new Map()), { seed: 15, numRuns: 1 })
  const [path, query] = drawn.url.split('?')
  const segments = operation.path.split('/')
  const url = path.split('/').map((segment, index) => {
    const param = /^\{(\w+)\}$/.exec(segments[index])?.[1]
    const value = param === undefined ? undefined : victimValue(operation.path, param, victim)
    return value === undefined ? segment : encodeURIComponent(value)
  }).join('/') + (query === undefined ? '' : `?${query}`)
  return { url, headers: drawn.headers, body: drawn.body }
}

async function inBatches<T> (items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run))
}

let schemas: SchemaContext

t.test('no REST operation reaches another tenant\'s, another customer\'s or a wider scope\'s objects', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '1000000' } })
  const { probes } = await isolationMatrix(ctx)
  const document = documentWithAbsoluteRefs((await ctx.app.inject('/openapi.json')).json())
  const validator = createValidator(document)
  schemas = { resolve: validator.resolve, validator }
  // The consumer-key callback is opened by a browser with no API key (test/app/credential-flow.test.ts).
  const operations = operationsOf(document).filter(operation => operation.path.startsWith('/v1/') && !operation.path.endsWith('/callback'))
  t.ok(operations.length > 150, `${operations.length} operations`)

  for (const probe of probes) {
    const failures: string[] = []
    const sent = operations.filter(operation => !probe.writesOnly || (operation.method !== 'GET' && !READS.has(`${operation.method} ${operation.path}`)))
    const since = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
    // A few at once: the sandbox's call log is read for the whole probe, not per request.
    await inBatches(sent, 6, async operation => {
      const { url, headers, body } = aimedAt(operation, probe.victim)
      const answer = await ctx.app.inject({ method: operation.method as 'GET', url, headers: { ...headers, authorization: `Bearer ${probe.apiKey}` }, ...(body === undefined ? {} : { payload: body as object }) })
      const label = `${operation.method} ${url} -> ${answer.statusCode}`
      if (answer.statusCode >= 500) failures.push(`${label}: ${answer.body.slice(0, 200)}`)
      else if (probe.writesOnly && answer.statusCode !== 403 && answer.statusCode !== 400) failures.push(`${label}: a read-only key changed something`)
      else if (namesVictim(operation) && answer.statusCode < 400) failures.push(`${label}: reached the victim's object`)
      // A refusal may echo the name it was sent; an answer that succeeded must not hold the victim's.
      else if (answer.statusCode < 400 && probe.victim.secrets.some(name => answer.body.includes(name))) failures.push(`${label}: the answer names the victim's domains`)
    })
    const calls = ctx.sandbox.admin.calls({ since }).filter(probe.forbiddenCall)
    t.same(calls.map(call => `${call.method} ${call.path}`), [], `${probe.name}: no OVH call on what it may not reach`)
    t.same(failures, [], `${probe.name}: ${sent.length} operations`)
  }
})
