// No secret (application secret, consumer key, API key, master key, signature) appears in any log
// line of a full request cycle, errors included, even at trace level; nor one a client sends where
// it does not belong (a URL, an odd header, a body), in the logs, the audit trail or an answer.
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
  // Who made it, as docs/operations.md ("Health, logs and request ids") says: tenant, user and the key's public prefix.
  t.ok(traceLines.some(entry => entry.ovh?.route === '/domain' && entry.apiKeyPrefix === parseApiKey(user.apiKey)!.prefix && entry.tenant === user.tenant.slug && entry.user === user.user.id),
    'its lines name the tenant, the user and the API key\'s prefix (not redacted)')
})

t.test('a key sent where it does not belong is redacted from the logs, the audit trail and the answers', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const logger = pino({ ...loggerOptions('trace', false) }, sink)
  const ctx = await build(t, { logger })
  const user = await seedUser(ctx)
  const key = user.apiKey
  const { prefix } = parseApiKey(key)!
  // A key of the user's with the wrong secret: refused and audited as a denied attempt, with its path.
  const wrongSecret = `${prefix}_${'x'.repeat(43)}`
  const consumerKey = user.consumerKey!
  const applicationSecret = ctx.sandbox.demo.applicationSecret
  const signature = `$1$${'0123456789abcdef'.repeat(3).slice(0, 40)}`
  const encodedKey = [...key].map(char => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')
  const bearer = { authorization: `Bearer ${key}` }

  // Error answers are searched (an answer with data gives back what the caller stored or asked for).
  const answers: string[] = []
  const send = async (options: InjectOptions) => {
    const answer = await ctx.app.inject(options)
    const errors = answer.statusCode >= 400 || (answer.json() as { errors?: unknown }).errors !== undefined
    if (errors) answers.push(answer.body, JSON.stringify(answer.headers))
    return answer
  }
  // In the query string, under any name, encoded or not, and as a parameter's name.
  for (const query of [
    `api_key=${key}`, `X-Weird.Name[0]=${key}`, `q=${encodeURIComponent(`Bearer ${key}`)}`, `z=${encodedKey}`, key,
    `ck=${consumerKey}&first=1`, `as=${applicationSecret}`, `s=${encodeURIComponent(signature)}`, `password=hunter2-${consumerKey.slice(0, 8)}`
  ]) {
    await send({ method: 'GET', url: `/v1/domains?${query}`, headers: bearer })
    await send({ method: 'POST', url: `/graphql?${query}`, payload: { query: '{ me { role } }' } })
  }
  // In the path: no route, a route's parameter, a route refused before it runs.
  for (const path of [`/v1/${key}`, `/v1/domains/${key}`, `/v1/credentials/${key}/callback`, `/v1/tasks/${encodedKey}`, `/${consumerKey}/x`]) {
    const answer = await send({ method: 'GET', url: path, headers: bearer })
    t.ok(answer.statusCode >= 400, `${path.slice(0, 20)}...: refused (${answer.statusCode})`)
  }
  const denied = await send({ method: 'GET', url: `/v1/domains/${key}/tasks`, headers: { authorization: `Bearer ${wrongSecret}` } })
  t.equal(denied.statusCode, 401)
  // In headers, named or not as credentials.
  await send({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': key, cookie: `session=${key}`, 'x-trace': key, 'x-ovh-consumer': consumerKey, 'x-ovh-signature': signature } })
  await send({ method: 'GET', url: '/v1/me', headers: { authorization: `Token ${key}` } })
  // In bodies: JSON that a parser error quotes, a field of the wrong type, GraphQL literals and variables.
  const notJson = await send({ method: 'POST', url: '/v1/carts', headers: { ...bearer, 'content-type': 'application/json' }, payload: `${key} {` })
  t.equal(notJson.statusCode, 400)
  await send({ method: 'POST', url: '/v1/carts', headers: { ...bearer, 'content-type': 'application/json' }, payload: `{"description": "${key}` })
  const wrongType = await send({ method: 'POST', url: '/v1/carts', headers: bearer, payload: { description: key, assign: key, [key]: consumerKey } })
  t.equal(wrongType.statusCode, 400)
  const literal = await send({ method: 'POST', url: '/graphql', headers: bearer, payload: { query: `{ domains(first: "${key}") { totalCount } }` } })
  t.match(literal.json(), { errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })
  const variable = await send({ method: 'POST', url: '/graphql', headers: bearer, payload: { query: 'query ($n: Int) { domains(first: $n) { totalCount } }', variables: { n: key } } })
  t.match(variable.json(), { errors: [{ message: /Int cannot represent/, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })
  await send({ method: 'POST', url: '/graphql', payload: { query: `{ ${consumerKey} }` } })

  // The denied attempt is in the audit trail, with its path redacted.
  const deadline = Date.now() + 5_000
  let audit = await ctx.db.auditEntry.findMany({ where: { tenantId: user.tenant.id } })
  while (!audit.some(entry => entry.operation === 'auth.denied') && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50))
    audit = await ctx.db.auditEntry.findMany({ where: { tenantId: user.tenant.id } })
  }
  t.match(audit.find(entry => entry.operation === 'auth.denied')?.detail, { reason: 'wrong_secret', method: 'GET', url: '/v1/domains/[redacted]/tasks' })
  logger.flush()

  const output = lines.join('')
  t.match(output, /"url":"\/v1\/domains\?api_key=\[redacted\]"/, 'the logged URL keeps the parameter\'s name')
  t.match(output, /"url":"\/v1\/domains\?ck=\[redacted\]&first=1"/, 'and the parameters that hold no secret')
  t.match(output, /"url":"\/v1\/domains\?password=\[redacted\]"/, 'a parameter named like a password is redacted whatever its value')
  t.match(output, /"url":"\/v1\/\[redacted\]"/, 'a path segment holding a key is redacted')
  t.ok(output.includes(`"apiKeyPrefix":"${prefix}"`), 'the key\'s public prefix is still logged where the gateway logs it')
  t.ok(answers.length >= 40, `searched ${answers.length / 2} error answers`)
  const places = { logs: output, 'error answers': answers.join('\n'), 'audit trail': JSON.stringify(audit, (_key, value: unknown) => typeof value === 'bigint' ? String(value) : value) }
  const secrets = { 'API key secret': parseApiKey(key)!.secret, 'consumer key': consumerKey, 'application secret': applicationSecret, signature: signature.slice(3) }
  for (const [place, text] of Object.entries(places)) {
    for (const [name, secret] of Object.entries(secrets)) {
      // Any 12 characters of it: a key cut in two by a redaction that missed its end still leaks.
      const fragment = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12)).find(part => text.includes(part))
      t.equal(fragment, undefined, `no ${name}, nor any part of it, in the ${place}`)
    }
    t.notOk(text.includes('hunter2'), `no password in the ${place}`)
  }
})
