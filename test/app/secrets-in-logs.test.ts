// No secret (application secret, consumer key, API key, master key, signature) appears in any log
// line of a full request cycle, errors included, even at trace level.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import type { InjectOptions } from 'fastify'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { loggerOptions } from '../../src/logger.js'
import { parseApiKey } from '../../src/tenancy/api-keys.js'

t.test('a full request cycle logs no secret', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const logger = pino({ ...loggerOptions('trace', false) }, sink)
  const ctx = await build(t, { logger })

  // Credential request, validation and check; then reads, errors and bad keys. Every answer (body
  // and headers) is kept, to be searched like the logs.
  const answers: string[] = []
  const keep = <T extends { body: unknown, headers?: unknown }>(answer: T): T => {
    answers.push(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), JSON.stringify(answer.headers ?? {}))
    return answer
  }
  const inject = async (options: InjectOptions) => keep(await ctx.app.inject(options))
  const user = await seedUser(ctx)
  keep(await graphql(ctx, user.apiKey, '{ me { user { email } credential { state } } domains(first: 5) { edges { node { name serviceInfos { renew { automatic } } } } } }'))
  keep(await rest(ctx, user.apiKey, 'GET', '/v1/domains?first=2'))
  keep(await rest(ctx, user.apiKey, 'GET', '/v1/domains/missing-domain.com'))
  keep(await rest(ctx, user.apiKey, 'GET', '/v1/me'))
  ctx.sandbox.admin.addFault({ path: '/domain', status: 500, times: 5 })
  const failed = keep(await graphql(ctx, user.apiKey, '{ domains { totalCount } }'))
  t.match(failed.body.errors, [{ extensions: { code: 'UPSTREAM_UNAVAILABLE' } }], 'an upstream failure is among the answers searched')
  ctx.sandbox.admin.removeFault()
  await inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${user.apiKey.slice(0, -2)}xx` } })
  await inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${user.apiKey}`, 'x-api-key': user.apiKey } })
  await inject({ method: 'GET', url: `/v1/credentials/${user.credential!.id}/callback` })
  // One request followed through the logs by its id.
  const traced = await inject({ method: 'GET', url: '/v1/domains?first=1', headers: { authorization: `Bearer ${user.apiKey}`, 'x-request-id': 'trace-secrets-1' } })
  t.equal(traced.headers['x-request-id'], 'trace-secrets-1')
  ctx.sandbox.admin.expireCredential({ consumerKey: user.consumerKey! })
  const expired = keep(await graphql(ctx, user.apiKey, '{ domains { totalCount } }'))
  t.match(expired.body.errors, [{ extensions: { code: 'CREDENTIAL_EXPIRED' } }])
  logger.flush()

  const output = lines.join('')
  t.ok(lines.length > 10, `captured ${lines.length} log lines`)
  t.match(output, /"route":"\/domain\/\{serviceName\}"/, 'upstream calls are logged with their route')
  t.match(output, /"queryId":"EU\./, 'and with OVH\'s query id')
  // Made by admin operations outside any request (seedUser): logged by the process's logger.
  t.match(output, /"method":"POST","route":"\/auth\/credential","status":200/, 'the consumer-key request is logged')
  t.match(output, /"method":"GET","route":"\/auth\/currentCredential","status":200/, 'and its check')

  const secrets = {
    'application secret': ctx.sandbox.demo.applicationSecret,
    'consumer key': user.consumerKey!,
    // The secret is base64url and may itself hold '_': parsed, not split.
    'API key secret': parseApiKey(user.apiKey)!.secret,
    'master key': ctx.config.masterKey!.toString('base64'),
    'sealed consumer key': user.credential!.consumerKey
  }
  const bodies = answers.join('\n')
  t.ok(answers.length >= 20, `searched ${answers.length / 2} answers`)
  for (const [name, value] of Object.entries(secrets)) {
    t.notOk(output.includes(value), `no ${name} in the logs`)
    t.notOk(bodies.includes(value), `no ${name} in a response or error body`)
  }
  t.notMatch(output, /\$1\$[0-9a-f]{40}/, 'no OVH signature in the logs')
  t.notMatch(bodies, /\$1\$[0-9a-f]{40}/, 'nor in an answer')

  // The request's own lines carry its id: the request, its upstream call and its completion.
  const traceLines = output.split('\n').filter(Boolean).map(line => JSON.parse(line)).filter(entry => entry.reqId === 'trace-secrets-1')
  t.ok(traceLines.some(entry => entry.msg === 'incoming request'), 'the incoming request line has the id')
  t.ok(traceLines.some(entry => entry.ovh?.route === '/domain'), 'so has its upstream call')
  t.ok(traceLines.some(entry => entry.msg === 'request completed' && entry.res?.statusCode === 200), 'and its completion')
  // Who made it, as README "Health, logs and request ids" says: tenant, user and the key's public prefix.
  t.ok(traceLines.some(entry => entry.ovh?.route === '/domain' && entry.apiKeyPrefix === parseApiKey(user.apiKey)!.prefix && entry.tenant === user.tenant.slug && entry.user === user.user.id),
    'its lines name the tenant, the user and the API key\'s prefix (not redacted)')
})
