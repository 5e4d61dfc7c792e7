// Webhook endpoints from the CLI: created with the API's checks, listed without secrets, the
// secret rotated, deleted.
import t from 'tap'
import { build } from '../helper.js'
import { cliBeside } from '../support/cli.js'

t.test('webhook create, list, rotate-secret and delete', async t => {
  const ctx = await build(t)
  const { cli } = cliBeside(ctx)
  t.equal((await cli('tenant:create', '--slug', 'shop', '--name', 'Shop', '--ovh-endpoint', 'ovh-eu',
    '--ovh-application-key', 'app-key', '--ovh-application-secret', 'app-secret')).code, 0)

  const refused = await cli('webhook', 'create', '--tenant', 'shop', '--url', 'http://127.0.0.1:9/hooks', '--events', '*')
  t.equal(refused.code, 1, 'a loopback URL is refused outside zero-config mode')
  t.equal(refused.json.error.code, 'BAD_USER_INPUT')
  const unknown = await cli('webhook', 'create', '--tenant', 'shop', '--url', 'https://93.184.215.14/hooks', '--events', 'domain.exploded')
  t.equal(unknown.json.error.code, 'BAD_USER_INPUT')

  const created = await cli('webhook', 'create', '--tenant', 'shop', '--url', 'https://93.184.215.14/hooks', '--events', 'domain.renewed,domain.expiring')
  t.equal(created.code, 0, created.stderr)
  t.match(created.json, { id: String, url: 'https://93.184.215.14/hooks', events: ['domain.renewed', 'domain.expiring'], enabled: true, secret: /^whsec_/ })
  const listed = await cli('webhook:list', '--tenant', 'shop')
  t.match(listed.json, [{ id: created.json.id }])
  t.notOk(JSON.stringify(listed.json).includes('secret'), 'no secret, not even sealed')
  const rotated = await cli('webhook', 'rotate-secret', '--tenant', 'shop', '--id', created.json.id)
  t.match(rotated.json, { id: created.json.id, secret: /^whsec_/ })
  t.not(rotated.json.secret, created.json.secret)
  t.equal((await cli('webhook', 'delete', '--tenant', 'shop', '--id', created.json.id)).code, 0)
  t.same((await cli('webhook:list', '--tenant', 'shop')).json, [])
})
