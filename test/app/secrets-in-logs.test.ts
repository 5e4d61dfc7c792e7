// No secret (application secret, consumer key, API key, master key, signature) appears in any log
// line of a full request cycle, errors included, even at trace level.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { loggerOptions } from '../../src/logger.js'
import { parseApiKey } from '../../src/tenancy/api-keys.js'

t.test('a full request cycle logs no secret', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const logger = pino({ ...loggerOptions('trace', false) }, sink)
  const ctx = await build(t, { logger })

  // Credential request, validation and check; then reads, errors and bad keys.
  const user = await seedUser(ctx)
  await graphql(ctx, user.apiKey, '{ me { user { email } credential { state } } domains(first: 5) { edges { node { name serviceInfos { renew { automatic } } } } } }')
  await rest(ctx, user.apiKey, 'GET', '/v1/domains?first=2')
  await rest(ctx, user.apiKey, 'GET', '/v1/domains/missing-domain.com')
  ctx.sandbox.admin.addFault({ path: '/domain', status: 500, times: 5 })
  await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
  ctx.sandbox.admin.removeFault()
  await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${user.apiKey.slice(0, -2)}xx` } })
  await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${user.apiKey}`, 'x-api-key': user.apiKey } })
  ctx.sandbox.admin.expireCredential({ consumerKey: user.consumerKey! })
  await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
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
  for (const [name, value] of Object.entries(secrets)) {
    t.notOk(output.includes(value), `no ${name} in the logs`)
  }
  t.notMatch(output, /\$1\$[0-9a-f]{40}/, 'no OVH signature in the logs')
})
