// What Fastify and Node refuse before a route runs (path parameters, URLs, bodies, the request
// head) comes back as problem+json with a documented code and the request id, like every other error.
import t from 'tap'
import { connect } from 'node:net'
import { readFile } from 'node:fs/promises'
import { build, freshSandbox } from '../helper.js'
import type { TestApp } from '../helper.js'
import type { InjectOptions } from 'fastify'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { fromRoot } from '../support/paths.js'
import { ErrorCodes } from '../../src/errors.js'
import { ProblemSchema } from '../../src/plugins/problem.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

const PROBLEM = /^application\/problem\+json/

// A real request head over a socket: inject() bypasses Node's HTTP parser, which answers these.
function rawRequest (ctx: TestApp, head: string): Promise<{ status: number, headers: Record<string, string>, body: any }> {
  const port = Number(new URL(ctx.baseUrl).port)
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', chunk => { answer += chunk })
    socket.on('error', reject)
    socket.on('close', () => {
      const [top, body] = answer.split('\r\n\r\n')
      const [statusLine, ...lines] = top.split('\r\n')
      const headers = Object.fromEntries(lines.map(line => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) })
    })
  })
}

t.test('domain names of 101 to 253 characters reach the route, in every path', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const long = `${'a'.repeat(63)}.${'b'.repeat(40)}.com`
  const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`
  t.equal(longest.length, 253)
  for (const name of [long, longest]) {
    for (const url of [`/v1/domains/${name}`, `/v1/dns/zones/${name}/records`, `/v1/domains/${name}/tasks/1`]) {
      const answer = await rest(ctx, user.apiKey, 'GET', url)
      t.equal(answer.statusCode, 404, `${url.length} characters: not in the account`)
      t.match(answer.headers['content-type'], PROBLEM)
      t.match(answer.body, { code: 'NOT_FOUND', requestId: answer.headers['x-request-id'] })
    }
  }
  // One character too many: the route's own check names the parameter.
  const tooLong = await rest(ctx, user.apiKey, 'GET', `/v1/domains/a${longest}`)
  t.match(tooLong, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'params.name' }] } })
  // Far past any name or id: the router refuses it, in the same shape.
  const absurd = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${'x'.repeat(5000)}.com/records`)
  t.equal(absurd.statusCode, 400)
  t.match(absurd.headers['content-type'], PROBLEM)
  t.match(absurd.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'params' }], requestId: absurd.headers['x-request-id'] })
  t.notMatch(JSON.stringify(absurd.body), /FST_/)
})

t.test('Fastify\'s own refusals are problem+json with a documented code', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const auth = { authorization: `Bearer ${user.apiKey}` }
  const cases: Array<[string, InjectOptions, number, string, string | null]> = [
    ['a malformed percent-encoding', { method: 'GET', url: '/v1/domains/%E0%A4%A' }, 400, 'BAD_USER_INPUT', 'url'],
    ['malformed JSON', { method: 'POST', url: '/v1/availability', headers: { 'content-type': 'application/json' }, payload: '{"domains":' }, 400, 'BAD_USER_INPUT', 'body'],
    ['an empty JSON body', { method: 'POST', url: '/v1/availability', headers: { 'content-type': 'application/json' }, payload: '' }, 400, 'BAD_USER_INPUT', 'body'],
    ['a prototype key', { method: 'POST', url: '/v1/availability', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1},"domains":["a.com"]}' }, 400, 'BAD_USER_INPUT', 'body'],
    ['an unsupported media type', { method: 'POST', url: '/v1/availability', headers: { 'content-type': 'application/xml' }, payload: '<domains/>' }, 415, 'UNSUPPORTED_MEDIA_TYPE', null],
    ['a body over the route\'s limit', { method: 'POST', url: '/v1/availability', payload: { domains: ['x'.repeat(100_000)] } }, 413, 'PAYLOAD_TOO_LARGE', null],
    ['a body over the default limit', { method: 'POST', url: '/v1/rules/check?domain=a.com&action=create', payload: { owner: { firstName: 'x'.repeat(1_100_000) } } }, 413, 'PAYLOAD_TOO_LARGE', null]
  ]
  for (const [name, request, status, code, field] of cases) {
    const answer = await ctx.app.inject({ ...request, headers: { ...auth, ...request.headers } })
    const body = answer.json()
    t.equal(answer.statusCode, status, name)
    t.match(answer.headers['content-type'], PROBLEM, `${name}: problem+json`)
    t.match(body, { code, status, requestId: answer.headers['x-request-id'] }, `${name}: ${code} with the request id`)
    if (field) t.match(body.fields, [{ field }], `${name}: on ${field}`)
    t.ok(ProblemSchema.safeParse(body).success, `${name}: the documented problem shape`)
  }
  const tooLarge = await ctx.app.inject({ method: 'POST', url: '/v1/availability', headers: auth, payload: { domains: ['x'.repeat(100_000)] } })
  t.equal(tooLarge.json().limit, 64 * 1024, 'the route\'s limit, in bytes')
  const gql = await ctx.app.inject({ method: 'POST', url: '/graphql', headers: auth, payload: { query: '{ me { role } }', pad: 'x'.repeat(1_100_000) } })
  t.equal(gql.statusCode, 413)
  t.match(gql.json().errors, [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }], 'GraphQL says the same')
  t.equal((await graphql(ctx, user.apiKey, '{ me { role } }')).statusCode, 200)
})

t.test('a request head Node refuses is problem+json too', async t => {
  const ctx = freshSandbox(shared)
  const huge = await rawRequest(ctx, `GET /v1/me HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.equal(huge.status, 431)
  t.match(huge.headers['content-type'], PROBLEM)
  t.match(huge.body, { code: 'HEADERS_TOO_LARGE', status: 431, requestId: /^[0-9a-f-]{36}$/ })
  t.equal(huge.headers['x-request-id'], huge.body.requestId)
  t.ok(ProblemSchema.safeParse(huge.body).success)
  const garbled = await rawRequest(ctx, 'NOT HTTP AT ALL\r\n\r\n')
  t.equal(garbled.status, 400)
  t.match(garbled.body, { code: 'BAD_USER_INPUT', status: 400, requestId: String })
})

t.test('every code the gateway answers is in docs/errors.md', async t => {
  const table = await readFile(fromRoot('docs', 'errors.md'), 'utf8')
  for (const [code, status] of Object.entries(ErrorCodes)) {
    t.match(table, new RegExp(`\\| \`${code}\` \\| [^|]*\\b${status}\\b`), `${code} (${status})`)
  }
})
