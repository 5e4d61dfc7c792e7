// A stored secret the gateway's master keys cannot open (sealed with a key this instance does not
// have, e.g. by an instance already rotated) answers a coded MASTER_KEY in both APIs, never a bare
// INTERNAL, and the answer names no key or key id; the log says which key.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { createSecretBox, generateMasterKey, keyIdOf } from '../../src/crypto/secret-box.js'
import { applicationSecretContext } from '../../src/tenancy/tenants.js'
import { loggerOptions } from '../../src/logger.js'

t.test('a tenant secret sealed with an unknown key answers MASTER_KEY', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const ctx = await build(t, { logger: pino(loggerOptions('info', false), sink) })
  const user = await seedUser(ctx)
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains?first=1')).statusCode, 200)

  const otherKey = generateMasterKey()
  const sealed = createSecretBox(otherKey).seal(ctx.sandbox.demo.applicationSecret, applicationSecretContext(user.tenant.id))
  await ctx.db.tenant.update({ where: { id: user.tenant.id }, data: { ovhApplicationSecret: sealed } })

  const answer = await rest(ctx, user.apiKey, 'GET', '/v1/domains?first=1')
  t.equal(answer.statusCode, 500)
  t.match(answer.body, { code: 'MASTER_KEY', status: 500, detail: /master key/ })
  const query = await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
  t.equal(query.statusCode, 500)
  t.match(query.body.errors, [{ extensions: { code: 'MASTER_KEY' } }])

  for (const text of [JSON.stringify(answer.body), JSON.stringify(query.body)]) {
    t.notOk(text.includes(keyIdOf(otherKey)) || text.includes(keyIdOf(ctx.config.masterKey!)), 'no key id in the answer')
    t.notOk(text.includes(otherKey.toString('base64')) || text.includes(ctx.config.masterKey!.toString('base64')), 'no key either')
  }
  t.match(lines.join(''), new RegExp(`sealed with master key ${keyIdOf(otherKey)}, which is not configured`), 'the log names the key the secret needs')
})
